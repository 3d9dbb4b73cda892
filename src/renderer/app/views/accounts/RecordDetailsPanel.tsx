/**
 * The details of one record, beside the records table (issue #15): every field, where it is and how precisely it
 * was located, its territories in the plan with the source and why, its owner as a sales person, its data set,
 * and (accounts) how many contacts and deals it has. "Why?" opens the full explanation in the Rules view.
 */
import { HelpCircle, X } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef, RecordKind } from '../../../../shared/domain';
import { canonicalPlaceKeys } from '../../../../shared/places';
import { geoPrecisions } from '../../../../shared/records';
import { useModelQuery } from '../../data';
import { formatDate, formatMoney, formatNumber } from '../../i18n';
import { errorText } from '../../modelWords';
import { usePlanStore } from '../../stores/planStore';
import { fieldName } from '../imports/labels';
import { verdict } from '../rules/ExplainPanel';
import { explainRecord } from '../rules/rulesStore';
import { showDetails } from './accountsStore';
import './RecordDetailsPanel.css';
import { AndMore } from '../../components/AndMore';
import { IconButton } from '../../components/IconButton';

/** Territories listed at most; the rest are counted ("and 3 more"). */
const LISTED_TERRITORIES = 10;

function valueText(value: string | number | null, field: FieldDef, currency: string): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (field.type === 'money') return formatMoney(value, currency);
  if (field.type === 'date') return formatDate(value);
  if (field.type === 'latitude' || field.type === 'longitude') return formatNumber(value, { maximumFractionDigits: 5 });
  return formatNumber(value);
}

export function RecordDetailsPanel(props: {
  kind: RecordKind;
  recordId: number;
  fields: FieldDef[];
  planId: string | null;
  currency: string;
}) {
  const { t } = useTranslation();
  const { kind, recordId, planId } = props;
  const details = useModelQuery('recordDetails', { kind, recordId, planId: planId ?? undefined });
  const explained = useModelQuery('explainRecord', planId ? { planId, kind, recordId } : null);
  const territories = usePlanStore((s) => s.territories);
  const byId = useMemo(() => new Map(territories.map((x) => [x.id, x])), [territories]);
  const d = details.data;
  const v = (key: string) => d?.values[key] ?? null;
  const title = d
    ? String(v('name') ?? ([v('firstName'), v('lastName')].filter(Boolean).join(' ') || v('externalId')))
    : '';
  const place = ['street', 'postalCode', 'city', 'region', 'country']
    .map((key) => v(key))
    .filter((x) => x !== null && x !== '')
    .join(', ');
  const precision = v('geoPrecision');
  const lat = v('latitude');
  const lon = v('longitude');
  const explanations = explained.data?.explanations ?? [];
  const placed = explanations.filter((e) => e.assigned);
  // Coordinates, precision and the canonical place keys are said under "Where", in words.
  const hidden = new Set<string>(['latitude', 'longitude', 'geoPrecision', ...canonicalPlaceKeys]);
  const shownFields = props.fields.filter((f) => !hidden.has(f.key));

  return (
    <aside className="record-details" aria-label={t('recordDetails.label', { name: title })}>
      <header className="record-details-head">
        <h2>{title}</h2>
        <IconButton label={t('recordDetails.close')} icon={<X size={16} />} onClick={() => showDetails(null)} />
      </header>
      {details.error && <p className="error-text">{errorText(details.error)}</p>}
      {d && (
        <>
          <section aria-label={t('recordDetails.where')}>
            <h3>{t('recordDetails.where')}</h3>
            <p>{place || <span className="muted">{t('recordDetails.noAddress')}</span>}</p>
            <p className="small">
              {typeof precision === 'string' && (geoPrecisions as readonly string[]).includes(precision) ? (
                <span className={`precision-badge ${precision}`}>{t(`records.precisions.${precision}`)}</span>
              ) : (
                <span className="muted">{t('recordDetails.notLocated')}</span>
              )}{' '}
              {typeof lat === 'number' && typeof lon === 'number' && (
                <span className="muted">
                  {formatNumber(lat, { maximumFractionDigits: 5 })}, {formatNumber(lon, { maximumFractionDigits: 5 })}
                </span>
              )}
            </p>
          </section>
          {planId && (
            <section aria-label={t('recordDetails.territories')}>
              <h3>{t('recordDetails.territories')}</h3>
              {explained.isLoading && <p className="muted small">{t('records.loading')}</p>}
              {explained.data && placed.length === 0 && <p>{t('rules.inNoTerritory')}</p>}
              <ul className="record-details-territories">
                {placed.slice(0, LISTED_TERRITORIES).map((e) => (
                  <li key={e.territoryId}>
                    <strong>{byId.get(e.territoryId)?.name ?? t('rules.deletedTerritory')}</strong>{' '}
                    {e.source && <span className="chip">{t(`rules.sources.${e.source}`)}</span>}
                    <p className="small muted">{verdict(e, byId, t)}</p>
                  </li>
                ))}
                <AndMore as="li" count={placed.length - LISTED_TERRITORIES} />
              </ul>
              <button type="button" onClick={() => explainRecord({ kind, recordId })}>
                <HelpCircle size={15} aria-hidden="true" /> {t('recordDetails.why')}
              </button>
            </section>
          )}
          <section aria-label={t('recordDetails.people')}>
            <h3>{t('recordDetails.people')}</h3>
            <p>
              <span className="muted">{t('recordDetails.owner')}</span>{' '}
              {d.owner === null
                ? t('recordDetails.noOwner')
                : d.owner.name
                  ? `${d.owner.name}${d.owner.email ? ` (${d.owner.email})` : ''}`
                  : t('recordDetails.ownerUnmatched', { owner: d.owner.value })}
            </p>
            {kind === 'account' && (
              <p>
                {t('recordDetails.contacts', { count: d.contacts, formatted: formatNumber(d.contacts) })}
                {' · '}
                {t('recordDetails.deals', { count: d.deals, formatted: formatNumber(d.deals) })}
              </p>
            )}
            {d.dataSet && <p className="small muted">{t('recordDetails.dataSet', { name: d.dataSet })}</p>}
          </section>
          <section aria-label={t('recordDetails.fields')}>
            <h3>{t('recordDetails.fields')}</h3>
            <dl className="record-details-fields">
              {shownFields.map((f) => {
                const text = valueText(d.values[f.key] ?? null, f, props.currency);
                return (
                  <div key={f.key}>
                    <dt>{fieldName(f.key, f.label)}</dt>
                    <dd>{text || <span className="muted">—</span>}</dd>
                  </div>
                );
              })}
            </dl>
          </section>
        </>
      )}
    </aside>
  );
}

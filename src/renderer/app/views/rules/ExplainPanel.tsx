/**
 * "Why is this record here?": the rules on the way down to each of its territories, each condition with the
 * record's values; "by hand"; "inherited from account X"; or, for a territory it is not in, the first condition
 * that failed.
 */
import i18next from 'i18next';
import { Check, CircleSlash, GitBranch, Hand, Link2, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExplainStep, TerritoryExplanation } from '../../../../shared/api/rules';
import type { FieldDef, RecordKind, Territory } from '../../../../shared/domain';
import { recordKinds } from '../../../../shared/domain';
import { useModelQuery } from '../../data';
import { usePlanStore } from '../../stores/planStore';
import { describeCondition, fieldLabel, problemText } from './conditions';
import { SearchBox, useRecordSearch } from './RecordSearch';
import { setExplainTarget, useRulesUi } from './rulesStore';
import { errorText } from '../../modelWords';

const noFields: FieldDef[] = [];

function valueText(value: string | number | null, field: FieldDef | undefined, empty: string): string {
  if (value === null) return empty;
  if (typeof value === 'string') return value;
  if (field?.type === 'date')
    return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium' }).format(new Date(value));
  return value.toLocaleString(i18next.language);
}

function valuesText(
  values: Record<string, string | number | null>,
  fields: readonly FieldDef[],
  empty: string,
): string {
  return Object.entries(values)
    .map(([key, value]) => {
      const field = fields.find((f) => f.key === key);
      return `${fieldLabel(field, key)} = ${valueText(value, field, empty)}`;
    })
    .join(', ');
}

function Step({ step, fields }: { step: ExplainStep; fields: readonly FieldDef[] }) {
  const { t } = useTranslation();
  const passed = step.outcome === 'matched' || step.outcome === 'inherited';
  return (
    <li className={`rules-step ${passed ? 'passed' : 'failed'}`}>
      <div className="rules-step-head">
        {passed ? <Check size={14} aria-hidden="true" /> : <X size={14} aria-hidden="true" />}
        <strong>{step.name}</strong>
        <span className="muted small">{t(`rules.outcomes.${step.outcome}`)}</span>
      </div>
      {step.rules.map((rule) => (
        <div key={rule.ruleId} className="rules-step-rule">
          {rule.pattern && <span className="code">{rule.pattern}</span>}
          {rule.problems.map((p, i) => (
            <p key={i} className="error-text small">
              {problemText(p)}
            </p>
          ))}
          <ol className="rules-step-conditions">
            {rule.conditions.map((c) => (
              <li
                key={c.number}
                className={c.held ? 'held' : c.number === rule.firstFailed ? 'first-failed' : 'failed'}
              >
                <span className="rules-condition-number small">{c.number}</span>
                {c.held ? (
                  <Check size={12} aria-label={t('rules.held')} />
                ) : (
                  <X size={12} aria-label={t('rules.notHeld')} />
                )}
                <span>{describeCondition(c.condition, fields)}</span>
                <span className="muted small">({valuesText(c.values, fields, t('rules.emptyValue'))})</span>
                {c.number === rule.firstFailed && <span className="rules-badge failed">{t('rules.firstFailed')}</span>}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </li>
  );
}

export function verdict(
  e: TerritoryExplanation,
  byId: Map<string, Territory>,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const name = (id: string) => byId.get(id)?.name ?? t('rules.deletedTerritory');
  const territory = name(e.territoryId);
  const account = e.account ? (e.account.name ?? e.account.externalId) : '';
  const failed = e.failedAt?.rules.find((r) => !r.held);
  const options = {
    territory,
    account,
    others: e.manualTerritoryIds.map(name).join(', '),
    ancestor: e.failedAt?.name ?? '',
    number: failed?.firstFailed ?? '?',
  };
  // Placed by the last applied run, but the rules changed since: say so rather than "not here".
  if ((e.reason === 'ruleFailed' || e.reason === 'ancestorFailed') && e.assigned)
    return t('rules.reasons.noLongerHolds', options);
  if ((e.reason === 'ruleFailed' || e.reason === 'ancestorFailed') && e.failedAt && e.failedAt.outcome !== 'failed') {
    return t(`rules.reasons.${e.reason}_${e.failedAt.outcome}`, options);
  }
  return t(`rules.reasons.${e.reason}`, options);
}

function ReasonIcon({ e }: { e: TerritoryExplanation }) {
  if (e.reason === 'manual' || e.reason === 'manualElsewhere') return <Hand size={15} aria-hidden="true" />;
  if (e.reason === 'inheritedFromAccount' || e.reason === 'accountNotHere')
    return <Link2 size={15} aria-hidden="true" />;
  if (e.reason === 'deeperMatch' || e.reason === 'notChosen') return <GitBranch size={15} aria-hidden="true" />;
  return e.assigned ? <Check size={15} aria-hidden="true" /> : <CircleSlash size={15} aria-hidden="true" />;
}

export function ExplainPanel({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const target = useRulesUi((s) => s.explain);
  const territories = usePlanStore((s) => s.territories);
  const byId = useMemo(() => new Map(territories.map((x) => [x.id, x])), [territories]);
  const [kind, setKind] = useState<RecordKind>(target?.kind ?? 'account');
  const [search, setSearch] = useState('');
  const { hits } = useRecordSearch(planId, kind, search, 8);
  // A new record to explain shows its own kind; the planner may then pick another kind to search.
  const [shownTarget, setShownTarget] = useState(target);
  if (target !== shownTarget) {
    setShownTarget(target);
    if (target) setKind(target.kind);
  }
  const explained = useModelQuery(
    'explainRecord',
    target ? { planId, kind: target.kind, recordId: target.recordId, territoryId: target.territoryId } : null,
  );
  const result = target ? (explained.data ?? null) : null;
  const error = target && explained.error ? errorText(explained.error) : null;
  const fields = useModelQuery('listFields', target ? { kind: target.kind } : null).data ?? noFields;

  return (
    <div className="rules-side-body">
      <h2>{t('rules.explainTitle')}</h2>
      <div className="rules-explain-find">
        <select aria-label={t('rules.recordKind')} value={kind} onChange={(e) => setKind(e.target.value as RecordKind)}>
          {recordKinds.map((k) => (
            <option key={k} value={k}>
              {t(`rules.kindsPlural.${k}`)}
            </option>
          ))}
        </select>
        <SearchBox label={t('rules.findToExplain')} value={search} onChange={setSearch} />
      </div>
      {search.trim() !== '' && hits && (
        <ul className="rules-records rules-hits" aria-label={t('rules.searchResults')}>
          {hits.length === 0 && <li className="muted small">{t('rules.noRecordFound')}</li>}
          {hits.map((hit) => (
            <li key={hit.recordId}>
              <button
                type="button"
                className="link rules-record-name"
                onClick={() => {
                  setExplainTarget({ kind, recordId: hit.recordId });
                  setSearch('');
                }}
              >
                {hit.name || hit.externalId}
              </button>
              <span className="muted small">{hit.place}</span>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="error-text">{error}</p>}
      {result && target && (
        <article
          className="rules-explanation"
          aria-label={t('rules.explanationOf', { name: result.record.name || result.record.externalId })}
        >
          <header>
            <h3>{result.record.name || result.record.externalId}</h3>
            <p className="muted small">
              {result.record.externalId}
              {result.record.place && ` · ${result.record.place}`}
            </p>
            <p className="small">
              {result.record.territories.length === 0
                ? t('rules.inNoTerritory')
                : t('rules.inTerritories', {
                    list: result.record.territories
                      .map((p) => `${byId.get(p.territoryId)?.name ?? '?'} (${t(`rules.sources.${p.source}`)})`)
                      .join(', '),
                  })}
            </p>
            <label className="field">
              <span>{t('rules.whyNotIn')}</span>
              <select
                value={target.territoryId ?? ''}
                onChange={(e) =>
                  setExplainTarget({
                    kind: target.kind,
                    recordId: target.recordId,
                    territoryId: e.target.value || undefined,
                  })
                }
              >
                <option value="">{t('rules.itsTerritories')}</option>
                {territories
                  .filter((x) => x.parentId !== null)
                  .map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
              </select>
            </label>
          </header>
          {result.explanations.map((e) => (
            <section key={e.territoryId} className={`rules-verdict ${e.assigned ? 'in' : 'out'}`}>
              <p className="rules-verdict-line">
                <ReasonIcon e={e} /> {verdict(e, byId, t)}
              </p>
              {e.path.length > 0 && (
                <ol className="rules-steps">
                  {e.path.map((step) => (
                    <Step key={step.territoryId} step={step} fields={fields} />
                  ))}
                </ol>
              )}
            </section>
          ))}
        </article>
      )}
      {!result && !error && <p className="muted small">{t('rules.explainHint')}</p>}
    </div>
  );
}

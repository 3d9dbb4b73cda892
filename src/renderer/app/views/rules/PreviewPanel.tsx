/**
 * What a run would change, before anything is written: per territory the records gained and lost (as bars),
 * the records that move (from -> to), those that match nothing and those at the plan's limit; then Apply or
 * Discard. A preview made stale by a later edit says so and cannot be applied.
 */
import { AlertTriangle, Check, Hand, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindPreview, PreviewList, RulePreview } from '../../../../shared/api/rules';
import type { RecordKind, Territory } from '../../../../shared/domain';
import { useModelQuery } from '../../data';
import { formatNumber } from '../../i18n';
import { usePlanStore } from '../../stores/planStore';
import { problemText } from './conditions';
import { applyPreview, discardPreview, explainRecord } from './rulesStore';
import { rulesAction } from './rulesActions';
import { tooltipOf } from '../../viewActions';
import { AndMore } from '../../components/AndMore';
import './rulesA11y.css';
import { Pager } from '../../components/Pager';
import { Tabs } from '../../components/Tabs';

const PAGE = 25;

function TerritoryNames({ ids, byId }: { ids: string[]; byId: Map<string, Territory> }) {
  const { t } = useTranslation();
  if (ids.length === 0) return <span className="muted">{t('rules.nowhere')}</span>;
  return (
    <>
      {ids.map((id, i) => {
        const territory = byId.get(id);
        return (
          <span key={id} className="rules-territory-chip">
            {i > 0 && ', '}
            <span className="color-dot" style={{ background: territory?.color ?? '#94a3b8' }} aria-hidden="true" />
            {territory?.name ?? t('rules.deletedTerritory')}
          </span>
        );
      })}
    </>
  );
}

/** Gained (right, green) and lost (left, red) on one scale for all rows: the biggest change fills its half. */
function ChangeBars({ gained, lost, scale }: { gained: number; lost: number; scale: number }) {
  const width = (n: number) => `${scale === 0 ? 0 : Math.max(n > 0 ? 3 : 0, (n / scale) * 100)}%`;
  return (
    <span className="rules-bars" aria-hidden="true">
      <span className="rules-bar-half lost">
        <span style={{ width: width(lost) }} />
      </span>
      <span className="rules-bar-half gained">
        <span style={{ width: width(gained) }} />
      </span>
    </span>
  );
}

function RecordList(props: {
  preview: RulePreview;
  kind: RecordKind;
  list: PreviewList;
  territoryId: string | null;
  byId: Map<string, Territory>;
}) {
  const { t } = useTranslation();
  const { preview, kind, list, territoryId } = props;
  const [offset, setOffset] = useState(0);
  // Another preview, kind, list or territory starts at the first page.
  const shown = `${preview.previewId}/${kind}/${list}/${territoryId}`;
  const [offsetFor, setOffsetFor] = useState(shown);
  if (offsetFor !== shown) {
    setOffsetFor(shown);
    setOffset(0);
  }
  const answer = useModelQuery(
    'listPreviewRecords',
    { previewId: preview.previewId, kind, list, territoryId: territoryId ?? undefined, offset, limit: PAGE },
    { keepPrevious: true },
  );
  const page = answer.isError ? null : (answer.data ?? null);
  if (!page) return <p className="muted small">{t('common.loading')}</p>;
  if (page.total === 0) return <p className="muted small">{t(`rules.listEmpty.${list}`)}</p>;
  return (
    <>
      <ul className="rules-moves" aria-label={t(`rules.lists.${list}`)}>
        {page.rows.map((row) => (
          <li key={row.recordId}>
            <button
              type="button"
              className="link rules-record-name"
              title={t('rules.explainThis')}
              onClick={() => explainRecord({ kind, recordId: row.recordId })}
            >
              {row.name || row.externalId}
            </button>
            {row.manual && (
              <span className="rules-badge manual" title={t('rules.manualKept')}>
                <Hand size={11} aria-hidden="true" /> {t('rules.manual')}
              </span>
            )}
            <span className="rules-move">
              <TerritoryNames ids={row.from} byId={props.byId} />
              <span className="muted" aria-label={t('rules.movesTo')}>
                {' → '}
              </span>
              <TerritoryNames ids={row.to} byId={props.byId} />
            </span>
          </li>
        ))}
      </ul>
      <Pager offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} />
    </>
  );
}

export function PreviewPanel({ preview, readOnly }: { preview: RulePreview | null; readOnly: boolean }) {
  const { t } = useTranslation();
  const territories = usePlanStore((s) => s.territories);
  const byId = useMemo(() => new Map(territories.map((x) => [x.id, x])), [territories]);
  const [kind, setKind] = useState<RecordKind>('account');
  const [list, setList] = useState<PreviewList>('moved');
  const [territoryId, setTerritoryId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A new preview opens on its moves, over all territories, in a kind it has.
  const [shownPreview, setShownPreview] = useState(preview?.previewId);
  if (shownPreview !== preview?.previewId) {
    setShownPreview(preview?.previewId);
    setTerritoryId(null);
    setList('moved');
    if (preview && !preview.kinds.some((k) => k.kind === kind)) setKind(preview.kinds[0]?.kind ?? 'account');
  }

  if (!preview) {
    return (
      <div className="rules-side-body">
        <p className="muted">{t('rules.noPreview')}</p>
      </div>
    );
  }
  const current: KindPreview | undefined = preview.kinds.find((k) => k.kind === kind) ?? preview.kinds[0];
  const changes = current ? current.territories.filter((c) => c.gained > 0 || c.lost > 0) : [];
  const scale = Math.max(1, ...changes.map((c) => Math.max(c.gained, c.lost)));
  const totalMoved = preview.kinds.reduce((sum, k) => sum + k.moved, 0);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rules-side-body" aria-label={t('rules.previewTitle')}>
      <div className="rules-preview-head">
        <div>
          <h2>{t('rules.previewTitle')}</h2>
          <p className="muted small">
            {t(`rules.scopeOf.${preview.scope.type}`, {
              territory: preview.scope.type === 'territory' ? (byId.get(preview.scope.territoryId)?.name ?? '') : '',
            })}{' '}
            · {t('rules.tookMs', { ms: formatNumber(preview.elapsedMs) })}
          </p>
        </div>
        <div className="rules-preview-actions">
          <button type="button" onClick={() => void act(() => discardPreview(preview))} disabled={busy}>
            <X size={14} aria-hidden="true" /> {t('rules.discard')}
          </button>
          <button
            type="button"
            className="primary"
            title={tooltipOf(t('rules.apply'), rulesAction('applyPreview').shortcuts)}
            onClick={() => void act(() => applyPreview(preview))}
            disabled={busy || preview.stale || readOnly}
          >
            <Check size={14} aria-hidden="true" /> {t('rules.apply')}
          </button>
        </div>
      </div>
      {preview.stale && (
        <p className="rules-warning" role="alert">
          <AlertTriangle size={14} aria-hidden="true" /> {t('rules.stale')}
        </p>
      )}
      <p className="rules-total" role="status">
        {totalMoved === 0
          ? t('rules.nothingMoves')
          : t('rules.recordsMove', { count: totalMoved, formatted: formatNumber(totalMoved) })}
      </p>

      {preview.kinds.length > 1 && (
        <Tabs
          className="rules-kind-switch"
          label={t('rules.recordKind')}
          options={preview.kinds.map((k) => k.kind)}
          value={current?.kind}
          onChange={setKind}
        >
          {(shown) => (
            <>
              {t(`rules.kinds.${shown}`)}{' '}
              <span className="count">{formatNumber(preview.kinds.find((k) => k.kind === shown)!.moved)}</span>
            </>
          )}
        </Tabs>
      )}

      {current && (
        <>
          <dl className="figure-cards rules-figures">
            <div>
              <dt>{t('rules.lists.moved')}</dt>
              <dd>{formatNumber(current.moved)}</dd>
            </div>
            <div>
              <dt>{t('rules.lists.unmatched')}</dt>
              <dd>{formatNumber(current.unmatched)}</dd>
            </div>
            <div>
              <dt>{t('rules.lists.hitLimit')}</dt>
              <dd>{formatNumber(current.hitLimit)}</dd>
            </div>
            <div>
              <dt>{t('rules.manualKeptShort')}</dt>
              <dd>{formatNumber(current.manual)}</dd>
            </div>
          </dl>

          {changes.length > 0 && (
            <section className="rules-changes" aria-label={t('rules.changesByTerritory')}>
              <h3>{t('rules.changesByTerritory')}</h3>
              <table>
                <thead>
                  <tr>
                    <th>{t('rules.territory')}</th>
                    <th className="num">{t('rules.before')}</th>
                    <th className="num">{t('rules.after')}</th>
                    <th className="num lost">
                      <span aria-hidden="true">−</span>
                      <span className="sr-only">{t('a11y.lost')}</span>
                    </th>
                    <th>
                      <span className="sr-only">{t('a11y.changeBars')}</span>
                    </th>
                    <th className="num gained">
                      <span aria-hidden="true">+</span>
                      <span className="sr-only">{t('a11y.gained')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {changes.slice(0, 30).map((c) => {
                    const territory = byId.get(c.territoryId);
                    const name = territory?.name ?? t('rules.deletedTerritory');
                    return (
                      <tr
                        key={c.territoryId}
                        className={territoryId === c.territoryId ? 'selected' : undefined}
                        aria-label={t('rules.changeRow', { name, gained: c.gained, lost: c.lost })}
                        onClick={() => {
                          setTerritoryId(territoryId === c.territoryId ? null : c.territoryId);
                          setList('moved');
                        }}
                      >
                        <td>
                          <span
                            className="color-dot"
                            style={{ background: territory?.color ?? '#94a3b8' }}
                            aria-hidden="true"
                          />{' '}
                          {/* The row's click (it bubbles here) opens the territory's moves: a button for the keyboard. */}
                          <button type="button" className="link" aria-pressed={territoryId === c.territoryId}>
                            {name}
                          </button>
                        </td>
                        <td className="num">{formatNumber(c.before)}</td>
                        <td className="num">{formatNumber(c.after)}</td>
                        <td className="num lost">{c.lost > 0 ? `−${formatNumber(c.lost)}` : ''}</td>
                        <td className="rules-bars-cell">
                          <ChangeBars gained={c.gained} lost={c.lost} scale={scale} />
                        </td>
                        <td className="num gained">{c.gained > 0 ? `+${formatNumber(c.gained)}` : ''}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <AndMore count={changes.length - 30} />
            </section>
          )}

          <Tabs
            className="tabs rules-list-tabs"
            label={t('rules.records')}
            options={['moved', 'unmatched', 'hitLimit'] as const}
            value={list}
            onChange={setList}
          >
            {(name) => (
              <>
                {t(`rules.lists.${name}`)} <span className="count">{formatNumber(current[name])}</span>
              </>
            )}
          </Tabs>
          {territoryId && list === 'moved' && (
            <p className="small">
              {t('rules.onlyTerritory', { name: byId.get(territoryId)?.name ?? '' })}{' '}
              <button type="button" className="link" onClick={() => setTerritoryId(null)}>
                {t('rules.showAll')}
              </button>
            </p>
          )}
          <RecordList
            preview={preview}
            kind={current.kind}
            list={list}
            territoryId={list === 'moved' ? territoryId : null}
            byId={byId}
          />
        </>
      )}

      {preview.problems.length > 0 && (
        <section className="rules-problems" aria-label={t('rules.problemsTitle')}>
          <h3>
            <AlertTriangle size={14} aria-hidden="true" /> {t('rules.problemsTitle')}
          </h3>
          <ul>
            {preview.problems.map((p, i) => (
              <li key={i}>
                <strong>{byId.get(p.territoryId)?.name ?? ''}</strong> — {problemText(p)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {preview.ignoredManual > 0 && (
        <p className="muted small">{t('rules.ignoredManual', { count: preview.ignoredManual })}</p>
      )}
    </div>
  );
}

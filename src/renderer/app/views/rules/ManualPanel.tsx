/**
 * Assignment by hand: pick records (found here by name, or handed over from the Accounts view's selection) and
 * put them in the selected territory; the list of manual assignments, each releasable back to the rules.
 * Both are undoable; runs never touch manual assignments.
 */
import { Hand, Undo2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleKind } from '../../../../shared/api/rules';
import type { Territory } from '../../../../shared/domain';
import { mutate, useModelQuery } from '../../data';
import { formatNumber } from '../../i18n';
import { usePlanStore } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';
import { SearchBox, useRecordSearch } from './RecordSearch';
import { clearHandedOver, explainRecord, runRules, useRulesUi } from './rulesStore';
import { Pager } from '../../components/Pager';

const PAGE = 50;

function ManualList(props: { planId: string; territory: Territory | null; readOnly: boolean }) {
  const { t } = useTranslation();
  const territories = usePlanStore((s) => s.territories);
  const byId = useMemo(() => new Map(territories.map((x) => [x.id, x])), [territories]);
  const [onlyHere, setOnlyHere] = useState(false);
  const [offset, setOffset] = useState(0);
  const territoryId = onlyHere && props.territory ? props.territory.id : undefined;
  const answer = useModelQuery(
    'listManualAssignments',
    { planId: props.planId, territoryId, offset, limit: PAGE },
    { keepPrevious: true },
  );
  const page = answer.isError ? null : (answer.data ?? null);

  const release = async (ids: string[]) => {
    const result = await mutate('releaseManual', { planId: props.planId, ids });
    if (result) notify(t('rules.released', { count: result.released }), 'success');
  };

  return (
    <section className="rules-manual-list" aria-label={t('rules.manualTitle')}>
      <header className="rules-section-head">
        <h3>{t('rules.manualTitle')}</h3>
        {page && <span className="count">{formatNumber(page.total)}</span>}
        <span className="grow" />
        {props.territory && (
          <label className="inline">
            <input
              type="checkbox"
              checked={onlyHere}
              onChange={(e) => {
                setOnlyHere(e.target.checked);
                setOffset(0);
              }}
            />
            {t('rules.onlyIn', { name: props.territory.name })}
          </label>
        )}
      </header>
      {!page || page.total === 0 ? (
        <p className="muted small">{t('rules.noManual')}</p>
      ) : (
        <>
          <ul className="rules-records">
            {page.rows.map((row) => {
              const territory = byId.get(row.territoryId);
              return (
                <li key={row.id}>
                  <button
                    type="button"
                    className="link rules-record-name"
                    title={t('rules.explainThis')}
                    onClick={() => explainRecord({ kind: row.recordKind, recordId: row.recordId })}
                  >
                    {row.name || row.externalId || `#${row.recordId}`}
                  </button>
                  <span className="muted small">{t(`rules.kinds.${row.recordKind}`)}</span>
                  <span className="rules-territory-chip">
                    <span
                      className="color-dot"
                      style={{ background: territory?.color ?? '#94a3b8' }}
                      aria-hidden="true"
                    />
                    {territory?.name ?? t('rules.deletedTerritory')}
                  </span>
                  <span className="grow" />
                  {!props.readOnly && (
                    <button
                      type="button"
                      className="small-button"
                      aria-label={t('rules.releaseNamed', { name: row.name || row.externalId })}
                      onClick={() => void release([row.id])}
                    >
                      <Undo2 size={13} aria-hidden="true" /> {t('rules.release')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          <Pager offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset}>
            {!props.readOnly && page.rows.length > 1 && (
              <button type="button" onClick={() => void release(page.rows.map((r) => r.id))}>
                {t('rules.releaseShown', { count: page.rows.length })}
              </button>
            )}
          </Pager>
        </>
      )}
    </section>
  );
}

export function ManualPanel(props: { planId: string; kind: RuleKind; territory: Territory | null; readOnly: boolean }) {
  const { t } = useTranslation();
  const handedOver = useRulesUi((s) => s.handedOver);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Map<number, string>>(new Map());
  const [keepOthers, setKeepOthers] = useState(false);
  const { hits, more, showMore, pending } = useRecordSearch(props.planId, props.kind, search);
  const territories = usePlanStore((s) => s.territories);
  const byId = useMemo(() => new Map(territories.map((x) => [x.id, x])), [territories]);
  const { territory } = props;
  const canAssign = territory !== null && territory.parentId !== null && !props.readOnly;

  // Another kind of records or another plan: what was chosen no longer applies.
  const [chosenFor, setChosenFor] = useState(`${props.planId}/${props.kind}`);
  if (chosenFor !== `${props.planId}/${props.kind}`) {
    setChosenFor(`${props.planId}/${props.kind}`);
    setChosen(new Map());
  }

  const assign = async (recordIds: number[]) => {
    if (!territory) return;
    const result = await mutate('assignManually', {
      planId: props.planId,
      kind: props.kind,
      recordIds,
      territoryId: territory.id,
      mode: keepOthers ? 'add' : 'replace',
    });
    if (result) {
      notify(t('rules.assignedByHand', { count: recordIds.length, name: territory.name }), 'success');
      setChosen(new Map());
    }
  };

  // From the previous state, not the rendered one: quick ticks before a re-render must all count.
  const toggle = (recordId: number, name: string) =>
    setChosen((previous) => {
      const next = new Map(previous);
      if (next.has(recordId)) next.delete(recordId);
      else next.set(recordId, name);
      return next;
    });

  return (
    <div className="rules-side-body">
      <h2>
        <Hand size={15} aria-hidden="true" /> {t('rules.byHandTitle')}
      </h2>
      <p className="muted small">{t('rules.byHandLead')}</p>
      {!canAssign && !props.readOnly && <p className="rules-warning">{t('rules.pickTerritoryFirst')}</p>}

      {handedOver && handedOver.recordIds.length > 0 && (
        <div className="rules-handed">
          <p>
            {t('rules.handedOver', {
              count: handedOver.recordIds.length,
              formatted: formatNumber(handedOver.recordIds.length),
            })}
          </p>
          <div className="rules-card-actions">
            <button type="button" onClick={clearHandedOver}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              title={t('rules.runForChosenHint')}
              onClick={() =>
                void runRules(props.planId, {
                  type: 'records',
                  kind: handedOver.kind,
                  recordIds: handedOver.recordIds,
                }).then(clearHandedOver)
              }
            >
              {t('rules.runForChosen')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={!canAssign}
              onClick={() => void assign(handedOver.recordIds).then(clearHandedOver)}
            >
              {t('rules.assignTo', { count: handedOver.recordIds.length, name: territory?.name ?? '…' })}
            </button>
          </div>
        </div>
      )}

      <SearchBox
        label={t('rules.findRecords', { kind: t(`rules.kindsInText.${props.kind}`) })}
        value={search}
        onChange={setSearch}
      />
      <ul className="rules-records rules-hits" aria-label={t('rules.searchResults')} aria-busy={pending}>
        {(hits ?? []).map((hit) => (
          <li key={hit.recordId}>
            <label className="rules-hit">
              <input
                type="checkbox"
                checked={chosen.has(hit.recordId)}
                onChange={() => toggle(hit.recordId, hit.name)}
                aria-label={t('rules.choose', { name: hit.name || hit.externalId })}
              />
              <span className="rules-record-name">{hit.name || hit.externalId}</span>
            </label>
            <span className="muted small">{hit.place}</span>
            <span className="grow" />
            <span className="small">
              {hit.territories.length === 0
                ? t('rules.nowhere')
                : hit.territories
                    .map(
                      (p) =>
                        `${byId.get(p.territoryId)?.name ?? '?'}${p.source === 'manual' ? ` (${t('rules.manual')})` : ''}`,
                    )
                    .join(', ')}
            </span>
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" className="link" onClick={showMore}>
          {t('forecast.search.showMore')}
        </button>
      )}
      <div className="rules-card-actions">
        <label className="inline" title={t('rules.keepOthersHint')}>
          <input type="checkbox" checked={keepOthers} onChange={(e) => setKeepOthers(e.target.checked)} />
          {t('rules.keepOthers')}
        </label>
        <span className="grow" />
        <button
          type="button"
          className="primary"
          disabled={!canAssign || chosen.size === 0}
          onClick={() => void assign([...chosen.keys()])}
        >
          {chosen.size === 0
            ? t('rules.chooseToAssign')
            : t('rules.assignTo', { count: chosen.size, name: territory?.name ?? '…' })}
        </button>
      </div>

      <ManualList planId={props.planId} territory={territory} readOnly={props.readOnly} />
    </div>
  );
}

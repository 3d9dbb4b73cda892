import { AlertTriangle, Check, ChevronDown, ChevronRight, ListChecks, Split, Target as TargetIcon } from 'lucide-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForecastSheet } from '../../../../shared/api/targets';
import type { Territory } from '../../../../shared/domain';
import { childrenByParent } from '../../../../shared/hierarchy';
import { mutate, useModelQuery } from '../../data';
import { ask } from '../../components/dialogs';
import { EmptyState } from '../../components/EmptyState';
import { formatCompactMoney, formatFiscalYear, formatMoney, formatNumber } from '../../i18n';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import { TargetCell } from './TargetCell';
import { openDealStages } from '../planSettings/trustDialogsStore';
import { ActionButtons } from '../../components/ActionButtons';
import { useViewCommands } from '../../shell/viewCommands';
import { exportActions, forecastsActions, yearActions, type ForecastsContext } from './forecastsActions';

/** The fiscal year today falls in (named after the year it ends in), for a year starting in `startMonth`. */
function fiscalYearOfToday(startMonth: number): number {
  const now = new Date();
  const month = now.getMonth() + 1;
  return startMonth === 1 || month < startMonth ? now.getFullYear() : now.getFullYear() + 1;
}

const sum = (values: readonly (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
const anySet = (values: readonly (number | null)[]) => values.some((v) => v !== null);

/** Territories in tree order with their depth, for an indented table. */
function treeOrder(territories: readonly Territory[]): { territory: Territory; depth: number }[] {
  const children = childrenByParent(territories);
  const out: { territory: Territory; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const t of children.get(parentId) ?? []) {
      out.push({ territory: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Targets per territory and member, rolled up the hierarchy, against what was won and what is in the pipeline. */
export function ForecastsView() {
  const { t } = useTranslation();
  const plan = usePlanStore(currentPlan);
  const territories = usePlanStore((s) => s.territories);
  const users = usePlanStore((s) => s.users);
  const [year, setYear] = useState<number | null>(null);
  const [weighted, setWeighted] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const readOnly = plan?.status !== 'draft';
  const planId = plan?.id;
  const startMonth = plan?.fiscalYearStartMonth ?? 1;

  const fiscalYear = year ?? fiscalYearOfToday(startMonth);
  // Read through the data layer: a change to targets, territories, people, records or assignments refreshes it.
  const answer = useModelQuery('getForecast', planId ? { planId, fiscalYear, weighted } : null, {
    keepPrevious: true,
  });
  const sheet: ForecastSheet | null = answer.data ?? null;
  // First visit: today's fiscal year if it has targets, else the latest year with targets; without targets,
  // today's year if deals close in it, else the next year deals close in. Chosen while rendering the first
  // answer (state derived from it, not set from an effect), so the year asked for next is the one shown.
  if (year === null && sheet && !answer.isPlaceholderData) {
    const targets = sheet.yearsWithTargets;
    const deals = sheet.yearsWithDeals;
    const best = targets.includes(fiscalYear)
      ? fiscalYear
      : (targets[targets.length - 1] ??
        (deals.includes(fiscalYear) ? fiscalYear : (deals.find((y) => y > fiscalYear) ?? deals[deals.length - 1])));
    setYear(best ?? fiscalYear);
  }

  const rows = useMemo(() => treeOrder(territories), [territories]);
  const userName = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);
  // Years offered come from the data: targets, deals' close dates, and today. The year shown in the picker, and
  // the one the keys step from, is the year asked for, even while the previous year's figures stay on screen until
  // its answer comes: stepping from the answer's year, a key pressed meanwhile went back to the year being left
  // (the first visit asks for today's year, then for the year it chooses), and two quick presses moved one year.
  // Until the first answer there are no years, and the keys do nothing.
  const years = sheet
    ? [...new Set([...sheet.yearsWithTargets, ...sheet.yearsWithDeals, sheet.currentFiscalYear, fiscalYear])].sort(
        (a, b) => a - b,
      )
    : [];
  const context: ForecastsContext = { years, year: fiscalYear, setYear };
  useViewCommands('forecasts', forecastsActions, context);
  if (!plan || !sheet) return <div className="view muted">{t('common.loading')}</div>;

  const byTerritory = new Map(sheet.rows.map((r) => [r.territoryId, r]));
  const membersOf = (territoryId: string) => sheet.members.filter((m) => m.territoryId === territoryId);
  const root = rows[0]?.territory;
  const rootRow = root ? byTerritory.get(root.id) : undefined;
  const money = (v: number) => formatMoney(v, sheet.currency);
  const compact = (v: number) => formatCompactMoney(v, sheet.currency);
  const hasTargets = sheet.rows.some((r) => anySet(r.target) || anySet(r.membersTarget));

  // The organisation's figures, or (when it has no target of its own) what its regions add up to.
  const headline = rootRow
    ? {
        target: anySet(rootRow.target) ? sum(rootRow.target) : sum(rootRow.childrenTarget),
        achieved: sum(rootRow.achieved),
        pipeline: sum(rootRow.pipeline),
      }
    : { target: 0, achieved: 0, pipeline: 0 };

  const setTarget = (territoryId: string, userId: string | null, period: string, amount: number | null) =>
    mutate('setTarget', { planId: plan.id, territoryId, userId, period, amount });

  const distributeFrom = async (territory: Territory) => {
    const choice = await ask.choice(
      t('forecasts.distributeTitle', { name: territory.name }),
      t('forecasts.distributeText'),
      [
        { value: 'children:even', label: t('forecasts.toChildrenEven') },
        { value: 'children:potential', label: t('forecasts.toChildrenPotential') },
        { value: 'children:history', label: t('forecasts.toChildrenHistory') },
        { value: 'members:even', label: t('forecasts.toMembersEven') },
      ],
    );
    if (!choice) return;
    const [to, method] = choice.split(':') as ['children' | 'members', 'even' | 'potential' | 'history'];
    await mutate('distributeTarget', {
      planId: plan.id,
      territoryId: territory.id,
      periods: sheet.periods,
      to,
      method,
    });
  };

  return (
    <section
      className="view forecasts-view"
      aria-label={t('views.forecasts')}
      aria-busy={answer.isPlaceholderData || undefined}
    >
      <header className="view-header">
        <h1>{t('forecasts.title')}</h1>
        <ActionButtons actions={yearActions.slice(0, 1)} context={context} />
        <label className="inline-field">
          <span>{t('forecasts.fiscalYear')}</span>
          <select
            aria-label={t('forecasts.fiscalYear')}
            value={fiscalYear}
            onChange={(e) => setYear(Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {formatFiscalYear(y, startMonth)}
              </option>
            ))}
          </select>
        </label>
        <ActionButtons actions={yearActions.slice(1)} context={context} />
        <label className="inline-field">
          <input type="checkbox" checked={weighted} onChange={(e) => setWeighted(e.target.checked)} />
          <span>{t('forecasts.weighted')}</span>
        </label>
        <button type="button" onClick={openDealStages}>
          <ListChecks size={16} aria-hidden="true" /> {t('dealStages.open')}
        </button>
        <ActionButtons actions={exportActions} context={context} />
      </header>

      <div className="kpis">
        <div className="kpi">
          <span className="muted small">{t('forecasts.target')}</span>
          <strong>{money(headline.target)}</strong>
        </div>
        <div className="kpi">
          <span className="muted small">{t('forecasts.achieved')}</span>
          <strong>{money(headline.achieved)}</strong>
        </div>
        <div className="kpi">
          <span className="muted small">{weighted ? t('forecasts.pipelineWeighted') : t('forecasts.pipeline')}</span>
          <strong>{money(headline.pipeline)}</strong>
        </div>
        <div className="kpi">
          <span className="muted small">{t('forecastWords.attainment')}</span>
          <strong>
            {headline.target > 0
              ? `${formatNumber((headline.achieved / headline.target) * 100, { maximumFractionDigits: 0 })} %`
              : '—'}
          </strong>
        </div>
        <div className="kpi">
          <span className="muted small">{t('forecastWords.projectedWithPipeline')}</span>
          <strong>
            {headline.target > 0
              ? `${formatNumber(((headline.achieved + headline.pipeline) / headline.target) * 100, { maximumFractionDigits: 0 })} %`
              : '—'}
          </strong>
        </div>
      </div>
      {!sheet.dealsAssigned && <p className="note">{t('forecasts.dealsNotAssigned')}</p>}
      {!hasTargets && (
        <EmptyState icon={<TargetIcon size={32} />} title={t('forecasts.emptyTitle')} text={t('forecasts.emptyText')} />
      )}

      {/* The figures of the year being left take no edits: a target typed there would go to that year. */}
      <div className="sheet-scroll" inert={answer.isPlaceholderData || undefined}>
        <table className="sheet" aria-label={t('forecasts.title')}>
          <thead>
            <tr>
              <th className="name-col">{t('forecasts.territory')}</th>
              {sheet.periods.map((p) => (
                <th key={p} className="num">
                  {p.slice(5)}
                </th>
              ))}
              <th className="num">{t('forecasts.year')}</th>
              <th className="num">{t('forecasts.achieved')}</th>
              <th className="num">{t('forecasts.pipeline')}</th>
              <th className="attainment-col">{t('forecasts.attainment')}</th>
              <th>
                <span className="sr-only">{t('forecasts.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ territory, depth }) => {
              const row = byTerritory.get(territory.id);
              if (!row) return null;
              const members = membersOf(territory.id);
              const open = expanded.has(territory.id);
              // The same target as the header's: its own, or (without one) what its sub-territories add up to.
              const yearTarget = anySet(row.target) ? sum(row.target) : sum(row.childrenTarget);
              const achieved = sum(row.achieved);
              const share = yearTarget > 0 ? achieved / yearTarget : 0;
              return (
                <Fragment key={territory.id}>
                  <tr className={depth === 0 ? 'root-row' : undefined}>
                    <td className="name-col">
                      <div className="name-cell" style={{ paddingLeft: depth * 18 }}>
                        {members.length > 0 ? (
                          <button
                            type="button"
                            className="icon"
                            aria-expanded={open}
                            aria-label={t('forecasts.showMembers', { name: territory.name })}
                            onClick={() =>
                              setExpanded((s) => {
                                const n = new Set(s);
                                if (n.has(territory.id)) n.delete(territory.id);
                                else n.add(territory.id);
                                return n;
                              })
                            }
                          >
                            {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
                          </button>
                        ) : (
                          <span className="chevron-space" />
                        )}
                        <span className="color-dot" style={{ background: territory.color }} aria-hidden="true" />
                        {territory.name}
                      </div>
                    </td>
                    {sheet.periods.map((period, i) => (
                      <td key={period} className="num">
                        <TargetCell
                          label={t('forecasts.targetOf', { name: territory.name, period })}
                          value={row.target[i]}
                          currency={sheet.currency}
                          readOnly={readOnly}
                          onChange={(amount) => setTarget(territory.id, null, period, amount)}
                        />
                        {(row.childMismatch[i] || row.memberMismatch[i]) && (
                          <span
                            className="mismatch"
                            role="img"
                            aria-label={t('forecasts.mismatch')}
                            title={[
                              row.childMismatch[i]
                                ? t('forecasts.childrenAddUp', { amount: money(row.childrenTarget[i] ?? 0) })
                                : '',
                              row.memberMismatch[i]
                                ? t('forecasts.membersAddUp', { amount: money(row.membersTarget[i] ?? 0) })
                                : '',
                            ]
                              .filter(Boolean)
                              .join('\n')}
                          >
                            <AlertTriangle size={12} />
                          </span>
                        )}
                        {row.target[i] === null && row.childrenTarget[i] !== null && (
                          <span className="muted small rollup" title={t('forecasts.childrenSum')}>
                            Σ {compact(row.childrenTarget[i]!)}
                          </span>
                        )}
                        {(row.achieved[i] > 0 || row.pipeline[i] > 0) && (
                          <span
                            className="period-figures muted small"
                            role="note"
                            aria-label={t('forecastWords.quarterTitle', {
                              period: `${territory.name} ${period}`,
                              won: money(row.achieved[i]),
                              pipeline: money(row.pipeline[i]),
                            })}
                            title={t('forecastWords.quarterTitle', {
                              period,
                              won: money(row.achieved[i]),
                              pipeline: money(row.pipeline[i]),
                            })}
                          >
                            ✓ {compact(row.achieved[i])} · ◔ {compact(row.pipeline[i])}
                          </span>
                        )}
                      </td>
                    ))}
                    <td className="num strong">{anySet(row.target) ? compact(yearTarget) : '—'}</td>
                    <td className="num">{compact(achieved)}</td>
                    <td className="num">{compact(sum(row.pipeline))}</td>
                    <td className="attainment-col">
                      {yearTarget > 0 && (
                        <div
                          className="attainment"
                          title={`${formatNumber(share * 100, { maximumFractionDigits: 0 })} %`}
                        >
                          <div
                            className={`bar${share >= 1 ? ' done' : ''}`}
                            style={{ width: `${Math.min(100, share * 100)}%` }}
                          />
                          <span>
                            {formatNumber(share * 100, { maximumFractionDigits: 0 })} %
                            {/* Reached is green, and says so with a mark and in words: never by colour alone. */}
                            {share >= 1 && (
                              <>
                                {' '}
                                <Check size={11} aria-hidden="true" />
                                <span className="sr-only">{t('a11y.targetReached')}</span>
                              </>
                            )}
                          </span>
                        </div>
                      )}
                    </td>
                    <td>
                      {!readOnly && anySet(row.target) && (
                        <button
                          type="button"
                          className="icon"
                          aria-label={t('forecasts.distributeTitle', { name: territory.name })}
                          title={t('forecasts.distribute')}
                          onClick={() => void distributeFrom(territory)}
                        >
                          <Split size={15} />
                        </button>
                      )}
                    </td>
                  </tr>
                  {open &&
                    members.map((member) => (
                      <tr key={`${territory.id}/${member.userId}`} className="member-row">
                        <td className="name-col">
                          <div className="name-cell" style={{ paddingLeft: (depth + 1) * 18 + 30 }}>
                            {userName.get(member.userId) ?? '—'}
                          </div>
                        </td>
                        {sheet.periods.map((period, i) => (
                          <td key={period} className="num">
                            <TargetCell
                              label={t('forecasts.targetOf', { name: userName.get(member.userId) ?? '', period })}
                              value={member.target[i]}
                              currency={sheet.currency}
                              readOnly={readOnly}
                              onChange={(amount) => setTarget(territory.id, member.userId, period, amount)}
                            />
                          </td>
                        ))}
                        <td className="num">{compact(sum(member.target))}</td>
                        <td colSpan={4} />
                      </tr>
                    ))}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

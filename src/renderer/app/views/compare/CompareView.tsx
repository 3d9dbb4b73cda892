import { ArrowRight, Copy, History, Scale } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceFigures, BalanceMeasure, PlanComparison, PlanVersion } from '../../../../shared/api/compare';
import type { Plan } from '../../../../shared/domain';
import { useModelQuery } from '../../data';
import { EmptyState } from '../../components/EmptyState';
import { formatCompactMoney, formatDate, formatNumber } from '../../i18n';
import { duplicatePlan } from '../../shell/planActions';
import { currentPlan, usePlanStore } from '../../stores/planStore';

import {
  AssumptionsSection,
  DisruptionSection,
  DistributionChart,
  ForecastSection,
  planColors,
  type ForecastRequestState,
} from './ForecastPanels';
import { Segmented } from '../../components/Segmented';
import { ActionButtons } from '../../components/ActionButtons';
import { useViewCommands } from '../../shell/viewCommands';
import { compareActions, compareMeasures, swapActions, type CompareContext } from './compareActions';

type Measure = BalanceMeasure;
const thisYear = new Date().getUTCFullYear();

/** One plan in the comparison: a plan as it is now, or as it was before its last apply. */
interface PlanRef {
  planId: string;
  version: PlanVersion;
}
const refKey = (r: PlanRef) => `${r.planId}:${r.version}`;
const sameRef = (a: PlanRef, b: PlanRef) => a.planId === b.planId && a.version === b.version;

/**
 * What Compare opens on: the plan the open one was based on as the reference, beside the open plan (moves then
 * read "original → what-if"); else the open plan beside the newest other. With one plan, Compare offers the plan
 * before its last apply beside it now.
 */
function defaultRefs(plan: Plan, plans: readonly Plan[]): PlanRef[] {
  const now: PlanRef = { planId: plan.id, version: 'current' };
  const base = plans.find((p) => p.id === plan.basedOnPlanId && p.id !== plan.id);
  if (base) return [{ planId: base.id, version: 'current' }, now];
  const other = plans.filter((p) => p.id !== plan.id).at(-1);
  if (other) return [now, { planId: other.id, version: 'current' }];
  return [now];
}

/** Plans side by side: balance, per-territory figures with a chart, and the accounts that move. */
export function CompareView() {
  const { t } = useTranslation();
  const plan = usePlanStore(currentPlan);
  const plans = usePlanStore((s) => s.plans);
  const lastApply = useModelQuery('lastApply', plan ? { planId: plan.id } : null);
  const applyAt = lastApply.data?.at ?? null;
  // The planner's own choice, kept for the plan it was made in; else the default for the open plan.
  const [picked, setPicked] = useState<{ forPlan: string; refs: PlanRef[] } | null>(null);
  const options = useMemo<PlanRef[]>(
    () =>
      plans.flatMap((p): PlanRef[] =>
        p.id === plan?.id && applyAt !== null
          ? [
              { planId: p.id, version: 'current' },
              { planId: p.id, version: 'beforeLastApply' },
            ]
          : [{ planId: p.id, version: 'current' }],
      ),
    [plans, plan?.id, applyAt],
  );
  const chosen = useMemo<PlanRef[]>(() => {
    if (!plan) return [];
    if (picked?.forPlan === plan.id && picked.refs.every((r) => options.some((o) => sameRef(o, r)))) {
      return picked.refs;
    }
    return defaultRefs(plan, plans);
  }, [picked, plan, plans, options]);
  const [measure, setMeasure] = useState<Measure>('accounts');
  const [fiscalYear, setFiscalYear] = useState<number | null>(null);
  const [periods, setPeriods] = useState<number[] | null>(null);
  const [threshold, setThreshold] = useState(90);
  const [tau, setTau] = useState(5);
  const sheet = useModelQuery('getForecast', plan ? { planId: plan.id, fiscalYear: thisYear } : null);
  const year = fiscalYear ?? sheet.data?.yearsWithTargets.at(-1) ?? thisYear;
  const periodCount = plan?.targetPeriod === 'month' ? 12 : 4;
  const request: ForecastRequestState = {
    fiscalYear: year,
    periods: periods ?? Array.from({ length: periodCount }, (_, i) => i),
    threshold: threshold / 100,
  };
  const { data: answer } = useModelQuery(
    'comparePlans',
    chosen.length >= 2
      ? {
          planIds: chosen.map((r) => r.planId),
          versions: chosen.map((r) => r.version),
          tolerance: tau / 100,
          forecast: request,
        }
      : null,
    { keepPrevious: true },
  );
  const nameOf = (r: PlanRef) => {
    const name = plans.find((p) => p.id === r.planId)?.name ?? '';
    return r.version === 'current' ? name : t('forecast.beforeLastApply', { name });
  };
  // Past versions named as such everywhere the comparison shows a plan's name.
  const comparison = useMemo<PlanComparison | undefined>(
    () =>
      answer && {
        ...answer,
        plans: answer.plans.map((p) =>
          p.version === 'current' ? p : { ...p, name: t('forecast.beforeLastApply', { name: p.name }) },
        ),
      },
    [answer, t],
  );

  const currency = plan?.currency ?? 'EUR';
  const barMeasure = measure === 'pipeline' || measure === 'projectedAttainment' ? 'revenue' : measure;
  const value = (v: number) => (barMeasure === 'accounts' ? formatNumber(v) : formatCompactMoney(v, currency));
  const leaves = useMemo(
    () => comparison?.territories.filter((row) => row.isLeaf && row.depth > 0) ?? [],
    [comparison],
  );
  const chartMax = Math.max(1, ...leaves.flatMap((row) => row.figures.map((f) => (f ? f[barMeasure] : 0))));
  const choose = (refs: PlanRef[]) => plan && setPicked({ forPlan: plan.id, refs });
  const context: CompareContext = {
    swap: chosen.length >= 2 ? () => choose([chosen[1], chosen[0], ...chosen.slice(2)]) : undefined,
    measure,
    setMeasure,
  };
  useViewCommands('compare', compareActions, context);

  if (!plan) return null;
  const overTime: PlanRef[] = [
    { planId: plan.id, version: 'beforeLastApply' },
    { planId: plan.id, version: 'current' },
  ];
  if (plans.length < 2 && !(picked?.forPlan === plan.id && chosen.length >= 2)) {
    return (
      <section className="view" aria-label={t('views.compare')}>
        <h1 className="sr-only">{t('compare.title')}</h1>
        <EmptyState icon={<Scale size={32} />} title={t('compare.emptyTitle')} text={t('compare.emptyText')}>
          <button type="button" className="primary" onClick={() => void duplicatePlan(plan)}>
            <Copy size={16} aria-hidden="true" /> {t('compare.duplicate')}
          </button>
          {applyAt !== null && (
            <button type="button" onClick={() => setPicked({ forPlan: plan.id, refs: overTime })}>
              <History size={16} aria-hidden="true" /> {t('forecast.compareOverTime')}
            </button>
          )}
        </EmptyState>
      </section>
    );
  }

  const toggle = (r: PlanRef) =>
    choose(
      chosen.some((c) => sameRef(c, r))
        ? chosen.filter((c) => !sameRef(c, r))
        : chosen.length >= 4
          ? chosen
          : [...chosen, r],
    );
  const makeReference = (r: PlanRef) => choose([r, ...chosen.filter((c) => !sameRef(c, r))]);
  // The picker lists the chosen plans in their order (the reference first), then the others.
  const listed = [...chosen, ...options.filter((o) => !chosen.some((c) => sameRef(c, o)))];
  // With nothing of the measure in any territory there is no balance to speak of: "—", not a perfect 100 %.
  const balanceLine = (b: BalanceFigures) => {
    const none = b.count === 0 || b.max === 0;
    const figure = (text: string) => (none ? '—' : text);
    return [
      [t('compare.cv'), figure(formatNumber(b.coefficientOfVariation * 100, { maximumFractionDigits: 1 }) + ' %')],
      [
        t('compare.within', { tau: formatNumber(b.tolerance * 100) }),
        figure(formatNumber(b.withinTolerance * 100, { maximumFractionDigits: 0 }) + ' %'),
      ],
      [t('forecast.gini'), figure(formatNumber(b.gini, { maximumFractionDigits: 2 }))],
      [
        t('compare.maxMin'),
        figure(Number.isFinite(b.maxOverMin) ? formatNumber(b.maxOverMin, { maximumFractionDigits: 1 }) + '×' : '∞'),
      ],
    ];
  };

  return (
    <section className="view compare-view" aria-label={t('views.compare')}>
      <header className="view-header">
        <h1>{t('compare.title')}</h1>
        <Segmented label={t('compare.measure')} options={compareMeasures} value={measure} onChange={setMeasure}>
          {(m) => t(`forecast.measures.${m}`)}
        </Segmented>
      </header>
      <fieldset className="plan-picker">
        <legend>{t('compare.pick')}</legend>
        {listed.map((r) => {
          const at = chosen.findIndex((c) => sameRef(c, r));
          const p = plans.find((x) => x.id === r.planId);
          if (!p) return null;
          const name = nameOf(r);
          return (
            <div key={refKey(r)} className="plan-pick" data-testid={`pick-${refKey(r)}`}>
              <label>
                <input
                  type="checkbox"
                  checked={at >= 0}
                  onChange={() => toggle(r)}
                  aria-label={t('compare.include', { name })}
                />
                {at >= 0 && <span className="swatch" style={{ background: planColors[at] }} aria-hidden="true" />}
                {at >= 0 && <span className="pick-rank">{at + 1}</span>}
                {name}
              </label>
              {r.version === 'current' ? (
                <span className={`status-chip ${p.status}`}>{t(`plan.status.${p.status}`)}</span>
              ) : (
                applyAt && <span className="muted small">{t('forecast.appliedAt', { date: formatDate(applyAt) })}</span>
              )}
              {at === 0 && <span className="reference-chip">{t('forecast.referenceBadge')}</span>}
            </div>
          );
        })}
      </fieldset>
      {chosen.length >= 2 && (
        <div className="order-line">
          <label>
            <span aria-hidden="true">{t('forecast.referencePick')}</span>{' '}
            <select
              aria-label={t('forecast.referencePick')}
              value={refKey(chosen[0])}
              onChange={(e) => {
                const r = chosen.find((c) => refKey(c) === e.target.value);
                if (r) makeReference(r);
              }}
            >
              {chosen.map((r) => (
                <option key={refKey(r)} value={refKey(r)}>
                  {nameOf(r)}
                </option>
              ))}
            </select>
          </label>
          <ActionButtons actions={swapActions} context={context} />
          <p className="muted small" data-testid="order-note">
            {t('forecast.orderNote', { reference: nameOf(chosen[0]) })}
          </p>
        </div>
      )}
      {chosen.length < 2 && <p className="note">{t('compare.pickTwo')}</p>}
      <div className="forecast-controls">
        <label>
          {t('forecast.fiscalYear')}{' '}
          <input
            type="number"
            min={1900}
            max={2200}
            value={year}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isInteger(v) && v >= 1900 && v <= 2200) setFiscalYear(v);
            }}
          />
        </label>
        <fieldset className="period-picker">
          <legend>{t('forecast.periods')}</legend>
          {Array.from({ length: periodCount }, (_, i) => {
            const name = periodCount === 4 ? `Q${i + 1}` : String(i + 1).padStart(2, '0');
            const on = request.periods.includes(i);
            return (
              <label key={i}>
                <input
                  type="checkbox"
                  checked={on}
                  aria-label={t('forecast.period', { period: name })}
                  onChange={() => {
                    const next = on
                      ? request.periods.filter((p) => p !== i)
                      : [...request.periods, i].sort((a, b) => a - b);
                    if (next.length > 0) setPeriods(next);
                  }}
                />
                {name}
              </label>
            );
          })}
        </fieldset>
        <BoundedNumber label={t('forecast.threshold')} min={0} max={500} value={threshold} onChange={setThreshold} />
        <BoundedNumber label={t('forecast.tau')} min={1} max={50} value={tau} onChange={setTau} />
      </div>

      {comparison && (
        <>
          <div className="compare-cards">
            {comparison.plans.map((p, i) => (
              <div
                key={`${p.planId}:${p.version}`}
                className="kpi compare-card"
                style={{ borderTopColor: planColors[i] }}
              >
                <strong>{p.name}</strong>
                <span className="muted small">
                  {t('compare.summary', {
                    territories: p.territories,
                    leaves: p.leaves,
                    accounts: formatNumber(p.assignedAccounts),
                  })}
                </span>
                {!p.applied && (
                  <span className="muted small">
                    {t(p.version === 'beforeLastApply' ? 'compare.notAppliedBefore' : 'compare.notApplied')}
                  </span>
                )}
                <dl>
                  {balanceLine(p.balance[measure]).map(([label, text]) => (
                    <div key={label}>
                      <dt>{label}</dt>
                      <dd>{text}</dd>
                    </div>
                  ))}
                  <div>
                    <dt>{t('compare.unassigned')}</dt>
                    <dd>{formatNumber(p.unassignedAccounts)}</dd>
                  </div>
                  <div>
                    <dt>{t('compare.target')}</dt>
                    <dd>{formatCompactMoney(p.targetTotal, currency)}</dd>
                  </div>
                </dl>
              </div>
            ))}
          </div>

          <DistributionChart comparison={comparison} measure={measure} currency={currency} />
          <ForecastSection comparison={comparison} plans={plans} currency={currency} />
          <AssumptionsSection comparison={comparison} plans={plans} />
          <DisruptionSection comparison={comparison} currency={currency} request={request} />
          <div className="compare-grid">
            <div className="panel">
              <h2>{t('compare.byTerritory', { measure: t(`compare.${barMeasure}`) })}</h2>
              <div className="bars" role="img" aria-label={t('compare.chart')}>
                {leaves.map((row) => (
                  <div key={row.key} className="bar-row">
                    <span className="bar-label" title={row.path}>
                      {row.name}
                    </span>
                    <span className="bar-stack">
                      {row.figures.map((f, i) => (
                        <span key={i} className="bar-line">
                          <span
                            className="bar-fill"
                            style={{
                              width: `${((f ? f[barMeasure] : 0) / chartMax) * 100}%`,
                              background: planColors[i],
                            }}
                          />
                          <span className="bar-value">{f ? value(f[barMeasure]) : '—'}</span>
                        </span>
                      ))}
                    </span>
                  </div>
                ))}
              </div>
            </div>

            <div className="panel">
              <h2>
                {t('compare.moves', { count: comparison.movedCount, formatted: formatNumber(comparison.movedCount) })}
              </h2>
              {comparison.movedCount === 0 ? (
                <p className="muted">{t('compare.noMoves')}</p>
              ) : (
                // It scrolls: focusable, so the keyboard can scroll it too.
                <ul className="moves" aria-label={t('compare.movesList')} tabIndex={0}>
                  {comparison.moved.map((m) => (
                    <li key={m.recordId}>
                      <span className="move-name">{m.name || m.externalId}</span>
                      <span className="muted small">
                        {m.territories[0].join(', ') || t('compare.none')}
                        {m.territories.slice(1).map((names, i) => (
                          <span key={i}>
                            {' '}
                            <ArrowRight size={11} aria-hidden="true" />{' '}
                            <span style={{ color: planColors[i + 1] }}>{names.join(', ') || t('compare.none')}</span>
                          </span>
                        ))}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/** A labelled number input held within [min, max]; an empty or unreadable entry reads as min. */
function BoundedNumber(props: {
  label: string;
  min: number;
  max: number;
  value: number;
  onChange(value: number): void;
}) {
  const { min, max } = props;
  return (
    <label>
      {props.label}{' '}
      <input
        type="number"
        min={min}
        max={max}
        value={props.value}
        onChange={(e) => props.onChange(Math.max(min, Math.min(max, Number(e.target.value) || min)))}
      />
    </label>
  );
}

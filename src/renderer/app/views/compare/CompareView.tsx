import { ArrowRight, Copy, Scale } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceFigures, BalanceMeasure } from '../../../../shared/api/compare';
import { useModelQuery } from '../../data';
import { EmptyState } from '../../components/EmptyState';
import { formatCompactMoney, formatNumber } from '../../i18n';
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

type Measure = BalanceMeasure;
const thisYear = new Date().getUTCFullYear();

/** Plans side by side: balance, per-territory figures with a chart, and the accounts that move. */
export function CompareView() {
  const { t } = useTranslation();
  const plan = usePlanStore(currentPlan);
  const plans = usePlanStore((s) => s.plans);
  const [chosen, setChosen] = useState<string[]>([]);
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
  const { data: comparison } = useModelQuery(
    'comparePlans',
    chosen.length >= 2 ? { planIds: chosen, tolerance: tau / 100, forecast: request } : null,
    { keepPrevious: true },
  );

  // Start with the current plan and the plan it was based on (or the newest other one).
  useEffect(() => {
    if (!plan) return;
    setChosen((previous) => {
      if (previous[0] === plan.id && previous.every((id) => plans.some((p) => p.id === id))) return previous;
      const other = plans.find((p) => p.id === plan.basedOnPlanId) ?? plans.filter((p) => p.id !== plan.id).at(-1);
      return other ? [plan.id, other.id] : [plan.id];
    });
  }, [plan, plans]);

  const currency = plan?.currency ?? 'EUR';
  const barMeasure = measure === 'pipeline' || measure === 'projectedAttainment' ? 'revenue' : measure;
  const value = (v: number) => (barMeasure === 'accounts' ? formatNumber(v) : formatCompactMoney(v, currency));
  const leaves = useMemo(
    () => comparison?.territories.filter((row) => row.isLeaf && row.depth > 0) ?? [],
    [comparison],
  );
  const chartMax = Math.max(1, ...leaves.flatMap((row) => row.figures.map((f) => (f ? f[barMeasure] : 0))));

  if (!plan) return null;
  if (plans.length < 2) {
    return (
      <section className="view" aria-label={t('views.compare')}>
        <h1 className="sr-only">{t('compare.title')}</h1>
        <EmptyState icon={<Scale size={32} />} title={t('compare.emptyTitle')} text={t('compare.emptyText')}>
          <button type="button" className="primary" onClick={() => void duplicatePlan(plan)}>
            <Copy size={16} aria-hidden="true" /> {t('compare.duplicate')}
          </button>
        </EmptyState>
      </section>
    );
  }

  const toggle = (id: string) =>
    setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : list.length >= 4 ? list : [...list, id]));
  const balanceLine = (b: BalanceFigures) => [
    [t('compare.cv'), formatNumber(b.coefficientOfVariation * 100, { maximumFractionDigits: 1 }) + ' %'],
    [
      t('compare.within', { tau: formatNumber(b.tolerance * 100) }),
      formatNumber(b.withinTolerance * 100, { maximumFractionDigits: 0 }) + ' %',
    ],
    [t('forecast.gini'), formatNumber(b.gini, { maximumFractionDigits: 2 })],
    [
      t('compare.maxMin'),
      Number.isFinite(b.maxOverMin) ? formatNumber(b.maxOverMin, { maximumFractionDigits: 1 }) + '×' : '∞',
    ],
  ];

  return (
    <section className="view compare-view" aria-label={t('views.compare')}>
      <header className="view-header">
        <h1>{t('compare.title')}</h1>
        <div className="segmented" role="radiogroup" aria-label={t('compare.measure')}>
          {(['accounts', 'revenue', 'potential', 'pipeline', 'projectedAttainment'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={measure === m}
              className={measure === m ? 'active' : ''}
              onClick={() => setMeasure(m)}
            >
              {t(`forecast.measures.${m}`)}
            </button>
          ))}
        </div>
      </header>
      <fieldset className="plan-picker">
        <legend>{t('compare.pick')}</legend>
        {plans.map((p) => {
          const at = chosen.indexOf(p.id);
          return (
            <label key={p.id} className="plan-pick">
              <input
                type="checkbox"
                checked={at >= 0}
                onChange={() => toggle(p.id)}
                aria-label={t('compare.include', { name: p.name })}
              />
              {at >= 0 && <span className="swatch" style={{ background: planColors[at] }} aria-hidden="true" />}
              {p.name}
              <span className={`status-chip ${p.status}`}>{t(`plan.status.${p.status}`)}</span>
            </label>
          );
        })}
      </fieldset>
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
        <label>
          {t('forecast.threshold')}{' '}
          <input
            type="number"
            min={0}
            max={500}
            value={threshold}
            onChange={(e) => setThreshold(Math.max(0, Math.min(500, Number(e.target.value) || 0)))}
          />
        </label>
        <label>
          {t('forecast.tau')}{' '}
          <input
            type="number"
            min={1}
            max={50}
            value={tau}
            onChange={(e) => setTau(Math.max(1, Math.min(50, Number(e.target.value) || 1)))}
          />
        </label>
      </div>

      {comparison && (
        <>
          <div className="compare-cards">
            {comparison.plans.map((p, i) => (
              <div key={p.planId} className="kpi compare-card" style={{ borderTopColor: planColors[i] }}>
                <strong>{p.name}</strong>
                <span className="muted small">
                  {t('compare.summary', {
                    territories: p.territories,
                    leaves: p.leaves,
                    accounts: formatNumber(p.assignedAccounts),
                  })}
                </span>
                {!p.applied && <span className="muted small">{t('compare.notApplied')}</span>}
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
                <ul className="moves" aria-label={t('compare.movesList')}>
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

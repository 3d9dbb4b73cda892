/**
 * Compare's forecast parts (issue 14): the forecast per territory and plan with its chart, each plan's what-if
 * assumptions beside it, the disruption with money (flow chart, table, CSV) and the balance distribution chart.
 */
import type { EChartsCoreOption } from 'echarts/core';
import i18next from 'i18next';
import { AlertTriangle, Download, TrendingDown, TrendingUp } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceMeasure, PlanComparison, TerritoryForecast } from '../../../../shared/api/compare';
import type { ForecastAssumptions } from '../../../../shared/api/forecast';
import type { Plan } from '../../../../shared/domain';
import { attempt } from '../../actions';
import { desktop, desktopCall } from '../../bridge';
import { callModel, mutate, useModelQuery } from '../../data';
import { formatCompactMoney, formatMoney, formatNumber } from '../../i18n';
import { notify } from '../../stores/uiStore';
import { Chart } from './Chart';
import { FLOWS_LISTED, flowChartOption } from './flowChart';
import './changes.css';
import './forecast.css';
import { AndMore } from '../../components/AndMore';
import { NumberField } from '../../components/NumberField';

/** One colour per compared plan; each is at least 4.5:1 on white, since plan names are written in it. */
export const planColors = ['#2563eb', '#c2410c', '#15803d', '#9333ea'];

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : formatNumber(v * 100, { maximumFractionDigits: 0 }) + ' %';
const times = (v: number | null) => (v === null ? '—' : formatNumber(v, { maximumFractionDigits: 1 }) + '×');

/**
 * A plan's figure against the reference's: a sign, an arrow and words beside it, so that more and less are never
 * told by colour alone.
 */
function Change(props: { delta: number; text: (magnitude: number) => string; reference: string; testId: string }) {
  const { t } = useTranslation();
  const { delta } = props;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const Icon = delta > 0 ? TrendingUp : delta < 0 ? TrendingDown : null;
  const signed = `${sign}${props.text(Math.abs(delta))}`;
  return (
    <span
      className={`plan-change ${delta > 0 ? 'up' : delta < 0 ? 'down' : 'same'}`}
      data-testid={props.testId}
      data-value={delta}
    >
      {Icon && <Icon size={12} aria-hidden="true" />}
      {t(delta > 0 ? 'a11y.moreThan' : delta < 0 ? 'a11y.lessThan' : 'a11y.sameAs', {
        delta: signed,
        reference: props.reference,
      })}
    </span>
  );
}

export interface ForecastRequestState {
  fiscalYear: number;
  periods: number[];
  threshold: number;
}

/** Forecast table per territory and plan, the chart of target vs projected, and the plan totals. */
export function ForecastSection({
  comparison,
  plans,
  currency,
}: {
  comparison: PlanComparison;
  plans: Plan[];
  currency: string;
}) {
  const { t } = useTranslation();
  const money = (v: number | null) => (v === null ? '—' : formatCompactMoney(v, currency));
  // Derived from the comparison once per answer, so the chart's options are computed once per answer too.
  const rows = useMemo(
    () => comparison.territories.filter((r) => r.forecast.some((f) => f !== null)),
    [comparison.territories],
  );
  const leaves = useMemo(() => rows.filter((r) => r.isLeaf && r.depth > 0), [rows]);
  // A plan as it was before its last apply is history: read only.
  const reference = comparison.plans[0];
  const writable = comparison.plans.map(
    (p) => p.version === 'current' && plans.find((x) => x.id === p.planId)?.status === 'draft',
  );

  const option = useMemo<EChartsCoreOption>(() => {
    const names = leaves.map((r) => r.name);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, fontSize: 10 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCompactMoney(v, currency) } },
      series: comparison.plans.flatMap((p, i) => [
        {
          name: `${p.name} · ${t('forecast.projected')}`,
          type: 'bar',
          itemStyle: { color: planColors[i] },
          data: leaves.map((r) => Math.round(r.forecast[i]?.projected ?? 0)),
        },
        {
          name: `${p.name} · ${t('forecast.target')}`,
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [14, 3],
          itemStyle: { color: '#111827' },
          data: leaves.map((r) => r.forecast[i]?.target ?? null),
        },
      ]),
    };
  }, [comparison, leaves, currency, t]);

  const cell = (f: TerritoryForecast | null, i: number, key: string, id: string | undefined, rowKey: string) => {
    if (!f) return <td colSpan={6}>—</td>;
    return (
      <>
        <td>{money(f.target)}</td>
        <td>{money(f.won)}</td>
        <td title={`${t('forecast.weighted')} ${money(f.weighted)}`}>
          {money(f.pipeline)}
          <span className="muted small"> ({money(f.weighted)})</span>
        </td>
        <td className="projected-cell" data-testid={`projected-${i}-${rowKey}`} data-value={f.projected}>
          {money(f.projected)}
          {f.ramping && (
            <span
              className="badge"
              title={t('forecast.ramping', { ramp: pct(comparison.plans[i].forecast!.assumptions.rampPercent / 100) })}
            >
              {t('forecast.rampBadge')}
            </span>
          )}
          {writable[i] && id ? (
            <UpliftInput plan={comparison.plans[i]} territoryId={id} territoryName={key} value={f.ownUpliftPercent} />
          ) : f.upliftPercent !== 0 ? (
            <span className="muted small"> {formatNumber(f.upliftPercent, { signDisplay: 'always' })} %</span>
          ) : null}
        </td>
        <td
          className={
            f.projectedAttainment !== null && f.projectedAttainment < comparison.plans[i].forecast!.threshold
              ? 'below'
              : ''
          }
        >
          {pct(f.attainment)} → {pct(f.projectedAttainment)}
          {/* Below the threshold is red, and says so with a mark and in words: never by colour alone. */}
          {f.projectedAttainment !== null && f.projectedAttainment < comparison.plans[i].forecast!.threshold && (
            <>
              {' '}
              <AlertTriangle size={12} aria-hidden="true" />
              <span className="sr-only">
                {t('a11y.belowThreshold', { threshold: pct(comparison.plans[i].forecast!.threshold) })}
              </span>
            </>
          )}
        </td>
        <td>
          {money(f.gap)} / {times(f.coverage)}
        </td>
      </>
    );
  };

  return (
    <div className="panel forecast-panel">
      <h2>{t('forecast.title')}</h2>
      <div className="compare-cards">
        {comparison.plans.map((p, i) =>
          p.forecast ? (
            <div
              key={`${p.planId}:${p.version}`}
              className="kpi compare-card"
              style={{ borderTopColor: planColors[i] }}
            >
              <strong>
                {p.name} {i === 0 && <span className="muted small">({t('forecast.reference')})</span>}
              </strong>
              {!p.forecast.dealsAssigned && <span className="muted small">{t('forecast.noDeals')}</span>}
              <dl>
                <div>
                  <dt>{t('forecast.target')}</dt>
                  <dd>{money(p.forecast.totals.target)}</dd>
                </div>
                <div>
                  <dt>{t('forecast.projected')}</dt>
                  <dd data-testid={`projected-${i}`} data-value={p.forecast.totals.projected}>
                    {money(p.forecast.totals.projected)}
                    {i > 0 && reference?.forecast && (
                      <Change
                        delta={p.forecast.totals.projected - reference.forecast.totals.projected}
                        text={(d) => formatCompactMoney(d, currency)}
                        reference={reference.name}
                        testId={`projected-change-${i}`}
                      />
                    )}
                  </dd>
                </div>
                <div>
                  <dt>{t('forecast.projectedAttainment')}</dt>
                  <dd>{pct(p.forecast.totals.projectedAttainment)}</dd>
                </div>
                <div>
                  <dt>{t('forecast.coverage')}</dt>
                  <dd>{times(p.forecast.totals.coverage)}</dd>
                </div>
              </dl>
              <span className="small">
                {t('forecast.belowThreshold', {
                  below: p.forecast.belowThreshold,
                  count: p.forecast.withTarget,
                  threshold: pct(p.forecast.threshold),
                })}
              </span>
              <span className="small muted">
                {t('forecast.spread', {
                  min: pct(p.forecast.spread.min),
                  max: pct(p.forecast.spread.max),
                  cv: pct(p.forecast.spread.coefficientOfVariation),
                })}
              </span>
              {p.forecast.rampingTerritories > 0 && (
                <span className="small muted">
                  {t('forecast.rampingCount', { count: p.forecast.rampingTerritories })}
                </span>
              )}
            </div>
          ) : null,
        )}
      </div>
      <h3>{t('forecast.chartTargets')}</h3>
      <Chart
        option={option}
        label={t('forecast.chartTargetsAlt')}
        height={300}
        category={t('a11y.chart.territory')}
        format={(v) => formatMoney(v, currency)}
      />
      <div className="forecast-table-wrap">
        <table className="forecast-table" aria-label={t('forecast.title')}>
          <thead>
            <tr>
              <th rowSpan={2}>{t('forecast.territory')}</th>
              {comparison.plans.map((p, i) => (
                <th key={`${p.planId}:${p.version}`} colSpan={6} style={{ borderTopColor: planColors[i] }}>
                  {p.name}
                </th>
              ))}
            </tr>
            <tr>
              {comparison.plans.map((p) => (
                <FragmentHeads key={`${p.planId}:${p.version}`} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.depth === 0 ? 'total-row' : ''}>
                <th scope="row" style={{ paddingLeft: 8 + r.depth * 12 }}>
                  {r.name}
                </th>
                {r.forecast.map((f, i) => (
                  <Cells key={i}>{cell(f, i, r.name, r.ids[i] ?? undefined, r.key)}</Cells>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Cells({ children }: { children: React.ReactNode }) {
  return <>{children}</>;
}

function FragmentHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th>{t('forecast.target')}</th>
      <th>{t('forecast.won')}</th>
      <th>
        {t('forecast.pipeline')} ({t('forecast.weighted')})
      </th>
      <th>{t('forecast.projected')}</th>
      <th>
        {t('forecast.attainment')} → {t('forecast.projectedAttainment')}
      </th>
      <th>
        {t('forecast.gap')} / {t('forecast.coverage')}
      </th>
    </>
  );
}

function UpliftInput({
  plan,
  territoryId,
  territoryName,
  value,
}: {
  plan: PlanComparison['plans'][number];
  territoryId: string;
  territoryName: string;
  value: number | null;
}) {
  const { t } = useTranslation();
  const assumptions = plan.forecast!.assumptions;
  const save = (next: number | null) => {
    const upliftPercent = { ...assumptions.upliftPercent };
    if (next === null) delete upliftPercent[territoryId];
    else upliftPercent[territoryId] = next;
    void mutate('setForecastAssumptions', { planId: plan.planId, assumptions: { ...assumptions, upliftPercent } });
  };
  return (
    <NumberField
      className="uplift-input"
      min={-100}
      max={1000}
      step={1}
      placeholder="±%"
      value={value}
      label={t('forecast.upliftOf', { territory: territoryName, plan: plan.name })}
      onCommit={(next) => save(next)}
      onClear={() => save(null)}
    />
  );
}

/** Each plan's assumptions: probability source, per-stage probability, ramp. */
export function AssumptionsSection({ comparison, plans }: { comparison: PlanComparison; plans: Plan[] }) {
  return (
    <div className="assumptions-grid">
      {comparison.plans.map((p, i) => (
        <AssumptionsPanel
          key={`${p.planId}:${p.version}`}
          planId={p.planId}
          past={p.version === 'current' ? null : (p.forecast?.assumptions ?? null)}
          name={p.name}
          color={planColors[i]}
          status={plans.find((x) => x.id === p.planId)?.status ?? 'draft'}
        />
      ))}
    </div>
  );
}

function AssumptionsPanel({
  planId,
  past,
  name,
  color,
  status,
}: {
  planId: string;
  /** The assumptions of a past version of the plan (shown read only), null for the plan now. */
  past: ForecastAssumptions | null;
  name: string;
  color: string;
  status: string;
}) {
  const { t } = useTranslation();
  const { data } = useModelQuery('getForecastAssumptions', { planId });
  if (!data) return null;
  const a = past ?? data.assumptions;
  const readOnly = past !== null || status !== 'draft';
  const save = (next: ForecastAssumptions) => void mutate('setForecastAssumptions', { planId, assumptions: next });
  return (
    <section
      className="panel assumptions"
      style={{ borderTopColor: color }}
      aria-label={t('forecast.assumptions', { plan: name })}
    >
      <h3>{t('forecast.assumptions', { plan: name })}</h3>
      {past !== null ? (
        <p className="muted small">{t('forecast.pastReadOnly')}</p>
      ) : (
        readOnly && <p className="muted small">{t('forecast.readOnly', { status: t(`plan.status.${status}`) })}</p>
      )}
      <fieldset disabled={readOnly}>
        <legend>{t('forecast.source')}</legend>
        {(['deal', 'history'] as const).map((source) => (
          <label key={source}>
            <input
              type="radio"
              name={`source-${planId}`}
              checked={a.probabilitySource === source}
              onChange={() => save({ ...a, probabilitySource: source })}
            />
            {t(source === 'deal' ? 'forecast.sourceDeal' : 'forecast.sourceHistory')}
          </label>
        ))}
        {data.overallWinRate !== null && (
          <p className="muted small">
            {t('forecast.overallWinRate', {
              rate: pct(data.overallWinRate / 100),
              count: formatNumber(data.closedDeals),
            })}
          </p>
        )}
        <table className="stage-table">
          <thead>
            <tr>
              <th>{t('forecast.stage')}</th>
              <th>{t('forecast.openDeals')}</th>
              <th>{t('forecast.dealProbability')}</th>
              <th>{t('forecast.historyRate')}</th>
              <th>{t('forecast.useProbability')}</th>
            </tr>
          </thead>
          <tbody>
            {data.stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{s.stage || '—'}</th>
                <td>{formatNumber(s.openDeals)}</td>
                <td>{s.dealProbability === null ? '—' : pct(s.dealProbability / 100)}</td>
                <td>
                  {s.historicalWinRate !== null
                    ? pct(s.historicalWinRate / 100)
                    : data.overallWinRate !== null
                      ? `(${pct(data.overallWinRate / 100)})`
                      : '—'}
                </td>
                <td>
                  <NumberField
                    min={0}
                    max={100}
                    className="uplift-input"
                    value={a.stageProbability[s.stage] ?? null}
                    placeholder="—"
                    label={t('forecast.stageProbability', { stage: s.stage, plan: name })}
                    onCommit={(p) => save({ ...a, stageProbability: { ...a.stageProbability, [s.stage]: p } })}
                    onClear={() => {
                      const { [s.stage]: _cleared, ...stageProbability } = a.stageProbability;
                      save({ ...a, stageProbability });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="ramp">
          {t('forecast.ramp')}
          <NumberField
            min={0}
            max={100}
            className="uplift-input"
            value={a.rampPercent}
            label={t('forecast.rampOf', { plan: name })}
            onCommit={(rampPercent) => save({ ...a, rampPercent })}
          />
        </label>
      </fieldset>
    </section>
  );
}

/** Moved accounts with money: totals, owner changes, the from -> to flow chart and table, CSV export. */
export function DisruptionSection({
  comparison,
  currency,
  request,
}: {
  comparison: PlanComparison;
  currency: string;
  request: ForecastRequestState;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState(1);
  const plan = Math.min(target, comparison.plans.length - 1);
  const flows = useMemo(() => comparison.flows.filter((f) => f.plan === plan), [comparison.flows, plan]);
  const money = (v: number) => formatCompactMoney(v, currency);
  const none = t('forecast.none');
  const { option, drawn } = useMemo(() => flowChartOption(flows, none), [flows, none]);

  const exportCsv = async () => {
    const file = await attempt(() =>
      callModel('exportMovedAccounts', {
        planIds: comparison.plans.map((p) => p.planId),
        versions: comparison.plans.map((p) => p.version),
        forecast: { fiscalYear: request.fiscalYear, periods: request.periods, threshold: request.threshold },
      }),
    );
    if (!file) return;
    const saved = await attempt(() =>
      desktopCall(
        desktop.saveFile({
          suggestedName: file.fileName,
          filters: [{ name: i18next.t('forecast.csvFiles'), extensions: ['csv'] }],
          data: file.csv,
        }),
      ),
    );
    if (saved?.saved) notify(t('forecast.exported', { formatted: formatNumber(file.rows) }), 'success');
  };

  return (
    <div className="panel disruption-panel">
      <h2>{t('forecast.disruption')}</h2>
      <p>
        {t('forecast.movedMoney', {
          accounts: formatNumber(comparison.movedCount),
          revenue: money(comparison.movedRevenue),
          pipeline: money(comparison.movedPipeline),
          won: money(comparison.movedWon),
        })}
      </p>
      {comparison.plans.slice(1).map((p) => (
        <p key={`${p.planId}:${p.version}`} className="small">
          {t('forecast.ownerChange', { share: pct(p.ownerChangeShare), plan: p.name })}
        </p>
      ))}
      <div className="disruption-tools">
        {comparison.plans.length > 2 && (
          <label>
            {t('forecast.flowPlan')}{' '}
            <select value={plan} onChange={(e) => setTarget(Number(e.target.value))}>
              {comparison.plans.slice(1).map((p, i) => (
                <option key={`${p.planId}:${p.version}`} value={i + 1}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => void exportCsv()} disabled={comparison.movedCount === 0}>
          <Download size={14} aria-hidden="true" /> {t('forecast.exportMoves')}
        </button>
      </div>
      {flows.length > 0 && (
        <div className="flow-grid">
          {drawn > 0 && (
            <div>
              <h3>{t('forecast.flowChart', { plan: comparison.plans[plan].name })}</h3>
              <Chart
                option={option}
                label={t('forecast.flowAlt', { plan: comparison.plans[plan].name })}
                height={Math.max(220, Math.min(520, drawn * 28))}
                format={(v) => formatMoney(v, currency)}
              />
            </div>
          )}
          <table className="flow-table" aria-label={t('forecast.flowChart', { plan: comparison.plans[plan].name })}>
            <thead>
              <tr>
                <th>{t('forecast.from')}</th>
                <th>{t('forecast.to')}</th>
                <th>{t('forecast.accounts')}</th>
                <th>{t('forecast.revenue')}</th>
                <th>{t('forecast.pipeline')}</th>
                <th>{t('forecast.won')}</th>
              </tr>
            </thead>
            <tbody>
              {flows.slice(0, FLOWS_LISTED).map((f) => (
                <tr key={`${f.from}>${f.to}`}>
                  <td>{f.from || none}</td>
                  <td>{f.to || none}</td>
                  <td>{formatNumber(f.accounts)}</td>
                  <td>{money(f.revenue)}</td>
                  <td>{money(f.pipeline)}</td>
                  <td>{money(f.won)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <AndMore count={flows.length - FLOWS_LISTED} />
        </div>
      )}
    </div>
  );
}

/** Box plot per plan of one measure over leaf territories, with Gini beside the balance cards. */
export function DistributionChart({
  comparison,
  measure,
  currency,
}: {
  comparison: PlanComparison;
  measure: BalanceMeasure;
  currency: string;
}) {
  const { t } = useTranslation();
  const label = t(`forecast.measures.${measure}`);
  const format = useCallback(
    (v: number) =>
      measure === 'accounts'
        ? formatNumber(v)
        : measure === 'projectedAttainment'
          ? pct(v)
          : formatCompactMoney(v, currency),
    [measure, currency],
  );
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: comparison.plans.map((p) => p.name) },
      yAxis: { type: 'value', axisLabel: { formatter: format } },
      series: [
        {
          type: 'boxplot',
          data: comparison.plans.map((p, i) => ({
            value: p.balance[measure].quartiles ?? [0, 0, 0, 0, 0],
            itemStyle: { color: `${planColors[i]}33`, borderColor: planColors[i] },
          })),
        },
      ],
    }),
    [comparison, measure, format],
  );
  return (
    <div className="panel">
      <h2>{t('forecast.distribution', { measure: label })}</h2>
      <Chart
        option={option}
        label={t('forecast.distributionAlt', { measure: label })}
        height={240}
        category={t('a11y.chart.plan')}
        format={format}
      />
    </div>
  );
}

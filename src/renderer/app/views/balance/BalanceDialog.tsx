/**
 * Balance…: the planner says what to even out and under which constraints; the model draws the territories anew
 * into a new what-if plan and answers a summary to read before opening it in Compare or on the map.
 */
import { Scale } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import { create } from 'zustand';
import {
  balanceMeasures,
  balanceUnits,
  type BalanceMeasure,
  type BalanceRequest,
  type BalanceResult,
  type BalanceUnit,
} from '../../../../shared/api/balance';
import type { Territory } from '../../../../shared/domain';
import { ModelError } from '../../../../shared/errors';
import { callModel, mutate } from '../../data';
import { formatCompactMoney, formatNumber } from '../../i18n';
import { errorText } from '../../modelWords';
import { currentPlan, selectPlan, usePlanStore } from '../../stores/planStore';
import { notify, showView, useUiStore } from '../../stores/uiStore';
import './balance.css';
import { AndMore } from '../../components/AndMore';
import { Segmented } from '../../components/Segmented';
import { DialogActions } from '../../components/DialogActions';
import { TaskBar } from '../../components/TaskBar';

/** Which territory the dialog balances (null: closed). */
export const useBalanceDialog = create<{ territoryId: string | null }>(() => ({ territoryId: null }));
export const openBalanceDialog = (territoryId: string) => useBalanceDialog.setState({ territoryId });
const closeBalanceDialog = () => useBalanceDialog.setState({ territoryId: null });

/** The territories a balance of `parent` would redraw, for each level. */
export function balancedTerritories(territories: readonly Territory[], parentId: string) {
  const children = territories.filter((t) => t.parentId === parentId);
  const parents = new Set(territories.map((t) => t.parentId));
  const below = new Set<string>([parentId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of territories) {
      if (t.parentId !== null && below.has(t.parentId) && !below.has(t.id)) {
        below.add(t.id);
        grew = true;
      }
    }
  }
  const leaves = territories.filter((t) => t.id !== parentId && below.has(t.id) && !parents.has(t.id));
  return { children, leaves };
}

export function BalanceDialog() {
  const territoryId = useBalanceDialog((s) => s.territoryId);
  const territories = usePlanStore((s) => s.territories);
  const plan = usePlanStore(currentPlan);
  const parent = territories.find((t) => t.id === territoryId);
  if (!parent || !plan) return null;
  // A new key per territory: the form starts afresh for each one.
  return <BalanceForm key={parent.id} parent={parent} planId={plan.id} planName={plan.name} currency={plan.currency} />;
}

interface FormProps {
  parent: Territory;
  planId: string;
  planName: string;
  currency: string;
}

function BalanceForm({ parent, planId, planName, currency }: FormProps) {
  const { t } = useTranslation();
  const territories = usePlanStore((s) => s.territories);
  const ids = useId();
  const { children, leaves } = useMemo(() => balancedTerritories(territories, parent.id), [territories, parent.id]);
  const [level, setLevel] = useState<'leaves' | 'children'>(leaves.length >= 2 ? 'leaves' : 'children');
  const [primary, setPrimary] = useState<BalanceMeasure>('accounts');
  const [tolerance, setTolerance] = useState(5);
  const [secondary, setSecondary] = useState<BalanceMeasure | ''>('');
  const [secondaryTolerance, setSecondaryTolerance] = useState(10);
  const [unit, setUnit] = useState<BalanceUnit>('account');
  const [contiguity, setContiguity] = useState(true);
  const [compactness, setCompactness] = useState(1);
  const [capOn, setCapOn] = useState(false);
  const [cap, setCap] = useState(10);
  const [capBy, setCapBy] = useState<'accounts' | 'revenue'>('accounts');
  const [keep, setKeep] = useState(0);
  const [fromScratch, setFromScratch] = useState(false);
  const [locked, setLocked] = useState<string[]>([]);
  const [seed, setSeed] = useState(1);
  const [name, setName] = useState(t('balance.defaultName', { plan: planName }));
  const [taskId, setTaskId] = useState<string | null>(null);
  const [result, setResult] = useState<BalanceResult | null>(null);
  const progress = useUiStore((s) => (taskId ? s.progress[taskId] : undefined));
  const balanced = level === 'leaves' ? leaves : children;

  const run = async () => {
    const task = `balance-${crypto.randomUUID()}`;
    setTaskId(task);
    const request: BalanceRequest = {
      planId,
      territoryId: parent.id,
      level,
      measures: [
        { measure: primary, tolerance: tolerance / 100 },
        ...(secondary && secondary !== primary
          ? [{ measure: secondary, tolerance: secondaryTolerance / 100, weight: 0.5 }]
          : []),
      ],
      unit,
      contiguity,
      compactness,
      lockedTerritoryIds: locked.filter((id) => balanced.some((b) => b.id === id)),
      maxDisruption: capOn ? { share: cap / 100, by: capBy } : null,
      keepThreshold: keep / 100,
      fromScratch,
      seed,
      // A cleared name falls back to the default, worded here: the model names nothing in English.
      name: name.trim() || t('balance.defaultName', { plan: planName }),
      taskId: task,
    };
    try {
      setResult(await callModel('balanceTerritories', request));
    } catch (error) {
      if (error instanceof ModelError && error.code === 'CANCELLED') notify(t('balance.cancelled'));
      else notify(errorText(error), 'error');
    } finally {
      setTaskId(null);
    }
  };

  const close = () => {
    if (taskId) void mutate('cancelTask', { taskId });
    closeBalanceDialog();
  };

  return (
    <Modal className="dialog balance-dialog" labelledBy={`${ids}-title`} onClose={close}>
      <h2 id={`${ids}-title`}>
        <Scale size={18} aria-hidden="true" />{' '}
        {result ? t('balance.summaryTitle', { name: result.planName }) : t('balance.title', { name: parent.name })}
      </h2>
      {result ? (
        <BalanceSummary result={result} currency={currency} />
      ) : (
        <form
          className="balance-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <p className="muted">{t('balance.lead')}</p>
          <fieldset disabled={taskId !== null}>
            <legend>{t('balance.level')}</legend>
            <Segmented
              label={t('balance.level')}
              options={['leaves', 'children'] as const}
              value={level}
              onChange={setLevel}
              isDisabled={(l) => (l === 'leaves' ? leaves : children).length < 2}
            >
              {(l) => t(`balance.${l}`, { count: (l === 'leaves' ? leaves : children).length })}
            </Segmented>
          </fieldset>
          <fieldset disabled={taskId !== null} className="balance-grid">
            <label>
              {t('balance.primary')}
              <select value={primary} onChange={(e) => setPrimary(e.target.value as BalanceMeasure)}>
                {balanceMeasures.map((m) => (
                  <option key={m} value={m}>
                    {t(`balance.measure.${m}`)}
                  </option>
                ))}
              </select>
            </label>
            <ToleranceField value={tolerance} onChange={setTolerance} />
            <label>
              {t('balance.secondary')}
              <select value={secondary} onChange={(e) => setSecondary(e.target.value as BalanceMeasure | '')}>
                <option value="">{t('balance.none')}</option>
                {balanceMeasures
                  .filter((m) => m !== primary)
                  .map((m) => (
                    <option key={m} value={m}>
                      {t(`balance.measure.${m}`)}
                    </option>
                  ))}
              </select>
            </label>
            <ToleranceField value={secondaryTolerance} onChange={setSecondaryTolerance} disabled={!secondary} />
            <label>
              {t('balance.unit')}
              <select value={unit} onChange={(e) => setUnit(e.target.value as BalanceUnit)}>
                {balanceUnits.map((u) => (
                  <option key={u} value={u}>
                    {t(`balance.units.${u}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('balance.compactness')}
              <input
                type="range"
                min={0}
                max={5}
                step={0.5}
                value={compactness}
                onChange={(e) => setCompactness(Number(e.target.value))}
              />
            </label>
          </fieldset>
          <fieldset disabled={taskId !== null} className="balance-checks">
            <label className="check">
              <input type="checkbox" checked={contiguity} onChange={(e) => setContiguity(e.target.checked)} />
              {t('balance.contiguity')}
            </label>
            <label className="check">
              <input type="checkbox" checked={fromScratch} onChange={(e) => setFromScratch(e.target.checked)} />
              {t('balance.fromScratch')}
            </label>
            <div className="balance-cap">
              <label className="check">
                <input type="checkbox" checked={capOn} onChange={(e) => setCapOn(e.target.checked)} />
                {t('balance.disruption')}
              </label>
              <input
                type="number"
                min={0}
                max={100}
                value={cap}
                disabled={!capOn}
                aria-label={t(`balance.disruptionBy.${capBy}`)}
                onChange={(e) => setCap(Number(e.target.value))}
              />
              <select
                value={capBy}
                disabled={!capOn}
                aria-label={t('balance.disruption')}
                onChange={(e) => setCapBy(e.target.value as 'accounts' | 'revenue')}
              >
                <option value="accounts">{t('balance.disruptionBy.accounts')}</option>
                <option value="revenue">{t('balance.disruptionBy.revenue')}</option>
              </select>
            </div>
            <label>
              {t('balance.keep')}
              <input type="number" min={0} max={100} value={keep} onChange={(e) => setKeep(Number(e.target.value))} />
            </label>
          </fieldset>
          <fieldset disabled={taskId !== null}>
            <legend>{t('balance.locked')}</legend>
            <div className="balance-locks">
              {balanced.map((b) => (
                <label key={b.id} className="check">
                  <input
                    type="checkbox"
                    checked={locked.includes(b.id)}
                    onChange={(e) =>
                      setLocked((l) => (e.target.checked ? [...l, b.id] : l.filter((id) => id !== b.id)))
                    }
                  />
                  <span className="swatch" style={{ background: b.color }} aria-hidden="true" />
                  {b.name}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset disabled={taskId !== null} className="balance-grid">
            <label>
              {t('balance.planName')}
              <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              {t('balance.seed')}
              <input
                type="number"
                min={0}
                value={seed}
                onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value))))}
              />
            </label>
          </fieldset>
          {taskId && (
            <TaskBar
              phase={t('balance.running')}
              progress={progress}
              label={t('balance.running')}
              onCancel={() => void mutate('cancelTask', { taskId })}
            />
          )}
          <DialogActions onCancel={close}>
            <button type="submit" className="primary" disabled={taskId !== null || balanced.length < 2}>
              {t('balance.run')}
            </button>
          </DialogActions>
        </form>
      )}
      {result && (
        <DialogActions onCancel={closeBalanceDialog} cancelLabel={t('common.close')}>
          <button
            type="button"
            onClick={() => {
              closeBalanceDialog();
              void selectPlan(result.planId).then(() => showView('map'));
            }}
          >
            {t('balance.openMap')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              closeBalanceDialog();
              void selectPlan(result.planId).then(() => showView('compare'));
            }}
          >
            {t('balance.openCompare')}
          </button>
        </DialogActions>
      )}
    </Modal>
  );
}

/** A tolerance in percent, for one measure. */
function ToleranceField(props: { value: number; onChange(value: number): void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('balance.tolerance')}
      <input
        type="number"
        min={0}
        max={100}
        step={0.5}
        disabled={props.disabled}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </label>
  );
}

function BalanceSummary({ result, currency }: { result: BalanceResult; currency: string }) {
  const { t } = useTranslation();
  const percent = (v: number) => formatNumber(v * 100, { maximumFractionDigits: 1 }) + ' %';
  const ratio = (v: number) => (Number.isFinite(v) ? formatNumber(v, { maximumFractionDigits: 2 }) + '×' : '∞');
  const value = (measure: BalanceMeasure, v: number) =>
    measure === 'accounts' ? formatNumber(v, { maximumFractionDigits: 0 }) : formatCompactMoney(v, currency);
  const primary = result.measures[0];
  const largest = Math.max(1, ...result.territories.flatMap((x) => [x.before[0], x.after[0]]));
  const signed = (v: number) =>
    v >= 0 ? t('balance.overMean', { value: percent(v) }) : t('balance.underMean', { value: percent(-v) });

  return (
    <div className="balance-summary">
      <table className="balance-table">
        <caption className="sr-only">{t('balance.constraints')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('balance.figure')}</th>
            <th scope="col">{t('balance.before')}</th>
            <th scope="col">{t('balance.after')}</th>
          </tr>
        </thead>
        <tbody>
          {result.measures.map((m, j) => (
            <BalanceRows
              key={m}
              label={t(`balance.measure.${m}`)}
              before={result.before[j]}
              after={result.after[j]}
              percent={percent}
              ratio={ratio}
            />
          ))}
          <tr>
            <th scope="row">{t('balance.travel')}</th>
            <td>{formatNumber(result.travelBefore, { maximumFractionDigits: 0 })} km</td>
            <td>{formatNumber(result.travelAfter, { maximumFractionDigits: 0 })} km</td>
          </tr>
        </tbody>
      </table>
      <p>
        <strong>{t('balance.moved')}:</strong>{' '}
        {t('balance.movedValue', {
          accounts: formatNumber(result.movedAccounts),
          total: formatNumber(result.accountsConsidered),
          share: percent(result.accountsConsidered > 0 ? result.movedAccounts / result.accountsConsidered : 0),
          revenue: formatCompactMoney(result.movedRevenue, currency),
        })}
      </p>
      <ul className="balance-constraints" aria-label={t('balance.constraints')}>
        <li className={result.contiguity === 'met' || result.contiguity === 'off' ? 'ok' : 'warn'}>
          {t(`balance.contiguityState.${result.contiguity}`)}
        </li>
        <li className="ok">{t(`balance.disruptionState.${result.disruption}`)}</li>
        {(result.unlocated > 0 || result.placedByHand > 0) && (
          <li className="note">{t('balance.stay', { unlocated: result.unlocated, manual: result.placedByHand })}</li>
        )}
      </ul>
      <h3>{t('balance.perTerritory', { measure: t(`balance.measure.${primary}`) })}</h3>
      <table className="balance-bars">
        <tbody>
          {result.territories.map((x) => (
            <tr key={x.territoryId}>
              <th scope="row">
                <span className="swatch" style={{ background: x.color }} aria-hidden="true" /> {x.name}
              </th>
              <td>
                <div className="bar before" style={{ width: `${(x.before[0] / largest) * 100}%` }} aria-hidden="true" />
                <div
                  className="bar after"
                  style={{ width: `${(x.after[0] / largest) * 100}%`, background: x.color }}
                  aria-hidden="true"
                />
              </td>
              <td className="num">
                {value(primary, x.before[0])} → {value(primary, x.after[0])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.moves.length > 0 && (
        <details>
          <summary>{t('balance.moves')}</summary>
          <ul className="balance-moves">
            {result.moves.slice(0, 30).map((move) => {
              const gained = move.kmFromCentreBefore - move.kmToCentreAfter;
              return (
                <li key={move.recordId}>
                  <strong>{move.name || move.externalId}</strong>{' '}
                  {t('balance.why', {
                    from: move.from || '—',
                    to: move.to,
                    fromLoad: signed(move.fromLoadBefore),
                    toLoad: signed(move.toLoadBefore),
                    measure: t(`balance.measure.${primary}`).toLowerCase(),
                    closer: Number.isFinite(gained)
                      ? t(gained >= 0 ? 'balance.closer' : 'balance.farther', {
                          km: formatNumber(Math.abs(gained), { maximumFractionDigits: 0 }),
                        })
                      : '',
                  })}
                </li>
              );
            })}
            <AndMore as="li" count={result.moves.length - 30} />
          </ul>
        </details>
      )}
      <p className="muted small">
        {t('balance.time', {
          passes: result.passes,
          seconds: formatNumber(result.seconds, { maximumFractionDigits: 1 }),
        })}
      </p>
    </div>
  );
}

function BalanceRows({
  label,
  before,
  after,
  percent,
  ratio,
}: {
  label: string;
  before: BalanceResult['before'][number];
  after: BalanceResult['after'][number];
  percent: (v: number) => string;
  ratio: (v: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <tr className="group">
        <th scope="rowgroup" colSpan={3}>
          {label}
        </th>
      </tr>
      <tr>
        <th scope="row">{t('balance.cv')}</th>
        <td>{percent(before.coefficientOfVariation)}</td>
        <td className={after.coefficientOfVariation < before.coefficientOfVariation ? 'better' : ''}>
          {percent(after.coefficientOfVariation)}
          <Spread before={before.coefficientOfVariation} after={after.coefficientOfVariation} />
        </td>
      </tr>
      <tr>
        <th scope="row">{t('balance.maxMin')}</th>
        <td>{ratio(before.maxOverMin)}</td>
        <td>{ratio(after.maxOverMin)}</td>
      </tr>
      <tr>
        <th scope="row">{t('balance.within', { tau: formatNumber(before.tolerance * 100) })}</th>
        <td>{percent(before.withinTolerance)}</td>
        <td>{percent(after.withinTolerance)}</td>
      </tr>
    </>
  );
}

/**
 * The change of the coefficient of variation in points, signed, with words: "more even" is green, and says so
 * without the colour.
 */
function Spread({ before, after }: { before: number; after: number }) {
  const { t } = useTranslation();
  const points = Math.round((after - before) * 1000) / 10;
  if (points === 0) return null;
  const magnitude = formatNumber(Math.abs(points), { maximumFractionDigits: 1 });
  return (
    <span className="balance-change">
      {' '}
      ({points < 0 ? '−' : '+'}
      {t('a11y.points', { value: magnitude })}, {points < 0 ? t('a11y.moreEven') : t('a11y.lessEven')})
    </span>
  );
}

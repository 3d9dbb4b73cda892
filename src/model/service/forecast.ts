/**
 * Forecast assumptions (load, undoable save) and the plumbing between stored plans and the forecast engine: the
 * deal columns as typed arrays, and the deal cube of a plan's deal assignment, kept while neither the deals nor
 * the assignment change, so an assumption change recomputes from the cube alone.
 */
import {
  defaultForecastAssumptions,
  type AssumptionsInfo,
  type ForecastAssumptions,
  type forecastCalls,
  type StageInfo,
} from '../../shared/api/forecast';
import type { Plan } from '../../shared/domain';
import type { TerritoryTree } from '../engine/figures';
import {
  buildDealCube,
  historicalWinRates,
  periodSlots,
  type DealColumns,
  type DealCube,
  type WinRates,
} from '../engine/forecast';
import type { Assignment } from '../engine/rules/assignment';
import type { RecordTable } from '../records/recordTable';
import type { Handlers, ModelContext } from './context';
import { historyLabel } from '../../shared/history';

export async function assumptionsOf(ctx: ModelContext, planId: string): Promise<ForecastAssumptions> {
  const stored = await ctx.db.forecastAssumptions.get(planId);
  if (!stored) return defaultForecastAssumptions();
  const { probabilitySource, stageProbability, upliftPercent, rampPercent } = stored;
  return { probabilitySource, stageProbability, upliftPercent, rampPercent };
}

const noSlots: Int16Array = new Int16Array(0);

/** What the forecast keeps per deals table and assignment (each dropped with it: a re-import makes a new one). */
export interface DealCache {
  /** Slots per deals table and fiscal calendar. */
  slots: WeakMap<RecordTable, Map<string, Int16Array>>;
  cubes: WeakMap<Assignment, WeakMap<Int16Array, { tree: string; cube: DealCube }>>;
  rates: WeakMap<RecordTable, WinRates>;
}

/** The context's deal cache (made on first use). */
export function dealCacheOf(ctx: ModelContext): DealCache {
  return (ctx.caches.deals ??= { slots: new WeakMap(), cubes: new WeakMap(), rates: new WeakMap() });
}

/** The deal columns the forecast reads, with close dates placed in the plan's fiscal year (null: no deals). */
export function dealColumns(
  cache: DealCache,
  deals: RecordTable,
  plan: Plan | null,
  fiscalYear: number,
): DealColumns | null {
  const amount = deals.columns.get('amount');
  const status = deals.columns.get('status');
  const close = deals.columns.get('closeDate');
  if (amount?.type !== 'number' || status?.type !== 'text') return null;
  const stage = deals.columns.get('stage');
  const probability = deals.columns.get('probability');
  let slot: Int16Array = noSlots;
  if (plan && close?.type === 'number') {
    const key = `${fiscalYear}/${plan.fiscalYearStartMonth}/${plan.targetPeriod}`;
    let byCalendar = cache.slots.get(deals);
    if (!byCalendar) cache.slots.set(deals, (byCalendar = new Map()));
    slot = byCalendar.get(key) ?? noSlots;
    if (slot.length !== deals.rowCount) {
      slot = periodSlots(close.values, deals.rowCount, fiscalYear, plan.fiscalYearStartMonth, plan.targetPeriod);
      byCalendar.set(key, slot);
    }
  }
  if (slot.length !== deals.rowCount) slot = new Int16Array(deals.rowCount).fill(-1);
  return {
    rowCount: deals.rowCount,
    deleted: deals.deleted,
    amount: amount.values,
    slot,
    status: status.codes,
    openCode: status.values.indexOf('open'),
    wonCode: status.values.indexOf('won'),
    lostCode: status.values.indexOf('lost'),
    stage: stage?.type === 'text' ? stage.codes : new Uint8Array(deals.rowCount),
    stages: stage?.type === 'text' ? stage.values : [''],
    probability: probability?.type === 'number' ? probability.values : null,
  };
}

export function winRatesOf(cache: DealCache, deals: RecordTable, columns: DealColumns): WinRates {
  let rates = cache.rates.get(deals);
  if (!rates || rates.byStage.length !== Math.max(1, columns.stages.length)) {
    rates = historicalWinRates(columns);
    cache.rates.set(deals, rates);
  }
  return rates;
}

/** The cube of a deal assignment over a territory tree, reused while the assignment, slots and tree hold. */
export function cubeOf(
  cache: DealCache,
  tree: TerritoryTree,
  treeKey: string,
  assignment: Assignment,
  columns: DealColumns,
  periods: number,
): DealCube {
  let bySlots = cache.cubes.get(assignment);
  if (!bySlots) cache.cubes.set(assignment, (bySlots = new WeakMap()));
  const known = bySlots.get(columns.slot);
  if (known && known.tree === treeKey && known.cube.periods === periods) return known.cube;
  const cube = buildDealCube(tree, assignment, columns, periods);
  bySlots.set(columns.slot, { tree: treeKey, cube });
  return cube;
}

function stageInfos(columns: DealColumns, rates: WinRates): StageInfo[] {
  const n = Math.max(1, columns.stages.length);
  const openDeals = new Uint32Array(n);
  const openAmount = new Float64Array(n);
  const weighted = new Float64Array(n);
  const withProbability = new Float64Array(n);
  for (let row = 0; row < columns.rowCount; row++) {
    if (columns.deleted[row] !== 0 || columns.status[row] !== columns.openCode) continue;
    const a = columns.amount[row];
    if (a !== a) continue;
    const s = columns.stage[row] < n ? columns.stage[row] : 0;
    openDeals[s]++;
    openAmount[s] += a;
    const p = columns.probability ? columns.probability[row] : NaN;
    if (p === p) {
      weighted[s] += a * p;
      withProbability[s] += a;
    }
  }
  const out: StageInfo[] = [];
  for (let s = 0; s < n; s++) {
    if (openDeals[s] === 0) continue;
    const rate = rates.byStage[s];
    out.push({
      stage: columns.stages[s] ?? '',
      openDeals: openDeals[s],
      openAmount: openAmount[s],
      dealProbability: withProbability[s] > 0 ? weighted[s] / withProbability[s] : null,
      historicalWinRate: rate === rate ? rate * 100 : null,
      closedDeals: rates.closedByStage[s],
    });
  }
  return out.sort((a, b) => b.openAmount - a.openAmount);
}

export function forecastHandlers(ctx: ModelContext): Handlers<typeof forecastCalls> {
  return {
    async getForecastAssumptions({ planId }): Promise<AssumptionsInfo> {
      await ctx.requirePlan(planId);
      const assumptions = await assumptionsOf(ctx, planId);
      const deals = await ctx.planRecords(planId, 'deal');
      const cache = dealCacheOf(ctx);
      const columns = dealColumns(cache, deals, null, 0);
      if (!columns) return { assumptions, stages: [], overallWinRate: null, closedDeals: 0 };
      const rates = winRatesOf(cache, deals, columns);
      return {
        assumptions,
        stages: stageInfos(columns, rates),
        overallWinRate: rates.overall === rates.overall ? rates.overall * 100 : null,
        closedDeals: rates.closed,
      };
    },

    setForecastAssumptions: ({ planId, assumptions }) =>
      ctx.edit(planId, historyLabel('editForecastAssumptions'), async (edit) => {
        await edit.put('forecastAssumptions', { ...assumptions, id: planId, planId });
        return undefined;
      }),
  };
}

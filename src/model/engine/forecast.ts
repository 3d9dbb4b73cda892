/**
 * What-if forecasts, as pure functions over typed arrays: where each deal sits (territory, fiscal period, stage),
 * a "deal cube" of the amounts per territory x period x stage built once per plan and year, and the forecast
 * figures computed from the cube and the plan's assumptions in time proportional to territories x periods x
 * stages (not deals), so an assumption change recomputes at once.
 *
 * Definitions (hand-checked in test/unit/forecast/forecast.test.ts):
 * - won: closed-won deals closing in the chosen periods; pipeline: open deals closing in them (raw amount);
 * - weighted pipeline: each open deal's amount x its win probability: the stage's probability set in the
 *   assumptions, else (source "deal") the deal's own probability (a deal without one counts whole, as in the
 *   Forecasts sheet) or (source "history") the historical win rate of its stage;
 * - projected = won + weighted pipeline x (1 + uplift) x ramp: won is won, the assumptions change what the
 *   pipeline is expected to bring. Uplift is the territory's own, else its nearest ancestor's; ramp applies to
 *   territories whose manager is new in the plan;
 * - attainment = won / target, projected attainment = projected / target, gap = target - won (what remains to
 *   win), coverage = pipeline / gap (null where there is no target or no gap left).
 * A deal counts in one territory: the first the plan gives it (a deal is in one territory, as in Zoho and
 * Salesforce), and in each ancestor of it once.
 */
import type { TargetPeriodKind } from '../../shared/domain';
import { depths, localIndexes, type PlacementList, type TerritoryTree } from './figures';

const DAY = 86_400_000;

/**
 * The slot of each row's date among the periods of one fiscal year (-1: another year or no date). The fiscal
 * year starts in `startMonth` and is named after the year it ends in (as fiscalPeriodOf). Only the days of that
 * fiscal year (and the edges of the months around it) are converted; each row is then two comparisons and a
 * table read, no allocation per row.
 */
export function periodSlots(
  dates: Float64Array,
  rowCount: number,
  fiscalYear: number,
  startMonth: number,
  kind: TargetPeriodKind,
): Int16Array {
  const slots = new Int16Array(rowCount);
  // The fiscal year runs from the first day of startMonth in (fiscalYear - 1), or fiscalYear when it starts in
  // January, for twelve months.
  const firstYear = startMonth === 1 ? fiscalYear : fiscalYear - 1;
  const monthStart = (m: number) => Math.floor(Date.UTC(firstYear, startMonth - 1 + m, 1) / DAY);
  const first = monthStart(0);
  const end = monthStart(12);
  const slotOfDay = new Int16Array(end - first);
  for (let m = 0; m < 12; m++) {
    const slot = kind === 'quarter' ? Math.floor(m / 3) : m;
    slotOfDay.fill(slot, monthStart(m) - first, monthStart(m + 1) - first);
  }
  const days = end - first;
  for (let row = 0; row < rowCount; row++) {
    const at = dates[row];
    // No date (NaN) fails both comparisons: -1, as a date in another year.
    const day = Math.floor(at / DAY) - first;
    slots[row] = day >= 0 && day < days ? slotOfDay[day] : -1;
  }
  return slots;
}

/** The deal columns a forecast reads, as typed arrays. */
export interface DealColumns {
  rowCount: number;
  deleted: Uint8Array;
  amount: Float64Array;
  /** Per row, the slot of its close date (periodSlots). */
  slot: Int16Array;
  /** Status codes and which codes mean open, won and lost (-1: no such value). */
  status: ArrayLike<number>;
  openCode: number;
  wonCode: number;
  lostCode: number;
  /** Stage codes into `stages` (0: none). */
  stage: ArrayLike<number>;
  stages: readonly string[];
  /** Percent 0-100, NaN when empty; null when the deals have no probability column. */
  probability: Float64Array | null;
}

/** Deal amounts per territory (own placement), period and stage: the input of every forecast recomputation. */
export interface DealCube {
  territories: number;
  periods: number;
  stages: number;
  /** [territory][period][stage]: open amounts. */
  open: Float64Array;
  /** [territory][period][stage]: open amounts x the deal's own probability (whole when it has none). */
  openWeighted: Float64Array;
  /** [territory][period]: won amounts. */
  won: Float64Array;
  /** Deals counted (open or won, in a period and a territory). */
  deals: number;
}

/** The first territory of each row in the tree (-1: none). */
export function firstTerritories(tree: TerritoryTree, assignment: PlacementList, rowCount: number): Int32Array {
  const local = localIndexes(tree, assignment);
  const first = new Int32Array(rowCount).fill(-1);
  const end = Math.min(rowCount, assignment.rowCount);
  for (let row = 0; row < end; row++) {
    for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
      const t = local[assignment.territories[i]];
      if (t >= 0) {
        first[row] = t;
        break;
      }
    }
  }
  return first;
}

export function buildDealCube(
  tree: TerritoryTree,
  assignment: PlacementList,
  deals: DealColumns,
  periods: number,
): DealCube {
  const territories = tree.ids.length;
  const stages = Math.max(1, deals.stages.length);
  const open = new Float64Array(territories * periods * stages);
  const openWeighted = new Float64Array(territories * periods * stages);
  const won = new Float64Array(territories * periods);
  const first = firstTerritories(tree, assignment, deals.rowCount);
  const { amount, slot, status, stage, probability, deleted, openCode, wonCode } = deals;
  let counted = 0;
  for (let row = 0; row < deals.rowCount; row++) {
    const t = first[row];
    const p = slot[row];
    const a = amount[row];
    if (t < 0 || p < 0 || p >= periods || deleted[row] !== 0 || a !== a) continue;
    const s = status[row];
    if (s === wonCode) {
      won[t * periods + p] += a;
      counted++;
    } else if (s === openCode) {
      const at = (t * periods + p) * stages + (stage[row] < stages ? stage[row] : 0);
      open[at] += a;
      const q = probability ? probability[row] : NaN;
      openWeighted[at] += q === q ? (a * q) / 100 : a;
      counted++;
    }
  }
  return { territories, periods, stages, open, openWeighted, won, deals: counted };
}

/** Win rate of closed deals per stage (NaN: no closed deal at that stage), and over all closed deals. */
export interface WinRates {
  byStage: Float64Array;
  closedByStage: Uint32Array;
  overall: number;
  closed: number;
}

export function historicalWinRates(deals: DealColumns): WinRates {
  const stages = Math.max(1, deals.stages.length);
  const won = new Uint32Array(stages);
  const closed = new Uint32Array(stages);
  let wonAll = 0;
  let closedAll = 0;
  for (let row = 0; row < deals.rowCount; row++) {
    if (deals.deleted[row] !== 0) continue;
    const s = deals.status[row];
    if (s !== deals.wonCode && s !== deals.lostCode) continue;
    const stage = deals.stage[row] < stages ? deals.stage[row] : 0;
    closed[stage]++;
    closedAll++;
    if (s === deals.wonCode) {
      won[stage]++;
      wonAll++;
    }
  }
  return {
    byStage: Float64Array.from(closed, (c, s) => (c > 0 ? won[s] / c : NaN)),
    closedByStage: closed,
    overall: closedAll > 0 ? wonAll / closedAll : NaN,
    closed: closedAll,
  };
}

/**
 * The win probability (0-1) used for each stage code under source "history": the stage's own win rate where
 * closed deals carry that stage, else the overall win rate (CRMs usually close deals into "Closed Won" and
 * "Closed Lost", so open stages rarely have closed deals of their own). NaN where nothing closed at all.
 */
export function historyProbabilities(rates: WinRates): Float64Array {
  return Float64Array.from(rates.byStage, (r) => (r === r ? r : rates.overall));
}

export interface ForecastAssumptionArrays {
  source: 'deal' | 'history';
  /** Per stage code: the probability (0-1) set in the assumptions, NaN where not set. */
  stageProbability: Float64Array;
  /** Per stage code, for source "history" (historyProbabilities). */
  historyProbability: Float64Array;
  /** Per territory: its own uplift as a fraction (0.1 = +10 %), NaN where not set (the ancestor's applies). */
  uplift: Float64Array;
  /** Per territory: factor on its weighted pipeline (1: no ramp). */
  ramp: Float64Array;
}

/** Per territory (its subtree), summed over the chosen periods. */
export interface ForecastArrays {
  won: Float64Array;
  pipeline: Float64Array;
  weighted: Float64Array;
  projected: Float64Array;
  /** The uplift in effect for deals placed in the territory itself (inherited where not its own). */
  upliftInEffect: Float64Array;
}

/** Uplift in effect per territory: its own, else the nearest ancestor's, else 0. */
export function effectiveUplift(tree: TerritoryTree, uplift: Float64Array): Float64Array {
  const out = new Float64Array(tree.ids.length);
  for (let t = 0; t < tree.ids.length; t++) {
    let u = 0;
    for (let at = t, guard = 0; at >= 0 && guard <= tree.ids.length; at = tree.parent[at], guard++) {
      if (uplift[at] === uplift[at]) {
        u = uplift[at];
        break;
      }
    }
    out[t] = u;
  }
  return out;
}

export function computeForecast(
  tree: TerritoryTree,
  cube: DealCube,
  chosenPeriods: readonly number[],
  assumptions: ForecastAssumptionArrays,
): ForecastArrays {
  const n = tree.ids.length;
  const { stages, periods } = cube;
  const won = new Float64Array(n);
  const pipeline = new Float64Array(n);
  const weighted = new Float64Array(n);
  const projected = new Float64Array(n);
  const upliftInEffect = effectiveUplift(tree, assumptions.uplift);
  const probability = new Float64Array(stages);
  for (let s = 0; s < stages; s++) {
    const set = assumptions.stageProbability[s];
    probability[s] = set === set ? set : assumptions.source === 'history' ? assumptions.historyProbability[s] : NaN;
  }
  for (let t = 0; t < n; t++) {
    let w = 0;
    let open = 0;
    let weight = 0;
    for (const p of chosenPeriods) {
      if (p < 0 || p >= periods) continue;
      w += cube.won[t * periods + p];
      const base = (t * periods + p) * stages;
      for (let s = 0; s < stages; s++) {
        const amount = cube.open[base + s];
        if (amount === 0) continue;
        open += amount;
        const q = probability[s];
        weight += q === q ? amount * q : cube.openWeighted[base + s];
      }
    }
    won[t] = w;
    pipeline[t] = open;
    weighted[t] = weight;
    projected[t] = w + weight * (1 + upliftInEffect[t]) * assumptions.ramp[t];
  }
  // Roll up: deepest first, each territory adds its subtree to its parent.
  const depth = depths(tree);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => depth[b] - depth[a]);
  for (const t of order) {
    const up = tree.parent[t];
    if (up < 0) continue;
    won[up] += won[t];
    pipeline[up] += pipeline[t];
    weighted[up] += weighted[t];
    projected[up] += projected[t];
  }
  return { won, pipeline, weighted, projected, upliftInEffect };
}

// ------------------------------------------------------------------------------------------ figures

/** won / target; null without a (positive) target. */
export function attainment(achieved: number, target: number | null): number | null {
  return target !== null && target > 0 ? achieved / target : null;
}

/** What remains to win: target - won (0 once the target is met); null without a target. */
export function gapToTarget(won: number, target: number | null): number | null {
  return target !== null && target > 0 ? Math.max(0, target - won) : null;
}

/** Pipeline / gap: how many times the open pipeline covers what remains to win; null without a gap. */
export function coverage(pipeline: number, won: number, target: number | null): number | null {
  const gap = gapToTarget(won, target);
  return gap !== null && gap > 0 ? pipeline / gap : null;
}

/**
 * Gini coefficient of non-negative values: 0 when all are equal, towards 1 when one holds everything.
 * G = sum_i sum_j |x_i - x_j| / (2 n^2 mean), computed on the sorted values in O(n log n).
 */
export function gini(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).map((v) => Math.max(0, v));
  sorted.sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((s, v) => s + v, 0);
  if (n === 0 || total === 0) return 0;
  let weightedSum = 0;
  sorted.forEach((v, i) => (weightedSum += (i + 1) * v));
  return (2 * weightedSum) / (n * total) - (n + 1) / n;
}

export interface Spread {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Standard deviation over the mean (population); 0 when the mean is 0. */
  coefficientOfVariation: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const list = values.filter((v) => Number.isFinite(v));
  const count = list.length;
  if (count === 0) return { count, min: 0, max: 0, mean: 0, coefficientOfVariation: 0 };
  const mean = list.reduce((s, v) => s + v, 0) / count;
  const variance = list.reduce((s, v) => s + (v - mean) ** 2, 0) / count;
  return {
    count,
    min: Math.min(...list),
    max: Math.max(...list),
    mean,
    coefficientOfVariation: mean !== 0 ? Math.sqrt(variance) / Math.abs(mean) : 0,
  };
}

/** Quartiles (linear interpolation, as a box plot draws them). */
export function quartiles(values: readonly number[]): [number, number, number, number, number] | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const at = (q: number) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  };
  return [sorted[0], at(0.25), at(0.5), at(0.75), sorted[sorted.length - 1]];
}

/** Ramp factor per territory: `factor` for those whose manager is new, 1 for the others. */
export function rampFactors(count: number, isNew: (t: number) => boolean, factor: number): Float64Array {
  return Float64Array.from({ length: count }, (_, t) => (isNew(t) ? factor : 1));
}

/**
 * Territories whose manager is new in a plan: a manager in it who was not a manager of the same territory (same
 * key) in the reference plan; a territory new in the plan with a manager counts as new too.
 */
export function newManagerKeys(
  managersInPlan: ReadonlyMap<string, ReadonlySet<string>>,
  managersInReference: ReadonlyMap<string, ReadonlySet<string>>,
): Set<string> {
  const out = new Set<string>();
  for (const [key, managers] of managersInPlan) {
    const before = managersInReference.get(key);
    for (const m of managers) {
      if (!before?.has(m)) {
        out.add(key);
        break;
      }
    }
  }
  return out;
}

/**
 * Plans side by side: per-territory figures and forecasts under each plan's assumptions, balance over the leaf
 * territories, and the accounts that move with their money. The handler loads, the engine computes.
 */
import Papa from 'papaparse';
import type {
  BalanceMeasure,
  compareCalls,
  ComparedPlan,
  ComparedTerritory,
  ForecastFigures,
  MovedAccount,
  MoveFlow,
  PlanComparison,
  PlanForecast,
  PlanVersion,
  TerritoryForecast,
} from '../../shared/api/compare';
import { defaultForecastAssumptions, type ForecastAssumptions } from '../../shared/api/forecast';
import type { Membership, Plan, Target, Territory } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import { childrenByParent } from '../../shared/hierarchy';
import { balanceOf, differingRows, territoryKeys, type LabelledPlacements } from '../engine/compare';
import { countLive, depths, leafMask, territoryTree, type TerritoryTree } from '../engine/figures';
import {
  attainment,
  computeForecast,
  coverage,
  gapToTarget,
  historyProbabilities,
  newManagerKeys,
  rampFactors,
  spreadOf,
  type ForecastArrays,
} from '../engine/forecast';
import { fiscalPeriods, rollUpTargets } from '../engine/targets';
import { placementsOf, type Assignment } from '../engine/rules/assignment';
import { getCell, type RecordTable } from '../records/recordTable';
import { FORMULA_START } from './assignmentsCsv';
import type { Handlers, ModelContext } from './context';
import { cubeOf, dealCacheOf, dealColumns, winRatesOf, type DealCache } from './forecast';
import { lastApplyAt, planState } from './planVersions';
import { figuresOf } from './rules';

interface ForecastRequest {
  fiscalYear: number;
  periods?: number[];
  threshold?: number;
}

interface Loaded {
  plan: Plan;
  version: PlanVersion;
  asOf: string | null;
  territories: Territory[];
  targets: Target[];
  assumptions: ForecastAssumptions;
  tree: TerritoryTree;
  keys: Map<string, string>;
  assignment: Assignment | null;
  dealAssignment: Assignment | null;
  memberships: Membership[];
}

const FLOW_LIMIT = 200;

async function load(
  ctx: ModelContext,
  planIds: readonly string[],
  versions: readonly PlanVersion[] | undefined,
): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const [p, planId] of planIds.entries()) {
    const version = versions?.[p] ?? 'current';
    const state = await planState(ctx, planId, version);
    if (!state) {
      await ctx.requirePlan(planId);
      throw new ModelError(
        'NOT_FOUND',
        'This plan has no Apply in its history to compare with',
        { planId },
        'noApplyInHistory',
      );
    }
    const { plan, territories, memberships, targets, assumptions } = state;
    loaded.push({
      plan,
      version,
      asOf: state.asOf,
      territories,
      targets,
      assumptions: assumptions
        ? {
            probabilitySource: assumptions.probabilitySource,
            stageProbability: assumptions.stageProbability,
            upliftPercent: assumptions.upliftPercent,
            rampPercent: assumptions.rampPercent,
          }
        : defaultForecastAssumptions(),
      tree: territoryTree(territories),
      keys: territoryKeys(territories),
      assignment: await state.assignment('account'),
      dealAssignment: await state.assignment('deal'),
      memberships,
    });
  }
  return loaded;
}

/** Each territory's manager(s) by territory key, for "manager new in this plan". */
function managersByKey(l: Loaded): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of l.memberships) {
    if (m.role !== 'manager') continue;
    const key = l.keys.get(m.territoryId);
    if (key === undefined || key === '') continue;
    let set = out.get(key);
    if (!set) out.set(key, (set = new Set()));
    set.add(m.userId);
  }
  return out;
}

/** Each territory's owner: its manager, else its nearest ancestor's (-1: none), as a number per user. */
function ownerLabels(l: Loaded, userNumber: Map<string, number>): Int32Array {
  const own = new Int32Array(l.territories.length).fill(-1);
  for (const m of l.memberships) {
    if (m.role !== 'manager') continue;
    const at = l.tree.indexOf.get(m.territoryId);
    if (at === undefined || own[at] >= 0) continue;
    let n = userNumber.get(m.userId);
    if (n === undefined) userNumber.set(m.userId, (n = userNumber.size));
    own[at] = n;
  }
  return Int32Array.from(own, (_, t) => {
    for (let at = t; at >= 0; at = l.tree.parent[at]) if (own[at] >= 0) return own[at];
    return -1;
  });
}

function labelled(assignment: Assignment | null, labelOf: (territoryId: string) => number): LabelledPlacements {
  if (!assignment) {
    return { rowCount: 0, offsets: new Uint32Array(1), territories: new Uint32Array(0), labels: new Int32Array(0) };
  }
  return {
    rowCount: assignment.rowCount,
    offsets: assignment.offsets,
    territories: assignment.territories,
    labels: Int32Array.from(assignment.territoryIds, labelOf),
  };
}

interface PlanForecastResult {
  summary: PlanForecast;
  byTerritory: (TerritoryForecast | null)[];
}

function figuresAt(
  f: ForecastArrays,
  t: number,
  target: number | null,
): ForecastFigures & { projectedAttainment: number | null } {
  return {
    target,
    won: f.won[t],
    pipeline: f.pipeline[t],
    weighted: f.weighted[t],
    projected: f.projected[t],
    attainment: attainment(f.won[t], target),
    projectedAttainment: attainment(f.projected[t], target),
    gap: gapToTarget(f.won[t], target),
    coverage: coverage(f.pipeline[t], f.won[t], target),
  };
}

function planForecast(
  cache: DealCache,
  l: Loaded,
  deals: RecordTable,
  request: ForecastRequest,
  newManagers: Set<string>,
): PlanForecastResult {
  const { plan, territories, tree, targets, assumptions } = l;
  const periodKeys = fiscalPeriods(request.fiscalYear, plan.targetPeriod);
  const chosen = (request.periods ?? periodKeys.map((_, i) => i)).filter((i) => i < periodKeys.length);
  const threshold = request.threshold ?? 0.9;
  const n = territories.length;

  // Targets: the territory's own over the chosen periods, else its sub-territories' sum.
  const rolled = rollUpTargets(territories, targets, periodKeys);
  const targetOf = territories.map((t) => {
    const row = rolled.get(t.id)!;
    let sum = 0;
    let any = false;
    for (const i of chosen) {
      const v = row.own[i] ?? row.children[i];
      if (v !== null) {
        sum += v;
        any = true;
      }
    }
    return any ? sum : null;
  });

  const columns = dealColumns(cache, deals, plan, request.fiscalYear);
  const stageCount = Math.max(1, columns?.stages.length ?? 1);
  const stageProbability = new Float64Array(stageCount).fill(NaN);
  columns?.stages.forEach((stage, s) => {
    const p = assumptions.stageProbability[stage];
    if (p !== undefined) stageProbability[s] = p / 100;
  });
  const uplift = new Float64Array(n).fill(NaN);
  territories.forEach((t, i) => {
    const u = assumptions.upliftPercent[t.id];
    if (u !== undefined) uplift[i] = u / 100;
  });
  const ramping = territories.map((t) => newManagers.has(l.keys.get(t.id) ?? ''));
  const ramp = rampFactors(n, (t) => ramping[t], assumptions.rampPercent / 100);
  const dealsAssigned = l.dealAssignment !== null && columns !== null;
  const zero = (): ForecastArrays => ({
    won: new Float64Array(n),
    pipeline: new Float64Array(n),
    weighted: new Float64Array(n),
    projected: new Float64Array(n),
    upliftInEffect: new Float64Array(n),
  });
  let f = zero();
  if (dealsAssigned) {
    const treeKey = territories.map((t) => `${t.id}>${t.parentId}`).join(',');
    const cube = cubeOf(cache, tree, treeKey, l.dealAssignment!, columns!, periodKeys.length);
    f = computeForecast(tree, cube, chosen, {
      source: assumptions.probabilitySource,
      stageProbability,
      historyProbability: historyProbabilities(winRatesOf(cache, deals, columns!)),
      uplift,
      ramp,
    });
  }

  const byTerritory = territories.map((t, i): TerritoryForecast => {
    const own = uplift[i];
    return {
      ...figuresAt(f, i, targetOf[i]),
      upliftPercent: f.upliftInEffect[i] * 100,
      ownUpliftPercent: own === own ? own * 100 : null,
      ramping: ramping[i],
    };
  });
  const root = territories.findIndex((t) => t.parentId === null);
  const leaf = leafMask(tree);
  const attained: number[] = [];
  let below = 0;
  territories.forEach((t, i) => {
    if (t.parentId === null || leaf[i] === 0) return;
    const pa = byTerritory[i].projectedAttainment;
    if (pa === null) return;
    attained.push(pa);
    if (pa < threshold) below++;
  });
  const spread = spreadOf(attained);
  return {
    summary: {
      fiscalYear: request.fiscalYear,
      periods: chosen.map((i) => periodKeys[i]),
      totals: root >= 0 ? figuresAt(f, root, targetOf[root]) : figuresAt(zero(), 0, null),
      belowThreshold: below,
      withTarget: attained.length,
      threshold,
      spread: {
        min: spread.min,
        max: spread.max,
        mean: spread.mean,
        coefficientOfVariation: spread.coefficientOfVariation,
      },
      rampingTerritories: ramping.filter(Boolean).length,
      assumptions,
      dealsAssigned,
    },
    byTerritory,
  };
}

/**
 * Per deal row, the row of its account (-1: none), joined once per pair of tables on the account's external id
 * (the only string work, a million ids hashed once) and kept while neither table is replaced nor loses rows.
 */
function accountRowsOfDeals(caches: CompareCaches, accounts: RecordTable, deals: RecordTable): Int32Array | null {
  const link = deals.columns.get('accountExternalId');
  const externalId = accounts.columns.get('externalId');
  if (link?.type !== 'text' || externalId?.type !== 'text') return null;
  const live = countLive(accounts.deleted, accounts.rowCount) + countLive(deals.deleted, deals.rowCount);
  const known = caches.accountRows.get(deals);
  if (known && known.accounts === accounts && known.live === live && known.rows.length === deals.rowCount) {
    return known.rows;
  }
  const rowOfId = new Map<string, number>();
  for (let row = 0; row < accounts.rowCount; row++) {
    const code = externalId.codes[row];
    if (code !== 0 && accounts.deleted[row] === 0) rowOfId.set(externalId.values[code], row);
  }
  const rowOfCode = Int32Array.from(link.values, (v) => rowOfId.get(v) ?? -1);
  const rows = new Int32Array(deals.rowCount);
  for (let row = 0; row < deals.rowCount; row++) rows[row] = rowOfCode[link.codes[row]];
  caches.accountRows.set(deals, { accounts, live, rows });
  return rows;
}

/** Open pipeline (all close dates) and won amount (the chosen fiscal year, else all) of each account row. */
function moneyByAccount(
  caches: CompareCaches,
  accounts: RecordTable,
  deals: RecordTable,
  plan: Plan | null,
  request: ForecastRequest | undefined,
): { pipeline: Float64Array; won: Float64Array } {
  const pipeline = new Float64Array(accounts.rowCount);
  const won = new Float64Array(accounts.rowCount);
  const columns = dealColumns(caches.deals, deals, request ? plan : null, request?.fiscalYear ?? 0);
  const accountOf = accountRowsOfDeals(caches, accounts, deals);
  if (!columns || !accountOf) return { pipeline, won };
  const { amount, status, slot, deleted, openCode, wonCode } = columns;
  const anyYear = !request;
  // One pass over typed columns.
  for (let row = 0; row < deals.rowCount; row++) {
    const account = accountOf[row];
    const a = amount[row];
    if (account < 0 || deleted[row] !== 0 || a !== a) continue;
    const s = status[row];
    if (s === openCode) pipeline[account] += a;
    else if (s === wonCode && (anyYear || slot[row] >= 0)) won[account] += a;
  }
  return { pipeline, won };
}

/** Accounts, revenue and potential per territory of an assignment, kept while it and the records hold. */
function cachedFigures(
  caches: CompareCaches,
  assignment: Assignment | null,
  accounts: RecordTable,
  territories: Territory[],
): ReturnType<typeof figuresOf> {
  if (!assignment) return figuresOf(assignment, accounts, territories);
  const known = caches.figures.get(assignment);
  if (known && known.records === accounts && known.territories === territories) return known.figures;
  const figures = figuresOf(assignment, accounts, territories);
  caches.figures.set(assignment, { records: accounts, territories, figures });
  return figures;
}

interface Moves {
  rows: number[];
  /** Per moved row, the plans it moved in (1..). */
  namesOf: (p: number, row: number) => string[];
  revenueOf: (row: number) => number;
  money: { pipeline: Float64Array; won: Float64Array };
  flows: MoveFlow[];
  ownerChanged: number[];
  liveAccounts: number;
}

/** What comparisons keep on the model's context between calls (made on first use: compareCaches). */
export interface CompareCaches {
  /** Per deals table: the row of each deal's account (accountRowsOfDeals). */
  accountRows: WeakMap<RecordTable, { accounts: RecordTable; live: number; rows: Int32Array }>;
  /** Per assignment: its figures (cachedFigures). */
  figures: WeakMap<
    Assignment,
    { records: RecordTable; territories: Territory[]; figures: ReturnType<typeof figuresOf> }
  >;
  /** A number per object, for cache keys made of identities, and the next to give. */
  objectNumbers: WeakMap<object, number>;
  nextObjectNumber: number;
  /** The moves of the last few comparisons, oldest first (cachedMoves). */
  moves: Map<string, Moves>;
  /** The forecast's deal cache, shared with the forecast area. */
  deals: DealCache;
}

function compareCaches(ctx: ModelContext): CompareCaches {
  return (ctx.caches.compare ??= {
    accountRows: new WeakMap(),
    figures: new WeakMap(),
    objectNumbers: new WeakMap(),
    nextObjectNumber: 1,
    moves: new Map(),
    deals: dealCacheOf(ctx),
  });
}

function numberOf(caches: CompareCaches, o: object | null): number {
  if (o === null) return 0;
  let n = caches.objectNumbers.get(o);
  if (n === undefined) caches.objectNumbers.set(o, (n = caches.nextObjectNumber++));
  return n;
}

/**
 * The moves between the plans compared, kept for the last few comparisons: they depend on the records, each
 * plan's assignment, territories and managers (all replaced, never changed in place, when they change) and the
 * fiscal year of the won amounts, not on the forecast assumptions; a comparison asked again after one assumption
 * changed reuses them.
 */
const MOVES_KEPT = 4;

function cachedMoves(
  caches: CompareCaches,
  loaded: Loaded[],
  accounts: RecordTable,
  deals: RecordTable,
  request: ForecastRequest | undefined,
): Moves {
  const plan = loaded[0]?.plan;
  const key = [
    numberOf(caches, accounts),
    numberOf(caches, deals),
    ...loaded.flatMap((l) => [
      numberOf(caches, l.assignment),
      numberOf(caches, l.territories),
      numberOf(caches, l.memberships),
    ]),
    request ? `${request.fiscalYear}/${plan?.fiscalYearStartMonth}/${plan?.targetPeriod}` : '-',
  ].join(',');
  const kept = caches.moves;
  let found = kept.get(key);
  if (found) {
    kept.delete(key);
  } else {
    found = moves(caches, loaded, accounts, deals, request);
    if (kept.size >= MOVES_KEPT) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, found);
  return found;
}

function moves(
  caches: CompareCaches,
  loaded: Loaded[],
  accounts: RecordTable,
  deals: RecordTable,
  request: ForecastRequest | undefined,
): Moves {
  const keyNumber = new Map<string, number>();
  const numberOfKey = (key: string) => {
    let n = keyNumber.get(key);
    if (n === undefined) keyNumber.set(key, (n = keyNumber.size));
    return n;
  };
  const byKey = loaded.map((l) => labelled(l.assignment, (id) => (l.keys.has(id) ? numberOfKey(l.keys.get(id)!) : -1)));
  const userNumber = new Map<string, number>();
  const byOwner = loaded.map((l) => {
    const owners = ownerLabels(l, userNumber);
    return labelled(l.assignment, (id) => {
      const at = l.tree.indexOf.get(id);
      return at === undefined ? -1 : owners[at];
    });
  });
  const live = (row: number) => accounts.deleted[row] === 0;
  let liveAccounts = 0;
  for (let row = 0; row < accounts.rowCount; row++) if (live(row)) liveAccounts++;
  const movedIn = loaded.map((_, p) => (p === 0 ? [] : differingRows(accounts.rowCount, byKey[0], byKey[p], live)));
  const ownerChanged = loaded.map((_, p) =>
    p === 0 || liveAccounts === 0
      ? 0
      : differingRows(accounts.rowCount, byOwner[0], byOwner[p], live).length / liveAccounts,
  );
  const nameMaps = loaded.map((l) => new Map(l.territories.map((t) => [t.id, t.name])));
  const namesOf = (p: number, row: number) => {
    const { assignment } = loaded[p];
    if (!assignment || row >= assignment.rowCount) return [];
    return placementsOf(assignment, row).map((x) => nameMaps[p].get(x.territoryId) ?? '?');
  };
  const revenue = accounts.columns.get('annualRevenue');
  const revenueOf = (row: number) => {
    const v = revenue?.type === 'number' ? revenue.values[row] : NaN;
    return v === v ? v : 0;
  };
  const money = moneyByAccount(caches, accounts, deals, loaded[0]?.plan ?? null, request);
  // Flows keyed by territory numbers (one territory on each side, the usual case), else by the names' text.
  const flowMap = new Map<number | string, MoveFlow>();
  for (let p = 1; p < loaded.length; p++) {
    const a = loaded[0].assignment;
    const b = loaded[p].assignment;
    const countA = a ? a.territoryIds.length + 1 : 1;
    const countB = b ? b.territoryIds.length + 1 : 1;
    const single = (x: Assignment | null, row: number) =>
      !x || row >= x.rowCount ? 0 : x.offsets[row + 1] - x.offsets[row] === 1 ? x.territories[x.offsets[row]] + 1 : -1;
    for (const row of movedIn[p]) {
      const from = single(a, row);
      const to = single(b, row);
      const key =
        from >= 0 && to >= 0
          ? (p * countA + from) * countB + to
          : `${p}\u0000${namesOf(0, row).join(', ')}\u0000${namesOf(p, row).join(', ')}`;
      let flow = flowMap.get(key);
      if (!flow) {
        const names = (q: number) => namesOf(q, row).join(', ');
        flowMap.set(
          key,
          (flow = { plan: p, from: names(0), to: names(p), accounts: 0, revenue: 0, pipeline: 0, won: 0 }),
        );
      }
      flow.accounts++;
      flow.revenue += revenueOf(row);
      flow.pipeline += money.pipeline[row];
      flow.won += money.won[row];
    }
  }
  // Flows with the same names (two territories of the same name) are one flow, as the chart draws them.
  const merged = new Map<string, MoveFlow>();
  for (const flow of flowMap.values()) {
    const key = `${flow.plan}\u0000${flow.from}\u0000${flow.to}`;
    const known = merged.get(key);
    if (!known) merged.set(key, flow);
    else {
      known.accounts += flow.accounts;
      known.revenue += flow.revenue;
      known.pipeline += flow.pipeline;
      known.won += flow.won;
    }
  }
  const flows = [...merged.values()]
    .sort((a, b) => b.revenue - a.revenue || b.accounts - a.accounts)
    .slice(0, FLOW_LIMIT);
  const all = new Set<number>();
  for (const list of movedIn) for (const row of list) all.add(row);
  return {
    rows: [...all].sort((a, b) => a - b),
    namesOf,
    revenueOf,
    money,
    flows,
    ownerChanged,
    liveAccounts,
  };
}

function movedAccount(m: Moves, accounts: RecordTable, plans: number, row: number): MovedAccount {
  return {
    recordId: row,
    externalId: String(getCell(accounts, 'externalId', row) ?? ''),
    name: String(getCell(accounts, 'name', row) ?? ''),
    territories: Array.from({ length: plans }, (_, p) => m.namesOf(p, row)),
    revenue: m.revenueOf(row),
    pipeline: m.money.pipeline[row],
    won: m.money.won[row],
  };
}

export function compareHandlers(ctx: ModelContext): Handlers<typeof compareCalls> {
  async function compare(
    planIds: string[],
    versions: PlanVersion[] | undefined,
    tolerance: number,
    movedLimit: number,
    request: ForecastRequest | undefined,
  ): Promise<PlanComparison> {
    const [accounts, deals] = [await ctx.plansRecords(planIds, 'account'), await ctx.plansRecords(planIds, 'deal')];
    const loaded = await load(ctx, planIds, versions);
    const referenceManagers = loaded.length > 0 ? managersByKey(loaded[0]) : new Map<string, Set<string>>();

    const rows = new Map<string, ComparedTerritory>();
    const comparedPlans: ComparedPlan[] = [];
    const caches = compareCaches(ctx);
    const m = cachedMoves(caches, loaded, accounts, deals, request);
    for (const [p, l] of loaded.entries()) {
      const { plan, territories, keys, assignment, tree, targets } = l;
      const figures = cachedFigures(caches, assignment, accounts, territories);
      const targetOf = new Map<string, number>();
      for (const t of targets)
        if (t.userId === null) targetOf.set(t.territoryId, (targetOf.get(t.territoryId) ?? 0) + t.amount);
      const children = childrenByParent(territories);
      const depth = depths(tree);
      const leaf = leafMask(tree);
      const leaves = territories.filter((t, i) => t.parentId !== null && leaf[i] === 1);
      const forecast = request
        ? planForecast(
            caches.deals,
            l,
            deals,
            request,
            p === 0 ? new Set() : newManagerKeys(managersByKey(l), referenceManagers),
          )
        : null;
      const forecastOf = (id: string) => {
        const at = tree.indexOf.get(id);
        return forecast && at !== undefined ? forecast.byTerritory[at] : null;
      };
      const pick = (t: Territory, measure: BalanceMeasure): number => {
        const f = figures.byTerritory[t.id];
        if (measure === 'pipeline') return forecastOf(t.id)?.pipeline ?? 0;
        if (measure === 'projectedAttainment') return forecastOf(t.id)?.projectedAttainment ?? NaN;
        return f?.[measure] ?? 0;
      };
      const measure = (name: BalanceMeasure) =>
        balanceOf(
          leaves.map((t) => pick(t, name)).filter((v) => !Number.isNaN(v)),
          tolerance,
        );
      const root = territories.find((t) => t.parentId === null);
      comparedPlans.push({
        planId: plan.id,
        name: plan.name,
        version: l.version,
        asOf: l.asOf,
        status: plan.status,
        territories: territories.length,
        leaves: leaves.length,
        assignedAccounts: root ? (figures.byTerritory[root.id]?.accounts ?? 0) : 0,
        unassignedAccounts: figures.unassignedAccounts,
        applied: figures.applied,
        // The organisation's own target, or what its top territories add up to.
        targetTotal:
          root && targetOf.has(root.id)
            ? targetOf.get(root.id)!
            : (children.get(root?.id ?? null) ?? []).reduce((s, t) => s + (targetOf.get(t.id) ?? 0), 0),
        balance: {
          accounts: measure('accounts'),
          revenue: measure('revenue'),
          potential: measure('potential'),
          pipeline: measure('pipeline'),
          projectedAttainment: measure('projectedAttainment'),
        },
        forecast: forecast?.summary ?? null,
        ownerChangeShare: m.ownerChanged[p],
      });
      for (const [i, t] of territories.entries()) {
        const key = keys.get(t.id)!;
        let row = rows.get(key);
        if (!row) {
          row = {
            key,
            name: t.name,
            path: key.startsWith('#') ? t.name : key,
            depth: depth[i],
            color: t.color,
            isLeaf: leaf[i] === 1,
            figures: loaded.map(() => null),
            ids: loaded.map(() => null),
            forecast: loaded.map(() => null),
          };
          rows.set(key, row);
        }
        const f = figures.byTerritory[t.id];
        row.figures[p] = {
          accounts: f?.accounts ?? 0,
          revenue: f?.revenue ?? 0,
          potential: f?.potential ?? 0,
          target: targetOf.get(t.id) ?? 0,
        };
        row.forecast[p] = forecastOf(t.id);
        row.ids[p] = t.id;
      }
    }

    // The organisation first, then territories in the first plan's tree order, then those only in later plans.
    const order = new Map<string, number>();
    loaded.forEach(({ territories, keys }) => {
      const children = childrenByParent(territories);
      const walk = (parentId: string | null) => {
        for (const t of children.get(parentId) ?? []) {
          const key = keys.get(t.id)!;
          if (!order.has(key)) order.set(key, order.size);
          walk(t.id);
        }
      };
      walk(null);
    });
    const territoriesOut = [...rows.values()].sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
    let movedRevenue = 0;
    let movedPipeline = 0;
    let movedWon = 0;
    for (const row of m.rows) {
      movedRevenue += m.revenueOf(row);
      movedPipeline += m.money.pipeline[row];
      movedWon += m.money.won[row];
    }
    return {
      plans: comparedPlans,
      territories: territoriesOut,
      movedCount: m.rows.length,
      moved: m.rows.slice(0, movedLimit).map((row) => movedAccount(m, accounts, loaded.length, row)),
      movedRevenue,
      movedPipeline,
      movedWon,
      flows: m.flows,
    };
  }

  return {
    comparePlans: ({ planIds, versions, tolerance = 0.05, movedLimit = 500, forecast }) =>
      compare(planIds, versions, tolerance, movedLimit, forecast),

    async lastApply({ planId }) {
      await ctx.requirePlan(planId);
      const at = await lastApplyAt(ctx, planId);
      return at === null ? null : { at };
    },

    async exportMovedAccounts({ planIds, versions, forecast }) {
      const accounts = await ctx.plansRecords(planIds, 'account');
      const deals = await ctx.plansRecords(planIds, 'deal');
      const loaded = await load(ctx, planIds, versions);
      const m = moves(compareCaches(ctx), loaded, accounts, deals, forecast);
      const defuse = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);
      const header = [
        'external ID',
        'name',
        ...loaded.map((l, p) =>
          p === 0 ? `territories in ${l.plan.name} (reference)` : `territories in ${l.plan.name}`,
        ),
        'annual revenue',
        'open pipeline',
        forecast ? `won FY${forecast.fiscalYear}` : 'won',
      ];
      const data = m.rows.map((row) => {
        const a = movedAccount(m, accounts, loaded.length, row);
        return [
          defuse(a.externalId),
          defuse(a.name),
          ...a.territories.map((names) => defuse(names.join('; '))),
          a.revenue,
          a.pipeline,
          a.won,
        ];
      });
      const csv = Papa.unparse({ fields: header.map(defuse), data }, { escapeFormulae: false });
      const slug = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'plan';
      return {
        fileName: `moved-accounts-${slug(loaded[0].plan.name)}-vs-${slug(loaded[1].plan.name)}.csv`,
        csv,
        rows: data.length,
      };
    },
  };
}

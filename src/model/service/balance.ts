/**
 * Balancing as a model call: loads the plan's accounts and where they are now, hands the engine its units, and
 * writes the answer as a new draft plan — a copy of this one in which each moved account is placed by hand in its
 * new sub-territory (so the move is explainable and survives rule runs until released).
 */
import type { z } from 'zod';
import type { BalanceMeasure, BalanceMove, BalanceRequest, BalanceResult } from '../../shared/api/balance';
import type { balanceCalls, balanceRequestSchema } from '../../shared/api/balance';
import type { ManualAssignment, Territory } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import { balanceTerritoriesInSteps, BalanceCancelled, type BalanceSolution } from '../engine/balance/solve';
import { buildUnits, type BalanceAccounts } from '../engine/balance/units';
import { EARTH_RADIUS_KM } from '../engine/balance/sphere';
import { balanceOf } from '../engine/compare';
import { subtreeIds } from '../engine/hierarchy';
import { SOURCE_MANUAL } from '../engine/rules/assignment';
import type { RecordTable } from '../records/recordTable';
import { codeIndex, indexByExternalId } from '../records/recordTable';
import type { Handlers, ModelContext } from './context';
import { planAssignments } from './planAssignments';
import { copyPlan } from './plans';

type Request = z.output<typeof balanceRequestSchema>;

const MOVES_LISTED = 200;

export function balanceHandlers(ctx: ModelContext): Handlers<typeof balanceCalls> {
  return {
    async balanceTerritories(input) {
      const taskId = input.taskId ?? `balance-${ctx.newId()}`;
      try {
        return await ctx.runTask(taskId, (task) => balance(ctx, input, task.signal, task.progress));
      } catch (error) {
        if (error instanceof BalanceCancelled)
          throw new ModelError('CANCELLED', 'Balancing cancelled', undefined, 'balanceCancelled');
        throw error;
      }
    },
  };
}

async function balance(
  ctx: ModelContext,
  input: Request,
  signal: AbortSignal,
  progress: (phase: string, done: number, total: number) => void,
): Promise<BalanceResult> {
  const started = performance.now();
  const assignments = planAssignments(ctx);
  const data = await assignments.planData(input.planId);
  const parent = data.territories.find((t) => t.id === input.territoryId);
  if (!parent)
    throw new ModelError('NOT_FOUND', `No territory ${input.territoryId} in this plan`, input, 'territoryMissing');
  const branch = new Set(subtreeIds(data.territories, parent.id));
  const hasChildren = new Set(data.territories.map((t) => t.parentId));
  const children =
    input.level === 'children'
      ? data.territories.filter((t) => t.parentId === parent.id)
      : data.territories.filter((t) => t.id !== parent.id && branch.has(t.id) && !hasChildren.has(t.id));
  if (children.length < 2) {
    throw new ModelError(
      'CONFLICT',
      `"${parent.name}" needs at least two sub-territories to balance`,
      { territoryId: parent.id, name: parent.name, children: children.length },
      'balanceNeedsTwoTerritories',
    );
  }
  const k = children.length;
  // Each territory under the parent counts for the balanced one it lies under (in between: none, it is regrown).
  const childOf = new Map<string, number>();
  children.forEach((child, index) => {
    for (const id of subtreeIds(data.territories, child.id)) childOf.set(id, index);
  });
  const subtree = new Set(branch);
  const locked = new Uint8Array(k);
  children.forEach((child, index) => (locked[index] = input.lockedTerritoryIds.includes(child.id) ? 1 : 0));

  progress('load', 0, 1);
  const accounts = await ctx.planRecords(input.planId, 'account');
  const current = (await assignments.currentOf(input.planId, 'account')).assignment;
  if (!current) {
    throw new ModelError(
      'CONFLICT',
      'Run and apply the rules once before balancing: no account is placed yet',
      { planId: input.planId },
      'balanceNeedsPlacedAccounts',
    );
  }
  const taking: number[] = [];
  const territory: number[] = [];
  const fixed: number[] = [];
  for (let row = 0; row < accounts.rowCount; row++) {
    if (accounts.deleted[row] === 1) continue;
    let child = -1;
    let inside = false;
    let byHand = false;
    for (let i = current.offsets[row]; i < current.offsets[row + 1]; i++) {
      const id = current.territoryIds[current.territories[i]];
      if (!subtree.has(id)) continue;
      inside = true;
      if (current.sources[i] === SOURCE_MANUAL) byHand = true;
      if (child < 0 && childOf.has(id)) child = childOf.get(id)!;
    }
    if (!inside) continue;
    taking.push(row);
    territory.push(child);
    fixed.push(byHand ? 1 : 0);
  }
  const measures = input.measures.map((m) => m.measure);
  const columns = await measureColumns(ctx, accounts, measures);
  const balanceAccounts: BalanceAccounts = {
    rows: Uint32Array.from(taking),
    longitude: numberColumn(accounts, 'longitude'),
    latitude: numberColumn(accounts, 'latitude'),
    measures: columns,
    revenue: numberColumn(accounts, 'annualRevenue'),
    territory: Int32Array.from(territory),
    fixed: Uint8Array.from(fixed),
    unitKey: unitKeyReader(accounts, input.unit),
  };
  const built = buildUnits(balanceAccounts, k);

  const solution = await balanceTerritoriesInSteps(
    built.units,
    {
      territories: k,
      locked,
      goals: input.measures.map((m) => ({ weight: m.weight, tolerance: m.tolerance })),
      contiguity: input.contiguity,
      compactness: input.compactness,
      maxDisruption: input.maxDisruption ?? undefined,
      keepThreshold: input.keepThreshold,
      fromScratch: input.fromScratch,
      baseLoads: built.baseLoads,
      seed: input.seed,
      starts: input.fromScratch ? 3 : 1,
      signal,
      onProgress: (done, total) => progress('balance', done, total),
    },
    () => new Promise((resolve) => setTimeout(resolve, 0)),
  );

  // Where each account ends: its unit's territory (accounts without a location stay).
  const after = new Int32Array(taking.length);
  for (let i = 0; i < taking.length; i++) {
    const unit = built.unitOfAccount[i];
    after[i] = unit < 0 ? territory[i] : solution.assignment[unit];
  }
  const figures = summarise(input, children, locked, balanceAccounts, after, solution);
  const moves = movesOf(accounts, balanceAccounts, after, children, solution, built.unitOfAccount, built.units);

  progress('save', 0, 1);
  let childInCopy: string[] = [];
  const plan = await copyPlan(ctx, input.planId, input.name, async (copy, newTerritoryId) => {
    childInCopy = children.map((child) => newTerritoryId(child.id));
    const placements: ManualAssignment[] = [];
    const now = ctx.now();
    for (let i = 0; i < taking.length; i++) {
      if (after[i] === territory[i] || after[i] < 0 || fixed[i] === 1) continue;
      const row = taking[i];
      // The account keeps the territories it has outside the balanced branch; placing by hand replaces them all.
      const elsewhere = new Set<string>();
      for (let e = current.offsets[row]; e < current.offsets[row + 1]; e++) {
        const id = current.territoryIds[current.territories[e]];
        if (!subtree.has(id)) elsewhere.add(id);
      }
      for (const id of [children[after[i]].id, ...elsewhere]) {
        placements.push({
          id: ctx.newId(),
          planId: copy.id,
          recordKind: 'account',
          recordId: row,
          territoryId: newTerritoryId(id),
          createdAt: now,
        });
      }
    }
    await ctx.db.manualAssignments.bulkAdd(placements);
  });
  ctx.changed(plan.id, 'assignments');
  return {
    ...figures,
    planId: plan.id,
    planName: plan.name,
    territories: figures.territories.map((t, index) => ({ ...t, territoryId: childInCopy[index] })),
    moves,
    passes: solution.passes,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The values balanced, one Float64Array over the whole account table per measure. */
async function measureColumns(
  ctx: ModelContext,
  accounts: RecordTable,
  measures: BalanceMeasure[],
): Promise<Float64Array[]> {
  return Promise.all(
    measures.map(async (measure) => {
      if (measure === 'accounts') return new Float64Array(accounts.rowCount).fill(1);
      if (measure === 'revenue') return numberColumn(accounts, 'annualRevenue');
      if (measure === 'potential') return numberColumn(accounts, 'potential');
      return pipelineOf(accounts, await ctx.records('deal'));
    }),
  );
}

/** Open deals' amounts summed per account. */
function pipelineOf(accounts: RecordTable, deals: RecordTable): Float64Array {
  const pipeline = new Float64Array(accounts.rowCount);
  const byExternalId = indexByExternalId(accounts);
  const link = deals.columns.get('accountExternalId');
  const status = deals.columns.get('status');
  const amount = deals.columns.get('amount');
  if (link?.type !== 'text' || status?.type !== 'text' || amount?.type !== 'number') return pipeline;
  const open = codeIndex(status).get('open') ?? -1;
  for (let row = 0; row < deals.rowCount; row++) {
    if (deals.deleted[row] === 1 || status.codes[row] !== open) continue;
    const account = byExternalId.get(link.values[link.codes[row]]);
    const value = amount.values[row];
    if (account !== undefined && Number.isFinite(value)) pipeline[account] += value;
  }
  return pipeline;
}

function numberColumn(table: RecordTable, key: string): Float64Array {
  const column = table.columns.get(key);
  if (column?.type === 'number') return column.values;
  return new Float64Array(table.rowCount).fill(NaN);
}

function textOf(table: RecordTable, key: string): (row: number) => string {
  const column = table.columns.get(key);
  if (column?.type !== 'text') return () => '';
  return (row) => column.values[column.codes[row]];
}

/** The unit an account belongs to: its country with its postal code or region, or its country alone. */
export function unitKeyReader(accounts: RecordTable, unit: BalanceRequest['unit']): (row: number) => string | null {
  if (unit === 'account') return () => null;
  const country = textOf(accounts, 'country');
  const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').trim().toUpperCase();
  if (unit === 'country') return (row) => fold(country(row)) || null;
  if (unit === 'region') {
    const region = textOf(accounts, 'region');
    return (row) => (region(row) ? `${fold(country(row))}|${fold(region(row))}` : null);
  }
  const postal = textOf(accounts, 'postalCode');
  return (row) => {
    let code = fold(postal(row)).replace(/\s+/g, '');
    if (!code) return null;
    if (/^\d{5}-\d{4}$/.test(code)) code = code.slice(0, 5); // ZIP+4: the ZIP is the unit
    return `${fold(country(row))}|${code}`;
  };
}

function summarise(
  input: Request,
  children: Territory[],
  locked: Uint8Array,
  accounts: BalanceAccounts,
  after: Int32Array,
  solution: BalanceSolution,
): Omit<BalanceResult, 'planId' | 'planName' | 'moves' | 'passes' | 'seconds'> {
  const k = children.length;
  const m = input.measures.length;
  const loadsBefore = Array.from({ length: m }, () => new Float64Array(k));
  const loadsAfter = Array.from({ length: m }, () => new Float64Array(k));
  const countBefore = new Float64Array(k);
  const countAfter = new Float64Array(k);
  let movedAccounts = 0;
  let movedRevenue = 0;
  let revenueConsidered = 0;
  let placedByHand = 0;
  for (let i = 0; i < accounts.rows.length; i++) {
    const row = accounts.rows[i];
    const from = accounts.territory[i];
    const to = after[i];
    const revenue = Number.isFinite(accounts.revenue[row]) ? accounts.revenue[row] : 0;
    revenueConsidered += revenue;
    if (accounts.fixed[i]) placedByHand++;
    if (from !== to) {
      movedAccounts++;
      movedRevenue += revenue;
    }
    for (let j = 0; j < m; j++) {
      const value = Number.isFinite(accounts.measures[j][row]) ? accounts.measures[j][row] : 0;
      if (from >= 0) loadsBefore[j][from] += value;
      if (to >= 0) loadsAfter[j][to] += value;
    }
    if (from >= 0) countBefore[from]++;
    if (to >= 0) countAfter[to]++;
  }
  const open = (loads: Float64Array) => Array.from(loads).filter((_, t) => !locked[t]);
  const contiguity = !input.contiguity
    ? 'off'
    : solution.contiguityBrokenBy === 'fixedUnits'
      ? 'brokenByFixedAccounts'
      : solution.contiguityBrokenBy === 'lockedTerritories'
        ? 'brokenByLockedTerritories'
        : 'met';
  return {
    measures: input.measures.map((x) => x.measure),
    before: loadsBefore.map((loads, j) => balanceOf(open(loads), input.measures[j].tolerance)),
    after: loadsAfter.map((loads, j) => balanceOf(open(loads), input.measures[j].tolerance)),
    travelBefore: travelPerAccount(accounts, accounts.territory, k),
    travelAfter: travelPerAccount(accounts, after, k),
    movedAccounts,
    movedRevenue,
    accountsConsidered: accounts.rows.length,
    revenueConsidered,
    unlocated:
      accounts.rows.length - Array.from(accounts.rows).filter((r) => Number.isFinite(accounts.longitude[r])).length,
    placedByHand,
    contiguity,
    disruption: input.maxDisruption ? 'met' : 'off',
    territories: children.map((child, t) => ({
      territoryId: child.id,
      name: child.name,
      color: child.color,
      locked: locked[t] === 1,
      before: loadsBefore.map((loads) => loads[t]),
      after: loadsAfter.map((loads) => loads[t]),
      accountsBefore: countBefore[t],
      accountsAfter: countAfter[t],
      pieces: solution.pieces[t],
    })),
  };
}

/** The largest moves by the primary measure, with the distances and loads that explain them. */
function movesOf(
  table: RecordTable,
  accounts: BalanceAccounts,
  after: Int32Array,
  children: Territory[],
  solution: BalanceSolution,
  unitOfAccount: Int32Array,
  units: { longitude: Float64Array; latitude: Float64Array },
): BalanceMove[] {
  const primary = accounts.measures[0];
  const k = children.length;
  const loads = new Float64Array(k);
  for (let i = 0; i < accounts.rows.length; i++) {
    const t = accounts.territory[i];
    if (t >= 0) loads[t] += Number.isFinite(primary[accounts.rows[i]]) ? primary[accounts.rows[i]] : 0;
  }
  const mean = loads.reduce((s, v) => s + v, 0) / k;
  // Centres before: account-weighted means of where the accounts were.
  const centreBefore = centresOf(accounts, accounts.territory, k);
  const moved: number[] = [];
  for (let i = 0; i < accounts.rows.length; i++) if (after[i] !== accounts.territory[i] && after[i] >= 0) moved.push(i);
  moved.sort((a, b) => (primary[accounts.rows[b]] || 0) - (primary[accounts.rows[a]] || 0));
  const externalId = textOf(table, 'externalId');
  const name = textOf(table, 'name');
  return moved.slice(0, MOVES_LISTED).map((i) => {
    const row = accounts.rows[i];
    const from = accounts.territory[i];
    const to = after[i];
    const unit = unitOfAccount[i];
    const lon = unit >= 0 ? units.longitude[unit] : accounts.longitude[row];
    const lat = unit >= 0 ? units.latitude[unit] : accounts.latitude[row];
    return {
      recordId: row,
      externalId: externalId(row),
      name: name(row),
      from: from >= 0 ? children[from].name : '',
      to: children[to].name,
      value: Number.isFinite(primary[row]) ? primary[row] : 0,
      kmFromCentreBefore: from >= 0 ? km(lon, lat, centreBefore.longitude[from], centreBefore.latitude[from]) : NaN,
      kmToCentreAfter: km(lon, lat, solution.centres.longitude[to], solution.centres.latitude[to]),
      fromLoadBefore: from >= 0 && mean > 0 ? loads[from] / mean - 1 : 0,
      toLoadBefore: mean > 0 ? loads[to] / mean - 1 : 0,
    };
  });
}

function centresOf(accounts: BalanceAccounts, territory: Int32Array, k: number) {
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sz = new Float64Array(k);
  const r = Math.PI / 180;
  for (let i = 0; i < accounts.rows.length; i++) {
    const t = territory[i];
    const row = accounts.rows[i];
    const lon = accounts.longitude[row] * r;
    const lat = accounts.latitude[row] * r;
    if (t < 0 || !Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    sx[t] += Math.cos(lat) * Math.cos(lon);
    sy[t] += Math.cos(lat) * Math.sin(lon);
    sz[t] += Math.sin(lat);
  }
  const longitude = new Float64Array(k);
  const latitude = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    longitude[t] = Math.atan2(sy[t], sx[t]) / r;
    latitude[t] = Math.atan2(sz[t], Math.hypot(sx[t], sy[t])) / r;
  }
  return { longitude, latitude };
}

/** Mean distance of the located accounts to their territory's centre, km. */
function travelPerAccount(accounts: BalanceAccounts, territory: Int32Array, k: number): number {
  const centres = centresOf(accounts, territory, k);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < accounts.rows.length; i++) {
    const t = territory[i];
    const row = accounts.rows[i];
    if (t < 0 || !Number.isFinite(accounts.longitude[row]) || !Number.isFinite(accounts.latitude[row])) continue;
    sum += km(accounts.longitude[row], accounts.latitude[row], centres.longitude[t], centres.latitude[t]);
    count++;
  }
  return count > 0 ? sum / count : 0;
}

function km(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

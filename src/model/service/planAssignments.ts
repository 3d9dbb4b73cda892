/**
 * Where a plan puts each record right now: the applied assignment (assignmentBlocks) with the manual assignments
 * laid over it. Manual assignments are ordinary undoable rows, while the blocks are written only by Apply; reading
 * the two together means an assignment by hand, its undo, or a release shows at once without a run, and undo
 * never has to rewrite blocks. Records released (or whose territory was deleted) go back to the rules for just
 * those rows; contacts and deals follow their account's current territories.
 *
 * One instance per model context, kept in memory and dropped piece by piece by the `changed` events.
 */
import type { ChangeTopic } from '../../shared/api';
import type { ManualAssignment, Plan, RecordKind, Rule, Territory } from '../../shared/domain';
import { SOURCE_MANUAL, type Assignment } from '../engine/rules/assignment';
import { runAssignment, type AssignmentRunInput, type ManualPlacementInput } from '../engine/rules/run';
import { RunWorkspace } from '../engine/rules/workspace';
import type { RecordTable } from '../records/recordTable';
import { loadStoredAssignment } from './assignmentStore';
import type { ModelContext } from './context';
import { regionShapesOf, shapeOnlyKeysOf } from './regionShapes';
import type { RegionShapes } from '../engine/rules/scanContext';

/** What a run or an explanation needs of a plan. */
export interface PlanRuleData {
  plan: Plan;
  territories: Territory[];
  /** In the planner's order (sortOrder), so problems list in reading order. */
  rules: Rule[];
  manual: ManualAssignment[];
  /** Boundaries of the shape-only region keys its territories and rules name (US counties...). */
  regionShapes: RegionShapes;
}

export interface CurrentAssignment {
  /** null: rules never applied for the kind and nothing placed by hand. */
  assignment: Assignment | null;
  /** As applied (blocks), before manual changes made since. */
  stored: Assignment | null;
  /** Rows whose territories differ from `stored` (placed, released, or in a deleted territory since). */
  changedRows: Uint32Array;
}

/** Topics after which the current assignment or a preview may no longer hold. */
const assignmentTopics: readonly ChangeTopic[] = ['rules', 'territories', 'assignments', 'records', 'plans'];

export function sortRules(rules: Rule[]): Rule[] {
  return rules.sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.id.localeCompare(b.id));
}

export function manualInputs(manual: readonly ManualAssignment[], kind: RecordKind): ManualPlacementInput[] {
  return manual.filter((m) => m.recordKind === kind).map((m) => ({ recordId: m.recordId, territoryId: m.territoryId }));
}

/**
 * What a run of the plan's rules over one kind of record starts from: its territories, rules, hand placements, and
 * the context's working buffers (kept from run to run: a million-row run would otherwise allocate some 60 MB).
 */
export function runInputOf(
  ctx: ModelContext,
  data: PlanRuleData,
  kind: RecordKind,
  records: RecordTable,
): AssignmentRunInput {
  return {
    workspace: (ctx.caches.runWorkspace ??= new RunWorkspace()),
    kind,
    records,
    territories: data.territories,
    rules: data.rules,
    matchMode: data.plan.matchMode,
    maxTerritoriesPerRecord: data.plan.maxTerritoriesPerRecord,
    manual: manualInputs(data.manual, kind),
    regionShapes: data.regionShapes,
  };
}

/**
 * Rows whose manual placements differ from what `stored` holds: placed or changed by hand since the last apply,
 * released since, or sitting in a territory that no longer exists.
 */
export function rowsOffStored(
  stored: Assignment | null,
  manual: readonly ManualPlacementInput[],
  territoryIds: ReadonlySet<string>,
  records: RecordTable,
): Uint32Array {
  const wanted = new Map<number, Set<string>>();
  for (const { recordId, territoryId } of manual) {
    if (!territoryIds.has(territoryId) || recordId >= records.rowCount || records.deleted[recordId] === 1) continue;
    let set = wanted.get(recordId);
    if (!set) wanted.set(recordId, (set = new Set()));
    set.add(territoryId);
  }
  const rows = new Set<number>();
  if (stored) {
    const known = stored.territoryIds.map((id) => territoryIds.has(id));
    // Rows stored as manual or in a deleted territory.
    for (let row = 0; row < stored.rowCount; row++) {
      const start = stored.offsets[row];
      const stop = stored.offsets[row + 1];
      if (start === stop) continue;
      let manualHere = false;
      let unknown = false;
      for (let i = start; i < stop; i++) {
        if (stored.sources[i] === SOURCE_MANUAL) manualHere = true;
        if (!known[stored.territories[i]]) unknown = true;
      }
      if (unknown || (manualHere && !wanted.has(row))) rows.add(row);
    }
  }
  for (const [row, set] of wanted) {
    if (rows.has(row)) continue;
    if (!stored || row >= stored.rowCount) {
      rows.add(row);
      continue;
    }
    const start = stored.offsets[row];
    const stop = stored.offsets[row + 1];
    let same = stop - start === set.size;
    for (let i = start; i < stop && same; i++) {
      same = stored.sources[i] === SOURCE_MANUAL && set.has(stored.territoryIds[stored.territories[i]]);
    }
    if (!same) rows.add(row);
  }
  return Uint32Array.from(rows).sort();
}

/** Deal (or contact) rows whose account is one of `accountRows`. */
export function rowsOfAccounts(records: RecordTable, accounts: RecordTable, accountRows: Uint32Array): Uint32Array {
  if (accountRows.length === 0) return new Uint32Array(0);
  const ids = accounts.columns.get('externalId');
  const link = records.columns.get('accountExternalId');
  if (ids?.type !== 'text' || link?.type !== 'text') return new Uint32Array(0);
  const wanted = new Set<string>();
  for (const row of accountRows) if (ids.codes[row] !== 0) wanted.add(ids.values[ids.codes[row]]);
  // Decided once per distinct account id the records mention, then one read per row.
  const hit = Uint8Array.from(link.values, (value) => (value !== '' && wanted.has(value) ? 1 : 0));
  const rows: number[] = [];
  for (let row = 0; row < records.rowCount; row++) {
    if (records.deleted[row] === 0 && hit[link.codes[row]] === 1) rows.push(row);
  }
  return Uint32Array.from(rows);
}

export class PlanAssignments {
  private readonly current = new Map<string, Promise<CurrentAssignment>>();
  private readonly revisions = new Map<string, number>();
  private everyPlan = 0;

  constructor(private readonly ctx: ModelContext) {
    ctx.subscribe((event) => {
      if (event.type !== 'changed' || !event.what.some((topic) => assignmentTopics.includes(topic))) return;
      if (event.planId === null) {
        this.everyPlan++;
        this.current.clear();
        return;
      }
      this.revisions.set(event.planId, (this.revisions.get(event.planId) ?? 0) + 1);
      for (const key of [...this.current.keys()]) if (key.startsWith(`${event.planId}:`)) this.current.delete(key);
    });
  }

  /** Changes whenever something the plan's assignment depends on changes: a preview remembers it. */
  revision(planId: string): string {
    return `${this.everyPlan}:${this.revisions.get(planId) ?? 0}`;
  }

  /**
   * After an apply: the assignments just written are the current ones (a stale run is refused, so no manual
   * change came in between), so reading a million rows back from IndexedDB is not needed. Call after the
   * `changed` event, which drops what was cached before.
   */
  remember(planId: string, assignments: readonly Assignment[]): void {
    for (const assignment of assignments) {
      const current: CurrentAssignment = { assignment, stored: assignment, changedRows: new Uint32Array(0) };
      this.current.set(`${planId}:${assignment.kind}`, Promise.resolve(current));
    }
  }

  async planData(planId: string): Promise<PlanRuleData> {
    const { db } = this.ctx;
    const plan = await this.ctx.requirePlan(planId);
    const [territories, rules, manual] = await Promise.all([
      db.territories.where({ planId }).toArray(),
      db.rules.where({ planId }).toArray(),
      db.manualAssignments.where({ planId }).toArray(),
    ]);
    territories.sort((a, b) => a.sortOrder - b.sortOrder);
    const regionShapes = await regionShapesOf(this.ctx, shapeOnlyKeysOf(territories, rules));
    return { plan, territories, rules: sortRules(rules), manual, regionShapes };
  }

  /** The plan's assignment of a kind as the planner sees it now. */
  currentOf(planId: string, kind: RecordKind): Promise<CurrentAssignment> {
    const key = `${planId}:${kind}`;
    let found = this.current.get(key);
    if (!found) {
      found = this.compute(planId, kind);
      this.current.set(key, found);
      found.catch(() => this.current.delete(key));
    }
    return found;
  }

  private async compute(planId: string, kind: RecordKind): Promise<CurrentAssignment> {
    const records = await this.ctx.planRecords(planId, kind);
    const stored = await loadStoredAssignment(this.ctx.db, planId, kind, records);
    return assignmentOver(this.ctx, kind, await this.planData(planId), stored, () => this.currentOf(planId, 'account'));
  }
}

/**
 * A plan's assignment of a kind from its stored (applied) assignment and its data: the manual placements laid
 * over it, the rules run again for just the rows that differ. `data` may be the plan as it is or as it was at a
 * point of its history (compare "before the last apply"); `accountsOf` gives the accounts' assignment of the
 * same plan state (contacts and deals follow it).
 */
export async function assignmentOver(
  ctx: ModelContext,
  kind: RecordKind,
  data: PlanRuleData,
  stored: Assignment | null,
  accountsOf: () => Promise<CurrentAssignment>,
): Promise<CurrentAssignment> {
  const records = await ctx.planRecords(data.plan, kind);
  const territoryIds = new Set(data.territories.map((t) => t.id));
  const base = runInputOf(ctx, data, kind, records);

  if (kind === 'contact') {
    const accounts = await accountsOf();
    if (accounts.changedRows.length === 0 && (stored || !accounts.assignment)) {
      return { assignment: stored, stored, changedRows: new Uint32Array(0) };
    }
    // Contacts have no rules: following the accounts again is one linear pass.
    const run = runAssignment({
      ...base,
      accounts: { records: await ctx.planRecords(data.plan, 'account'), assignment: accounts.assignment! },
    });
    return {
      assignment: run.assignment,
      stored,
      changedRows: rowsOfAccounts(records, await ctx.planRecords(data.plan, 'account'), accounts.changedRows),
    };
  }

  let changed = rowsOffStored(stored, base.manual!, territoryIds, records);
  let accounts: { records: RecordTable; assignment: Assignment } | undefined;
  if (kind === 'deal') {
    const ofAccounts = await accountsOf();
    const accountRecords = await ctx.planRecords(data.plan, 'account');
    if (ofAccounts.assignment) accounts = { records: accountRecords, assignment: ofAccounts.assignment };
    const following = rowsOfAccounts(records, accountRecords, ofAccounts.changedRows);
    if (following.length > 0) changed = Uint32Array.from(new Set([...changed, ...following])).sort();
  }
  if (changed.length === 0) return { assignment: stored, stored, changedRows: changed };
  const run = runAssignment({ ...base, accounts, scope: { rows: changed, current: stored } });
  return { assignment: run.assignment, stored, changedRows: changed };
}

/** The context's one PlanAssignments (the rules service, the records table and the map share it). */
export function planAssignments(ctx: ModelContext): PlanAssignments {
  return (ctx.caches.planAssignments ??= new PlanAssignments(ctx));
}

/**
 * Rule runs and their previews. A run computes every kind's next assignment with the engine and compares it with
 * the current one; the result stays in the model host's memory (one preview per plan) until the planner applies
 * or discards it. Nothing is written before Apply, and Apply writes all kinds in one transaction.
 */
import type {
  KindPreview,
  PreviewList,
  PreviewRecord,
  RulePreview,
  RunScope,
  TerritoryChange,
} from '../../shared/api/rules';
import type { RecordKind, Territory } from '../../shared/domain';
import { subtreeIds } from '../../shared/hierarchy';
import { historyLabel } from '../../shared/history';
import { ModelError } from '../../shared/errors';
import { countLive, liveRows } from '../engine/figures';
import { emptyAssignment, SOURCE_MANUAL, type Assignment } from '../engine/rules/assignment';
import { compileRule, filterByRule, type RuleProblem } from '../engine/rules/compileRule';
import { moveOf, previewAssignment, recordsGained, recordsLost, type AssignmentPreview } from '../engine/rules/preview';
import { runAssignment, type AssignmentRun } from '../engine/rules/run';
import { ScanContext } from '../engine/rules/scanContext';
import type { RecordTable } from '../records/recordTable';
import { externalIdOf, recordName } from './assignmentsCsv';
import { assignmentTables, readPlanBlocks } from './assignmentRefs';
import { encodeForApply, saveAssignments } from './assignmentStore';
import type { ModelContext, Task } from './context';
import { storedRevision } from '../db/revisions';
import { addHistoryStep } from './history';
import { planAssignments, rowsOfAccounts, runInputOf, type PlanRuleData } from './planAssignments';

interface KindRun {
  kind: RecordKind;
  records: RecordTable;
  current: Assignment | null;
  next: Assignment;
  preview: AssignmentPreview;
  /** 1 for rows placed by hand in the next assignment. */
  manual: Uint8Array;
  manualCount: number;
}

export interface PreviewState {
  id: string;
  planId: string;
  scope: RunScope;
  createdAt: string;
  revision: string;
  /** The plan's stored revision when the run read it (db/revisions.ts): checked inside Apply's transaction. */
  storedRevision: string;
  kinds: KindRun[];
  problems: RuleProblem[];
  ignoredManual: number;
  elapsedMs: number;
  /** Filtered row lists already computed for paging. */
  lists: Map<string, Uint32Array>;
}

const runOrder: readonly RecordKind[] = ['account', 'contact', 'lead', 'deal'];

/** Lets a cancel (or any other call) through between the engine's synchronous steps. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Rows placed (now or after the run) in one of `territoryIds`. */
function rowsTouching(
  assignments: readonly (Assignment | null)[],
  territoryIds: ReadonlySet<string>,
  rowCount: number,
): Uint32Array {
  const flags = new Uint8Array(rowCount);
  for (const assignment of assignments) {
    if (!assignment) continue;
    const inside = Uint8Array.from(assignment.territoryIds, (id) => (territoryIds.has(id) ? 1 : 0));
    const rows = Math.min(rowCount, assignment.rowCount);
    for (let row = 0; row < rows; row++) {
      for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
        if (inside[assignment.territories[i]] === 1) {
          flags[row] = 1;
          break;
        }
      }
    }
  }
  const out: number[] = [];
  for (let row = 0; row < rowCount; row++) if (flags[row] === 1) out.push(row);
  return Uint32Array.from(out);
}

/** Rows of a "records" scope: the ids given, plus those matching the filter (written like a rule). */
function rowsOfScope(
  scope: Extract<RunScope, { type: 'records' }>,
  records: RecordTable,
  root: Territory,
): Uint32Array {
  const rows = new Set<number>();
  for (const id of scope.recordIds ?? []) if (id < records.rowCount && records.deleted[id] === 0) rows.add(id);
  if (scope.filter) {
    const compiled = compileRule(
      {
        id: 'filter',
        planId: root.planId,
        territoryId: root.id,
        recordKind: scope.kind,
        conditions: scope.filter.conditions,
        pattern: scope.filter.pattern,
        enabled: true,
      },
      records,
      root,
      new ScanContext(records),
    );
    if (!compiled.ok) {
      throw new ModelError(
        'INVALID_INPUT',
        `The record filter cannot run: ${compiled.problems[0].message}`,
        { problems: compiled.problems, problem: compiled.problems[0].message },
        'filterInvalid',
      );
    }
    for (const row of filterByRule(compiled.compiled, liveRows(records.deleted, records.rowCount), true)) rows.add(row);
  }
  return Uint32Array.from(rows).sort();
}

function kindsOf(scope: RunScope): readonly RecordKind[] {
  if (scope.type !== 'records') return runOrder;
  if (scope.kind === 'account') return ['account', 'contact', 'deal'];
  return [scope.kind];
}

function manualFlags(assignment: Assignment): { flags: Uint8Array; count: number } {
  const flags = new Uint8Array(assignment.rowCount);
  let count = 0;
  for (let row = 0; row < assignment.rowCount; row++) {
    for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
      if (assignment.sources[i] === SOURCE_MANUAL) {
        flags[row] = 1;
        count++;
        break;
      }
    }
  }
  return { flags, count };
}

/** Computes a run of the plan's rules over the scope, without writing anything. */
export async function computeRun(
  ctx: ModelContext,
  planId: string,
  scope: RunScope,
  task?: Task,
): Promise<PreviewState> {
  const started = performance.now();
  const state = planAssignments(ctx);
  const revision = state.revision(planId);
  const stored = await storedRevision(ctx.db, planId);
  const data: PlanRuleData = await state.planData(planId);
  const root = data.territories.find((t) => t.parentId === null);
  if (!root) throw new ModelError('NOT_FOUND', 'The plan has no organisation territory', { planId }, 'planHasNoRoot');
  let subtree: Set<string> | null = null;
  if (scope.type === 'territory') {
    if (!data.territories.some((t) => t.id === scope.territoryId)) {
      throw new ModelError(
        'NOT_FOUND',
        'That territory does not exist in this plan',
        { territoryId: scope.territoryId },
        'territoryMissing',
      );
    }
    subtree = new Set(subtreeIds(data.territories, scope.territoryId));
  }
  const kinds = kindsOf(scope);
  const accountRecords = await ctx.planRecords(planId, 'account');
  let scopedAccounts: Uint32Array | null = null;
  let nextAccounts: Assignment | null = null;
  const runs: KindRun[] = [];
  const problems = new Map<string, RuleProblem>();
  let ignoredManual = 0;

  for (const [step, kind] of kinds.entries()) {
    task?.progress('rules', step, kinds.length);
    await breathe();
    task?.signal.throwIfAborted();
    const records = await ctx.planRecords(planId, kind);
    if (records.rowCount === 0) continue;
    const current = (await state.currentOf(planId, kind)).assignment;
    const base = runInputOf(ctx, data, kind, records);
    if (kind === 'contact' || kind === 'deal') {
      const accounts =
        nextAccounts ??
        (await state.currentOf(planId, 'account')).assignment ??
        emptyAssignment('account', accountRecords.rowCount);
      base.accounts = { records: accountRecords, assignment: accounts };
    }
    let run: AssignmentRun;
    if (kind === 'contact') {
      // Contacts have no rules of their own: they follow the accounts as the run leaves them.
      run = runAssignment(base);
    } else if (scope.type === 'territory') {
      const full = runAssignment(base);
      const rows = rowsTouching([current, full.assignment], subtree!, records.rowCount);
      run = { ...runAssignment({ ...base, scope: { rows, current } }), problems: full.problems };
    } else if (scope.type === 'records') {
      let rows: Uint32Array;
      if (kind === scope.kind) {
        rows = rowsOfScope(scope, records, root);
        if (kind === 'account') scopedAccounts = rows;
      } else {
        rows = rowsOfAccounts(records, accountRecords, scopedAccounts ?? new Uint32Array(0));
      }
      run = runAssignment({ ...base, scope: { rows, current } });
    } else {
      run = runAssignment(base);
    }
    if (kind === 'account') nextAccounts = run.assignment;
    for (const problem of run.problems) {
      problems.set(`${problem.ruleId}:${problem.conditionNumber ?? ''}:${problem.code}`, problem);
    }
    ignoredManual += run.ignoredManual.length;
    const { flags, count } = manualFlags(run.assignment);
    runs.push({
      kind,
      records,
      current,
      next: run.assignment,
      preview: previewAssignment(current, run.assignment),
      manual: flags,
      manualCount: count,
    });
  }
  task?.progress('rules', kinds.length, kinds.length);
  return {
    id: ctx.newId(),
    planId,
    scope,
    createdAt: ctx.now(),
    revision,
    storedRevision: stored,
    kinds: runs,
    problems: [...problems.values()],
    ignoredManual,
    elapsedMs: Math.round(performance.now() - started),
    lists: new Map(),
  };
}

function liveCount(records: RecordTable): number {
  return countLive(records.deleted, records.rowCount);
}

export function summarize(ctx: ModelContext, state: PreviewState): RulePreview {
  const kinds: KindPreview[] = state.kinds.map((run) => {
    const { preview } = run;
    const territories: TerritoryChange[] = [];
    preview.territoryIds.forEach((territoryId, i) => {
      if (preview.before[i] === 0 && preview.after[i] === 0) return;
      territories.push({
        territoryId,
        before: preview.before[i],
        after: preview.after[i],
        gained: preview.gained[i],
        lost: preview.lost[i],
      });
    });
    territories.sort((a, b) => b.gained + b.lost - (a.gained + a.lost) || b.after - a.after);
    return {
      kind: run.kind,
      records: liveCount(run.records),
      moved: preview.moved.length,
      unmatched: preview.unmatched.length,
      hitLimit: preview.hitLimit.length,
      manual: run.manualCount,
      territories,
    };
  });
  return {
    previewId: state.id,
    planId: state.planId,
    scope: state.scope,
    createdAt: state.createdAt,
    stale: planAssignments(ctx).revision(state.planId) !== state.revision,
    kinds,
    problems: state.problems.map((p) => ({ ...p })),
    ignoredManual: state.ignoredManual,
    elapsedMs: state.elapsedMs,
  };
}

export function previewRows(
  state: PreviewState,
  query: {
    kind: RecordKind;
    list: PreviewList;
    territoryId?: string;
    change?: 'gained' | 'lost';
    offset: number;
    limit: number;
  },
): { total: number; offset: number; rows: PreviewRecord[] } {
  const run = state.kinds.find((k) => k.kind === query.kind);
  if (!run) return { total: 0, offset: query.offset, rows: [] };
  const key = `${query.kind}:${query.list}:${query.territoryId ?? ''}:${query.change ?? ''}`;
  let rows = state.lists.get(key);
  if (!rows) {
    if (query.list === 'moved' && query.territoryId) {
      const { current, next } = run;
      rows =
        query.change === 'lost'
          ? recordsLost(current, next, query.territoryId)
          : query.change === 'gained'
            ? recordsGained(current, next, query.territoryId)
            : Uint32Array.from(
                new Set([
                  ...recordsGained(current, next, query.territoryId),
                  ...recordsLost(current, next, query.territoryId),
                ]),
              ).sort();
    } else {
      rows = run.preview[query.list];
    }
    state.lists.set(key, rows);
  }
  const page = rows.subarray(query.offset, query.offset + query.limit);
  return {
    total: rows.length,
    offset: query.offset,
    rows: Array.from(page, (row) => {
      const { from, to } = moveOf(run.current, run.next, row);
      return {
        recordId: row,
        externalId: externalIdOf(run.records, row),
        name: recordName(run.records, row),
        from,
        to,
        manual: run.manual[row] === 1,
      };
    }),
  };
}

/** Writes a run's assignments, all kinds in one transaction; refuses when the plan moved on since the run. */
export async function applyRun(ctx: ModelContext, state: PreviewState): Promise<{ moved: number; records: number }> {
  const assignments = planAssignments(ctx);
  const stale = () =>
    new ModelError(
      'CONFLICT',
      'The plan changed since the rules ran: run them again before applying',
      { planId: state.planId, reason: 'stale' },
      'planChangedSinceRun',
    );
  if (assignments.revision(state.planId) !== state.revision) throw stale();
  await ctx.requireWritablePlan(state.planId);
  const encoded = encodeForApply(
    state.planId,
    state.kinds.map((k) => k.next),
  );
  const moved = state.kinds.reduce((sum, k) => sum + k.preview.moved.length, 0);
  const { db } = ctx;
  // One transaction: the blocks, and an undo step holding the blocks they replace.
  await db.transaction('rw', [...assignmentTables(db), db.plans, db.history, db.planRevisions], async () => {
    // What undo puts back: the plan's blocks, its own or (a duplicate) its source's renamed.
    const before = await Promise.all(encoded.map(({ kind }) => readPlanBlocks(db, state.planId, kind)));
    await saveAssignments(db, state.planId, encoded, async () => {
      await ctx.requireWritablePlan(state.planId);
      if (assignments.revision(state.planId) !== state.revision) throw stale();
      // Another model on this database (another tab, a host restarted meanwhile) may have written since the run.
      if ((await storedRevision(db, state.planId)) !== state.storedRevision) throw stale();
      await db.plans.update(state.planId, { updatedAt: ctx.now() });
    });
    await addHistoryStep(ctx, state.planId, historyLabel('applyRules', { count: moved }), {
      changes: [],
      assignments: encoded.map(({ kind, blocks }, i) => ({ kind, before: before[i], after: blocks })),
    });
  });
  ctx.changed(state.planId, 'assignments', 'history');
  assignments.remember(
    state.planId,
    state.kinds.map((k) => k.next),
  );
  return {
    moved,
    records: state.kinds.reduce((sum, k) => sum + liveCount(k.records), 0),
  };
}

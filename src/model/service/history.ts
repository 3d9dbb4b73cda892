/**
 * Undo and redo of plan edits. Each edit stores the rows it changed, before and after; undo writes the befores
 * back, redo the afters. Stored in IndexedDB, so history survives a restart and a crash of the model host.
 */
import type { ChangeTopic } from '../../shared/api';
import type { StoredForecastAssumptions } from '../../shared/api/forecast';
import type { HistoryState } from '../../shared/api';
import type { ManualAssignment, Membership, Plan, Rule, Target, Territory } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { StoredHistoryLabel } from '../../shared/history';
import type { AssignmentChange, HistoryRow, PlannerDb, RowChange, UndoableTable } from '../db/schema';
import type { RecordTable } from '../records/recordTable';
import { beforeReplacingBlocks } from './assignmentRefs';
import type { ModelContext } from './context';
import { reapplyDealStageChoices } from './dealStages';
import {
  announceRecordStep,
  deleteStep,
  loadStepTables,
  recordStepTables,
  redoChange,
  restoreStep,
  undoChange,
} from './recordHistory';

/** Kept per plan; older steps are dropped. */
export const HISTORY_LIMIT = 200;
/**
 * Steps that carry a whole applied assignment (Apply) are heavy (about 9 bytes per record, twice): only the last
 * few are kept, and the history stops before the oldest one dropped, so undo never skips one.
 */
export const ASSIGNMENT_STEPS_LIMIT = 5;

interface RowOf {
  territories: Territory;
  memberships: Membership;
  rules: Rule;
  targets: Target;
  manualAssignments: ManualAssignment;
  forecastAssumptions: StoredForecastAssumptions;
  plans: Plan;
}

export interface PlanEdit {
  get<T extends UndoableTable>(table: T, key: string): Promise<RowOf[T] | undefined>;
  put<T extends UndoableTable>(table: T, row: RowOf[T]): Promise<void>;
  remove(table: UndoableTable, key: string): Promise<void>;
}

const topicOf: Record<UndoableTable, ChangeTopic> = {
  territories: 'territories',
  memberships: 'memberships',
  rules: 'rules',
  targets: 'targets',
  manualAssignments: 'assignments',
  // Assumptions change what-if forecasts only (Compare): their own topic, so targets are not asked again.
  forecastAssumptions: 'assumptions',
  plans: 'plans',
};

/** Tables an edit may touch; users are shared but read while editing memberships. */
const planTables = (db: PlannerDb) => [
  db.plans,
  db.users,
  db.territories,
  db.memberships,
  db.rules,
  db.targets,
  db.manualAssignments,
  db.forecastAssumptions,
  db.assignmentBlocks,
  db.assignmentRefs,
  db.history,
];

function topicsOf(step: Pick<HistoryRow, 'changes' | 'assignments'>): ChangeTopic[] {
  const topics = step.changes.map((c) => topicOf[c.table]);
  if (step.assignments?.length) topics.push('assignments');
  return [...new Set(topics)];
}

/**
 * Adds a step to the plan's history inside the caller's transaction (which must include db.history): forgets
 * what was undone (the usual linear history) and drops the oldest steps past the limits.
 */
export async function addHistoryStep(
  ctx: ModelContext,
  planId: string,
  label: StoredHistoryLabel,
  step: Pick<HistoryRow, 'changes' | 'assignments' | 'records' | 'recordChange'>,
): Promise<void> {
  const { db } = ctx;
  await db.history.where({ planId, undone: 1 }).delete();
  await db.history.add({ planId, label, at: ctx.now(), undone: 0, ...step });
  // Keys only: steps can be large (a 10,000-territory paste), and most edits need just the count.
  const keys = await db.history.where({ planId, undone: 0 }).primaryKeys();
  let drop = Math.max(0, keys.length - HISTORY_LIMIT);
  const isHeavy = (row: typeof step) => !!(row.assignments?.length || row.records || row.recordChange);
  if (isHeavy(step)) {
    // Only a new heavy step can push the heavy ones past their limit.
    const heavy: number[] = [];
    let index = 0;
    await db.history.where({ planId, undone: 0 }).each((row) => {
      if (isHeavy(row)) heavy.push(index);
      index++;
    });
    if (heavy.length > ASSIGNMENT_STEPS_LIMIT) {
      drop = Math.max(drop, heavy[heavy.length - ASSIGNMENT_STEPS_LIMIT - 1] + 1);
    }
  }
  if (drop > 0) await db.history.bulkDelete(keys.slice(0, drop));
}

/**
 * Adds a step that deleted, imported or merged records to the plan's history, inside the caller's transaction
 * (db.history and db.plans in it), when the plan is a draft: a final or archived plan takes no new steps. Answers
 * whether it did (whether the change can be undone).
 */
export async function addRecordStep(
  ctx: ModelContext,
  planId: string | null | undefined,
  label: StoredHistoryLabel,
  step: Pick<HistoryRow, 'records' | 'recordChange'>,
): Promise<boolean> {
  const plan = planId ? await ctx.db.plans.get(planId) : undefined;
  if (plan?.status !== 'draft') return false;
  await addHistoryStep(ctx, plan.id, label, { changes: [], ...step });
  await ctx.db.plans.update(plan.id, { updatedAt: ctx.now() });
  return true;
}

export async function recordEdit<T>(
  ctx: ModelContext,
  planId: string,
  label: StoredHistoryLabel,
  change: (edit: PlanEdit) => Promise<T>,
): Promise<{ result: T; topics: ChangeTopic[] }> {
  const { db } = ctx;
  return db.transaction('rw', planTables(db), async () => {
    await ctx.requireWritablePlan(planId);
    const changes: RowChange[] = [];
    const edit: PlanEdit = {
      get: (table, key) => db.table(table).get(key),
      async put(table, row) {
        const before = await db.table(table).get(row.id);
        await db.table(table).put(row);
        changes.push({ table, key: row.id, before, after: row });
      },
      async remove(table, key) {
        const before = await db.table(table).get(key);
        if (before === undefined) return;
        await db.table(table).delete(key);
        changes.push({ table, key, before, after: undefined });
      },
    };
    const result = await change(edit);
    if (changes.length > 0) {
      await addHistoryStep(ctx, planId, label, { changes });
      await db.plans.update(planId, { updatedAt: ctx.now() });
    }
    return { result, topics: topicsOf({ changes }) };
  });
}

async function lastDone(db: PlannerDb, planId: string): Promise<HistoryRow | undefined> {
  return db.history.where({ planId, undone: 0 }).last();
}

async function firstUndone(db: PlannerDb, planId: string): Promise<HistoryRow | undefined> {
  return db.history.where({ planId, undone: 1 }).first();
}

/** A step that changed the plan's status (archive, restore) may be undone while the plan is not a draft. */
function changesStatus(step: HistoryRow): boolean {
  return step.changes.some(
    (c) => c.table === 'plans' && (c.before as Plan | undefined)?.status !== (c.after as Plan | undefined)?.status,
  );
}

/** Whether a step may be reverted or replayed now: on a draft plan, or a status step on the status it left. */
function stepAllowed(plan: Plan, step: HistoryRow, direction: 'undo' | 'redo'): boolean {
  if (!changesStatus(step)) return plan.status === 'draft';
  const change = step.changes.find((c) => c.table === 'plans')!;
  const from = (direction === 'undo' ? change.after : change.before) as Plan;
  return from.status === plan.status;
}

export async function historyState(db: PlannerDb, planId: string): Promise<HistoryState> {
  const [plan, undo, redo] = await Promise.all([db.plans.get(planId), lastDone(db, planId), firstUndone(db, planId)]);
  const canUndo = !!plan && !!undo && stepAllowed(plan, undo, 'undo');
  const canRedo = !!plan && !!redo && stepAllowed(plan, redo, 'redo');
  return {
    canUndo,
    canRedo,
    undoLabel: canUndo ? undo!.label : null,
    redoLabel: canRedo ? redo!.label : null,
  };
}

/** Puts back the applied assignment of each kind as it was on one side of an Apply. */
async function writeAssignments(
  db: PlannerDb,
  planId: string,
  changes: AssignmentChange[],
  side: 'before' | 'after',
): Promise<void> {
  // Copies referring to these blocks get their own first; a reference this plan held goes.
  await beforeReplacingBlocks(
    db,
    planId,
    changes.map((c) => c.kind),
  );
  for (const change of changes) {
    await db.assignmentBlocks.where('[planId+kind]').equals([planId, change.kind]).delete();
    if (change[side].length > 0) await db.assignmentBlocks.bulkPut(change[side]);
  }
}

async function writeRows(db: PlannerDb, changes: RowChange[], side: 'before' | 'after'): Promise<void> {
  for (const change of changes) {
    const row = change[side];
    if (row === undefined) await db.table(change.table).delete(change.key);
    else await db.table(change.table).put(row);
  }
}

/** Reverts (undo) or replays (redo) one step; answers the topics it touched (a record step tells every plan). */
export async function stepHistory(
  ctx: ModelContext,
  planId: string,
  direction: 'undo' | 'redo',
): Promise<ChangeTopic[]> {
  const { db } = ctx;
  const next = () => (direction === 'undo' ? lastDone(db, planId) : firstUndone(db, planId));
  // A step that deleted, imported or merged records needs their tables, loaded before the transaction (loading
  // reads outside it).
  const peeked = await next();
  const touchesRecords = !!(peeked?.records || peeked?.recordChange);
  const recordTables = peeked && touchesRecords ? await loadStepTables(ctx, peeked) : null;
  const tables = touchesRecords ? [...planTables(db), ...recordStepTables(db)] : planTables(db);
  const written: RecordTable[] = [];
  const topics = await db.transaction('rw', tables, async () => {
    const plan = await ctx.requirePlan(planId);
    const step = await next();
    if (!step || !stepAllowed(plan, step, direction)) await ctx.requireWritablePlan(planId);
    if (!step)
      throw new ModelError(
        'CONFLICT',
        `Nothing to ${direction}`,
        { planId },
        direction === 'undo' ? 'nothingToUndo' : 'nothingToRedo',
      );
    if ((step.records || step.recordChange) && (!recordTables || step.seq !== peeked?.seq))
      throw new ModelError('CONFLICT', 'The history changed meanwhile', { planId }, 'historyChangedMeanwhile');
    if (direction === 'undo') await writeRows(db, [...step.changes].reverse(), 'before');
    else await writeRows(db, step.changes, 'after');
    if (step.assignments)
      await writeAssignments(db, planId, step.assignments, direction === 'undo' ? 'before' : 'after');
    if (step.records && recordTables) {
      written.push(
        ...(direction === 'undo'
          ? await restoreStep(db, recordTables, step.records)
          : await deleteStep(db, recordTables, step.records)),
      );
    }
    let recordChange = step.recordChange;
    if (recordChange && recordTables) {
      if (direction === 'undo') {
        const undone = await undoChange(db, recordTables, recordChange);
        written.push(...undone.written);
        // What the undo took away with the created records (their placements by now) is what redo puts back.
        recordChange = undone.step;
      } else written.push(...(await redoChange(db, recordTables, recordChange)));
    }
    await db.history.update(step.seq!, {
      undone: direction === 'undo' ? 1 : 0,
      ...(recordChange && { recordChange }),
    });
    await db.plans.update(planId, { updatedAt: ctx.now() });
    return topicsOf(step);
  });
  if (peeked && touchesRecords) {
    await announceRecordStep(ctx, written);
    // Stages the planner mapped by hand hold for the deals an import brings back.
    if (direction === 'redo' && peeked.recordChange?.kind === 'deal') await reapplyDealStageChoices(ctx);
  }
  return topics;
}

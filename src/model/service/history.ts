/**
 * Undo and redo of plan edits. Each edit stores the rows it changed, before and after; undo writes the befores
 * back, redo the afters. Stored in IndexedDB, so history survives a restart and a crash of the model host.
 */
import type { ChangeTopic } from '../../shared/api';
import type { StoredForecastAssumptions } from '../../shared/api/forecast';
import type { HistoryState } from '../../shared/api';
import type { ManualAssignment, Membership, Rule, Target, Territory } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { HistoryRow, PlannerDb, RowChange, UndoableTable } from '../db/schema';
import type { ModelContext } from './context';

/** Kept per plan; older steps are dropped. */
export const HISTORY_LIMIT = 200;

interface RowOf {
  territories: Territory;
  memberships: Membership;
  rules: Rule;
  targets: Target;
  manualAssignments: ManualAssignment;
  forecastAssumptions: StoredForecastAssumptions;
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
  // Assumptions change forecasts: the views that show targets and forecasts refresh on this topic.
  forecastAssumptions: 'targets',
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
  db.history,
];

function topicsOf(changes: RowChange[]): ChangeTopic[] {
  return [...new Set(changes.map((c) => topicOf[c.table]))];
}

export async function recordEdit<T>(
  ctx: ModelContext,
  planId: string,
  label: string,
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
      // A new edit forgets what was undone (the usual linear history).
      await db.history.where({ planId, undone: 1 }).delete();
      await db.history.add({ planId, label, at: ctx.now(), undone: 0, changes });
      const steps = await db.history.where({ planId, undone: 0 }).primaryKeys();
      if (steps.length > HISTORY_LIMIT) await db.history.bulkDelete(steps.slice(0, steps.length - HISTORY_LIMIT));
      await db.plans.update(planId, { updatedAt: ctx.now() });
    }
    return { result, topics: topicsOf(changes) };
  });
}

async function lastDone(db: PlannerDb, planId: string): Promise<HistoryRow | undefined> {
  return db.history.where({ planId, undone: 0 }).last();
}

async function firstUndone(db: PlannerDb, planId: string): Promise<HistoryRow | undefined> {
  return db.history.where({ planId, undone: 1 }).first();
}

export async function historyState(db: PlannerDb, planId: string): Promise<HistoryState> {
  const [undo, redo] = await Promise.all([lastDone(db, planId), firstUndone(db, planId)]);
  return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
}

async function writeRows(db: PlannerDb, changes: RowChange[], side: 'before' | 'after'): Promise<void> {
  for (const change of changes) {
    const row = change[side];
    if (row === undefined) await db.table(change.table).delete(change.key);
    else await db.table(change.table).put(row);
  }
}

/** Reverts (undo) or replays (redo) one step; answers the topics it touched. */
export async function stepHistory(
  ctx: ModelContext,
  planId: string,
  direction: 'undo' | 'redo',
): Promise<ChangeTopic[]> {
  const { db } = ctx;
  return db.transaction('rw', planTables(db), async () => {
    await ctx.requireWritablePlan(planId);
    const step = direction === 'undo' ? await lastDone(db, planId) : await firstUndone(db, planId);
    if (!step) throw new ModelError('CONFLICT', `Nothing to ${direction}`, { planId });
    if (direction === 'undo') await writeRows(db, [...step.changes].reverse(), 'before');
    else await writeRows(db, step.changes, 'after');
    await db.history.update(step.seq!, { undone: direction === 'undo' ? 1 : 0 });
    await db.plans.update(planId, { updatedAt: ctx.now() });
    return topicsOf(step.changes);
  });
}

/**
 * Deleting records as an undoable step (issue 15). Records are shared by every plan, but a deletion is made from
 * one plan (the one open): the step goes into that plan's history and carries everything the deletion took — the
 * rows (tombstoned, so their values and every plan's stored assignment stay), the manual placements of every plan,
 * the sales people of a deleted data set with their memberships and the manager links pointing at them, and the
 * data set itself. Undo writes all of it back in one transaction; redo deletes it again. Stored in IndexedDB with
 * the history, so it survives a reload.
 */
export type { RecordDeletionStep };
import { recordKinds, type RecordKind } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { PlannerDb, RecordDeletionStep } from '../db/schema';
import { forkRecordTable } from '../import/commit';
import type { RecordTable } from '../records/recordTable';
import { saveRecordTable } from '../records/storage';
import type { ModelContext } from './context';

/** Tables a record step writes, besides the history's own. */
export const recordStepTables = (db: PlannerDb) => [
  db.recordMeta,
  db.recordDicts,
  db.recordBlocks,
  db.manualAssignments,
  db.users,
  db.memberships,
  db.territories,
  db.dataSets,
];

/** The record tables a step needs, loaded before its transaction (loading reads outside it). */
export async function loadStepTables(
  ctx: ModelContext,
  step: Pick<RecordDeletionStep, 'rows'>,
): Promise<Map<RecordKind, RecordTable>> {
  const kinds = recordKinds.filter((kind) => step.rows.some((r) => r.kind === kind && r.rows.length > 0));
  return new Map(await Promise.all(kinds.map(async (kind) => [kind, await ctx.records(kind)] as const)));
}

/**
 * Writes a deletion's rows as deleted (`deleted` 1) or live again (0), inside the caller's transaction. Answers the
 * new tables, to be put in the model's memory once the transaction committed.
 */
async function writeRows(
  db: PlannerDb,
  tables: Map<RecordKind, RecordTable>,
  step: RecordDeletionStep,
  deleted: 0 | 1,
): Promise<RecordTable[]> {
  const written: RecordTable[] = [];
  for (const { kind, rows } of step.rows) {
    if (rows.length === 0) continue;
    const loaded = tables.get(kind);
    if (!loaded) throw new ModelError('CONFLICT', `The ${kind} records changed meanwhile`, { kind });
    const table = forkRecordTable(loaded);
    let from = Infinity;
    for (const row of rows) {
      if (row >= table.rowCount || table.deleted[row] === deleted) continue;
      table.deleted[row] = deleted;
      from = Math.min(from, row);
    }
    if (from === Infinity) continue;
    await saveRecordTable(db, table, from);
    written.push(table);
  }
  return written;
}

/** Deletes what the step names (a deletion, or its redo), inside the caller's transaction. */
export async function deleteStep(
  db: PlannerDb,
  tables: Map<RecordKind, RecordTable>,
  step: RecordDeletionStep,
): Promise<RecordTable[]> {
  const written = await writeRows(db, tables, step, 1);
  if (step.manual.length > 0) await db.manualAssignments.bulkDelete(step.manual.map((m) => m.id));
  if (step.memberships.length > 0) await db.memberships.bulkDelete(step.memberships.map((m) => m.id));
  if (step.users.length > 0) await db.users.bulkDelete(step.users.map((u) => u.id));
  for (const link of step.managerLinks) {
    await db.users.where('id').equals(link.userId).modify({ managerUserId: null });
  }
  if (step.dataSet) await db.dataSets.delete(step.dataSet.id);
  return written;
}

/** Puts back what the step took (undo), inside the caller's transaction; what now points nowhere stays out. */
export async function restoreStep(
  db: PlannerDb,
  tables: Map<RecordKind, RecordTable>,
  step: RecordDeletionStep,
): Promise<RecordTable[]> {
  const written = await writeRows(db, tables, step, 0);
  if (step.dataSet) await db.dataSets.put(step.dataSet);
  if (step.users.length > 0) await db.users.bulkPut(step.users);
  const territoryIds = new Set(
    (await db.territories.bulkGet([...new Set([...step.manual, ...step.memberships].map((r) => r.territoryId))]))
      .filter((t) => t !== undefined)
      .map((t) => t.id),
  );
  const manual = step.manual.filter((m) => territoryIds.has(m.territoryId));
  if (manual.length > 0) await db.manualAssignments.bulkPut(manual);
  const memberships = step.memberships.filter((m) => territoryIds.has(m.territoryId));
  if (memberships.length > 0) await db.memberships.bulkPut(memberships);
  for (const link of step.managerLinks) {
    await db.users
      .where('id')
      .equals(link.userId)
      .modify((user) => {
        if (user.managerUserId === null) user.managerUserId = link.managerUserId;
      });
  }
  return written;
}

/** After a record step committed: the model's memory takes the new tables, and every plan hears of it. */
export async function announceRecordStep(ctx: ModelContext, written: readonly RecordTable[]): Promise<void> {
  for (const table of written) ctx.setRecords(table.kind, table);
  ctx.changed(null, 'records', 'people');
  for (const plan of await ctx.db.plans.toArray()) {
    ctx.changed(plan.id, 'records', 'assignments', 'memberships', 'plans');
  }
}

/**
 * Deleting records as an undoable step (issue 15). Records are shared by every plan, but a deletion is made from
 * one plan (the one open): the step goes into that plan's history and carries everything the deletion took — the
 * rows (tombstoned, so their values and every plan's stored assignment stay), the manual placements of every plan,
 * the sales people of a deleted data set with their memberships and the manager links pointing at them, and the
 * data set itself. Undo writes all of it back in one transaction; redo deletes it again. Stored in IndexedDB with
 * the history, so it survives a reload.
 *
 * An import or a merge of duplicates is a RecordChangeStep built on the same two moves: what it created is taken
 * away by undo as a deletion (deleteStep) and put back by redo (restoreStep); what it deleted the other way round;
 * the cells, sales people and placements it changed are written back from their before- and after-images.
 */
export type { RecordChangeStep, RecordDeletionStep };
import { recordKinds, type ManualAssignment, type RecordKind } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { HistoryRow, PlannerDb, RecordCellImages, RecordChangeStep, RecordDeletionStep } from '../db/schema';
import { forkRecordTable } from '../import/commit';
import { setCell, type RecordTable } from '../records/recordTable';
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

/** The record kinds a history step writes (none for a plan edit). */
export function stepKinds(step: Pick<HistoryRow, 'records' | 'recordChange'>): RecordKind[] {
  const { records, recordChange: change } = step;
  const rows = [records, change?.created, change?.deleted].flatMap((s) => s?.rows ?? []);
  return recordKinds.filter(
    (kind) =>
      rows.some((r) => r.kind === kind && r.rows.length > 0) ||
      (change?.cells ?? []).some((c) => c.kind === kind && c.rows.length > 0),
  );
}

/**
 * The record tables a step needs, loaded before its transaction (loading reads outside it). The writers below
 * replace a table in this map by the one they wrote, so two writes of one kind in a step build on each other.
 */
export async function loadStepTables(
  ctx: ModelContext,
  step: Pick<HistoryRow, 'records' | 'recordChange'>,
): Promise<Map<RecordKind, RecordTable>> {
  const kinds = stepKinds(step);
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
    if (!loaded)
      throw new ModelError('CONFLICT', `The ${kind} records changed meanwhile`, { kind }, 'recordsChangedMeanwhile');
    const table = forkRecordTable(loaded);
    let from = Infinity;
    for (const row of rows) {
      if (row >= table.rowCount || table.deleted[row] === deleted) continue;
      table.deleted[row] = deleted;
      from = Math.min(from, row);
    }
    if (from === Infinity) continue;
    await saveRecordTable(db, table, from);
    tables.set(kind, table);
    written.push(table);
  }
  return written;
}

/**
 * What deleting these rows and sales people (and the data set) takes, read inside the caller's transaction: the
 * manual placements of the rows in every plan, the people's memberships and the manager links pointing at them.
 */
export async function collectDeletion(
  db: PlannerDb,
  rows: RecordDeletionStep['rows'],
  userIds: ReadonlySet<string>,
  dataSetId: string | null,
): Promise<RecordDeletionStep> {
  const gone = new Map(rows.map(({ kind, rows: list }) => [kind, new Set(list)]));
  return {
    rows,
    manual: await db.manualAssignments.filter((m) => gone.get(m.recordKind)?.has(m.recordId) ?? false).toArray(),
    users: (await db.users.bulkGet([...userIds])).filter((u) => u !== undefined),
    memberships: userIds.size ? await db.memberships.filter((m) => userIds.has(m.userId)).toArray() : [],
    managerLinks: userIds.size
      ? (await db.users.filter((u) => u.managerUserId !== null && userIds.has(u.managerUserId)).toArray())
          .filter((u) => !userIds.has(u.id))
          .map((u) => ({ userId: u.id, managerUserId: u.managerUserId! }))
      : [],
    dataSet: dataSetId ? ((await db.dataSets.get(dataSetId)) ?? null) : null,
  };
}

/** Writes one side of cell images, inside the caller's transaction; answers the tables written. */
async function writeCells(
  db: PlannerDb,
  tables: Map<RecordKind, RecordTable>,
  images: readonly RecordCellImages[],
  side: 'before' | 'after',
): Promise<RecordTable[]> {
  const written: RecordTable[] = [];
  for (const image of images) {
    if (image.rows.length === 0) continue;
    const loaded = tables.get(image.kind);
    if (!loaded)
      throw new ModelError(
        'CONFLICT',
        `The ${image.kind} records changed meanwhile`,
        { kind: image.kind },
        'recordsChangedMeanwhile',
      );
    const table = forkRecordTable(loaded);
    image.fields.forEach((key, f) => {
      if (!table.columns.has(key)) return;
      const values = image[side][f];
      image.rows.forEach((row, i) => {
        if (row < table.rowCount) setCell(table, key, row, values[i]);
      });
    });
    await saveRecordTable(db, table, image.rows[0]);
    tables.set(image.kind, table);
    written.push(table);
  }
  return written;
}

/** Swaps one side of the placements a step changed for the other, inside the caller's transaction. */
async function swapManual(db: PlannerDb, out: readonly ManualAssignment[], back: readonly ManualAssignment[]) {
  if (out.length > 0) await db.manualAssignments.bulkDelete(out.map((m) => m.id));
  if (back.length > 0) await db.manualAssignments.bulkPut([...back]);
}

/**
 * Undoes an import or a merge inside the caller's transaction. Answers the tables written and the step as it now
 * is: what the change created is taken away with what it holds by now (placements, memberships), kept for redo.
 */
export async function undoChange(
  db: PlannerDb,
  tables: Map<RecordKind, RecordTable>,
  step: RecordChangeStep,
): Promise<{ written: RecordTable[]; step: RecordChangeStep }> {
  const written = await writeCells(db, tables, step.cells, 'before');
  if (step.users.before.length > 0) await db.users.bulkPut(step.users.before);
  await swapManual(db, step.manual.after, step.manual.before);
  if (step.deleted) written.push(...(await restoreStep(db, tables, step.deleted)));
  let created = step.created;
  if (created) {
    const { rows, users, dataSet } = created;
    // What is gone meanwhile (a sales person, the data set, deleted from another plan) is not brought back by redo.
    created = await collectDeletion(db, rows, new Set(users.map((u) => u.id)), dataSet?.id ?? null);
    written.push(...(await deleteStep(db, tables, created)));
  }
  return { written, step: { ...step, created } };
}

/** Redoes an import or a merge inside the caller's transaction; answers the tables written. */
export async function redoChange(
  db: PlannerDb,
  tables: Map<RecordKind, RecordTable>,
  step: RecordChangeStep,
): Promise<RecordTable[]> {
  const written: RecordTable[] = [];
  if (step.created) written.push(...(await restoreStep(db, tables, step.created)));
  if (step.deleted) written.push(...(await deleteStep(db, tables, step.deleted)));
  await swapManual(db, step.manual.before, step.manual.after);
  if (step.users.after.length > 0) await db.users.bulkPut(step.users.after);
  written.push(...(await writeCells(db, tables, step.cells, 'after')));
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

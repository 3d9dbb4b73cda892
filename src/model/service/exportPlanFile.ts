/**
 * File > Open plan…: a plan file read back into this database as a plan, in one transaction (a refused or failed
 * file changes nothing). On a machine that does not have the plan, ids are kept, so the plan is the same plan; where
 * its id is taken (opened twice), it gets fresh ids. Records that travel with the file are added where their
 * external ID is not known here; assignments and by-hand placements land on the records with their external ID.
 */
import type { OpenedPlan } from '../../shared/api/export';
import type { ManualAssignment, Plan, RecordKind } from '../../shared/domain';
import type { Assignment } from '../engine/rules/assignment';
import { readPlanFile, recordRowsOf, type PlanFile } from '../export/planFile';
import { addField, appendRow, cloneRecordTable, indexByExternalId, type RecordTable } from '../records/recordTable';
import { saveRecordTable } from '../records/storage';
import { createDataSet } from '../records/dataSets';
import { SAMPLE_DATA_SET_ID, SAMPLE_PLAN_NOTES } from '../records/dataSetsUpgrade';
import { encodeForApply } from './assignmentStore';
import type { ModelContext, Task } from './context';

/** The file's assignment of one kind on this machine's records (by external ID). */
export function assignmentOnRecords(
  entry: PlanFile['assignments'][number],
  records: RecordTable,
  rowOf: Map<string, number>,
  mapId: (id: string) => string,
): { assignment: Assignment; skipped: number } {
  const rowCount = records.rowCount;
  const counts = new Uint32Array(rowCount + 1);
  const rows = new Int32Array(entry.externalIds.length).fill(-1);
  let skipped = 0;
  entry.externalIds.forEach((externalId, i) => {
    const row = rowOf.get(externalId);
    if (row === undefined) {
      skipped++;
      return;
    }
    rows[i] = row;
    counts[row + 1] += entry.offsets[i + 1] - entry.offsets[i];
  });
  const offsets = new Uint32Array(rowCount + 1);
  for (let row = 0; row < rowCount; row++) offsets[row + 1] = offsets[row] + counts[row + 1];
  const territories = new Uint32Array(offsets[rowCount]);
  const sources = new Uint8Array(offsets[rowCount]);
  const fill = offsets.slice(0, rowCount);
  entry.externalIds.forEach((_, i) => {
    const row = rows[i];
    if (row < 0) return;
    for (let k = entry.offsets[i]; k < entry.offsets[i + 1]; k++) {
      territories[fill[row]] = entry.territories[k];
      sources[fill[row]] = entry.sources[k];
      fill[row]++;
    }
  });
  const unmatched = new Uint8Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    if (records.deleted[row] === 0 && offsets[row] === offsets[row + 1]) unmatched[row] = 1;
  }
  return {
    assignment: {
      kind: entry.kind,
      rowCount,
      territoryIds: entry.territoryIds.map(mapId),
      offsets,
      territories,
      sources,
      unmatched,
      hitLimit: new Uint8Array(rowCount),
    },
    skipped,
  };
}

export async function openPlanFile(
  ctx: ModelContext,
  bytes: Uint8Array,
  fileName: string,
  task: Task | null,
): Promise<OpenedPlan> {
  const { db } = ctx;
  task?.progress('read', 0, 3);
  const file = readPlanFile(bytes, fileName);
  task?.progress('read', 1, 3);
  task?.signal.throwIfAborted();

  const taken =
    (await db.plans.get(file.plan.id)) !== undefined ||
    (await db.territories.bulkGet(file.territories.map((t) => t.id))).some((t) => t !== undefined);
  const ids = new Map<string, string>();
  const mapId = (id: string): string => {
    if (!taken) return id;
    let mapped = ids.get(id);
    if (!mapped) ids.set(id, (mapped = ctx.newId()));
    return mapped;
  };
  const planId = mapId(file.plan.id);
  // The file's data sets are not this database's: the plan plans over every set here but the sample.
  const plan: Plan = {
    ...file.plan,
    id: planId,
    excludedDataSetIds: file.plan.notes === SAMPLE_PLAN_NOTES ? [] : [SAMPLE_DATA_SET_ID],
  };
  const planFileSet = {
    id: ctx.newId(),
    name: fileName,
    origin: 'planFile' as const,
    fileName,
    now: ctx.now(),
  };

  // Records that travel: add those whose external ID is not here (a copy, swapped in after the commit).
  const tables = new Map<RecordKind, { table: RecordTable; fromRow: number }>();
  let recordsAdded = 0;
  for (const part of file.records ?? []) {
    const current = await ctx.records(part.kind);
    const known = indexByExternalId(current);
    const { fields, rows } = recordRowsOf(part);
    const fresh = rows.filter((row) => {
      const id = row.externalId;
      return typeof id !== 'string' || id === '' || !known.has(id);
    });
    if (fresh.length === 0) continue;
    const table = cloneRecordTable(current);
    for (const field of fields) addField(table, field);
    const fromRow = table.rowCount;
    for (const row of fresh) appendRow(table, row);
    recordsAdded += fresh.length;
    tables.set(part.kind, { table, fromRow });
  }
  const recordsOf = async (kind: RecordKind) => tables.get(kind)?.table ?? (await ctx.records(kind));

  let assignmentsSkipped = 0;
  const assignments: Assignment[] = [];
  for (const entry of file.assignments) {
    const records = await recordsOf(entry.kind);
    const { assignment, skipped } = assignmentOnRecords(entry, records, indexByExternalId(records), mapId);
    assignments.push(assignment);
    assignmentsSkipped += skipped;
  }
  const manual: ManualAssignment[] = [];
  const rowsByKind = new Map<RecordKind, Map<string, number>>();
  for (const m of file.manualAssignments) {
    let rowOf = rowsByKind.get(m.recordKind);
    if (!rowOf) rowsByKind.set(m.recordKind, (rowOf = indexByExternalId(await recordsOf(m.recordKind))));
    const row = rowOf.get(m.externalId);
    if (row === undefined) {
      assignmentsSkipped++;
      continue;
    }
    manual.push({
      id: mapId(m.id),
      planId,
      recordKind: m.recordKind,
      recordId: row,
      territoryId: mapId(m.territoryId),
      createdAt: m.createdAt,
    });
  }
  const encoded = encodeForApply(planId, assignments);
  task?.progress('read', 2, 3);
  task?.signal.throwIfAborted();

  const existingUsers = new Set(
    (await db.users.bulkGet(file.users.map((u) => u.id))).flatMap((u) => (u ? [u.id] : [])),
  );
  await db.transaction(
    'rw',
    [
      db.plans,
      db.territories,
      db.users,
      db.memberships,
      db.rules,
      db.targets,
      db.manualAssignments,
      db.assignmentBlocks,
      db.recordMeta,
      db.recordDicts,
      db.recordBlocks,
      db.dataSets,
      db.settings,
    ],
    async () => {
      // Records and people the file brings get a home of their own, named after the file.
      const newUsers = file.users.filter((u) => !existingUsers.has(u.id));
      const set = tables.size > 0 || newUsers.length > 0 ? await createDataSet(db, planFileSet) : null;
      for (const { table, fromRow } of tables.values()) {
        if (set) table.dataSet.fill(set.code, fromRow, table.rowCount);
        await saveRecordTable(db, table, fromRow);
      }
      await db.users.bulkAdd(newUsers.map((u) => ({ ...u, ...(set && { dataSetId: set.id }) })));
      await db.plans.add(plan);
      await db.territories.bulkAdd(
        file.territories.map((t) => ({
          ...t,
          id: mapId(t.id),
          planId,
          parentId: t.parentId === null ? null : mapId(t.parentId),
        })),
      );
      const reown = <T extends { id: string; planId: string; territoryId: string }>(rows: T[]): T[] =>
        rows.map((r) => ({ ...r, id: mapId(r.id), planId, territoryId: mapId(r.territoryId) }));
      await db.memberships.bulkAdd(reown(file.memberships));
      await db.rules.bulkAdd(reown(file.rules));
      await db.targets.bulkAdd(reown(file.targets));
      await db.manualAssignments.bulkAdd(manual);
      for (const { blocks } of encoded) if (blocks.length > 0) await db.assignmentBlocks.bulkAdd(blocks);
    },
  );
  for (const [kind, { table }] of tables) ctx.setRecords(kind, table);
  if (tables.size > 0) ctx.changed(null, 'records');
  if (file.users.length > existingUsers.size) ctx.changed(null, 'people');
  ctx.changed(planId, 'plans', 'territories', 'memberships', 'rules', 'targets', 'assignments');
  task?.progress('read', 3, 3);
  return { plan, renamedIds: taken, recordsAdded, assignmentsSkipped };
}

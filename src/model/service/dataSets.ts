/**
 * Data sets and deleting records: what each set holds, which sets a plan plans over, and deleting a set, a
 * selection or the records a search matches, with what goes said first (DeletionImpact). Records are shared by
 * every plan; a deletion made from a draft plan is a step of that plan's history and can be undone there
 * (service/recordHistory.ts).
 */
import type { DeletedRecords, RecordSelection, dataSetCalls } from '../../shared/api/dataSets';
import { emptyRecordCounts, type DeletionImpact, type RecordCounts } from '../../shared/dataSets';
import { recordKinds, type RecordKind } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import { historyLabel } from '../../shared/history';
import { recordsInTerritory } from './assignmentLookups';
import type { RecordTable } from '../records/recordTable';
import type { Handlers, ModelContext } from './context';
import { addRecordStep } from './history';
import { announceRecordStep, collectDeletion, deleteStep, loadStepTables, recordStepTables } from './recordHistory';
import { planAssignments } from './planAssignments';
import { recordsMatching } from './records';

/** Rows to delete, per kind, and the sales people going with them. */
interface Doomed {
  rows: Map<RecordKind, number[]>;
  userIds: string[];
}

function countsOf(doomed: Doomed): RecordCounts {
  const counts = emptyRecordCounts();
  for (const [kind, rows] of doomed.rows) counts[kind] = rows.length;
  return counts;
}

/** Contacts and deals of deleted accounts go with them: a deal without its account would be placed nowhere. */
async function withDependents(ctx: ModelContext, rows: Map<RecordKind, number[]>): Promise<Map<RecordKind, number[]>> {
  const accountRows = rows.get('account') ?? [];
  if (accountRows.length === 0) return rows;
  const accounts = await ctx.records('account');
  const ids = accounts.columns.get('externalId');
  if (ids?.type !== 'text') return rows;
  const goneIds = new Set<string>();
  for (const row of accountRows) if (ids.codes[row] !== 0) goneIds.add(ids.values[ids.codes[row]]);
  const out = new Map(rows);
  for (const kind of ['contact', 'deal'] as const) {
    const table = await ctx.records(kind);
    const link = table.columns.get('accountExternalId');
    if (link?.type !== 'text') continue;
    const goneCodes = new Uint8Array(link.values.length);
    link.values.forEach((value, code) => {
      if (code !== 0 && goneIds.has(value)) goneCodes[code] = 1;
    });
    const set = new Set(out.get(kind) ?? []);
    for (let row = 0; row < table.rowCount; row++) {
      if (table.deleted[row] === 0 && goneCodes[link.codes[row]] === 1) set.add(row);
    }
    out.set(
      kind,
      [...set].sort((a, b) => a - b),
    );
  }
  return out;
}

async function doomedOfSet(ctx: ModelContext, dataSetId: string): Promise<Doomed> {
  const set = await ctx.db.dataSets.get(dataSetId);
  if (!set) throw new ModelError('NOT_FOUND', `No data set ${dataSetId}`, { dataSetId }, 'datasetMissing');
  const rows = new Map<RecordKind, number[]>();
  for (const kind of recordKinds) {
    const table = await ctx.records(kind);
    const mine: number[] = [];
    for (let row = 0; row < table.rowCount; row++) {
      if (table.deleted[row] === 0 && table.dataSet[row] === set.code) mine.push(row);
    }
    rows.set(kind, mine);
  }
  const userIds = (await ctx.db.users.toArray()).filter((u) => u.dataSetId === dataSetId).map((u) => u.id);
  return { rows: await withDependents(ctx, rows), userIds };
}

async function doomedOfSelection(ctx: ModelContext, selection: RecordSelection): Promise<Doomed> {
  const { kind, planId, recordIds, search, filters, inTerritory } = selection;
  const table: RecordTable = planId ? await ctx.planRecords(planId, kind) : await ctx.records(kind);
  let rows: number[];
  if (recordIds) {
    rows = [...new Set(recordIds)].filter((row) => row < table.rowCount && table.deleted[row] === 0);
  } else {
    rows = Array.from(recordsMatching(table, { search, filters }));
    // The Accounts view's territory filter: the same rows the table shows.
    if (planId && inTerritory !== undefined) {
      const keep = await recordsInTerritory(ctx, planId, kind, inTerritory, table.rowCount);
      rows = rows.filter((row) => keep[row] === 1);
    }
  }
  rows.sort((a, b) => a - b);
  return { rows: await withDependents(ctx, new Map([[kind, rows]])), userIds: [] };
}

async function impactOf(ctx: ModelContext, doomed: Doomed): Promise<DeletionImpact> {
  const { db } = ctx;
  const plans = [];
  const users = new Set(doomed.userIds);
  const gone = new Map([...doomed.rows].map(([kind, rows]) => [kind, new Set(rows)]));
  for (const plan of await db.plans.toArray()) {
    const manualRows = await db.manualAssignments.where({ planId: plan.id }).toArray();
    const manual = manualRows.filter((m) => gone.get(m.recordKind)?.has(m.recordId)).length;
    const memberships = users.size
      ? (await db.memberships.where({ planId: plan.id }).toArray()).filter((m) => users.has(m.userId)).length
      : 0;
    let placed = 0;
    const accountRows = doomed.rows.get('account') ?? [];
    if (accountRows.length > 0) {
      const { assignment } = await planAssignments(ctx).currentOf(plan.id, 'account');
      if (assignment) {
        for (const row of accountRows) {
          if (row < assignment.rowCount && assignment.offsets[row + 1] > assignment.offsets[row]) placed++;
        }
      }
    }
    if (placed + manual + memberships > 0) {
      plans.push({ planId: plan.id, name: plan.name, status: plan.status, placed, manual, memberships });
    }
  }
  return { records: countsOf(doomed), users: doomed.userIds.length, plans };
}

/**
 * Deletes what `doomed` names in one transaction. Made from a draft plan (`planId`), the deletion is a step of that
 * plan's history holding all it took (service/recordHistory.ts), so Undo puts it back.
 */
async function deleteDoomed(
  ctx: ModelContext,
  doomed: Doomed,
  { dataSetId, planId }: { dataSetId?: string; planId?: string },
): Promise<DeletedRecords> {
  const { db } = ctx;
  const rows = [...doomed.rows].map(([kind, list]) => ({ kind, rows: Uint32Array.from(list) }));
  const tables = await loadStepTables(ctx, {
    records: { rows, manual: [], users: [], memberships: [], managerLinks: [], dataSet: null },
  });
  const userIds = new Set(doomed.userIds);
  const total = rows.reduce((sum, r) => sum + r.rows.length, 0);
  const { written, undoable } = await db.transaction(
    'rw',
    [...recordStepTables(db), db.history, db.plans],
    async () => {
      const step = await collectDeletion(db, rows, userIds, dataSetId ?? null);
      const written = await deleteStep(db, tables, step);
      // A final or archived plan takes no new steps: from there, a deletion cannot be undone (the UI says so).
      const undoable =
        total + step.users.length > 0 &&
        (await addRecordStep(ctx, planId, historyLabel('deleteRecords', { count: total }), { records: step }));
      return { written, undoable };
    },
  );
  await announceRecordStep(ctx, written);
  if (undoable && planId) ctx.changed(planId, 'history');
  return { records: countsOf(doomed), users: userIds.size, undoable };
}

export function dataSetHandlers(ctx: ModelContext): Handlers<typeof dataSetCalls> {
  const { db } = ctx;
  return {
    async listDataSets({ planId }) {
      const plan = planId ? await ctx.requirePlan(planId) : null;
      const sets = await db.dataSets.orderBy('code').toArray();
      const byCode = new Map(sets.map((s) => [s.code, emptyRecordCounts()]));
      for (const kind of recordKinds) {
        const table = await ctx.records(kind);
        const perCode = new Uint32Array(0x10000);
        for (let row = 0; row < table.rowCount; row++) if (table.deleted[row] === 0) perCode[table.dataSet[row]]++;
        for (const [code, counts] of byCode) counts[kind] = perCode[code];
      }
      const users = await db.users.toArray();
      return sets.map((set) => ({
        ...set,
        records: byCode.get(set.code)!,
        users: users.filter((u) => u.dataSetId === set.id).length,
        ...(plan && { inPlan: !(plan.excludedDataSetIds ?? []).includes(set.id) }),
      }));
    },

    async renameDataSet({ dataSetId, name }) {
      const set = await db.dataSets.get(dataSetId);
      if (!set) throw new ModelError('NOT_FOUND', `No data set ${dataSetId}`, { dataSetId }, 'datasetMissing');
      const renamed = { ...set, name };
      await db.dataSets.put(renamed);
      ctx.changed(null, 'records');
      return renamed;
    },

    async dataSetDeletionImpact({ dataSetId }) {
      return impactOf(ctx, await doomedOfSet(ctx, dataSetId));
    },

    async deleteDataSet({ dataSetId, planId }) {
      return deleteDoomed(ctx, await doomedOfSet(ctx, dataSetId), { dataSetId, planId });
    },

    async recordDeletionImpact(selection) {
      return impactOf(ctx, await doomedOfSelection(ctx, selection));
    },

    async deleteRecords(selection) {
      return deleteDoomed(ctx, await doomedOfSelection(ctx, selection), { planId: selection.planId });
    },
  };
}

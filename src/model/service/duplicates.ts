/** Likely duplicate accounts across imports (engine/duplicates.ts), merged or kept apart by the planner. */
import type { DuplicateGroupInfo, duplicateCalls } from '../../shared/api/duplicates';
import { ModelError } from '../../shared/errors';
import { findDuplicates } from '../engine/duplicates';
import { historyLabel } from '../../shared/history';
import type { RecordCellImages, RecordChangeStep } from '../db/schema';
import { getCell, type CellValue, type RecordTable } from '../records/recordTable';
import type { Handlers, ModelContext } from './context';
import { addRecordStep } from './history';
import { announceRecordStep, loadStepTables, recordStepTables, redoChange } from './recordHistory';

const KEPT_APART = 'duplicatesKeptApart';

async function keptApart(ctx: ModelContext): Promise<Set<string>> {
  const value = (await ctx.db.settings.get(KEPT_APART))?.value;
  return new Set(Array.isArray(value) ? (value as string[]) : []);
}

/** The values the kept account lacks, taken from the merged ones (the first that has one), before and after. */
function keptCells(accounts: RecordTable, keepId: number, gone: readonly number[]): RecordCellImages {
  const image: RecordCellImages = {
    kind: 'account',
    rows: Uint32Array.of(keepId),
    fields: [],
    before: [],
    after: [],
  };
  for (const { key } of accounts.fields) {
    if (getCell(accounts, key, keepId) !== null) continue;
    const value = gone.map((row) => getCell(accounts, key, row)).find((v) => v !== null);
    if (value === undefined) continue;
    image.fields.push(key);
    image.before.push([null]);
    image.after.push([value]);
  }
  return image;
}

export function duplicateHandlers(ctx: ModelContext): Handlers<typeof duplicateCalls> {
  const { db } = ctx;
  return {
    async findDuplicates({ planId }) {
      const accounts = planId ? await ctx.planRecords(planId, 'account') : await ctx.records('account');
      const groups = findDuplicates(accounts, await keptApart(ctx));
      const sets = new Map((await db.dataSets.toArray()).map((s) => [s.code, s.name]));
      const cell = (row: number, key: string) => String(getCell(accounts, key, row) ?? '');
      return {
        total: groups.length,
        groups: groups.slice(0, 200).map((g): DuplicateGroupInfo => ({
          reasons: g.reasons,
          accounts: g.rows.map((row) => ({
            id: row,
            externalId: cell(row, 'externalId'),
            name: cell(row, 'name'),
            city: cell(row, 'city'),
            postalCode: cell(row, 'postalCode'),
            country: cell(row, 'countryCode') || cell(row, 'country'),
            dataSet: sets.get(accounts.dataSet[row]) ?? '',
          })),
        })),
      };
    },

    async mergeAccounts({ keepId, mergeIds, planId }) {
      const base = await ctx.records('account');
      const gone = [...new Set(mergeIds)].filter((row) => row !== keepId);
      for (const row of [keepId, ...gone]) {
        if (row >= base.rowCount || base.deleted[row] !== 0)
          throw new ModelError(
            'NOT_FOUND',
            `No account with id ${row}`,
            { kind: 'account', recordId: row },
            'recordMissing',
          );
      }
      // The merge is a record step (recordHistory.ts): built first, then made by the same code as its redo.
      const step: RecordChangeStep = {
        kind: 'account',
        created: null,
        deleted: {
          rows: [{ kind: 'account', rows: Uint32Array.from(gone).sort() }],
          manual: [],
          users: [],
          memberships: [],
          managerLinks: [],
          dataSet: null,
        },
        cells: [keptCells(base, keepId, gone)],
        users: { before: [], after: [] },
        manual: { before: [], after: [] },
      };
      const keptId = String(getCell(base, 'externalId', keepId) ?? '');
      const goneIds = new Set(gone.map((row) => String(getCell(base, 'externalId', row) ?? '')).filter(Boolean));
      // Contacts and deals of the merged accounts now belong to the kept one.
      const moved = { contact: 0, deal: 0 };
      for (const kind of ['contact', 'deal'] as const) {
        const table = await ctx.records(kind);
        const rows: number[] = [];
        const links: CellValue[] = [];
        for (let row = 0; row < table.rowCount; row++) {
          if (table.deleted[row] !== 0) continue;
          const link = getCell(table, 'accountExternalId', row);
          if (link !== null && goneIds.has(String(link))) {
            rows.push(row);
            links.push(link);
          }
        }
        moved[kind] = rows.length;
        step.cells.push({
          kind,
          rows: Uint32Array.from(rows),
          fields: ['accountExternalId'],
          before: [links],
          after: [links.map(() => keptId)],
        });
      }
      const tables = await loadStepTables(ctx, { recordChange: step });
      const { written, undoable } = await db.transaction(
        'rw',
        [...recordStepTables(db), db.history, db.plans],
        async () => {
          // Placements by hand of the merged accounts go to the kept one (once per plan and territory).
          const goneRows = new Set(gone);
          const manual = await db.manualAssignments.filter((m) => m.recordKind === 'account').toArray();
          const placed = new Set(
            manual.filter((m) => m.recordId === keepId).map((m) => `${m.planId}/${m.territoryId}`),
          );
          for (const m of manual) {
            if (!goneRows.has(m.recordId)) continue;
            step.manual.before.push(m);
            const key = `${m.planId}/${m.territoryId}`;
            if (placed.has(key)) continue;
            placed.add(key);
            step.manual.after.push({ ...m, recordId: keepId });
          }
          const written = await redoChange(db, tables, step);
          // Made from a draft plan, the merge is a step of its history; from a final one it cannot be undone.
          const label = historyLabel('mergeRecords', { count: gone.length });
          return { written, undoable: await addRecordStep(ctx, planId, label, { recordChange: step }) };
        },
      );
      await announceRecordStep(ctx, written);
      if (undoable && planId) ctx.changed(planId, 'history');
      return { merged: gone.length, contacts: moved.contact, deals: moved.deal, undoable };
    },

    async keepApart({ ids }) {
      const pairs = await keptApart(ctx);
      const sorted = [...new Set(ids)].sort((a, b) => a - b);
      for (let i = 0; i < sorted.length; i++)
        for (let j = i + 1; j < sorted.length; j++) pairs.add(`${sorted[i]},${sorted[j]}`);
      await db.settings.put({ key: KEPT_APART, value: [...pairs] });
      ctx.changed(null, 'records');
    },
  };
}

/** Likely duplicate accounts across imports (engine/duplicates.ts), merged or kept apart by the planner. */
import type { DuplicateGroupInfo, duplicateCalls } from '../../shared/api/duplicates';
import { ModelError } from '../../shared/errors';
import { findDuplicates } from '../engine/duplicates';
import { forkRecordTable } from '../import/commit';
import { getCell, setCell, type RecordTable } from '../records/recordTable';
import { saveRecordTable } from '../records/storage';
import type { Handlers, ModelContext } from './context';

const KEPT_APART = 'duplicatesKeptApart';

async function keptApart(ctx: ModelContext): Promise<Set<string>> {
  const value = (await ctx.db.settings.get(KEPT_APART))?.value;
  return new Set(Array.isArray(value) ? (value as string[]) : []);
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

    async mergeAccounts({ keepId, mergeIds }) {
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
      const accounts = forkRecordTable(base);
      for (const row of gone) {
        for (const field of accounts.fields) {
          if (getCell(accounts, field.key, keepId) === null) {
            const value = getCell(accounts, field.key, row);
            if (value !== null) setCell(accounts, field.key, keepId, value);
          }
        }
        accounts.deleted[row] = 1;
      }
      const keptId = String(getCell(accounts, 'externalId', keepId) ?? '');
      const goneIds = new Set(gone.map((row) => String(getCell(accounts, 'externalId', row) ?? '')).filter(Boolean));
      // Contacts and deals of the merged accounts now belong to the kept one.
      const moved: { table: RecordTable; from: number; count: number }[] = [];
      for (const kind of ['contact', 'deal'] as const) {
        const table = forkRecordTable(await ctx.records(kind));
        let count = 0;
        let from = -1;
        for (let row = 0; row < table.rowCount; row++) {
          if (table.deleted[row] !== 0) continue;
          const link = getCell(table, 'accountExternalId', row);
          if (link !== null && goneIds.has(String(link))) {
            setCell(table, 'accountExternalId', row, keptId);
            count++;
            if (from < 0) from = row;
          }
        }
        moved.push({ table, from, count });
      }
      const first = Math.min(keepId, ...gone);
      await db.transaction('rw', [db.recordMeta, db.recordDicts, db.recordBlocks, db.manualAssignments], async () => {
        await saveRecordTable(db, accounts, first);
        for (const m of moved) if (m.count > 0) await saveRecordTable(db, m.table, m.from);
        // Placements by hand of the merged accounts go to the kept one (once per plan and territory).
        const goneRows = new Set(gone);
        const manual = await db.manualAssignments.filter((m) => m.recordKind === 'account').toArray();
        const kept = new Set(manual.filter((m) => m.recordId === keepId).map((m) => `${m.planId}/${m.territoryId}`));
        for (const m of manual) {
          if (!goneRows.has(m.recordId)) continue;
          const key = `${m.planId}/${m.territoryId}`;
          if (kept.has(key)) await db.manualAssignments.delete(m.id);
          else {
            kept.add(key);
            await db.manualAssignments.update(m.id, { recordId: keepId });
          }
        }
      });
      ctx.setRecords('account', accounts);
      for (const m of moved) if (m.count > 0) ctx.setRecords(m.table.kind, m.table);
      ctx.changed(null, 'records');
      for (const plan of await db.plans.toArray()) ctx.changed(plan.id, 'records', 'assignments');
      return { merged: gone.length, contacts: moved[0].count, deals: moved[1].count };
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

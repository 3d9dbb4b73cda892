// Issue #13, "A faster start": a plan of a million accounts opens without waiting for every row. Counts come from
// the live counts stored with the blocks, and are checked here against a second, simple count over the stored
// rows — in a model that has read no block yet (a reload), and after an import, its undo and a deletion. Real
// Dexie schema over fake-indexeddb; a DBCore middleware counts the record blocks each model reads.
import type { DBCoreTable, Middleware, DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { PlannerDb } from '../../src/model/db/schema';
import { loadRecordTable } from '../../src/model/records/storage';
import { createModelService } from '../../src/model/service';
import { createModelClient } from '../../src/shared/bridge';
import type { ModelApi } from '../../src/shared/api';
import { recordKinds, type RecordKind } from '../../src/shared/domain';
import { openTestModel } from './testDb';

/** The record blocks a model read, by block number (a read the counter cannot see counts as every block). */
interface BlockReads {
  blocks: number[];
  unseen: number;
}

function countingBlockReads(reads: BlockReads): Middleware<DBCore> {
  const seen = (values: readonly unknown[]) => {
    for (const value of values) if (value) reads.blocks.push((value as { block: number }).block);
  };
  return {
    stack: 'dbcore',
    name: 'countBlockReads',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'recordBlocks') return table;
        const counted: DBCoreTable = {
          ...table,
          get: async (req) => {
            const value: unknown = await table.get(req);
            seen([value]);
            return value;
          },
          getMany: async (req) => {
            const values = await table.getMany(req);
            seen(values);
            return values;
          },
          query: async (req) => {
            const answer = await table.query(req);
            if (req.values) seen(answer.result);
            return answer;
          },
          openCursor: (req) => {
            reads.unseen++;
            return table.openCursor(req);
          },
        };
        return counted;
      },
    }),
  };
}

/** A second model over the database, as after a reload: nothing read yet. */
async function reloadedModel(name: string): Promise<{ api: ModelApi; db: PlannerDb; reads: BlockReads }> {
  const db = new PlannerDb(name);
  const reads: BlockReads = { blocks: [], unseen: 0 };
  db.use(countingBlockReads(reads));
  await db.open();
  const service = createModelService(db);
  const api = createModelClient({
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  });
  return { api, db, reads };
}

/** The simple count: every stored row, loaded whole, that is not deleted and not in a data set the plan leaves out. */
async function countedOverRows(db: PlannerDb, planId?: string): Promise<Record<RecordKind, number>> {
  const plan = planId ? await db.plans.get(planId) : undefined;
  const sets = await db.dataSets.bulkGet(plan?.excludedDataSetIds ?? []);
  const left = new Set(sets.map((set) => set?.code));
  const counts = { account: 0, contact: 0, lead: 0, deal: 0 };
  for (const kind of recordKinds) {
    const table = await loadRecordTable(db, kind);
    for (let row = 0; row < table.rowCount; row++) {
      if (table.deleted[row] === 0 && !left.has(table.dataSet[row])) counts[kind]++;
    }
  }
  return counts;
}

let tasks = 0;

async function importAccounts(api: ModelApi, planId: string, fileName: string, text: string) {
  const analysis = await api.analyzeImportFile({ fileName, bytes: new TextEncoder().encode(text), kind: 'account' });
  await api.checkImport({ importId: analysis.importId, taskId: `c${tasks++}`, mapping: analysis.mapping, planId });
  return api.commitImport({ importId: analysis.importId, taskId: `m${tasks++}`, onlyValidRows: false, planId });
}

const accountsFile = [
  'Account ID,Account Name,City,Country,Annual Revenue',
  'ACC-00001,Renamed One,Lyon,France,1234567',
  'NEW-1,Nouvelle Une,Paris,France,100000',
  'NEW-2,Nouvelle Deux,Lille,France,200000',
  'NEW-3,Nouvelle Trois,Nantes,France,300000',
].join('\n');

describe('record counts before the rows are loaded', () => {
  it('equal a count over the stored rows, for every plan, after an import, its undo and a deletion', async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const real = await api.createPlan({ name: 'Real' });
    const name = db.name;
    // Both plans see the imported accounts; only the sample plan sees the sample's.
    await importAccounts(api, real.id, 'crm.csv', accountsFile);
    db.close();

    const expectCounts = async (expected: Record<string, Record<RecordKind, number>>) => {
      const reloaded = await reloadedModel(name);
      const counts = {
        all: await reloaded.api.countRecords({}),
        sample: await reloaded.api.countRecords({ planId: sample.id }),
        real: await reloaded.api.countRecords({ planId: real.id }),
      };
      expect(reloaded.reads).toEqual({ blocks: [], unseen: 0 });
      expect(counts).toEqual({
        all: await countedOverRows(reloaded.db),
        sample: await countedOverRows(reloaded.db, sample.id),
        real: await countedOverRows(reloaded.db, real.id),
      });
      if (expected.real) expect(counts.real).toMatchObject(expected.real);
      return reloaded;
    };

    // Three new accounts in the real plan; ACC-00001 is the sample's, updated in place.
    let model = await expectCounts({ real: { account: 3, contact: 0, lead: 0, deal: 0 } });
    const sampleAccounts = (await model.api.countRecords({ planId: sample.id })).account;
    expect(sampleAccounts).toBeGreaterThan(3);

    // In a model that has loaded the rows (an import does), the counts stay right after an import and its undo.
    await importAccounts(model.api, real.id, 'more.csv', 'Account ID,Account Name\nMORE-1,More One\nMORE-2,More Two');
    expect((await model.api.countRecords({ planId: real.id })).account).toBe(5);
    model.db.close();
    model = await expectCounts({ real: { account: 5, contact: 0, lead: 0, deal: 0 } });
    await model.api.undo({ planId: real.id });
    model.db.close();
    model = await expectCounts({ real: { account: 3, contact: 0, lead: 0, deal: 0 } });

    // A deletion (and its undo) from the sample plan, read by a model that never loaded the rows.
    const deleted = await model.api.deleteRecords({ kind: 'account', planId: sample.id, search: 'Nouvelle' });
    expect(deleted.records.account).toBe(3);
    model.db.close();
    model = await expectCounts({ real: { account: 0, contact: 0, lead: 0, deal: 0 } });
    expect((await model.api.countRecords({ planId: sample.id })).account).toBe(sampleAccounts - 3);
    await model.api.undo({ planId: sample.id });
    model.db.close();
    model = await expectCounts({ real: { account: 3, contact: 0, lead: 0, deal: 0 } });
    model.db.close();
  });

  it('are counted from the blocks when the stored counts are missing (data stored before them)', async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    await db.recordMeta.toCollection().modify((meta) => {
      delete meta.live;
    });
    const name = db.name;
    db.close();
    const reloaded = await reloadedModel(name);
    expect(await reloaded.api.countRecords({ planId: sample.id })).toEqual(
      await countedOverRows(reloaded.db, sample.id),
    );
    expect(reloaded.reads.blocks.length).toBeGreaterThan(0);
    reloaded.db.close();
  });
});

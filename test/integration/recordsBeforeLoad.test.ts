// Issue #13, "A faster start": a plan of a million accounts opens without waiting for every row. Counts come from
// the live counts stored with the blocks, and are checked here against a second, simple count over the stored
// rows — in a model that has read no block yet (a reload), and after an import, its undo and a deletion. Real
// Dexie schema over fake-indexeddb; a DBCore middleware counts the record blocks each model reads.
import type { DBCoreTable, Middleware, DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { PlannerDb, type RecordBlockRow } from '../../src/model/db/schema';
import { BLOCK_ROWS, loadRecordTable, saveRecordTable } from '../../src/model/records/storage';
import { appendRow } from '../../src/model/records/recordTable';
import type { RecordQuery } from '../../src/shared/api/records';
import { createModelService } from '../../src/model/service';
import { createModelClient } from '../../src/shared/bridge';
import type { ModelApi } from '../../src/shared/api';
import { recordKinds, type RecordKind } from '../../src/shared/domain';
import { openTestModel, testDeps } from './testDb';

/** The record blocks a model read, as "kind block" (a read the counter cannot see is counted apart). */
interface BlockReads {
  blocks: string[];
  unseen: number;
}

function countingBlockReads(reads: BlockReads): Middleware<DBCore> {
  const seen = (values: readonly unknown[]) => {
    for (const value of values) {
      if (value) reads.blocks.push(`${(value as RecordBlockRow).kind} ${(value as RecordBlockRow).block}`);
    }
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
  const service = createModelService(db, testDeps);
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

  it("give a plan's figures and warnings without the rows while it places no account, the same as over the rows", async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const real = await api.createPlan({ name: 'Real' });
    await importAccounts(api, real.id, 'crm.csv', accountsFile);
    // A territory without rules of its own takes what its parent takes: a warning with its account counts.
    const [root] = await api.listTerritories({ planId: real.id });
    await api.createTerritory({ planId: real.id, parentId: root.id, name: 'France' });
    const name = db.name;
    db.close();

    // Never run, nothing placed by hand: the figures are the live count, and no block is read for them.
    const model = await reloadedModel(name);
    const before = await model.api.assignmentFigures({ planId: real.id });
    const warnings = await model.api.territoryWarnings({ planId: real.id });
    expect(model.reads).toEqual({ blocks: [], unseen: 0 });
    expect(before).toEqual({
      byTerritory: {},
      unassignedAccounts: (await countedOverRows(model.db, real.id)).account,
      applied: false,
    });
    expect(before.unassignedAccounts).toBe(3);
    expect(warnings).toMatchObject([{ code: 'inheritsParent', accounts: 0, alsoElsewhere: 0 }]);

    // Once the rows are in memory (a search loads them), the figures and warnings over them are the same.
    await model.api.queryRecords({ kind: 'account', planId: real.id, search: 'Nouvelle', offset: 0, limit: 10 });
    expect(model.reads.blocks.length).toBeGreaterThan(0);
    expect(await model.api.assignmentFigures({ planId: real.id })).toEqual(before);
    expect(await model.api.territoryWarnings({ planId: real.id })).toEqual(warnings);
    // The sample plan places its accounts: its figures come from its assignment, over the rows.
    const sampleFigures = await model.api.assignmentFigures({ planId: sample.id });
    expect(sampleFigures.applied).toBe(true);
    expect(Object.keys(sampleFigures.byTerritory).length).toBeGreaterThan(0);
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

/**
 * Twelve thousand more accounts in a set of their own, every seventh deleted: rows over three blocks, after the
 * sample's (and past any assignment applied before). Answers the number of rows before them.
 */
async function addBulkAccounts(db: PlannerDb): Promise<number> {
  await db.dataSets.put({
    id: 'bulk',
    code: 90,
    name: 'Bulk',
    origin: 'import',
    fileName: 'bulk.csv',
    createdAt: new Date().toISOString(),
  });
  const accounts = await loadRecordTable(db, 'account');
  const sampleRows = accounts.rowCount;
  for (let i = 0; i < 12_000; i++) {
    const row = appendRow(accounts, { externalId: `BULK-${i}`, name: `Bulk ${i}`, annualRevenue: i }, 90);
    if (i % 7 === 3) accounts.deleted[row] = 1;
  }
  await saveRecordTable(db, accounts);
  return sampleRows;
}

describe('pages of the Accounts table before the rows are loaded', () => {
  /** The pages a planner scrolls through: the top, across block boundaries, the end and past it. */
  async function pagesOf(api: ModelApi, planId: string | undefined) {
    const query: RecordQuery = { kind: 'account', planId, offset: 0, limit: 100 };
    const { total } = await api.queryRecords(query);
    const offsets = [0, 100, BLOCK_ROWS - 30, 2 * BLOCK_ROWS - 50, total - 40, total, total + 100];
    return Promise.all(offsets.map((offset) => api.queryRecords({ ...query, offset })));
  }

  /**
   * Pages for no plan and for a plan that leaves the sample out, read by a model that has loaded no row (they
   * must read only the blocks holding them) and by one that has loaded the whole table: the same pages.
   */
  async function expectSamePages(name: string, planId: string) {
    const early = await reloadedModel(name);
    // The first page reads the first block, not the table.
    await early.api.queryRecords({ kind: 'account', offset: 0, limit: 100 });
    expect(early.reads.blocks).toEqual(['account 0']);
    const before = { all: await pagesOf(early.api, undefined), plan: await pagesOf(early.api, planId) };
    const stored = await early.db.recordMeta.get('account');
    const blocks = Math.ceil(stored!.rowCount / BLOCK_ROWS);
    expect(blocks).toBeGreaterThanOrEqual(3);
    expect(early.reads.unseen).toBe(0);
    // Each page reads the one or two blocks holding it; the end and past it read none.
    expect(early.reads.blocks.length).toBeLessThanOrEqual(2 * 2 * 5);
    early.db.close();

    const loaded = await reloadedModel(name);
    await loaded.api.recordDetails({ kind: 'account', recordId: 0 }); // loads the whole table
    const blocksOfTheLoad = loaded.reads.blocks.length;
    expect(loaded.reads.blocks.filter((read) => read.startsWith('account '))).toHaveLength(blocks);
    const after = { all: await pagesOf(loaded.api, undefined), plan: await pagesOf(loaded.api, planId) };
    expect(loaded.reads.blocks.length).toBe(blocksOfTheLoad);
    loaded.db.close();

    expect(before).toEqual(after);

    // Pages asked while the table loads (its dictionaries serve them) are the same pages too.
    const loading = await reloadedModel(name);
    const load = loading.api.getRecordPoints({ kind: 'account' });
    const meanwhile = { all: await pagesOf(loading.api, undefined), plan: await pagesOf(loading.api, planId) };
    await load;
    loading.db.close();
    expect(meanwhile).toEqual(after);
    return before;
  }

  it('are the pages of the whole table, for a plan leaving data sets out, after an import and its undo', async () => {
    const { api, db } = await openTestModel();
    await api.createSamplePlan({});
    const real = await api.createPlan({ name: 'Real' });
    const sampleRows = await addBulkAccounts(db);
    const name = db.name;
    db.close();

    const pages = await expectSamePages(name, real.id);
    // No plan: the sample's accounts first; the plan leaving the sample out starts with the bulk ones.
    expect(pages.all[0].rows[0].id).toBe(0);
    expect(pages.plan[0].rows[0]).toMatchObject({ id: sampleRows, values: { name: 'Bulk 0' } });
    expect(pages.plan[0].total).toBe(12_000 - Math.floor((12_000 + 3) / 7));
    expect(pages.plan[5].rows).toEqual([]);

    const model = await reloadedModel(name);
    await importAccounts(model.api, real.id, 'more.csv', 'Account ID,Account Name\nMORE-1,More One\nBULK-5,Renamed');
    model.db.close();
    const imported = await expectSamePages(name, real.id);
    expect(imported.plan[0].total).toBe(pages.plan[0].total + 1);
    expect(imported.plan[0].rows.find((row) => row.values.externalId === 'BULK-5')?.values.name).toBe('Renamed');

    const again = await reloadedModel(name);
    await again.api.undo({ planId: real.id });
    again.db.close();
    expect(await expectSamePages(name, real.id)).toEqual(pages);
  });

  it("carry a placing plan's territories from its applied assignment's blocks: the whole table's pages", async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const sampleRows = await addBulkAccounts(db);
    // A duplicate reads the sample's blocks through a reference, its territory ids renamed.
    const copy = await api.duplicatePlan({ planId: sample.id, name: 'Copy' });
    const name = db.name;
    db.close();

    /** A plan's pages read by a model that has read no row yet, and the blocks it read for them. */
    const earlyPages = async (planId: string) => {
      const early = await reloadedModel(name);
      const first = await early.api.queryRecords({ kind: 'account', planId, offset: 0, limit: 100 });
      const firstReads = [...early.reads.blocks];
      const pages = await pagesOf(early.api, planId);
      early.db.close();
      return { first, firstReads, pages, reads: early.reads.blocks.length };
    };
    /** Every page for both plans, by models that have read no row and by one that has loaded the table. */
    const pagesBeforeAndAfter = async () => {
      const before = { sample: await earlyPages(sample.id), copy: await earlyPages(copy.id) };
      const loaded = await reloadedModel(name);
      await loaded.api.recordDetails({ kind: 'account', recordId: 0 }); // loads the whole table
      const after = { sample: await pagesOf(loaded.api, sample.id), copy: await pagesOf(loaded.api, copy.id) };
      loaded.db.close();
      expect({ sample: before.sample.pages, copy: before.copy.pages }).toEqual(after);
      return before;
    };

    const applied = await pagesBeforeAndAfter();
    for (const plan of [applied.sample, applied.copy]) {
      // The first page reads its one record block, and its rows show where the applied rules put them.
      expect(plan.firstReads).toEqual(['account 0']);
      expect(plan.first.rows.filter((row) => (row.territories?.length ?? 0) > 0).length).toBeGreaterThan(50);
      // Each page reads the one or two blocks holding it: nothing waited for the table.
      expect(plan.reads).toBeLessThanOrEqual(2 + 2 * 7);
    }
    // Rows imported since the apply are in no territory; the copy's rows carry the same names as the sample's.
    const past = applied.sample.pages[3].rows.filter((row) => row.id >= sampleRows);
    expect(past.length).toBeGreaterThan(0);
    expect(past.every((row) => row.territories?.length === 0)).toBe(true);
    expect(applied.copy.pages[0].rows.map((row) => row.territories)).toEqual(
      applied.sample.pages[0].rows.map((row) => row.territories),
    );

    // Changes since the apply: a record of the second page placed by hand, a territory of the first page deleted
    // in the copy. Those pages need the plan's rules over the whole table; they are still the table's pages.
    const model = await reloadedModel(name);
    const moved = applied.sample.pages[1].rows[10];
    const territories = await model.api.listTerritories({ planId: sample.id });
    const elsewhere = territories.find((t) => t.parentId !== null && !moved.territories?.includes(t.name))!;
    await model.api.assignManually({
      planId: sample.id,
      kind: 'account',
      recordIds: [moved.id],
      territoryId: elsewhere.id,
    });
    const gone = applied.copy.pages[0].rows.find((row) => (row.territories?.length ?? 0) > 0)!.territories![0];
    const copyTerritories = await model.api.listTerritories({ planId: copy.id });
    await model.api.deleteTerritory({
      planId: copy.id,
      territoryId: copyTerritories.find((t) => t.name === gone)!.id,
      policy: 'moveChildrenToParent',
    });
    model.db.close();

    const changed = await pagesBeforeAndAfter();
    expect(changed.sample.pages[1].rows[10].territories).toEqual([elsewhere.name]);
    expect(changed.copy.pages[0].rows.some((row) => row.territories?.includes(gone))).toBe(false);
    // The sample's first page, which the changes do not touch, still comes from its blocks.
    expect(changed.sample.firstReads).toEqual(['account 0']);
  });
});

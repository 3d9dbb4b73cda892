import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { analyzeFile, runImport, type RunImportRequest } from '../../../src/model/import';
import type { ImportKind } from '../../../src/model/import/types';
import { PlannerDb } from '../../../src/model/db/schema';
import { getCell, liveRowCount, type RecordTable } from '../../../src/model/records/recordTable';
import { loadRecordTable } from '../../../src/model/records/storage';
import { ModelContext } from '../../../src/model/service/context';
import { ModelError } from '../../../src/shared/errors';
import { fixture, geocoder, newTask, places, utf8 } from '../../unit/import/helpers';

let counter = 0;

async function openModel() {
  const db = new PlannerDb(`import-test-${Date.now()}-${counter++}`);
  await db.open();
  const ctx = new ModelContext(db);
  const deps = {
    db,
    records: (kind: Parameters<ModelContext['records']>[0]) => ctx.records(kind),
    setRecords: (kind: Parameters<ModelContext['setRecords']>[0], table: RecordTable | null) =>
      ctx.setRecords(kind, table),
    newId: () => ctx.newId(),
    now: () => ctx.now(),
    users: () => db.users.toArray(),
    geocoder,
    places,
  };
  return { db, ctx, deps };
}

async function importFile(
  deps: Awaited<ReturnType<typeof openModel>>['deps'],
  bytes: Uint8Array,
  kind: ImportKind,
  options: Partial<RunImportRequest> = {},
  task = newTask(),
) {
  const analysis = await analyzeFile(bytes, {
    kind,
    fileName: 'file.csv',
    existingFields: kind === 'user' ? [] : (await deps.records(kind)).fields,
  });
  return runImport(
    deps,
    bytes,
    { kind, fileName: 'file.csv', mapping: analysis.mapping, onlyValidRows: true, ...options },
    task,
  );
}

function column(table: RecordTable, key: string) {
  return Array.from({ length: table.rowCount }, (_, r) => getCell(table, key, r));
}

/** Everything stored about accounts, to compare before and after a failed import. */
async function snapshot(db: PlannerDb) {
  return {
    meta: await db.recordMeta.toArray(),
    dicts: await db.recordDicts.toArray(),
    blocks: await db.recordBlocks.toArray(),
    log: await db.importLog.count(),
    users: await db.users.toArray(),
  };
}

describe('committing an import', () => {
  it('creates records, stores them in blocks with an import log row, and refreshes the cached table', async () => {
    const { db, ctx, deps } = await openModel();
    const summary = await importFile(deps, fixture('accounts-en-bom.csv'), 'account');
    expect(summary).toMatchObject({ created: 3, updated: 0, skipped: 0, rowsRead: 3 });
    const stored = await loadRecordTable(db, 'account');
    expect(column(stored, 'name')).toEqual(['Société Générale', 'Acme Corp', 'Maple Leaf Ltd']);
    expect(column(stored, 'annualRevenue')).toEqual([1250000.5, 980000, 15000]);
    expect(column(stored, 'postalCode')).toEqual(['75009', '02134', 'M5X 1A9']);
    // 75009 Paris is found by its postal code (shipped French postal positions), like the US ZIP and the Canadian FSA.
    expect(column(stored, 'geoPrecision')).toEqual(['postal', 'postal', 'postal']);
    expect(stored.fields.find((f) => f.key === 'customerTier')).toMatchObject({ custom: true, label: 'Customer Tier' });
    expect(await db.importLog.toArray()).toEqual([
      expect.objectContaining({ kind: 'account', created: 3, updated: 0, skipped: 0 }),
    ]);
    expect(column(await ctx.records('account'), 'externalId')).toEqual(['A-001', 'A-002', 'A-003']);
  });

  it('updates on re-import by external ID, never duplicating, and keeps fields the file does not give', async () => {
    const { db, deps } = await openModel();
    await importFile(deps, fixture('accounts-en-bom.csv'), 'account');
    const again =
      'Account ID,Account Name,Annual Revenue,Region Code\nA-003,Maple Leaf Limited,"$20,000",CA-ON\nA-004,New One,"$1",X\nA-001,Société Générale SA,"$2,000,000",FR-IDF\n';
    const summary = await importFile(deps, utf8(again), 'account');
    expect(summary).toMatchObject({ created: 1, updated: 2, skipped: 0 });
    const stored = await loadRecordTable(db, 'account');
    expect(liveRowCount(stored)).toBe(4);
    expect(column(stored, 'externalId')).toEqual(['A-001', 'A-002', 'A-003', 'A-004']);
    expect(column(stored, 'name')).toEqual(['Société Générale SA', 'Acme Corp', 'Maple Leaf Limited', 'New One']);
    expect(column(stored, 'annualRevenue')).toEqual([2000000, 980000, 20000, 1]);
    // Not in the second file: kept from the first.
    expect(column(stored, 'city')).toEqual(['Paris', 'Boston', 'Toronto', null]);
    expect(column(stored, 'customerTier')).toEqual(['Gold', 'Silver', 'Bronze', null]);
    // A "Region Code" column never takes the canonical region's key.
    expect(column(stored, 'regionCode2')).toEqual(['FR-IDF', null, 'CA-ON', 'X']);
    expect(column(stored, 'regionCode')).toEqual(['FR-IDF', 'US-MA', 'CA-ON', null]);
    expect(column(stored, 'countryCode')).toEqual(['FR', 'US', 'CA', null]);
    expect(await db.importLog.count()).toBe(2);
  });

  it('updates rows in every block of a large table, across the 5,000-row block boundary', async () => {
    const { db, deps } = await openModel();
    const rows = Array.from({ length: 12_000 }, (_, i) => `B-${i},Name ${i},${i}`);
    await importFile(deps, utf8(['Account ID,Account Name,Employees', ...rows].join('\n')), 'account');
    const again = 'Account ID,Account Name,Employees\nB-10,Renamed 10,1\nB-11999,Renamed last,2\nB-12000,Added,3\n';
    expect(await importFile(deps, utf8(again), 'account')).toMatchObject({ created: 1, updated: 2 });
    const stored = await loadRecordTable(db, 'account');
    expect(stored.rowCount).toBe(12_001);
    expect(getCell(stored, 'name', 10)).toBe('Renamed 10');
    expect(getCell(stored, 'employees', 11_999)).toBe(2);
    expect(getCell(stored, 'name', 12_000)).toBe('Added');
    expect(getCell(stored, 'name', 5_000)).toBe('Name 5000');
  });

  it('skips rows with problems when importing only valid rows, and imports warned rows otherwise', async () => {
    const text = 'Account ID,Account Name,Employees\nA-1,Fine,10\nA-2,Warned,many\n,No ID,3\n';
    const strict = await openModel();
    expect(await importFile(strict.deps, utf8(text), 'account')).toMatchObject({ created: 1, skipped: 2 });
    const lenient = await openModel();
    expect(await importFile(lenient.deps, utf8(text), 'account', { onlyValidRows: false })).toMatchObject({
      created: 2,
      skipped: 1,
    });
    expect(column(await loadRecordTable(lenient.db, 'account'), 'employees')).toEqual([10, null]);
  });

  it('keeps hand-placed exact coordinates when a re-import only gives the address', async () => {
    const { db, deps } = await openModel();
    await importFile(deps, utf8('Account ID,Account Name,Latitude,Longitude\nA-1,Pinned,10.5,20.5\n'), 'account');
    await importFile(
      deps,
      utf8('Account ID,Account Name,Billing City,Billing Country\nA-1,Pinned,Paris,France\n'),
      'account',
    );
    const stored = await loadRecordTable(db, 'account');
    expect([getCell(stored, 'latitude', 0), getCell(stored, 'geoPrecision', 0), getCell(stored, 'city', 0)]).toEqual([
      10.5,
      'exact',
      'Paris',
    ]);
  });
});

describe('all or nothing', () => {
  it('leaves the database and the cached records as they were when the commit fails', async () => {
    const { db, ctx, deps } = await openModel();
    await importFile(deps, fixture('accounts-en-bom.csv'), 'account');
    const before = await snapshot(db);
    const cached = await ctx.records('account');
    const spy = vi.spyOn(db.importLog, 'add').mockRejectedValue(new Error('disk full'));
    const again = 'Account ID,Account Name\nA-001,Changed\nA-999,New\n';
    await expect(importFile(deps, utf8(again), 'account')).rejects.toThrow('disk full');
    spy.mockRestore();
    expect(await snapshot(db)).toEqual(before);
    expect(await ctx.records('account')).toBe(cached);
    expect(column(cached, 'name')).toEqual(['Société Générale', 'Acme Corp', 'Maple Leaf Ltd']);
  });

  it('leaves everything as it was when cancelled while saving', async () => {
    const { db, ctx, deps } = await openModel();
    await importFile(deps, fixture('accounts-en-bom.csv'), 'account');
    const before = await snapshot(db);
    const cached = await ctx.records('account');
    const task = newTask((phase, done, _total, t) => {
      if (phase === 'saving' && done === 0) t.controller.abort();
    });
    const error = await importFile(
      deps,
      utf8('Account ID,Account Name\nA-001,Changed\nA-5,New\n'),
      'account',
      {},
      task,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('CANCELLED');
    expect(await snapshot(db)).toEqual(before);
    expect(await ctx.records('account')).toBe(cached);
  });

  it('leaves everything as it was when cancelled while reading', async () => {
    const { db, deps } = await openModel();
    const before = await snapshot(db);
    const rows = Array.from({ length: 300_000 }, (_, i) => `R-${i},Name ${i}`);
    const task = newTask((phase, _done, _total, t) => {
      if (phase === 'reading') t.controller.abort();
    });
    const error = await importFile(
      deps,
      utf8(['Account ID,Account Name', ...rows].join('\n')),
      'account',
      {},
      task,
    ).catch((e: unknown) => e);
    expect((error as ModelError).code).toBe('CANCELLED');
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back sales people too', async () => {
    const { db, deps } = await openModel();
    const before = await snapshot(db);
    const spy = vi.spyOn(db.importLog, 'add').mockRejectedValue(new Error('quota'));
    await expect(importFile(deps, fixture('users.csv'), 'user')).rejects.toThrow('quota');
    spy.mockRestore();
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('sales people', () => {
  it('upserts by external ID or e-mail and links managers found in the file', async () => {
    const { db, deps } = await openModel();
    expect(await importFile(deps, fixture('users.csv'), 'user')).toMatchObject({ created: 3, updated: 0 });
    const users = await db.users.toArray();
    const byExt = new Map(users.map((u) => [u.externalId, u]));
    expect(byExt.get('u-2')!.managerUserId).toBe(byExt.get('u-1')!.id);
    expect(byExt.get('u-3')!.managerUserId).toBe(byExt.get('u-1')!.id); // by e-mail
    expect(byExt.get('u-1')!.managerUserId).toBeNull();
    // Same people by e-mail only: updated, not duplicated.
    const again =
      'Email,Name,Title\nPIERRE@example.invalid,Pierre Curie,Director\nnew@example.invalid,New Person,Rep\n';
    expect(await importFile(deps, utf8(again), 'user')).toMatchObject({ created: 1, updated: 1 });
    const after = await db.users.toArray();
    expect(after).toHaveLength(4);
    const pierre = after.find((u) => u.externalId === 'u-2')!;
    expect(pierre.title).toBe('Director');
    expect(pierre.managerUserId).toBe(byExt.get('u-1')!.id); // not in the file: kept
  });
});

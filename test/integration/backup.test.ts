/**
 * Backup and restore over the real Dexie schema (fake-indexeddb): backup -> wipe -> restore gives identical tables
 * (every table, typed arrays included); a damaged byte, a file from a newer (or older) schema version and a file
 * that is not a backup are refused with nothing changed; a restore failing inside its transaction leaves the data
 * as it was.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { getCell } from '../../src/model/records/recordTable';
import { loadRecordTable } from '../../src/model/records/storage';
import { ModelError } from '../../src/shared/errors';
import type { PlannerDb } from '../../src/model/db/schema';
import { openTestModel } from './testDb';

/** Every table's rows, keyed by table, in primary-key order (Dexie's toArray order). */
async function snapshot(db: PlannerDb) {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** A database with a bit of everything: the sample plan (records, people, targets, rules), applied, and edited. */
async function populated() {
  const model = await openTestModel();
  const { api } = model;
  const sample = await api.createSamplePlan({});
  const preview = await api.runRules({ planId: sample.id, scope: { type: 'plan' } });
  await api.applyPreview({ previewId: preview.previewId });
  const other = await api.createPlan({ name: 'Plan B – €, ü, 日本' });
  const [root] = await api.listTerritories({ planId: other.id });
  await api.createTerritory({ planId: other.id, parentId: root.id, name: 'Nord', code: '-N-1' });
  return { ...model, sample, other };
}

/** The manifest of a backup file and the name of a table's last page entry. */
function manifestOf(files: Record<string, Uint8Array>) {
  return JSON.parse(strFromU8(files['manifest.json'])) as {
    schemaVersion: number;
    tables: Record<string, number>;
    pages: Record<string, number>;
    checksums: Record<string, string>;
  };
}
const lastPage = (files: Record<string, Uint8Array>, table: string) =>
  `tables/${table}/${manifestOf(files).pages[table] - 1}.json`;

const withoutRevisions = (tables: Record<string, unknown[]>) => {
  const { planRevisions: _revisions, ...rest } = tables;
  return rest;
};

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError & { details: { reason: string; version?: number; supported?: number } };
}

describe('backup and restore', () => {
  it('backup, wipe, restore gives identical tables, typed arrays included', async () => {
    const { api, db, sample } = await populated();
    const before = await snapshot(db);
    expect(before.recordBlocks.length).toBeGreaterThan(0);
    expect(before.assignmentBlocks.length).toBeGreaterThan(0);
    expect(before.history.length).toBeGreaterThan(0);

    const backup = await api.backupDatabase({});
    expect(backup.fileName).toMatch(/^territory-planner-backup-\d{4}-\d{2}-\d{2}-\d{4}\.tpbackup$/);
    expect(backup.info).toMatchObject({ schemaVersion: db.verno, plans: 2 });
    expect(backup.info.tables.recordBlocks).toBe(before.recordBlocks.length);

    // Wipe: every table emptied.
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) await table.clear();
    });
    expect((await snapshot(db)).plans).toEqual([]);

    const info = await api.restoreDatabase({ bytes: backup.bytes });
    expect(info.plans).toBe(2);
    const after = await snapshot(db);
    expect(withoutRevisions(after)).toEqual(withoutRevisions(before));
    // Typed arrays come back as the same kinds of arrays.
    const block = after.recordBlocks[0] as { deleted: unknown; columns: Record<string, { codes?: unknown }> };
    expect(block.deleted).toBeInstanceOf(Uint8Array);
    // Revisions only go forward (a preview taken before the restore is stale after it).
    for (const row of before.planRevisions as { planId: string; revision: number }[]) {
      const now = (after.planRevisions as { planId: string; revision: number }[]).find((r) => r.planId === row.planId);
      expect(now!.revision).toBeGreaterThan(row.revision);
    }
    // The model reads the restored data (its caches were dropped).
    const figures = await api.planReport({ planId: sample.id });
    expect(figures.summary.assignedAccounts).toBe(3000);
  }, 120_000);

  it('a backup of many rows is written and restored a page at a time, and round-trips identically', async () => {
    const { api, db } = await populated();
    // 30,000 rows in one table, typed arrays, dates and undefined among them.
    await db.importLog.bulkAdd(
      Array.from({ length: 30_000 }, (_, i) => ({
        kind: 'account',
        at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        fileName: `file-${i}.csv`,
        rows: i,
        codes: new Uint32Array([i, i + 1, i + 2]),
        when: new Date(Date.UTC(2026, 0, 1) + i),
        none: undefined,
      })) as never[],
    );
    const before = await snapshot(db);
    const backup = await api.backupDatabase({});
    const manifest = manifestOf(unzipSync(backup.bytes));
    expect(manifest.tables.importLog).toBe(before.importLog.length);
    expect(before.importLog.length).toBeGreaterThanOrEqual(30_000);
    // Written in pages, not as one table.
    expect(manifest.pages.importLog).toBeGreaterThan(2);
    expect(manifest.pages.recordBlocks).toBeGreaterThanOrEqual(1);
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) await table.clear();
    });
    await api.restoreDatabase({ bytes: backup.bytes });
    expect(withoutRevisions(await snapshot(db))).toEqual(withoutRevisions(before));
  }, 120_000);

  it('restores over different data: the current data is replaced, not merged', async () => {
    const { api, db } = await populated();
    const backup = await api.backupDatabase({});
    const before = await snapshot(db);
    const extra = await api.createPlan({ name: 'Made after the backup' });
    await api.restoreDatabase({ bytes: backup.bytes });
    expect((await api.listPlans({})).map((p) => p.id)).not.toContain(extra.id);
    expect(withoutRevisions(await snapshot(db))).toEqual(withoutRevisions(before));
  }, 120_000);

  it('refuses a damaged byte, a newer or older schema version and a file that is not a backup, changing nothing', async () => {
    const { api, db } = await populated();
    const backup = await api.backupDatabase({});
    // Something changes after the backup: a refused restore must keep it.
    await api.createPlan({ name: 'Kept' });
    const before = await snapshot(db);

    // One byte flipped in the middle of the file (inside a compressed table).
    const damaged = backup.bytes.slice();
    damaged[Math.floor(damaged.length / 2)] ^= 0xff;
    const corrupt = await refusal(api.restoreDatabase({ bytes: damaged }));
    expect(corrupt.code).toBe('BAD_FILE');
    expect(corrupt.details.reason).toBe('corrupt');
    expect(await snapshot(db)).toEqual(before);

    // A truncated file (a download or copy cut short).
    for (const keep of [0.3, 0.9, 0.999]) {
      const truncated = backup.bytes.slice(0, Math.floor(backup.bytes.length * keep));
      expect((await refusal(api.restoreDatabase({ bytes: truncated }))).details.reason).toBe('corrupt');
    }
    expect(await snapshot(db)).toEqual(before);

    // A stored (uncompressed) entry changed: only the checksum can tell.
    const files = unzipSync(backup.bytes);
    const plans = JSON.parse(strFromU8(files['tables/plans/0.json'])) as { name: string }[];
    plans[0].name = 'Tampered';
    const tampered = zipSync({ ...files, 'tables/plans/0.json': strToU8(JSON.stringify(plans)) }, { level: 0 });
    expect((await refusal(api.restoreDatabase({ bytes: tampered }))).details.reason).toBe('corrupt');

    const withVersion = (version: number) => {
      const manifest = JSON.parse(strFromU8(files['manifest.json'])) as { schemaVersion: number };
      manifest.schemaVersion = version;
      return zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) });
    };
    const newer = await refusal(api.restoreDatabase({ bytes: withVersion(db.verno + 1) }));
    expect(newer.details).toMatchObject({ reason: 'newerVersion', version: db.verno + 1, supported: db.verno });
    expect(newer.message).toContain(`database version ${db.verno + 1}`);
    // An older version is upgraded (below), unless it never existed or its tables are not that version's.
    const never = await refusal(api.restoreDatabase({ bytes: withVersion(3) }));
    expect(never.details).toMatchObject({ reason: 'olderVersion', version: 3, supported: db.verno });
    expect(never.message).toContain(`database version 3`);
    expect(never.message).toContain(`version ${db.verno}`);
    expect((await refusal(api.restoreDatabase({ bytes: withVersion(db.verno - 1) }))).details.reason).toBe('corrupt');

    const notBackup = await refusal(api.restoreDatabase({ bytes: strToU8('name,country\nAcme,FR\n') }));
    expect(notBackup.details.reason).toBe('notBackup');
    const otherZip = await refusal(api.restoreDatabase({ bytes: zipSync({ 'a.txt': strToU8('hello') }) }));
    expect(otherZip.details.reason).toBe('notBackup');
    expect((await refusal(api.restoreDatabase({ bytes: strToU8('{}') }))).details.reason).toBe('notBackup');

    expect(await snapshot(db)).toEqual(before);
  }, 120_000);

  it('restores a backup of an older database version, upgraded as the database itself upgrades', async () => {
    const { api, db } = await populated();
    const before = await snapshot(db);
    expect(before.assignmentRefs).toEqual([]);
    const backup = await api.backupDatabase({});
    // The same data as a version 8 database held it: no plan revisions (version 9), no assignment refs (10).
    const files = unzipSync(backup.bytes);
    const manifest = manifestOf(files);
    manifest.schemaVersion = 8;
    for (const table of ['planRevisions', 'assignmentRefs']) {
      for (let page = 0; page < manifest.pages[table]; page++) {
        for (const part of ['json', 'bin']) {
          delete manifest.checksums[`tables/${table}/${page}.${part}`];
          delete files[`tables/${table}/${page}.${part}`];
        }
      }
      delete manifest.tables[table];
      delete manifest.pages[table];
    }
    const old = zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) });

    const fresh = await openTestModel();
    const info = await fresh.api.restoreDatabase({ bytes: old });
    expect(info).toMatchObject({ schemaVersion: 8, upgradedTo: fresh.db.verno, plans: 2 });
    const after = await snapshot(fresh.db);
    expect(withoutRevisions(after)).toEqual(withoutRevisions(before));
    // Version 9's upgrade ran: every plan has its revision again (then moved forward by the restore).
    const revisions = after.planRevisions as { planId: string; revision: number }[];
    for (const plan of before.plans as { id: string }[])
      expect(revisions.find((r) => r.planId === plan.id)?.revision).toBeGreaterThanOrEqual(1);
    // The restored plans work: rules run and apply on them.
    const [sample] = await fresh.api.listPlans({});
    const preview = await fresh.api.runRules({ planId: sample.id, scope: { type: 'plan' } });
    await fresh.api.applyPreview({ previewId: preview.previewId });
    // No scratch database is left behind.
    expect((await Dexie.getDatabaseNames()).filter((name) => name.includes('restore'))).toEqual([]);
  }, 120_000);

  it('a restore that fails inside its transaction leaves everything as it was', async () => {
    const { api, db } = await populated();
    const backup = await api.backupDatabase({});
    await api.createPlan({ name: 'Kept' });
    const before = await snapshot(db);
    const files = unzipSync(backup.bytes);
    const digest = async (bytes: Uint8Array) =>
      [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
    /** The backup with one page replaced, its checksum made right: only writing it can fail. */
    const withPage = async (path: string, json: Uint8Array) => {
      const manifest = manifestOf(files);
      manifest.checksums[path] = await digest(json);
      return zipSync({ ...files, [path]: json, 'manifest.json': strToU8(JSON.stringify(manifest)) });
    };
    // A row the database refuses (a territory without its primary key), in the last page of its table: the
    // failure comes from IndexedDB halfway through the writes.
    const path = lastPage(files, 'territories');
    const territories = JSON.parse(strFromU8(files[path])) as Record<string, unknown>[];
    delete territories[territories.length - 1].id;
    await expect(
      api.restoreDatabase({ bytes: await withPage(path, strToU8(JSON.stringify(territories))) }),
    ).rejects.toBeInstanceOf(ModelError);
    expect(await snapshot(db)).toEqual(before);
    // A page that does not decode (not JSON), late in the file: refused, and everything written before it undone.
    const blocks = lastPage(files, 'recordBlocks');
    const refused = await refusal(api.restoreDatabase({ bytes: await withPage(blocks, strToU8('[{"broken":')) }));
    expect(refused.details.reason).toBe('corrupt');
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);

  it('restores a backup taken before canonical places (version 6) offline: the places resolved from shipped data', async () => {
    // test/fixtures/backup/v6-places.tpbackup: a version 6 database (a final plan, six accounts with their place
    // text and precision, no canonical place columns), backed up as version 6 wrote backups.
    const old = new Uint8Array(await readFile(join(__dirname, '../fixtures/backup/v6-places.tpbackup')));
    const { api, db } = await openTestModel();
    // Offline: nothing may be fetched.
    const fetch = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    try {
      const info = await api.restoreDatabase({ bytes: old });
      expect(info).toMatchObject({ schemaVersion: 6, upgradedTo: db.verno, plans: 1 });
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      fetch.mockRestore();
    }
    const [plan] = await api.listPlans({});
    expect(plan).toMatchObject({ name: 'FY26 – Europe', status: 'final' });
    const accounts = await loadRecordTable(db, 'account');
    expect(accounts.rowCount).toBe(6);
    const cells = (key: string) => Array.from({ length: 6 }, (_, r) => getCell(accounts, key, r));
    expect(cells('countryCode')).toEqual(['DE', 'DE', 'US', 'FR', 'US', 'BE']);
    expect(cells('regionCode')).toEqual(['DE-BY', 'DE-BY', 'US-DE', 'FR-IDF', null, 'BE-WAL']);
    expect(cells('placeFlag')).toEqual([null, null, null, null, 'military', null]);
    // The text is kept as it was.
    expect(cells('country')).toEqual(['Germany', 'Deutschland', 'United States', 'France', 'USA', 'Belgique']);
  }, 120_000);
});

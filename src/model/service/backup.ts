/**
 * Backup and restore of the whole database (issue 10), a page of rows at a time (src/model/export/backup.ts): a
 * backup reads every table in one read transaction, page by page, each page deflated into the file as it is read;
 * a restore checks every entry of the file first, then replaces every table in one read-write transaction, decoding
 * and writing a page at a time, so a refused file changes nothing and a restore failing halfway rolls back whole.
 * Neither holds the database's rows in memory at once (backups of an older version excepted: they are upgraded
 * whole, in a scratch database).
 */
import type { BackupInfo, exportCalls } from '../../shared/api/export';
import { recordKinds } from '../../shared/domain';
import { ModelError, type ErrorKey } from '../../shared/errors';
import Dexie from 'dexie';
import { changeTopics } from '../../shared/api/events';
import { REVISIONS_TABLE, type PlanRevisionRow } from '../db/revisions';
import { PlannerDb, schemaSteps } from '../db/schema';
import {
  BackupRefused,
  BackupWriter,
  openBackup,
  tablesOf,
  type BackupManifest,
  type BackupProblem,
  type BackupTables,
  type OpenedBackup,
} from '../export/backup';
import type { Handlers, ModelContext } from './context';

type BackupCalls = Pick<typeof exportCalls, 'backupDatabase' | 'restoreDatabase'>;

function infoOf(manifest: BackupManifest, upgradedTo: number | null = null): BackupInfo {
  return {
    schemaVersion: manifest.schemaVersion,
    upgradedTo,
    createdAt: manifest.createdAt,
    plans: manifest.tables.plans ?? 0,
    rows: Object.values(manifest.tables).reduce((sum, n) => sum + n, 0),
    tables: manifest.tables,
  };
}

/** Bytes of a backup page before compression: fewer rows when rows are big (record blocks), more when small. */
const PAGE_BYTES = 4 << 20;
const MAX_PAGE_ROWS = 20_000;

const backupRefusalKeys: Record<BackupProblem, ErrorKey> = {
  notBackup: 'notABackup',
  corrupt: 'backupDamaged',
  newerVersion: 'backupTooNew',
  olderVersion: 'backupTooOld',
  unreadable: 'backupUnreadable',
};

function refused(error: unknown): never {
  if (error instanceof BackupRefused) {
    throw new ModelError(
      'BAD_FILE',
      `Backup refused: ${error.detail}`,
      { reason: error.reason, detail: error.detail, ...error.params },
      backupRefusalKeys[error.reason],
    );
  }
  throw error;
}

/** The file name of a backup taken at `iso`: territory-planner-backup-2026-12-02-0341.tpbackup */
function backupFileName(iso: string): string {
  const stamp = iso.slice(0, 16).replace('T', '-').replace(':', '');
  return `territory-planner-backup-${stamp}.tpbackup`;
}

/**
 * The tables of a backup taken at an older schema version, carried to the current one by the database's own
 * upgrade chain: written into a scratch database opened at the backup's version, which is then opened at the
 * current version (Dexie runs every step's upgrade, as it does for a database left by an older app), read back,
 * and deleted. Refused (olderVersion, naming both versions) when the backup's version is not one this app ever had.
 */
async function upgradedTables(
  ctx: ModelContext,
  tables: BackupTables,
  from: number,
  to: number,
): Promise<BackupTables> {
  const steps = schemaSteps.filter((step) => step.version <= from);
  if (steps.length === 0 || steps[steps.length - 1].version !== from) {
    throw new ModelError(
      'BAD_FILE',
      `Backup refused: database version ${from} was never a version of Territory Planner, so it cannot be upgraded to version ${to}`,
      { reason: 'olderVersion', version: from, supported: to },
      'backupTooOld',
    );
  }
  const known = new Set(
    Object.keys(steps.reduce<Record<string, string | null>>((all, step) => ({ ...all, ...step.stores }), {})),
  );
  const dropped = new Set(
    steps.flatMap((step) =>
      Object.entries(step.stores)
        .filter(([, v]) => v === null)
        .map(([k]) => k),
    ),
  );
  const unknown = Object.keys(tables).filter((name) => !known.has(name) || dropped.has(name));
  if (unknown.length > 0) {
    throw new ModelError(
      'BAD_FILE',
      `Backup refused: tables ${unknown.join(', ')} are not those of database version ${from}`,
      {
        reason: 'corrupt',
      },
      'backupDamaged',
    );
  }
  const name = `territory-planner-restore-${crypto.randomUUID()}`;
  // The upgrades read the geo data the app ships (version 7 resolves canonical places): from the same source as
  // the import, never from the network, so an old backup restores offline.
  const env = { geoSource: ctx.geoSource };
  try {
    const old = new PlannerDb(name, undefined, steps, env);
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const table of old.tables) {
        const rows = tables[table.name] ?? [];
        if (rows.length > 0) await table.bulkPut(rows);
      }
    });
    old.close();
    const upgraded = new PlannerDb(name, undefined, schemaSteps, env);
    await upgraded.open();
    const out: BackupTables = {};
    await upgraded.transaction('r', upgraded.tables, async () => {
      for (const table of upgraded.tables) out[table.name] = await table.toArray();
    });
    upgraded.close();
    return out;
  } finally {
    await Dexie.delete(name);
  }
}

export function backupHandlers(ctx: ModelContext): Handlers<BackupCalls> {
  const { db } = ctx;
  const run = <T>(taskId: string | undefined, work: (progress: (done: number, total: number) => void) => Promise<T>) =>
    taskId
      ? ctx.runTask(taskId, (task) => work((done, total) => task.progress('backup', done, total)))
      : work(() => {});

  return {
    backupDatabase: ({ taskId }) =>
      run(taskId, async (progress) => {
        const createdAt = ctx.now();
        const writer = new BackupWriter({ schemaVersion: db.verno, createdAt });
        // One read transaction: the tables as they were at one moment, read a page of keys at a time.
        await db.transaction('r', db.tables, async () => {
          const counts = await Promise.all(db.tables.map((table) => table.count()));
          const total = counts.reduce((sum, n) => sum + n, 0) + 1;
          let done = 0;
          for (const table of db.tables) {
            writer.table(table.name);
            const keys = await table.toCollection().primaryKeys();
            let size = 64;
            for (let at = 0; at < keys.length;) {
              const page = keys.slice(at, at + size);
              const written = writer.addRows(table.name, await table.bulkGet(page));
              at += page.length;
              progress((done += page.length), total);
              if (written > PAGE_BYTES && size > 1) size = Math.max(1, size >> 1);
              else if (written < PAGE_BYTES / 4 && size < MAX_PAGE_ROWS) size *= 2;
            }
          }
        });
        const { bytes, manifest } = await writer.finish();
        return {
          fileName: backupFileName(createdAt),
          mimeType: 'application/zip',
          bytes,
          info: infoOf(manifest),
        };
      }),

    restoreDatabase: ({ bytes: given, stagedFileId, taskId }) =>
      run(taskId, async (progress) => {
        const bytes = ctx.stagedFiles.take({ bytes: given, stagedFileId });
        let backup: OpenedBackup;
        try {
          backup = openBackup(bytes, db.verno);
          await backup.verify();
        } catch (error) {
          refused(error);
        }
        const { manifest } = backup;
        // A backup of an older version is carried to this one first, by the upgrades the database itself runs.
        const upgrade = manifest.schemaVersion < db.verno;
        let pagesOf = (name: string): Iterable<unknown[]> => backup.pages(name);
        let counts = manifest.tables;
        if (upgrade) {
          let old: BackupTables;
          try {
            old = tablesOf(backup);
          } catch (error) {
            refused(error);
          }
          const tables = await upgradedTables(ctx, old, manifest.schemaVersion, db.verno);
          pagesOf = (name) => [tables[name] ?? []];
          counts = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
        }
        const known = new Set(db.tables.map((t) => t.name));
        const unknown = Object.keys(counts).filter((name) => !known.has(name));
        if (unknown.length > 0) {
          throw new ModelError(
            'BAD_FILE',
            `Backup refused: unknown tables ${unknown.join(', ')}`,
            { reason: 'corrupt' },
            'backupDamaged',
          );
        }
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0) + 1;
        let done = 0;
        // One transaction: a page that fails to decode or to be written (it throws) rolls every table back.
        await db
          .transaction('rw', db.tables, async () => {
            const before = (await db.table(REVISIONS_TABLE).toArray()) as PlanRevisionRow[];
            for (const table of db.tables) {
              await table.clear();
              if (!(table.name in counts)) continue;
              for (const rows of pagesOf(table.name)) {
                if (rows.length > 0) await table.bulkPut(rows);
                progress((done += rows.length), total);
              }
            }
            // Revisions only move forward: a rules preview taken before the restore must not apply over it.
            const revisions = db.table<PlanRevisionRow, string>(REVISIONS_TABLE);
            const after = await revisions.toArray();
            const highest = new Map<string, number>();
            for (const row of [...before, ...after]) {
              highest.set(row.planId, Math.max(highest.get(row.planId) ?? 0, row.revision));
            }
            await revisions.bulkPut([...highest].map(([planId, revision]) => ({ planId, revision: revision + 1 })));
          })
          .catch(refused);
        // Nothing the model holds in memory is true any more.
        for (const kind of recordKinds) ctx.setRecords(kind, null);
        ctx.changed(null, ...changeTopics);
        return infoOf(manifest, upgrade ? db.verno : null);
      }),
  };
}

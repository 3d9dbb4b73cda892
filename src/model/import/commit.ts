/**
 * The "Import" step: upserts the prepared rows by external ID (a re-import updates, never duplicates), adds the
 * new custom fields, and writes the records and an importLog row in ONE Dexie transaction. The work is done on a
 * copy of the cached table, which replaces the cache only after the transaction committed: a cancel or any
 * error leaves both the database and the records in memory as they were.
 */
import type { RecordKind, SalesUser } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { PlannerDb } from '../db/schema';
import {
  addField,
  ensureCapacity,
  indexByExternalId,
  textCode,
  type Column,
  type RecordTable,
} from '../records/recordTable';
import { saveRecordTable } from '../records/storage';
import { yieldToEventLoop } from './delimited';
import { isImportable, type PreparedImport, type PreparedRecords, type PreparedUsers } from './prepare';
import type { ProblemReport } from './problems';
import type { ImportKind, ImportTask } from './types';

/** What commit needs of the model; ModelContext provides all of it. */
export interface CommitDeps {
  db: PlannerDb;
  records(kind: RecordKind): Promise<RecordTable>;
  setRecords(kind: RecordKind, table: RecordTable | null): void;
  newId(): string;
  now(): string;
}

export interface CommitOptions {
  /** Skip rows with warnings too (rows with errors are always skipped). */
  onlyValidRows: boolean;
}

export interface ImportSummary {
  kind: ImportKind;
  fileName: string;
  rowsRead: number;
  created: number;
  updated: number;
  skipped: number;
  problems: ProblemReport;
}

export function cancelledError(): ModelError {
  return new ModelError('CANCELLED', 'Import cancelled: nothing was changed');
}

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError();
}

/** A copy to change while the import is pending: typed arrays and dictionaries copied, far cheaper than structuredClone. */
export function forkRecordTable(table: RecordTable): RecordTable {
  const columns = new Map<string, Column>();
  for (const [key, column] of table.columns) {
    columns.set(
      key,
      column.type === 'text'
        ? // The value -> code map is rebuilt only if the import adds values to this column.
          { type: 'text', values: column.values.slice(), codeOf: null, codes: column.codes.slice() }
        : { type: 'number', values: column.values.slice() },
    );
  }
  return { kind: table.kind, rowCount: table.rowCount, fields: table.fields.map((f) => ({ ...f })), columns, deleted: table.deleted.slice() };
}

export async function commitImport(
  deps: CommitDeps,
  prepared: PreparedImport,
  options: CommitOptions,
  task: ImportTask,
): Promise<ImportSummary> {
  checkCancelled(task.signal);
  return prepared.kind === 'user' ? commitUsers(deps, prepared, options, task) : commitRecords(deps, prepared, options, task);
}

const MERGE_SLICE = 100_000;

async function commitRecords(deps: CommitDeps, prepared: PreparedRecords, options: CommitOptions, task: ImportTask): Promise<ImportSummary> {
  const { staged, kind } = prepared;
  const base = await deps.records(kind);
  const table = forkRecordTable(base);
  for (const field of prepared.newFields) addField(table, field);
  const index = indexByExternalId(table);
  const stagedIds = staged.columns.get('externalId');
  if (stagedIds?.type !== 'text') throw new ModelError('INVALID_INPUT', 'The import has no external ID column');

  // Copy plan per written field: text codes translated once per distinct value.
  const copies = prepared.writtenFields.map((key) => {
    const from = staged.columns.get(key)!;
    const to = table.columns.get(key)!;
    let remap: Int32Array | null = null;
    if (from.type === 'text' && to.type === 'text') {
      if (to.values.length === 1) {
        // An empty column (first import) takes the staged dictionary as is: codes then copy unchanged, and a
        // million distinct names are not hashed a second time. The staged import is not used after its commit.
        to.values = from.values;
        to.codeOf = from.codeOf;
      } else remap = new Int32Array(from.values.length).fill(-1);
    }
    return { key, from, to, remap };
  });
  const storedPrecision = prepared.givesCoordinates ? null : (table.columns.get('geoPrecision') ?? null);
  const stagedPrecision = staged.columns.get('geoPrecision') ?? null;

  let created = 0;
  let updated = 0;
  let skipped = 0;
  let firstTouched = table.rowCount;
  for (let r = 0; r < staged.rowCount; r++) {
    if (r % MERGE_SLICE === 0 && r > 0) {
      task.progress('merging', r, staged.rowCount);
      await yieldToEventLoop();
      checkCancelled(task.signal);
    }
    if (!isImportable(prepared.severity[r], options.onlyValidRows)) {
      skipped++;
      continue;
    }
    const id = stagedIds.values[stagedIds.codes[r]];
    let target = index.get(id);
    const found = target !== undefined;
    if (target === undefined) {
      target = table.rowCount;
      ensureCapacity(table, target + 1);
      table.rowCount = target + 1;
      index.set(id, target);
      created++;
    } else {
      updated++;
      if (target < firstTouched) firstTouched = target;
    }
    const keepCoordinates = found && keepsExactCoordinates(storedPrecision, target, stagedPrecision, r);
    for (const copy of copies) {
      if (keepCoordinates && (copy.key === 'latitude' || copy.key === 'longitude' || copy.key === 'geoPrecision')) continue;
      const { from, to, remap } = copy;
      if (from.type === 'text' && to.type === 'text') {
        const code = from.codes[r];
        if (!remap) {
          to.codes[target] = code;
          continue;
        }
        let mapped = remap[code];
        if (mapped < 0) mapped = remap[code] = code === 0 ? 0 : textCode(to, from.values[code]);
        to.codes[target] = mapped;
      } else if (from.type === 'number' && to.type === 'number') {
        to.values[target] = from.values[r];
      }
    }
  }
  task.progress('merging', staged.rowCount, staged.rowCount);
  checkCancelled(task.signal);

  task.progress('saving', 0, 1);
  const { db } = deps;
  await db.transaction('rw', [db.recordMeta, db.recordDicts, db.recordBlocks, db.importLog], async () => {
    await saveRecordTable(db, table, firstTouched);
    // The last moment a cancel can still undo everything: the transaction aborts when this throws.
    checkCancelled(task.signal);
    await db.importLog.add({ kind, fileName: prepared.fileName, at: deps.now(), created, updated, skipped });
  });
  deps.setRecords(kind, table);
  task.progress('saving', 1, 1);
  return { kind, fileName: prepared.fileName, rowsRead: prepared.rowsRead, created, updated, skipped, problems: prepared.report };
}

/**
 * A stored record with exact coordinates keeps them when the file gives none for it (it was only geocoded
 * approximately, or not at all): hand-placed accounts are not moved by a re-import of the address.
 */
function keepsExactCoordinates(stored: Column | null, target: number, staged: Column | null, r: number): boolean {
  if (stored?.type !== 'text' || staged?.type !== 'text') return false;
  return stored.values[stored.codes[target]] === 'exact' && staged.values[staged.codes[r]] !== 'exact';
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

async function commitUsers(deps: CommitDeps, prepared: PreparedUsers, options: CommitOptions, task: ImportTask): Promise<ImportSummary> {
  const { db } = deps;
  let created = 0;
  let updated = 0;
  let skipped = 0;
  task.progress('saving', 0, 1);
  await db.transaction('rw', [db.users, db.importLog], async () => {
    const all = await db.users.toArray();
    const byExternalId = new Map(all.filter((u) => u.externalId).map((u) => [u.externalId, u]));
    const byEmail = new Map(all.filter((u) => u.email).map((u) => [u.email.toLowerCase(), u]));
    const find = (key: string) => byExternalId.get(key) ?? byEmail.get(key.toLowerCase());
    const changed = new Map<string, SalesUser>();
    const imported: [SalesUser, PreparedUsers['users'][number]][] = [];
    prepared.users.forEach((staged, i) => {
      if (!isImportable(prepared.severity[i], options.onlyValidRows)) {
        skipped++;
        return;
      }
      const existing = (staged.externalId && byExternalId.get(staged.externalId)) || (staged.email && byEmail.get(staged.email.toLowerCase()));
      let user: SalesUser;
      if (existing) {
        user = { ...existing };
        if (staged.given.has('externalId') && staged.externalId) user.externalId = clip(staged.externalId, 128);
        if (staged.given.has('name') && staged.name) user.name = clip(staged.name, 200);
        if (staged.given.has('email')) user.email = clip(staged.email, 320);
        if (staged.given.has('title')) user.title = clip(staged.title, 200);
        if (!changed.has(user.id)) updated++;
      } else {
        user = {
          id: deps.newId(),
          externalId: clip(staged.externalId, 128),
          name: clip(staged.name, 200),
          email: clip(staged.email, 320),
          title: clip(staged.title, 200),
          managerUserId: null,
        };
        created++;
      }
      changed.set(user.id, user);
      if (user.externalId) byExternalId.set(user.externalId, user);
      if (user.email) byEmail.set(user.email.toLowerCase(), user);
      imported.push([user, staged]);
    });
    // Managers once everyone is known: a manager may come later in the file than the people reporting to them.
    for (const [user, staged] of imported) {
      if (!staged.given.has('managerExternalId')) continue;
      const manager = staged.managerExternalId ? find(staged.managerExternalId) : undefined;
      const current = changed.get(user.id)!;
      current.managerUserId = manager && manager.id !== user.id ? manager.id : null;
    }
    await db.users.bulkPut([...changed.values()]);
    checkCancelled(task.signal);
    await db.importLog.add({ kind: 'user', fileName: prepared.fileName, at: deps.now(), created, updated, skipped });
  });
  task.progress('saving', 1, 1);
  return { kind: 'user', fileName: prepared.fileName, rowsRead: prepared.rowsRead, created, updated, skipped, problems: prepared.report };
}

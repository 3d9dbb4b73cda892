/**
 * The "Import" step: upserts the prepared rows by external ID (a re-import updates, never duplicates), adds the
 * new custom fields, and writes the records and an importLog row in ONE Dexie transaction. The work is done on a
 * copy of the cached table, which replaces the cache only after the transaction committed: a cancel or any
 * error leaves both the database and the records in memory as they were.
 */
import type { RecordKind, SalesUser } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { Table } from 'dexie';
import type { DataSet } from '../../shared/dataSets';
import type { PlannerDb, RecordCellImages, RecordChangeStep, RecordDeletionStep } from '../db/schema';
import {
  addField,
  getCell,
  capacityOf,
  ensureCapacity,
  newNumberColumn,
  newTextColumn,
  type Column,
  type RecordTable,
} from '../records/recordTable';
import { codesInDictionary } from '../records/textInterner';
import { saveRecordTable } from '../records/storage';
import { createDataSet } from '../records/dataSets';
import { personKey } from './personKey';
import { yieldToEventLoop } from './delimited';
import { isImportable, type PreparedImport, type PreparedRecords, type PreparedUsers } from './prepare';
import type { ProblemReport } from './problems';
import type { ImportTask } from './types';
import type { ImportResult } from '../../shared/imports';

/** What commit needs of the model; ModelContext provides all of it. */
export interface CommitDeps {
  db: PlannerDb;
  records(kind: RecordKind): Promise<RecordTable>;
  setRecords(kind: RecordKind, table: RecordTable | null): void;
  newId(): string;
  now(): string;
  /**
   * Keeps what the import changed as an undo step, inside the import's transaction (which also takes `tables`):
   * with it, the import builds the step (the rows, people and data set it created, before- and after-images of
   * what it updated) and hands it over with the number of records (or people) it created or updated.
   */
  keepStep?: { tables: Table[]; keep(step: RecordChangeStep, count: number): Promise<void> };
}

/** A step of nothing yet: the parts an import fills in. */
function emptyStep(kind: RecordChangeStep['kind']): RecordChangeStep {
  return {
    kind,
    created: null,
    deleted: null,
    cells: [],
    users: { before: [], after: [] },
    manual: { before: [], after: [] },
  };
}

/** The deletion that takes away what an import created: rows of one kind, or sales people, and their data set. */
function createdPart(set: DataSet, rows: RecordDeletionStep['rows'], users: SalesUser[]): RecordDeletionStep {
  return { rows, manual: [], users, memberships: [], managerLinks: [], dataSet: set };
}

/** The cells of the rows an import updated, as they were in `before` and became in `after`. */
function updatedImages(
  before: RecordTable,
  after: RecordTable,
  target: Int32Array,
  found: Uint8Array,
  fields: readonly string[],
): RecordCellImages {
  const list: number[] = [];
  for (let r = 0; r < target.length; r++) if (found[r] === 1) list.push(target[r]);
  const rows = Uint32Array.from(new Set(list)).sort();
  const side = (table: RecordTable) => fields.map((key) => Array.from(rows, (row) => getCell(table, key, row)));
  return { kind: after.kind, rows, fields: [...fields], before: side(before), after: side(after) };
}

export interface CommitOptions {
  /** Skip rows with warnings too (rows with errors are always skipped). */
  onlyValidRows: boolean;
}

/** What an import changed, as the UI's ImportResult says it, with the problems found and before it is timed. */
export interface ImportSummary extends Omit<ImportResult, 'seconds' | 'dataSetId'> {
  problems: ProblemReport;
  /** The data set the created records (or people) went to; null when nothing was created. */
  dataSetId: string | null;
}

/** New records get a home: a data set named after the file they came from. */
function dataSetForFile(deps: CommitDeps, fileName: string) {
  return createDataSet(deps.db, { id: deps.newId(), name: fileName, origin: 'import', fileName, now: deps.now() });
}

export function cancelledError(): ModelError {
  return new ModelError('CANCELLED', 'Import cancelled: nothing was changed', undefined, 'importCancelled');
}

/** What the wizard is told of a committed import. */
function summaryOf(
  prepared: PreparedImport,
  counts: Pick<ImportSummary, 'created' | 'updated' | 'skipped'>,
  dataSetId: string | null,
): ImportSummary {
  const { kind, fileName, rowsRead, report } = prepared;
  return { kind, fileName, rowsRead, ...counts, problems: report, dataSetId };
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
  return {
    kind: table.kind,
    rowCount: table.rowCount,
    fields: table.fields.map((f) => ({ ...f })),
    columns,
    deleted: table.deleted.slice(),
    dataSet: table.dataSet.slice(),
  };
}

export async function commitImport(
  deps: CommitDeps,
  prepared: PreparedImport,
  options: CommitOptions,
  task: ImportTask,
): Promise<ImportSummary> {
  checkCancelled(task.signal);
  return prepared.kind === 'user'
    ? commitUsers(deps, prepared, options, task)
    : commitRecords(deps, prepared, options, task);
}

/**
 * Where each staged row goes: its row in the table (-1: skipped), with the counts. Rows are matched to stored
 * records by external ID through the stored dictionary (one lookup per distinct ID, no Map of a million
 * strings); a first import into an empty table matches nothing and looks nothing up.
 */
function placeRows(table: RecordTable, prepared: PreparedRecords, onlyValidRows: boolean) {
  const { staged } = prepared;
  const stagedIds = staged.columns.get('externalId');
  if (stagedIds?.type !== 'text')
    throw new ModelError('INVALID_INPUT', 'The import has no external ID column', undefined, 'importHasNoIdColumn');
  const target = new Int32Array(staged.rowCount).fill(-1);
  const found = new Uint8Array(staged.rowCount);
  // Stored row of each staged ID code (-1: a new record).
  let storedRowOf: Int32Array | null = null;
  const storedIds = table.columns.get('externalId');
  if (table.rowCount > 0 && storedIds?.type === 'text') {
    const rowOfCode = new Int32Array(storedIds.values.length).fill(-1);
    for (let row = 0; row < table.rowCount; row++) {
      const code = storedIds.codes[row];
      if (code !== 0 && table.deleted[row] === 0) rowOfCode[code] = row;
    }
    const storedCodes = codesInDictionary(storedIds.values, stagedIds.values);
    storedRowOf = new Int32Array(stagedIds.values.length).fill(-1);
    for (let code = 1; code < stagedIds.values.length; code++) {
      if (storedCodes[code] > 0) storedRowOf[code] = rowOfCode[storedCodes[code]];
    }
  }
  let created = 0;
  let updated = 0;
  let skipped = 0;
  let firstTouched = table.rowCount;
  for (let r = 0; r < staged.rowCount; r++) {
    // Rows with errors (a duplicate ID among them) are never importable: IDs of imported rows are distinct.
    if (!isImportable(prepared.severity[r], onlyValidRows)) {
      skipped++;
      continue;
    }
    const row = storedRowOf ? storedRowOf[stagedIds.codes[r]] : -1;
    if (row >= 0) {
      target[r] = row;
      found[r] = 1;
      updated++;
      if (row < firstTouched) firstTouched = row;
    } else target[r] = table.rowCount + created++;
  }
  return { target, found, created, updated, skipped, firstTouched };
}

async function commitRecords(
  deps: CommitDeps,
  prepared: PreparedRecords,
  options: CommitOptions,
  task: ImportTask,
): Promise<ImportSummary> {
  const { staged, kind } = prepared;
  const base = await deps.records(kind);
  const table = forkRecordTable(base);
  for (const field of prepared.newFields) addField(table, field);
  // Core fields a table stored before they existed (canonical places) are added as the import writes them.
  for (const key of prepared.writtenFields)
    if (!table.columns.has(key))
      addField(
        table,
        prepared.staged.fields.find((f) => f.key === key)!,
      );
  const { target, found, created, updated, skipped, firstTouched } = placeRows(table, prepared, options.onlyValidRows);
  const rows = staged.rowCount;
  const firstNew = table.rowCount;
  // A first import of every row: the staged columns become the table's as they are, with no copy, and only the
  // other columns are allocated.
  const adopted = new Set<string>();
  if (firstNew === 0 && skipped === 0) {
    const capacity = capacityOf(staged);
    table.deleted = new Uint8Array(capacity);
    table.dataSet = new Uint16Array(capacity);
    for (const [key, column] of table.columns) {
      const from = prepared.writtenFields.includes(key) ? staged.columns.get(key) : undefined;
      if (from?.type === 'text' && column.type === 'text' && from.codes.length === capacity) {
        column.codes = from.codes;
        column.values = from.values;
        column.codeOf = null;
        adopted.add(key);
      } else if (from?.type === 'number' && column.type === 'number' && from.values.length === capacity) {
        column.values = from.values;
        adopted.add(key);
      } else
        table.columns.set(
          key,
          column.type === 'text' ? newTextColumn(capacity, column.values) : newNumberColumn(capacity),
        );
    }
  } else ensureCapacity(table, firstNew + created);
  table.rowCount = firstNew + created;

  // Stored exact coordinates are kept where the file only gives an address (hand-placed accounts stay put).
  const storedPrecision = prepared.givesCoordinates ? null : table.columns.get('geoPrecision');
  const stagedPrecision = staged.columns.get('geoPrecision');
  let keep: Uint8Array | null = null;
  if (updated > 0 && storedPrecision?.type === 'text' && stagedPrecision?.type === 'text') {
    keep = new Uint8Array(rows);
    const storedExact = storedPrecision.values.indexOf('exact');
    const stagedExact = stagedPrecision.values.indexOf('exact');
    for (let r = 0; r < rows; r++) {
      if (
        found[r] === 1 &&
        storedExact > 0 &&
        storedPrecision.codes[target[r]] === storedExact &&
        stagedPrecision.codes[r] !== stagedExact
      )
        keep[r] = 1;
    }
  }

  // Column by column: tight loops over typed arrays, with a yield (and a chance to cancel) between columns.
  const written = prepared.writtenFields;
  for (let i = 0; i < written.length; i++) {
    const key = written[i];
    if (adopted.has(key)) continue;
    const from = staged.columns.get(key)!;
    const to = table.columns.get(key)!;
    const kept = keep && (key === 'latitude' || key === 'longitude' || key === 'geoPrecision') ? keep : null;
    if (from.type === 'text' && to.type === 'text') {
      if (to.values.length === 1) {
        // An empty column takes the staged dictionary as is, and its codes unchanged: a million distinct names are
        // not hashed a second time. The staged import is dropped once committed (and is never written to here).
        to.values = from.values;
        to.codeOf = null;
        for (let r = 0; r < rows; r++) if (target[r] >= 0) to.codes[target[r]] = from.codes[r];
      } else {
        // Codes translated once per distinct value; values the table lacks are appended to its dictionary when a
        // written row uses them (the staged dictionary has each value once).
        const remap = codesInDictionary(to.values, from.values);
        remap[0] = 0;
        to.codeOf = null;
        for (let r = 0; r < rows; r++) {
          const t = target[r];
          if (t < 0 || (kept && kept[r] === 1)) continue;
          const code = from.codes[r];
          let mapped = remap[code];
          if (mapped < 0) mapped = remap[code] = to.values.push(from.values[code]) - 1;
          to.codes[t] = mapped;
        }
      }
    } else if (from.type === 'number' && to.type === 'number') {
      for (let r = 0; r < rows; r++) {
        const t = target[r];
        if (t >= 0 && !(kept && kept[r] === 1)) to.values[t] = from.values[r];
      }
    }
    task.progress('merging', Math.round((rows * (i + 1)) / written.length), rows);
    await yieldToEventLoop();
    checkCancelled(task.signal);
  }
  task.progress('merging', rows, rows);
  checkCancelled(task.signal);

  task.progress('saving', 0, 1);
  const { db } = deps;
  let dataSetId: string | null = null;
  const step = deps.keepStep ? emptyStep(kind) : null;
  if (step && updated > 0) step.cells.push(updatedImages(base, table, target, found, prepared.writtenFields));
  await db.transaction(
    'rw',
    [
      db.recordMeta,
      db.recordDicts,
      db.recordBlocks,
      db.importLog,
      db.dataSets,
      db.settings,
      ...(deps.keepStep?.tables ?? []),
    ],
    async () => {
      // New records get a home: a data set named after the file. Updated records stay in the set they came from.
      if (created > 0) {
        const set = await dataSetForFile(deps, prepared.fileName);
        table.dataSet.fill(set.code, firstNew, firstNew + created);
        dataSetId = set.id;
        if (step) {
          const rows = new Uint32Array(created).map((_, i) => firstNew + i);
          step.created = createdPart(set, [{ kind, rows }], []);
        }
      }
      await saveRecordTable(db, table, firstTouched);
      // The last moment a cancel can still undo everything: the transaction aborts when this throws.
      checkCancelled(task.signal);
      await db.importLog.add({ kind, fileName: prepared.fileName, at: deps.now(), created, updated, skipped });
      if (step && created + updated > 0) await deps.keepStep!.keep(step, created + updated);
    },
  );
  deps.setRecords(kind, table);
  task.progress('saving', 1, 1);
  return summaryOf(prepared, { created, updated, skipped }, dataSetId);
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

async function commitUsers(
  deps: CommitDeps,
  prepared: PreparedUsers,
  options: CommitOptions,
  task: ImportTask,
): Promise<ImportSummary> {
  const { db } = deps;
  let created = 0;
  let updated = 0;
  let skipped = 0;
  task.progress('saving', 0, 1);
  let dataSetId: string | null = null;
  const tables = [db.users, db.importLog, db.dataSets, db.settings, ...(deps.keepStep?.tables ?? [])];
  await db.transaction('rw', tables, async () => {
    const all = await db.users.toArray();
    const byId = new Map(all.map((u) => [u.id, u]));
    const byExternalId = new Map(all.filter((u) => u.externalId).map((u) => [u.externalId, u]));
    const byEmail = new Map(all.filter((u) => u.email).map((u) => [u.email.toLowerCase(), u]));
    const byName = new Map<string, SalesUser>();
    for (const u of all) if (u.name) byName.set(personKey(u.name), u);
    // A manager may be given by ID, by e-mail or by name ("Claire Martin", "MARTIN, Claire").
    const find = (key: string) => byExternalId.get(key) ?? byEmail.get(key.toLowerCase()) ?? byName.get(personKey(key));
    const changed = new Map<string, SalesUser>();
    const imported: [SalesUser, PreparedUsers['users'][number]][] = [];
    prepared.users.forEach((staged, i) => {
      if (!isImportable(prepared.severity[i], options.onlyValidRows)) {
        skipped++;
        return;
      }
      const existing =
        (staged.externalId && byExternalId.get(staged.externalId)) ||
        (staged.email && byEmail.get(staged.email.toLowerCase()));
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
      if (user.name) byName.set(personKey(user.name), user);
      imported.push([user, staged]);
    });
    // Managers once everyone is known: a manager may come later in the file than the people reporting to them.
    for (const [user, staged] of imported) {
      if (!staged.given.has('managerExternalId')) continue;
      const manager = staged.managerExternalId ? find(staged.managerExternalId) : undefined;
      const current = changed.get(user.id)!;
      current.managerUserId = manager && manager.id !== user.id ? manager.id : null;
    }
    const step = deps.keepStep ? emptyStep('user') : null;
    if (created > 0) {
      const set = await dataSetForFile(deps, prepared.fileName);
      dataSetId = set.id;
      for (const user of changed.values()) if (!user.dataSetId && !byId.has(user.id)) user.dataSetId = set.id;
      if (step)
        step.created = createdPart(
          set,
          [],
          [...changed.values()].filter((u) => !byId.has(u.id)),
        );
    }
    if (step) {
      const kept = [...changed.values()].filter((u) => byId.has(u.id));
      step.users = { before: kept.map((u) => byId.get(u.id)!), after: kept };
    }
    await db.users.bulkPut([...changed.values()]);
    checkCancelled(task.signal);
    await db.importLog.add({ kind: 'user', fileName: prepared.fileName, at: deps.now(), created, updated, skipped });
    if (step && created + updated > 0) await deps.keepStep!.keep(step, created + updated);
  });
  task.progress('saving', 1, 1);
  return summaryOf(prepared, { created, updated, skipped }, dataSetId);
}

/**
 * Loads and saves record tables as column blocks of BLOCK_ROWS rows. Measured in headless Chromium on 100,000
 * accounts: one IndexedDB row per record took 14.8 s to write, blocks of 5,000 rows 0.34 s (docs/architecture.md,
 * "Storage"). A save writes whole blocks in one transaction, so a failed or cancelled import leaves the stored
 * records as they were.
 */
import Dexie from 'dexie';
import { isTextField, type FieldDef, type RecordKind } from '../../shared/domain';
import { checkRecordBlock, checkRecordMeta, checkRecordMetaRow } from '../db/readBack';
import { coreFieldDefs } from '../../shared/records';
import type { PlannerDb, RecordBlockRow, RecordDictRow, RecordMetaRow, StoredColumn } from '../db/schema';
import { createRecordTable, ensureCapacity, newNumberColumn, newTextColumn, type RecordTable } from './recordTable';

export const BLOCK_ROWS = 5_000;

/** Below this many values a dictionary is stored as plain strings: packing would not pay. */
const PACKED_DICTIONARY = 1_000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** String.prototype.isWellFormed (ES2024, native and fast) where the engine has it, else a regular expression. */
function isWellFormed(text: string): boolean {
  const native = (text as string & { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !LONE_SURROGATE.test(text);
}

/** How a dictionary is stored: packed when large and representable in UTF-8, else as strings. */
export function dictionaryRow(values: string[]): Pick<RecordDictRow, 'values' | 'packed'> {
  if (values.length < PACKED_DICTIONARY) return { values };
  const ends = new Uint32Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) ends[i] = at += values[i].length;
  // IDs and most names are ASCII: copied byte by byte, three times faster than joining and encoding them.
  const ascii = new Uint8Array(at);
  let p = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    for (let c = 0; c < value.length; c++) {
      const code = value.charCodeAt(c);
      if (code > 0x7f) return packedUtf8(values, ends);
      ascii[p++] = code;
    }
  }
  return { packed: { text: ascii, ends } };
}

function packedUtf8(values: string[], ends: Uint32Array): Pick<RecordDictRow, 'values' | 'packed'> {
  const joined = values.join('');
  // UTF-8 cannot carry a lone surrogate (half of an emoji cut by a truncated cell): keep such text as strings.
  if (!isWellFormed(joined)) return { values };
  return { packed: { text: new TextEncoder().encode(joined), ends } };
}

export function dictionaryValues(row: RecordDictRow): string[] {
  if (row.values) return row.values;
  if (!row.packed) return [''];
  const { text, ends } = row.packed;
  const joined = new TextDecoder().decode(text);
  const values = new Array<string>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    values[i] = joined.slice(start, ends[i]);
    start = ends[i];
  }
  return values;
}

export function blockCount(rowCount: number): number {
  return Math.ceil(rowCount / BLOCK_ROWS);
}

/** Live rows per block and data set code (RecordMetaRow.live): what counts and pages read instead of blocks. */
type LiveCounts = Record<string, number>[];

/** Counts the live rows of each block of the table by data set code. */
function liveCountsOf(table: RecordTable): LiveCounts {
  const counts: LiveCounts = [];
  const { deleted, dataSet } = table;
  for (let block = 0; block < blockCount(table.rowCount); block++) {
    const inBlock: Record<string, number> = {};
    const end = Math.min(table.rowCount, (block + 1) * BLOCK_ROWS);
    for (let row = block * BLOCK_ROWS; row < end; row++) {
      if (deleted[row] === 0) inBlock[dataSet[row]] = (inBlock[dataSet[row]] ?? 0) + 1;
    }
    counts.push(inBlock);
  }
  return counts;
}

/** The stored live counts when they are there and fit the stored rows; null otherwise (count the blocks). */
function storedLiveCounts(meta: RecordMetaRow): LiveCounts | null {
  const { live, rowCount } = meta;
  if (!Array.isArray(live) || !Number.isInteger(rowCount) || live.length !== blockCount(rowCount)) return null;
  for (let block = 0; block < live.length; block++) {
    const counts: unknown = live[block];
    if (typeof counts !== 'object' || counts === null) return null;
    let sum = 0;
    for (const n of Object.values(counts)) {
      if (!Number.isInteger(n) || (n as number) < 0) return null;
      sum += n as number;
    }
    if (sum > Math.min(BLOCK_ROWS, rowCount - block * BLOCK_ROWS)) return null;
  }
  return live;
}

/** Live rows in each block, leaving out the data sets given (by code). */
export function liveByBlock(counts: LiveCounts, excludedCodes: ReadonlySet<number>): number[] {
  return counts.map((inBlock) => {
    let live = 0;
    for (const [code, n] of Object.entries(inBlock)) if (!excludedCodes.has(Number(code))) live += n;
    return live;
  });
}

/** What a kind's stored records are, without their rows: the fields and the live counts (null: not stored). */
interface RecordSummary {
  fields: FieldDef[];
  live: LiveCounts | null;
}

/** Reads a kind's field list and live counts only; a kind never imported has the core fields and no rows. */
export async function loadRecordSummary(db: PlannerDb, kind: RecordKind): Promise<RecordSummary> {
  const meta = await db.recordMeta.get(kind);
  if (!meta) return { fields: coreFieldDefs(kind), live: [] };
  checkRecordMetaRow(meta);
  return { fields: meta.fields, live: storedLiveCounts(meta) };
}

/**
 * The values of the given codes only, from a stored dictionary: a page of a million-row table needs a hundred
 * names, not a million strings. Answers a sparse array (values[code]).
 */
function dictionaryValuesAt(row: RecordDictRow | undefined, codes: ReadonlySet<number>): string[] {
  const values: string[] = [''];
  if (!row) return values;
  if (row.values) {
    for (const code of codes) values[code] = row.values[code];
    return values;
  }
  if (!row.packed) return values;
  const { text, ends } = row.packed;
  // ASCII packs a byte per UTF-16 code unit: a value's bytes are where `ends` says. Otherwise decode it all once.
  const ascii = text.length === (ends.length === 0 ? 0 : ends[ends.length - 1]);
  const joined = ascii ? null : new TextDecoder().decode(text);
  const decoder = new TextDecoder();
  for (const code of codes) {
    if (code >= ends.length) continue;
    const start = code === 0 ? 0 : ends[code - 1];
    values[code] = joined === null ? decoder.decode(text.subarray(start, ends[code])) : joined.slice(start, ends[code]);
  }
  return values;
}

/** Some live rows of a kind read from the blocks that hold them (RecordWindow.table holds those blocks only). */
export interface RecordWindow {
  /** Live rows of the kind, leaving out the data sets asked. */
  total: number;
  /** The blocks read, as a table of their rows: row r of it is row firstRow + r of the kind. */
  table: RecordTable;
  firstRow: number;
  /** The rows asked, as rows of `table`, in row order. */
  rows: Uint32Array;
}

/**
 * The live rows `offset`..`offset + limit` of a kind in row order (rows of the data sets `excludedCodes` left
 * out), read from the blocks holding them and the dictionaries' values they use, not the whole table: the
 * Accounts table's pages while the table loads. One read transaction, so counts and rows agree. Null when the
 * counts are not stored (data written before them): read the whole table then. `known` holds the stored
 * dictionaries read by earlier pages (a million names are a slow read), and takes those this one reads.
 */
export async function readLiveRows(
  db: PlannerDb,
  kind: RecordKind,
  excludedCodes: ReadonlySet<number>,
  offset: number,
  limit: number,
  known: Map<string, RecordDictRow>,
): Promise<RecordWindow | null> {
  return db.transaction('r', db.recordMeta, db.recordDicts, db.recordBlocks, async () => {
    const meta = await db.recordMeta.get(kind);
    if (!meta) {
      const empty = createRecordTable(kind, coreFieldDefs(kind));
      return { total: 0, table: empty, firstRow: 0, rows: new Uint32Array(0) };
    }
    checkRecordMetaRow(meta);
    const counts = storedLiveCounts(meta);
    if (!counts) return null;
    const perBlock = liveByBlock(counts, excludedCodes);
    const total = perBlock.reduce((sum, n) => sum + n, 0);
    // The blocks holding the live rows asked, and how many live rows come before the first of them.
    let first = 0;
    let before = 0;
    while (first < perBlock.length && before + perBlock[first] <= offset) before += perBlock[first++];
    let last = first;
    for (let seen = before + perBlock[first]; last + 1 < perBlock.length && seen < offset + limit;) {
      seen += perBlock[++last];
    }
    const numbers = first < perBlock.length && offset < total && limit > 0 ? range(first, last) : [];
    const blocks = await db.recordBlocks.bulkGet(numbers.map((block) => [kind, block] as [RecordKind, number]));
    if (blocks.some((block) => !block)) return null;
    for (const block of blocks) checkRecordBlock(meta, block!, BLOCK_ROWS);

    const firstRow = first * BLOCK_ROWS;
    const size = blocks.reduce((sum, block) => sum + block!.rows, 0);
    const table = createRecordTable(kind, []);
    table.fields = meta.fields;
    table.rowCount = size;
    table.deleted = new Uint8Array(size);
    table.dataSet = new Uint16Array(size);
    for (const field of meta.fields) {
      table.columns.set(field.key, isTextField(field.type) ? newTextColumn(size) : newNumberColumn(size));
    }
    copyBlocks(table, blocks as RecordBlockRow[], firstRow);

    const rows: number[] = [];
    let skip = offset - before;
    for (let row = 0; row < size && rows.length < limit; row++) {
      if (table.deleted[row] !== 0 || excludedCodes.has(table.dataSet[row])) continue;
      if (skip > 0) skip--;
      else rows.push(row);
    }
    const texts = meta.fields.flatMap((field) => {
      const column = table.columns.get(field.key);
      return column?.type === 'text'
        ? [{ key: field.key, column, codes: new Set(rows.map((r) => column.codes[r])) }]
        : [];
    });
    // Dictionaries only grow until an undo takes their end away: one known to hold every code asked still serves.
    const stale = texts.filter(({ key, codes }) => {
      const row = known.get(key);
      return !row || Math.max(0, ...codes) >= (row.values?.length ?? row.packed?.ends.length ?? 1);
    });
    const read = await db.recordDicts.bulkGet(stale.map(({ key }) => [kind, key] as [RecordKind, string]));
    stale.forEach(({ key }, i) => (read[i] ? known.set(key, read[i]) : known.delete(key)));
    for (const { key, column, codes } of texts) column.values = dictionaryValuesAt(known.get(key), codes);
    return { total, table, firstRow, rows: Uint32Array.from(rows) };
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Copies stored blocks into a table whose row 0 is row `firstRow` of the kind. */
function copyBlocks(table: RecordTable, blocks: readonly RecordBlockRow[], firstRow = 0): void {
  for (const block of blocks) {
    const offset = block.block * BLOCK_ROWS - firstRow;
    table.deleted.set(block.deleted, offset);
    if (block.dataSet) table.dataSet.set(block.dataSet.subarray(0, block.rows), offset);
    for (const [key, stored] of Object.entries(block.columns)) {
      const column = table.columns.get(key);
      if (!column) continue;
      if (column.type === 'text' && stored.type === 'text') column.codes.set(stored.codes, offset);
      else if (column.type === 'number' && stored.type === 'number') column.values.set(stored.values, offset);
    }
  }
}

/**
 * Blocks read per request while a table loads: each answer is deserialised in a task of its own, so the calls
 * answered from a few blocks meanwhile (readLiveRows: the Accounts table's first pages) go between them.
 */
const LOAD_BATCH = 10;

/**
 * Lets other work run between the steps of a load (a million rows take seconds), unless the load is part of a
 * caller's transaction, which must not sit idle: IndexedDB would commit it.
 */
const betweenSteps = () =>
  Dexie.currentTransaction ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads all records of a kind; a kind never imported answers an empty table with the core fields. The stored
 * dictionaries are read first and handed to `onDictionaries` before the blocks: pages answered meanwhile
 * (readLiveRows) need not read them again.
 */
export async function loadRecordTable(
  db: PlannerDb,
  kind: RecordKind,
  onDictionaries?: (rows: readonly RecordDictRow[]) => void,
): Promise<RecordTable> {
  const stored = await db.transaction('r', db.recordMeta, db.recordDicts, db.recordBlocks, async () => {
    const meta = await db.recordMeta.get(kind);
    if (!meta) return null;
    checkRecordMetaRow(meta);
    const dicts = await db.recordDicts.where('kind').equals(kind).toArray();
    onDictionaries?.(dicts);
    // In key ranges that leave no key out (a block beyond rowCount is found and refused below).
    const blocks: RecordBlockRow[] = [];
    const batches = Math.max(1, Math.ceil(blockCount(meta.rowCount) / LOAD_BATCH));
    for (let batch = 0; batch < batches; batch++) {
      const from = batch === 0 ? Dexie.minKey : batch * LOAD_BATCH;
      const to = batch === batches - 1 ? Dexie.maxKey : (batch + 1) * LOAD_BATCH;
      blocks.push(
        ...(await db.recordBlocks.where('[kind+block]').between([kind, from], [kind, to], true, false).toArray()),
      );
    }
    return { meta, blocks, dicts };
  });
  if (!stored) return createRecordTable(kind, coreFieldDefs(kind));
  const { meta, blocks } = stored;
  // Checked before anything is allocated from rowCount (readBack.ts).
  checkRecordMeta(meta, blocks, BLOCK_ROWS);
  const dicts = new Map<string, string[]>();
  for (const dict of stored.dicts) {
    dicts.set(dict.field, dictionaryValues(dict));
    if (dict.packed) await betweenSteps();
  }
  const table = createRecordTable(kind, []);
  table.fields = meta.fields;
  const capacity = Math.max(1024, meta.rowCount);
  table.deleted = new Uint8Array(capacity);
  table.dataSet = new Uint16Array(capacity);
  for (const field of meta.fields) {
    const values = dicts.get(field.key);
    table.columns.set(field.key, values ? newTextColumn(capacity, values) : newNumberColumn(capacity));
  }
  for (let from = 0; from < blocks.length; from += LOAD_BATCH * 4) {
    copyBlocks(table, blocks.slice(from, from + LOAD_BATCH * 4));
    await betweenSteps();
  }
  table.rowCount = meta.rowCount;
  ensureCapacity(table, meta.rowCount);
  return table;
}

/**
 * A block's codes in the narrowest array their dictionary allows (a picklist of 7 values takes a byte a row, not
 * four): less to write and to read. A copy, so the stored block never aliases the live table. Loading widens
 * them again with TypedArray.set.
 */
function narrowCodes(codes: Uint32Array, dictionarySize: number): Uint8Array | Uint16Array | Uint32Array {
  if (dictionarySize <= 0x100) return Uint8Array.from(codes);
  if (dictionarySize <= 0x10000) return Uint16Array.from(codes);
  return codes.slice();
}

function encodeBlock(table: RecordTable, block: number): RecordBlockRow {
  const start = block * BLOCK_ROWS;
  const end = Math.min(table.rowCount, start + BLOCK_ROWS);
  // Keys are field keys, which come from imported headers: no prototype to collide with.
  const columns: Record<string, StoredColumn> = Object.create(null) as Record<string, StoredColumn>;
  for (const [key, column] of table.columns) {
    // Copies (slice, narrowCodes), so the stored block never aliases the live table.
    columns[key] =
      column.type === 'text'
        ? { type: 'text', codes: narrowCodes(column.codes.subarray(start, end), column.values.length) }
        : { type: 'number', values: column.values.slice(start, end) };
  }
  return {
    kind: table.kind,
    block,
    rows: end - start,
    deleted: table.deleted.slice(start, end),
    dataSet: table.dataSet.slice(start, end),
    columns,
  };
}

/**
 * Writes the blocks holding rows from `fromRow` on (all of them by default), the dictionaries and the field list,
 * in one transaction. Call it inside an outer transaction to make it part of a larger all-or-nothing change.
 */
export async function saveRecordTable(db: PlannerDb, table: RecordTable, fromRow = 0): Promise<void> {
  const firstBlock = Math.floor(fromRow / BLOCK_ROWS);
  const blocks: RecordBlockRow[] = [];
  for (let block = firstBlock; block < blockCount(table.rowCount); block++) blocks.push(encodeBlock(table, block));
  const live = liveCountsOf(table);
  await db.transaction('rw', db.recordMeta, db.recordDicts, db.recordBlocks, async () => {
    await db.recordMeta.put({ kind: table.kind, rowCount: table.rowCount, fields: table.fields, live });
    const dicts: RecordDictRow[] = [];
    for (const [field, column] of table.columns) {
      if (column.type === 'text') dicts.push({ kind: table.kind, field, ...dictionaryRow(column.values) });
    }
    await db.recordDicts.bulkPut(dicts);
    await db.recordBlocks.bulkPut(blocks);
  });
}

/**
 * Loads and saves record tables as column blocks of BLOCK_ROWS rows (ARCHITECTURE.md measured 100,000 rows:
 * 14.8 s one record per row, 0.34 s in blocks of 5,000). A save writes whole blocks in one transaction, so a
 * failed or cancelled import leaves the stored records as they were.
 */
import type { RecordKind } from '../../shared/domain';
import { coreFieldDefs } from '../../shared/records';
import type { PlannerDb, RecordBlockRow, StoredColumn } from '../db/schema';
import { createRecordTable, ensureCapacity, newNumberColumn, newTextColumn, type RecordTable } from './recordTable';

export const BLOCK_ROWS = 5_000;

export function blockCount(rowCount: number): number {
  return Math.ceil(rowCount / BLOCK_ROWS);
}

/** Reads all records of a kind; a kind never imported answers an empty table with the core fields. */
export async function loadRecordTable(db: PlannerDb, kind: RecordKind): Promise<RecordTable> {
  return db.transaction('r', db.recordMeta, db.recordDicts, db.recordBlocks, async () => {
    const meta = await db.recordMeta.get(kind);
    if (!meta) return createRecordTable(kind, coreFieldDefs(kind));
    const table = createRecordTable(kind, []);
    table.fields = meta.fields;
    const capacity = Math.max(1024, meta.rowCount);
    const dicts = new Map((await db.recordDicts.where('kind').equals(kind).toArray()).map((d) => [d.field, d.values]));
    table.deleted = new Uint8Array(capacity);
    for (const field of meta.fields) {
      const values = dicts.get(field.key);
      table.columns.set(field.key, values ? newTextColumn(capacity, values) : newNumberColumn(capacity));
    }
    const blocks = await db.recordBlocks.where('kind').equals(kind).toArray();
    for (const block of blocks) {
      const offset = block.block * BLOCK_ROWS;
      table.deleted.set(block.deleted, offset);
      for (const [key, stored] of Object.entries(block.columns)) {
        const column = table.columns.get(key);
        if (!column) continue;
        if (column.type === 'text' && stored.type === 'text') column.codes.set(stored.codes, offset);
        else if (column.type === 'number' && stored.type === 'number') column.values.set(stored.values, offset);
      }
    }
    table.rowCount = meta.rowCount;
    ensureCapacity(table, meta.rowCount);
    return table;
  });
}

function encodeBlock(table: RecordTable, block: number): RecordBlockRow {
  const start = block * BLOCK_ROWS;
  const end = Math.min(table.rowCount, start + BLOCK_ROWS);
  const columns: Record<string, StoredColumn> = {};
  for (const [key, column] of table.columns) {
    // slice() copies, so the stored block never aliases the live table.
    columns[key] =
      column.type === 'text'
        ? { type: 'text', codes: column.codes.slice(start, end) }
        : { type: 'number', values: column.values.slice(start, end) };
  }
  return { kind: table.kind, block, rows: end - start, deleted: table.deleted.slice(start, end), columns };
}

/**
 * Writes the blocks holding rows from `fromRow` on (all of them by default), the dictionaries and the field list,
 * in one transaction. Call it inside an outer transaction to make it part of a larger all-or-nothing change.
 */
export async function saveRecordTable(db: PlannerDb, table: RecordTable, fromRow = 0): Promise<void> {
  const firstBlock = Math.floor(fromRow / BLOCK_ROWS);
  const blocks: RecordBlockRow[] = [];
  for (let block = firstBlock; block < blockCount(table.rowCount); block++) blocks.push(encodeBlock(table, block));
  await db.transaction('rw', db.recordMeta, db.recordDicts, db.recordBlocks, async () => {
    await db.recordMeta.put({ kind: table.kind, rowCount: table.rowCount, fields: table.fields });
    const dicts = [];
    for (const [field, column] of table.columns) {
      if (column.type === 'text') dicts.push({ kind: table.kind, field, values: column.values });
    }
    await db.recordDicts.bulkPut(dicts);
    await db.recordBlocks.bulkPut(blocks);
  });
}

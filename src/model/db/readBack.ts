/**
 * What is read back from storage is checked before the model uses it. The database is only the model's (the model
 * host has its own origin in Electron, one writer per origin in the browser), but a disk, an old version or a
 * hand-edited profile can still hand back a plan without a name, a territory whose geography is not a list, or
 * record metadata claiming a billion rows (which used to be allocated as is). Such data answers a typed STORAGE
 * error naming the table and the key (`storedDataInvalid`) instead of crashing or spreading further.
 */
import { z } from 'zod';
import { fieldDefSchema, planSchema, recordKind, territorySchema } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { RecordBlockRow, RecordMetaRow } from './schema';

export function storedDataError(table: string, key: unknown, issue: string): ModelError {
  const shownKey = typeof key === 'string' || typeof key === 'number' ? String(key) : JSON.stringify(key);
  return new ModelError(
    'STORAGE',
    `Stored ${table} "${shownKey}" is not valid (${issue}): it was not used`,
    { table, key: shownKey, issue },
    'storedDataInvalid',
  );
}

const firstIssue = (error: z.ZodError) => {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(row)'}: ${issue.message}` : 'invalid';
};

/** A `reading` hook for Dexie: each row read through the table is checked against its domain schema. */
export function checkedReading<T>(table: string, schema: z.ZodType<T>, keyOf: (row: unknown) => unknown) {
  return (row: unknown): T => {
    // A key that holds no row reads as undefined: nothing to check.
    if (row === undefined) return row as T;
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw storedDataError(table, keyOf(row), firstIssue(parsed.error));
    return row as T;
  };
}

const keyOfRow = (row: unknown) => (typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : row);
// Loose at the top: a field a later schema version adds is no reason to refuse a row; its known fields are checked.
export const readPlan = checkedReading('plans', planSchema.loose(), keyOfRow);
export const readTerritory = checkedReading('territories', territorySchema.loose(), keyOfRow);

/** Past any import limit (2 million rows each) many times over, and within what a typed array can hold. */
export const MAX_STORED_ROWS = 100_000_000;

const recordMetaSchema = z.object({
  kind: recordKind,
  rowCount: z.number().int().min(0).max(MAX_STORED_ROWS),
  fields: z.array(fieldDefSchema).max(10_000),
});

/** Checks a kind's metadata against its schema alone (what reading its counts and fields without the blocks needs). */
export function checkRecordMetaRow(meta: RecordMetaRow): void {
  const parsed = recordMetaSchema.safeParse(meta);
  if (!parsed.success) throw storedDataError('recordMeta', meta.kind, firstIssue(parsed.error));
}

/** Checks one block against its kind's metadata: within rowCount, and its arrays hold `rows` entries. */
export function checkRecordBlock(meta: RecordMetaRow, block: RecordBlockRow, blockRows: number): void {
  const where = `${meta.kind} block ${block.block}`;
  const inRange =
    Number.isInteger(block.block) &&
    block.block >= 0 &&
    Number.isInteger(block.rows) &&
    block.rows >= 0 &&
    block.rows <= blockRows &&
    block.block * blockRows + block.rows <= meta.rowCount;
  if (!inRange) throw storedDataError('recordBlocks', where, `rows beyond rowCount ${meta.rowCount}`);
  if (!(block.deleted instanceof Uint8Array) || block.deleted.length !== block.rows) {
    throw storedDataError('recordBlocks', where, 'deleted flags do not match its rows');
  }
  for (const [field, column] of Object.entries(block.columns)) {
    const values = column.type === 'text' ? column.codes : column.values;
    if (!ArrayBuffer.isView(values) || (values as ArrayLike<number>).length !== block.rows) {
      throw storedDataError('recordBlocks', where, `column ${field} does not match its rows`);
    }
  }
}

/**
 * Checks a kind's metadata against its schema and against the blocks that hold its rows: every block sits
 * within rowCount, its arrays hold `rows` entries, and the blocks cover exactly rowCount rows. Before anything
 * is allocated from rowCount.
 */
export function checkRecordMeta(meta: RecordMetaRow, blocks: readonly RecordBlockRow[], blockRows: number): void {
  checkRecordMetaRow(meta);
  let covered = 0;
  for (const block of blocks) {
    checkRecordBlock(meta, block, blockRows);
    covered += block.rows;
  }
  if (covered !== meta.rowCount) {
    throw storedDataError('recordMeta', meta.kind, `rowCount ${meta.rowCount} but ${covered} rows stored`);
  }
}

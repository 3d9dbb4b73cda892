/**
 * Records of one kind held in memory as columns: text dictionary-coded (Uint32 codes, 0 = empty), numbers and
 * dates as Float64 (NaN = empty). Row ids are positions and never change; deleted rows are only flagged.
 * Pure data and functions: storage (storage.ts) loads and saves these, the engine scans them.
 */
import { isTextField, type FieldDef, type RecordKind } from '../../shared/domain';

export interface TextColumn {
  type: 'text';
  /** values[code]; values[0] is the empty text. */
  values: string[];
  /**
   * value -> code; null until the first textCode needs it. Loading or copying a million-value dictionary does
   * not hash it (about 1.4 s per million values): most tables are only read until the next import.
   */
  codeOf: Map<string, number> | null;
  codes: Uint32Array;
}

export interface NumberColumn {
  type: 'number';
  values: Float64Array;
}

export type Column = TextColumn | NumberColumn;

export interface RecordTable {
  kind: RecordKind;
  /** Rows in use, deleted ones included. */
  rowCount: number;
  fields: FieldDef[];
  columns: Map<string, Column>;
  deleted: Uint8Array;
  /** The data set of each row (DataSet.code; 0 for none), kept beside the fields: never imported, never exported. */
  dataSet: Uint16Array;
}

export type CellValue = string | number | null;

const INITIAL_CAPACITY = 1024;

export function newTextColumn(capacity = INITIAL_CAPACITY, values: string[] = ['']): TextColumn {
  return { type: 'text', values, codeOf: null, codes: new Uint32Array(capacity) };
}

/** The column's value -> code map, built from its dictionary the first time it is needed. */
export function codeIndex(column: TextColumn): Map<string, number> {
  let codeOf = column.codeOf;
  if (codeOf === null) {
    codeOf = new Map<string, number>();
    const { values } = column;
    // Backwards, so that a value listed twice (never written so, but harmless) maps to its first code.
    for (let code = values.length - 1; code >= 0; code--) codeOf.set(values[code], code);
    column.codeOf = codeOf;
  }
  return codeOf;
}

export function newNumberColumn(capacity = INITIAL_CAPACITY): NumberColumn {
  return { type: 'number', values: new Float64Array(capacity).fill(NaN) };
}

export function newColumn(field: FieldDef, capacity = INITIAL_CAPACITY): Column {
  return isTextField(field.type) ? newTextColumn(capacity) : newNumberColumn(capacity);
}

export function createRecordTable(kind: RecordKind, fields: FieldDef[]): RecordTable {
  const columns = new Map<string, Column>();
  for (const field of fields) columns.set(field.key, newColumn(field));
  return {
    kind,
    rowCount: 0,
    fields: [...fields],
    columns,
    deleted: new Uint8Array(INITIAL_CAPACITY),
    dataSet: new Uint16Array(INITIAL_CAPACITY),
  };
}

export function capacityOf(table: RecordTable): number {
  return table.deleted.length;
}

function grown<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
  array: T,
  capacity: number,
  fill?: number,
): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  if (fill !== undefined) next.fill(fill, array.length);
  return next;
}

/** Makes room for `rows` rows in all columns, doubling so that appends stay amortised O(1). */
export function ensureCapacity(table: RecordTable, rows: number): void {
  let capacity = capacityOf(table);
  if (rows <= capacity) return;
  while (capacity < rows) capacity *= 2;
  table.deleted = grown(table.deleted, capacity);
  table.dataSet = grown(table.dataSet, capacity);
  for (const column of table.columns.values()) {
    if (column.type === 'text') column.codes = grown(column.codes, capacity);
    else column.values = grown(column.values, capacity, NaN);
  }
}

/** Adds a field (an imported custom column) to a table that may already have rows. */
export function addField(table: RecordTable, field: FieldDef): Column {
  const existing = table.columns.get(field.key);
  if (existing) return existing;
  const column = newColumn(field, capacityOf(table));
  table.fields.push(field);
  table.columns.set(field.key, column);
  return column;
}

export function textCode(column: TextColumn, value: string): number {
  const codeOf = codeIndex(column);
  let code = codeOf.get(value);
  if (code === undefined) {
    code = column.values.length;
    column.values.push(value);
    codeOf.set(value, code);
  }
  return code;
}

export function setCell(table: RecordTable, key: string, row: number, value: CellValue): void {
  const column = table.columns.get(key);
  if (!column) throw new Error(`No field ${key} in ${table.kind} records`);
  if (column.type === 'text') {
    column.codes[row] = value === null || value === '' ? 0 : textCode(column, String(value));
  } else {
    column.values[row] = value === null || value === '' ? NaN : Number(value);
  }
}

export function getCell(table: RecordTable, key: string, row: number): CellValue {
  const column = table.columns.get(key);
  if (!column || row >= table.rowCount) return null;
  if (column.type === 'text') {
    const code = column.codes[row];
    return code === 0 ? null : column.values[code];
  }
  const value = column.values[row];
  return Number.isNaN(value) ? null : value;
}

/** Appends a row (in data set `dataSet`, a DataSet.code) and answers its id. */
export function appendRow(table: RecordTable, values: Record<string, CellValue>, dataSet = 0): number {
  const row = table.rowCount;
  ensureCapacity(table, row + 1);
  table.rowCount = row + 1;
  table.dataSet[row] = dataSet;
  for (const [key, value] of Object.entries(values)) {
    if (table.columns.has(key)) setCell(table, key, row, value);
  }
  return row;
}

export function liveRowCount(table: RecordTable): number {
  let live = 0;
  for (let row = 0; row < table.rowCount; row++) if (table.deleted[row] === 0) live++;
  return live;
}

/** Row id by external id, for upserts and for linking contacts and deals to their account. */
export function indexByExternalId(table: RecordTable): Map<string, number> {
  const index = new Map<string, number>();
  const column = table.columns.get('externalId');
  if (!column || column.type !== 'text') return index;
  for (let row = 0; row < table.rowCount; row++) {
    const code = column.codes[row];
    if (code !== 0 && table.deleted[row] === 0) index.set(column.values[code], row);
  }
  return index;
}

/** A deep copy to change while a write is pending; the cached original stays valid until the commit. */
export function cloneRecordTable(table: RecordTable): RecordTable {
  return structuredClone(table);
}

/**
 * The records as one plan sees them: rows of the data sets it leaves out count as deleted. Shares the columns
 * (read only); answers the table itself when nothing is left out.
 */
export function recordsInDataSets(table: RecordTable, excludedCodes: ReadonlySet<number>): RecordTable {
  if (excludedCodes.size === 0) return table;
  const deleted = table.deleted.slice();
  const { dataSet } = table;
  for (let row = 0; row < table.rowCount; row++) if (excludedCodes.has(dataSet[row])) deleted[row] = 1;
  return { ...table, deleted };
}

/**
 * Search, filter and sort over a record table, for the Accounts view: a million rows answer in tens of
 * milliseconds because text is matched once per distinct value (the column's dictionary), never once per row,
 * and each row is then tested by looking its code up in a match array. Sort orders and the rows of the latest
 * queries are kept per table, so scrolling through the pages of one query does not scan again.
 */
import { ModelError } from '../../shared/errors';
import type { RecordFilter, RecordRow } from '../../shared/api/records';
import type { Column, NumberColumn, RecordTable, TextColumn } from './recordTable';

export interface TableQuery {
  search?: string;
  filters?: readonly RecordFilter[];
  sort?: { field: string; direction: 'asc' | 'desc' };
}

// ---------------------------------------------------------------- folding (case and accents ignored)

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Lower case without accents: "Société" and "societe" match. */
export function foldText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  }
  return text.toLowerCase();
}

/** Folded copies of dictionaries, by dictionary; dictionaries only grow, so a copy is extended, never redone. */
const foldedDictionaries = new WeakMap<string[], string[]>();

function foldedValues(column: TextColumn): string[] {
  const { values } = column;
  let folded = foldedDictionaries.get(values);
  if (!folded) foldedDictionaries.set(values, (folded = []));
  for (let code = folded.length; code < values.length; code++) folded.push(foldText(values[code]));
  return folded;
}

// ---------------------------------------------------------------- tests

/** One condition a row must meet: its code's entry in a match array, or a test of its number. */
type RowTest =
  | { type: 'code'; codes: Uint32Array; match: Uint8Array }
  | { type: 'number'; values: Float64Array; test: (value: number) => boolean }
  | { type: 'anyCode'; columns: { codes: Uint32Array; match: Uint8Array }[] };

function columnOf(table: RecordTable, field: string): Column {
  const column = table.columns.get(field);
  if (!column) throw new ModelError('INVALID_INPUT', `The ${table.kind} records have no field "${field}"`, { field });
  return column;
}

/** A match array over the dictionary: 1 where the value passes. Code 0 (empty) passes only `empty`. */
function dictionaryMatch(column: TextColumn, passes: (folded: string) => boolean, empty = false): Uint8Array {
  const folded = foldedValues(column);
  const match = new Uint8Array(folded.length);
  match[0] = empty ? 1 : 0;
  for (let code = 1; code < folded.length; code++) if (passes(folded[code])) match[code] = 1;
  return match;
}

function textList(value: RecordFilter['value']): string[] {
  if (Array.isArray(value)) return value.map((v) => foldText(String(v)).trim());
  return value === null ? [] : [foldText(String(value)).trim()];
}

function textTest(column: TextColumn, filter: RecordFilter): RowTest {
  const { codes } = column;
  const [first = ''] = textList(filter.value);
  const code = (passes: (folded: string) => boolean, empty = false): RowTest => ({
    type: 'code',
    codes,
    match: dictionaryMatch(column, passes, empty),
  });
  switch (filter.op) {
    case 'is':
      return code((v) => v === first, first === '');
    case 'isNot':
      return code((v) => v !== first, first !== '');
    case 'isAnyOf': {
      const wanted = new Set(textList(filter.value));
      return code((v) => wanted.has(v), wanted.has(''));
    }
    case 'contains':
      return code((v) => v.includes(first));
    case 'notContains':
      return code((v) => !v.includes(first), true);
    case 'startsWith':
      return code((v) => v.startsWith(first));
    case 'isEmpty':
      return code(() => false, true);
    case 'isNotEmpty':
      return code(() => true, false);
    default:
      throw new ModelError('INVALID_INPUT', `"${filter.op}" compares numbers; "${filter.field}" holds text`, {
        field: filter.field,
        op: filter.op,
      });
  }
}

function numberTest(column: NumberColumn, filter: RecordFilter): RowTest {
  const { values } = column;
  const test = (t: (value: number) => boolean): RowTest => ({ type: 'number', values, test: t });
  if (filter.op === 'isEmpty') return test((v) => Number.isNaN(v));
  if (filter.op === 'isNotEmpty') return test((v) => !Number.isNaN(v));
  if (filter.op === 'between') {
    if (!Array.isArray(filter.value) || filter.value.length !== 2 || typeof filter.value[0] !== 'number') {
      throw new ModelError('INVALID_INPUT', 'between needs two numbers', { field: filter.field });
    }
    const [low, high] = filter.value as [number, number];
    return test((v) => v >= low && v <= high);
  }
  const n = typeof filter.value === 'number' ? filter.value : Number(filter.value);
  if (Number.isNaN(n))
    throw new ModelError('INVALID_INPUT', `"${String(filter.value)}" is not a number`, { field: filter.field });
  switch (filter.op) {
    case 'eq':
    case 'is':
      return test((v) => v === n);
    case 'ne':
    case 'isNot':
      return test((v) => v !== n && !Number.isNaN(v));
    case 'lt':
      return test((v) => v < n);
    case 'le':
      return test((v) => v <= n);
    case 'gt':
      return test((v) => v > n);
    case 'ge':
      return test((v) => v >= n);
    default:
      throw new ModelError('INVALID_INPUT', `"${filter.op}" compares text; "${filter.field}" holds numbers`, {
        field: filter.field,
        op: filter.op,
      });
  }
}

/** Each word of the search must be in some text field. */
function searchTests(table: RecordTable, search: string): RowTest[] {
  const words = foldText(search).split(/\s+/).filter(Boolean);
  const textColumns = [...table.columns.values()].filter((c): c is TextColumn => c.type === 'text');
  return words.map((word) => ({
    type: 'anyCode',
    columns: textColumns.map((column) => ({
      codes: column.codes,
      match: dictionaryMatch(column, (v) => v.includes(word)),
    })),
  }));
}

// ---------------------------------------------------------------- sorting

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
/** Beyond this many distinct values, plain comparison of folded text: the collator would take seconds. */
const COLLATED_DICTIONARY = 50_000;

/** Rows with a value in ascending order, then the empty ones. */
function sortedRows(table: RecordTable, column: Column): { order: Uint32Array; filled: number } {
  const n = table.rowCount;
  const order = new Uint32Array(n);
  if (column.type === 'number') {
    const { values } = column;
    let filled = 0;
    let empty = n;
    for (let r = 0; r < n; r++) {
      if (Number.isNaN(values[r])) order[--empty] = r;
      else order[filled++] = r;
    }
    order.subarray(0, filled).sort((a, b) => values[a] - values[b] || a - b);
    // Empty rows were filled from the end: put them back in row order.
    order.subarray(filled).reverse();
    return { order, filled };
  }
  // Rank the dictionary once, then place rows by the rank of their code (a counting sort: linear in rows).
  const folded = foldedValues(column);
  const byValue = new Uint32Array(folded.length - 1).map((_, i) => i + 1);
  if (folded.length <= COLLATED_DICTIONARY)
    byValue.sort((a, b) => collator.compare(column.values[a], column.values[b]));
  else byValue.sort((a, b) => (folded[a] < folded[b] ? -1 : folded[a] > folded[b] ? 1 : 0));
  const rank = new Uint32Array(folded.length);
  byValue.forEach((code, i) => (rank[code] = i + 1));
  const starts = new Uint32Array(folded.length + 1);
  const { codes } = column;
  for (let r = 0; r < n; r++) starts[rank[codes[r]] + 1]++;
  // Rank 0 is the empty text: it goes last.
  const emptyCount = starts[1];
  starts[1] = 0;
  for (let i = 2; i <= folded.length; i++) starts[i] += starts[i - 1];
  let emptyAt = n - emptyCount;
  for (let r = 0; r < n; r++) {
    const k = rank[codes[r]];
    if (k === 0) order[emptyAt++] = r;
    else order[starts[k]++] = r;
  }
  return { order, filled: n - emptyCount };
}

// ---------------------------------------------------------------- caches per table

interface TableCache {
  /** The table's size when cached: a table changed in place starts afresh. */
  stamp: string;
  sorts: Map<string, { order: Uint32Array; filled: number }>;
  /** The rows of the latest queries, most recent last. */
  results: { key: string; rows: Uint32Array }[];
}

const caches = new WeakMap<RecordTable, TableCache>();
const KEPT_RESULTS = 4;

function stampOf(table: RecordTable): string {
  let stamp = `${table.rowCount}`;
  for (const column of table.columns.values()) if (column.type === 'text') stamp += `|${column.values.length}`;
  return stamp;
}

function cacheOf(table: RecordTable): TableCache {
  const stamp = stampOf(table);
  let cache = caches.get(table);
  if (!cache || cache.stamp !== stamp) caches.set(table, (cache = { stamp, sorts: new Map(), results: [] }));
  return cache;
}

// ---------------------------------------------------------------- the query

/** The ids of the live rows that match, in the order asked. */
export function matchingRows(table: RecordTable, query: TableQuery): Uint32Array {
  const cache = cacheOf(table);
  const key = JSON.stringify([query.search?.trim() ?? '', query.filters ?? [], query.sort ?? null]);
  const hit = cache.results.findIndex((r) => r.key === key);
  if (hit >= 0) {
    const [result] = cache.results.splice(hit, 1);
    cache.results.push(result);
    return result.rows;
  }

  const tests: RowTest[] = [];
  for (const filter of query.filters ?? []) {
    const column = columnOf(table, filter.field);
    tests.push(column.type === 'text' ? textTest(column, filter) : numberTest(column, filter));
  }
  if (query.search?.trim()) tests.push(...searchTests(table, query.search));

  const n = table.rowCount;
  const { deleted } = table;
  const passes = new Uint8Array(n);
  let count = 0;
  for (let r = 0; r < n; r++) {
    if (deleted[r] !== 0) continue;
    let ok = true;
    for (let t = 0; t < tests.length && ok; t++) {
      const test = tests[t];
      if (test.type === 'code') ok = test.match[test.codes[r]] === 1;
      else if (test.type === 'number') ok = test.test(test.values[r]);
      else {
        ok = false;
        for (const c of test.columns) {
          if (c.match[c.codes[r]] === 1) {
            ok = true;
            break;
          }
        }
      }
    }
    if (ok) {
      passes[r] = 1;
      count++;
    }
  }

  const rows = new Uint32Array(count);
  if (!query.sort) {
    let i = 0;
    for (let r = 0; r < n; r++) if (passes[r] === 1) rows[i++] = r;
  } else {
    const column = columnOf(table, query.sort.field);
    let sorted = cache.sorts.get(query.sort.field);
    if (!sorted) cache.sorts.set(query.sort.field, (sorted = sortedRows(table, column)));
    const { order, filled } = sorted;
    let i = 0;
    if (query.sort.direction === 'asc') {
      for (let k = 0; k < filled; k++) if (passes[order[k]] === 1) rows[i++] = order[k];
    } else {
      for (let k = filled - 1; k >= 0; k--) if (passes[order[k]] === 1) rows[i++] = order[k];
    }
    for (let k = filled; k < n; k++) if (passes[order[k]] === 1) rows[i++] = order[k];
  }
  cache.results.push({ key, rows });
  if (cache.results.length > KEPT_RESULTS) cache.results.shift();
  return rows;
}

/** Records as the table shows them: every field's value, null when empty. */
export function recordRows(table: RecordTable, ids: ArrayLike<number>): RecordRow[] {
  const columns = table.fields.map((f) => [f.key, table.columns.get(f.key)] as const);
  const rows: RecordRow[] = [];
  for (let i = 0; i < ids.length; i++) {
    const r = ids[i];
    const values: RecordRow['values'] = {};
    for (const [key, column] of columns) {
      if (!column) continue;
      if (column.type === 'text') {
        const code = column.codes[r];
        values[key] = code === 0 ? null : column.values[code];
      } else {
        const value = column.values[r];
        values[key] = Number.isNaN(value) ? null : value;
      }
    }
    rows.push({ id: r, values });
  }
  return rows;
}

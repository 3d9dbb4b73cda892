/**
 * Free-text search and sort over a record table, for the Accounts view: a million rows answer in tens of
 * milliseconds because text is matched once per distinct value (the column's dictionary), never once per row.
 * Filters are rule conditions, selected by the rule engine (engine/rules/select.ts) and handed in here as the
 * rows to search and sort. Sort orders and the rows of the latest queries are kept per table, so scrolling
 * through the pages of one query does not scan again.
 */
import { foldText } from '../../shared/conditions';
import { ModelError } from '../../shared/errors';
import type { RecordRow } from '../../shared/api/records';
import type { Column, RecordTable, TextColumn } from './recordTable';

export interface TableQuery {
  search?: string;
  sort?: { field: string; direction: 'asc' | 'desc' };
  /** Names the rows `select` gives (the filters, as JSON), so a cached answer is one for the same filters. */
  filterKey?: string;
}

// ---------------------------------------------------------------- folding (the one foldText of src/shared)

/**
 * Folded copies of dictionaries, by dictionary, filled as values are needed (a search tries only the values of
 * the rows still in). Dictionaries only grow, so a copy is extended, never redone.
 */
const foldedDictionaries = new WeakMap<string[], (string | undefined)[]>();

function foldedCache(column: TextColumn): (string | undefined)[] {
  const { values } = column;
  let folded = foldedDictionaries.get(values);
  if (!folded) foldedDictionaries.set(values, (folded = []));
  // Pushed one by one: setting the length of a large array would make it sparse, and slow to read.
  for (let code = folded.length; code < values.length; code++) folded.push(undefined);
  return folded;
}

/** The folded value of one code. */
function foldedAt(column: TextColumn, folded: (string | undefined)[], code: number): string {
  return (folded[code] ??= foldText(column.values[code]));
}

/** Every value folded (for a filter or a sort, which look at all of them). */
function foldedValues(column: TextColumn): string[] {
  const folded = foldedCache(column);
  for (let code = 0; code < folded.length; code++) folded[code] ??= foldText(column.values[code]);
  return folded as string[];
}

/** A large dictionary folded into one text, values separated by newlines, with where each value starts. */
interface JoinedDictionary {
  text: string;
  /** starts[code]: offset of the value in `text`; starts[size] is past the end. */
  starts: Uint32Array;
  size: number;
}

const joinedDictionaries = new WeakMap<string[], JoinedDictionary>();

function joinedOf(column: TextColumn): JoinedDictionary {
  const { values } = column;
  let joined = joinedDictionaries.get(values);
  if (!joined || joined.size !== values.length) {
    const folded = foldedValues(column);
    const starts = new Uint32Array(folded.length + 1);
    let at = 0;
    for (let code = 0; code < folded.length; code++) {
      starts[code] = at;
      at += folded[code].length + 1;
    }
    starts[folded.length] = at;
    joined = { text: folded.join('\n'), starts, size: values.length };
    joinedDictionaries.set(values, joined);
  }
  return joined;
}

/**
 * 1 for each value of the column that contains `needle` (folded, without newlines). One native search through
 * the joined dictionary finds the few values that hold a rare word in milliseconds, where testing a million
 * values one by one takes tens of milliseconds.
 */
function containsMatch(column: TextColumn, needle: string, into?: Uint8Array): Uint8Array {
  const { text, starts, size } = joinedOf(column);
  const match = into ?? new Uint8Array(size);
  let at = text.indexOf(needle);
  while (at >= 0) {
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    match[low] = 1;
    at = text.indexOf(needle, starts[low + 1]);
  }
  match[0] = 0;
  return match;
}

/**
 * Folds and joins the large dictionaries of a table a slice at a time, between other work, so that the first
 * search of a million accounts does not wait for a million values to be folded (about a second).
 */
export async function warmTextSearch(table: RecordTable, pause: () => Promise<void>): Promise<void> {
  for (const column of table.columns.values()) {
    if (column.type !== 'text' || column.values.length <= EAGER_DICTIONARY) continue;
    const folded = foldedCache(column);
    for (let start = 0; start < folded.length; start += 50_000) {
      const end = Math.min(folded.length, start + 50_000);
      for (let code = start; code < end; code++) folded[code] ??= foldText(column.values[code]);
      await pause();
    }
    joinedOf(column);
    await pause();
  }
}

// ---------------------------------------------------------------- scratch arrays

/**
 * Arrays a query works in, kept from one query to the next: a million-row query would otherwise allocate tens
 * of megabytes each time, and the collections that follow cost more than the query. A query runs without
 * awaiting, so two never share them. Each use takes its own slot.
 */
const scratchBytes: Uint8Array[] = [];
const scratchWords: Uint32Array[] = [];

function bytesIn(slot: number, size: number): Uint8Array {
  let buffer = scratchBytes[slot];
  if (!buffer || buffer.length < size) buffer = scratchBytes[slot] = new Uint8Array(size);
  const view = buffer.subarray(0, size);
  view.fill(0);
  return view;
}

function wordsIn(slot: number, size: number): Uint32Array {
  let buffer = scratchWords[slot];
  if (!buffer || buffer.length < size) buffer = scratchWords[slot] = new Uint32Array(size);
  return buffer.subarray(0, size);
}

/** Slots of the byte arrays: the row mask, the rows found by a word, a word's matches per column. */
const PASSES = 0;
const FOUND = 1;
const WORD_MATCH = 2;
/** Slots of the row-id arrays: the candidates, and the two buffers rows not found yet move between. */
const CANDIDATES = 0;
const PENDING = 1;

function columnOf(table: RecordTable, field: string): Column {
  const column = table.columns.get(field);
  if (!column)
    throw new ModelError(
      'INVALID_INPUT',
      `The ${table.kind} records have no field "${field}"`,
      { kind: table.kind, field },
      'fieldMissing',
    );
  return column;
}

/** Dictionaries up to this size are tried value by value; larger ones through their joined text. */
const EAGER_DICTIONARY = 65_536;

/**
 * Which values of a column hold `word`: 1 yes, 2 no, 0 not tried yet (a lazy try, for a few rows), and whether
 * any value does (a column where none does is not looked at).
 */
function wordMatch(column: TextColumn, word: string, lazy: boolean): { match: Uint8Array; any: boolean } {
  const size = column.values.length;
  if (lazy) return { match: bytesIn(WORD_MATCH, size), any: true };
  let any = false;
  if (size > EAGER_DICTIONARY) {
    const match = containsMatch(column, word, bytesIn(WORD_MATCH, size));
    for (let code = 0; code < size; code++) {
      if (match[code] === 1) any = true;
      else match[code] = 2;
    }
    return { match, any };
  }
  const folded = foldedValues(column);
  const match = bytesIn(WORD_MATCH, size);
  match[0] = 2;
  for (let code = 1; code < size; code++) {
    if (folded[code].includes(word)) {
      match[code] = 1;
      any = true;
    } else match[code] = 2;
  }
  return { match, any };
}

/** Characters of a joined dictionary a word is counted in, to guess how rare it is. */
const RARITY_SAMPLE = 256 * 1024;

/** How often `word` occurs in the start of the large dictionaries: rare words narrow the rows first. */
function occurrences(columns: readonly TextColumn[], word: string): number {
  let hits = 0;
  for (const column of columns) {
    if (column.values.length <= EAGER_DICTIONARY) continue;
    const { text } = joinedOf(column);
    const end = Math.min(text.length, RARITY_SAMPLE);
    for (let at = text.indexOf(word); at >= 0 && at < end; at = text.indexOf(word, at + word.length)) hits++;
  }
  return hits;
}

/**
 * Each word of the search must be in some text field. Words narrow the rows one after the other, the rarest
 * first; a large dictionary is searched whole (its joined text) while many rows are in, then value by value for
 * the values the few remaining rows hold.
 */
function applySearch(table: RecordTable, search: string, passes: Uint8Array): number {
  const columns = [...table.columns.values()].filter((c): c is TextColumn => c.type === 'text');
  const words = [...new Set(foldText(search).split(/\s+/).filter(Boolean))]
    .map((word) => ({ word, hits: occurrences(columns, word) }))
    .sort((a, b) => a.hits - b.hits);
  const n = table.rowCount;
  // The rows still in, in row order; each word narrows them.
  let candidates = wordsIn(CANDIDATES, n);
  let count = 0;
  for (let r = 0; r < n; r++) if (passes[r] === 1) candidates[count++] = r;
  candidates = candidates.subarray(0, count);
  // Two buffers the rows not found yet move between, column after column.
  const buffers = [wordsIn(PENDING, count), wordsIn(PENDING + 1, count)];
  for (const { word } of words) {
    const found = bytesIn(FOUND, n);
    let pending = candidates;
    let flip = 0;
    for (const column of columns) {
      if (pending.length === 0) break;
      const lazy = pending.length * 4 < column.values.length;
      const { match, any } = wordMatch(column, word, lazy);
      if (!any) continue;
      const { codes } = column;
      const folded = lazy ? foldedCache(column) : null;
      const still = buffers[flip];
      flip ^= 1;
      let left = 0;
      for (let i = 0; i < pending.length; i++) {
        const r = pending[i];
        const code = codes[r];
        let m = code === 0 ? 2 : match[code];
        if (m === 0) m = match[code] = foldedAt(column, folded!, code).includes(word) ? 1 : 2;
        if (m === 1) found[r] = 1;
        else still[left++] = r;
      }
      pending = still.subarray(0, left);
    }
    let kept = 0;
    for (let i = 0; i < candidates.length; i++) if (found[candidates[i]] === 1) candidates[kept++] = candidates[i];
    candidates = candidates.subarray(0, kept);
  }
  passes.fill(0);
  for (let i = 0; i < candidates.length; i++) passes[candidates[i]] = 1;
  return candidates.length;
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

/**
 * The ids of the live rows that match, in the order asked. `select` gives the live rows the filters keep (in row
 * order); without it, every live row.
 */
export function matchingRows(table: RecordTable, query: TableQuery, select?: () => Uint32Array): Uint32Array {
  const cache = cacheOf(table);
  const key = JSON.stringify([query.search?.trim() ?? '', query.filterKey ?? '', query.sort ?? null]);
  const hit = cache.results.findIndex((r) => r.key === key);
  if (hit >= 0) {
    const [result] = cache.results.splice(hit, 1);
    cache.results.push(result);
    return result.rows;
  }

  const n = table.rowCount;
  const passes = bytesIn(PASSES, n);
  let count = 0;
  if (select) {
    const selected = select();
    for (let i = 0; i < selected.length; i++) passes[selected[i]] = 1;
    count = selected.length;
  } else {
    const { deleted } = table;
    for (let r = 0; r < n; r++) {
      if (deleted[r] === 0) {
        passes[r] = 1;
        count++;
      }
    }
  }
  if (query.search?.trim() && count > 0) count = applySearch(table, query.search, passes);

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
    // Keyed by field keys, which come from imported headers: no prototype to collide with.
    const values = Object.create(null) as RecordRow['values'];
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

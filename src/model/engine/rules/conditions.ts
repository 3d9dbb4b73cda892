/**
 * Compiles one rule condition into a scan over a record table's columns.
 *
 * A scan filters a list of candidate rows (sorted row ids) into the rows where the condition holds. Text-like
 * conditions are decided once per distinct dictionary value and then tested by code through a Uint8Array, so a
 * million rows cost a million array reads, not a million string comparisons. Numbers compare Float64 values,
 * where NaN (empty) fails every comparison. Geography reads country/region codes or latitude/longitude.
 *
 * Semantics worth knowing:
 * - text compares folded (src/shared/conditions.ts foldText: case, accents, hyphens, dashes, underscores,
 *   apostrophes and repeated spaces ignored) unless `exact` is set, which compares character for character;
 * - which operators fit a field is src/shared/conditions.ts operatorsFor, as in both editors; others are refused;
 * - a date value is an ISO day ("2024-05-03": the whole day, UTC), an ISO instant with its zone, or epoch ms
 *   (shared dateSpan): "on 3 May" holds all day, "after 3 May" starts on the 4th;
 * - an empty value never satisfies a positive text test or any number comparison, and does satisfy the negative
 *   text tests ("industry is not Retail" includes accounts without an industry);
 * - postal codes compare as codes: prefixes and range bounds are normalised like the values (no spaces, upper
 *   case, ZIP+4 cut to 5 digits); a range compares the code's first N characters, N being the bounds' length.
 */
import { dateSpan, operatorFits } from '../../../shared/conditions';
import {
  isTextField,
  type Condition,
  type FieldDef,
  type FieldType,
  type Polygon,
  type Territory,
} from '../../../shared/domain';
import {
  getCell,
  type CellValue,
  type NumberColumn,
  type RecordTable,
  type TextColumn,
} from '../../records/recordTable';
import { placeFieldKeys } from '../../../shared/places';
import { canonicalRegionKey } from '../../../shared/regionAliases';
import { buildGeoAreaIndex } from '../geo/areas';
import { foldText, listItems, normalizePostalCode, normalizeRegionCode } from './normalize';
import {
  UNSET,
  type CodeScratch,
  type PrefixIndex,
  type ScanContext,
  type TextMode,
  type TextView,
} from './scanContext';

export interface ConditionScan {
  /** Relative cost per row, so an AND can run its cheap conditions first. */
  readonly cost: number;
  /** Writes the rows of rows[0..count) where the condition holds into out (which may be rows) and answers how many. */
  filter(rows: Uint32Array, count: number, out: Uint32Array): number;
  /** Whether the condition holds for one row (explain, single-record checks). */
  test(row: number): boolean;
  /** The record values the condition reads, by field key, for explain. */
  valuesOf(row: number): Record<string, CellValue>;
  /** Present when the condition is decided by one small key per row (see RowKeyPartition). */
  partition?: RowKeyPartition;
}

/**
 * A condition decided by one key per row: a picklist code, a postal prefix. Sibling territories whose conditions
 * share a key space (same `space` object) then share one pass over their parent's rows that gathers the keys, and
 * each sibling keeps its rows with a sequential scan of those keys instead of its own pass over the columns.
 */
export interface RowKeyPartition {
  /** Conditions with the same space object compute the same key for a row. */
  space: object;
  /** keys[i] = key of rows[i]. */
  gather(rows: Uint32Array, count: number, keys: Uint32Array): void;
  /** 1 at the keys for which the condition holds; keys at or past its length never hold. */
  wanted(): Uint8Array;
}

/** Dictionaries up to this size are decided whole, so their codes can serve as partition keys. */
const SMALL_DICTIONARY = 4096;

export type ConditionProblemCode =
  | 'unknownField'
  | 'operatorNotForField'
  | 'missingValue'
  | 'badValue'
  | 'noRegions'
  | 'noRegionFields'
  | 'noCoordinates'
  | 'noArea';

export interface ConditionProblem {
  code: ConditionProblemCode;
  message: string;
}

export type CompiledCondition = { ok: true; scan: ConditionScan } | { ok: false; problem: ConditionProblem };

/** What a condition may need from the territory its rule belongs to (its regions and drawn areas). */
export type RuleTerritory = Pick<Territory, 'id' | 'name' | 'geography'>;

function problem(code: ConditionProblemCode, message: string): CompiledCondition {
  return { ok: false, problem: { code, message } };
}

/** Compiles a condition on the column `key` of a record table (the field's column, found by compileCondition). */
type ColumnCompiler<Column> = (
  condition: Condition,
  table: RecordTable,
  key: string,
  column: Column,
  context: ScanContext,
) => CompiledCondition;

// ------------------------------------------------------------------------------------------ text-like scans

/**
 * A scan over one dictionary-coded column: `holds(code)` decides a code, each code at most once per pass.
 * When the dictionary is small next to the candidate list, all codes are decided up front (a tight loop
 * follows); otherwise codes are decided as met, stamped with the pass's generation.
 */
function codeScan(
  table: RecordTable,
  key: string,
  column: TextColumn,
  scratch: CodeScratch,
  holds: (code: number) => boolean,
): ConditionScan {
  return {
    cost: 1,
    filter(rows, count, out) {
      const codes = column.codes;
      const results = scratch.results;
      const dictionarySize = column.values.length;
      let kept = 0;
      if (dictionarySize * 4 <= count) {
        for (let code = 0; code < dictionarySize; code++) results[code] = holds(code) ? 1 : 0;
        for (let i = 0; i < count; i++) {
          const row = rows[i];
          if (results[codes[row]] === 1) out[kept++] = row;
        }
        return kept;
      }
      const stamps = scratch.stamps;
      if (scratch.generation === 0xffffffff) {
        stamps.fill(0);
        scratch.generation = 0;
      }
      const generation = ++scratch.generation;
      for (let i = 0; i < count; i++) {
        const row = rows[i];
        const code = codes[row];
        if (stamps[code] !== generation) {
          stamps[code] = generation;
          results[code] = holds(code) ? 1 : 0;
        }
        if (results[code] === 1) out[kept++] = row;
      }
      return kept;
    },
    test: (row) => holds(column.codes[row]),
    valuesOf: (row) => ({ [key]: getCell(table, key, row) }),
    partition: column.values.length <= SMALL_DICTIONARY ? codePartition(column, holds) : undefined,
  };
}

function codePartition(column: TextColumn, holds: (code: number) => boolean): RowKeyPartition {
  let wanted: Uint8Array | null = null;
  return {
    space: column,
    gather(rows, count, keys) {
      const codes = column.codes;
      for (let i = 0; i < count; i++) keys[i] = codes[rows[i]];
    },
    wanted() {
      if (!wanted) {
        wanted = new Uint8Array(column.values.length);
        for (let code = 0; code < wanted.length; code++) wanted[code] = holds(code) ? 1 : 0;
      }
      return wanted;
    },
  };
}

/** Decides a code from its normalised value; blank values take the operator's answer for empty. */
function byValue(view: TextView, emptyHolds: boolean, test: (value: string) => boolean): (code: number) => boolean {
  return (code) => {
    const value = view.valueOf(code);
    return value === '' ? emptyHolds : test(value);
  };
}

function textNeedles(condition: Condition, mode: TextMode): string[] | null {
  const { operator, value } = condition;
  // A single text for is/contains/... is one needle, even with commas in it; lists are for "any of".
  const raw =
    typeof value === 'string' && operator !== 'isAnyOf' && operator !== 'isNoneOf' ? [value] : listItems(value);
  const needles = raw.map((item) => (mode === 'exact' ? item : foldText(item))).filter((item) => item !== '');
  return needles.length === 0 ? null : needles;
}

const compileText: ColumnCompiler<TextColumn> = (condition, table, key, column, context) => {
  const mode: TextMode = condition.exact ? 'exact' : 'fold';
  const needles = textNeedles(condition, mode);
  if (!needles) return problem('missingValue', `A value is needed for "${condition.operator}"`);
  const view = context.textView(column, mode);
  const scratch = context.scratch(column);
  const set = new Set(needles);
  let holds: (code: number) => boolean;
  switch (condition.operator) {
    case 'is':
    case 'isAnyOf':
      holds = byValue(view, false, (v) => set.has(v));
      break;
    case 'isNot':
    case 'isNoneOf':
      holds = byValue(view, true, (v) => !set.has(v));
      break;
    case 'contains':
      holds = byValue(view, false, (v) => needles.some((n) => v.includes(n)));
      break;
    case 'notContains':
      holds = byValue(view, true, (v) => !needles.some((n) => v.includes(n)));
      break;
    case 'startsWith':
      holds = byValue(view, false, (v) => needles.some((n) => v.startsWith(n)));
      break;
    case 'endsWith':
      holds = byValue(view, false, (v) => needles.some((n) => v.endsWith(n)));
      break;
    default:
      return problem('operatorNotForField', `"${condition.operator}" does not apply to text`);
  }
  return { ok: true, scan: codeScan(table, key, column, scratch, holds) };
};

/** Prefixes grouped by length, so a code is checked with one set look-up per distinct prefix length. */
function prefixTest(prefixes: string[]): (code: string) => boolean {
  const byLength = new Map<number, Set<string>>();
  for (const prefix of prefixes) {
    const set = byLength.get(prefix.length) ?? new Set<string>();
    set.add(prefix);
    byLength.set(prefix.length, set);
  }
  const lengths = [...byLength.keys()].sort((a, b) => a - b);
  const sets = lengths.map((length) => byLength.get(length)!);
  return (code) => {
    for (let i = 0; i < lengths.length; i++) {
      if (lengths[i] > code.length) return false;
      if (sets[i].has(code.slice(0, lengths[i]))) return true;
    }
    return false;
  };
}

/**
 * "Postal code starts with any of": rows are tested through each prefix length's index (see PrefixIndex), so a
 * leaf territory over a few thousand rows costs a few thousand look-ups, not one string test per distinct code.
 */
function prefixScan(
  table: RecordTable,
  key: string,
  column: TextColumn,
  context: ScanContext,
  prefixes: string[],
  holds: (code: number) => boolean,
): ConditionScan {
  const byLength = new Map<number, string[]>();
  for (const prefix of prefixes) byLength.set(prefix.length, [...(byLength.get(prefix.length) ?? []), prefix]);
  const groups = [...byLength.entries()].map(([length, list]): { index: PrefixIndex; wanted: Uint8Array } => {
    const index = context.postalPrefixIndex(column, length);
    // Give the wanted prefixes their codes now, so the table below covers them; prefixes met later never match.
    const codes = list.map((prefix) => index.codeFor(prefix));
    const wanted = new Uint8Array(index.codeOf.size + 1);
    for (const code of codes) wanted[code] = 1;
    return { index, wanted };
  });
  return {
    cost: groups.length,
    filter(rows, count, out) {
      const codes = column.codes;
      let kept = 0;
      if (groups.length === 1) {
        const { index, wanted } = groups[0];
        const prefixOf = index.prefixOf;
        const size = wanted.length;
        for (let i = 0; i < count; i++) {
          const row = rows[i];
          const code = codes[row];
          let prefix = prefixOf[code];
          if (prefix === UNSET) prefix = index.compute(code);
          if (prefix < size && wanted[prefix] === 1) out[kept++] = row;
        }
        return kept;
      }
      for (let i = 0; i < count; i++) {
        const row = rows[i];
        const code = codes[row];
        for (const { index, wanted } of groups) {
          let prefix = index.prefixOf[code];
          if (prefix === UNSET) prefix = index.compute(code);
          if (prefix < wanted.length && wanted[prefix] === 1) {
            out[kept++] = row;
            break;
          }
        }
      }
      return kept;
    },
    test: (row) => holds(column.codes[row]),
    valuesOf: (row) => ({ [key]: getCell(table, key, row) }),
    partition: groups.length === 1 ? prefixPartition(column, groups[0].index, groups[0].wanted) : undefined,
  };
}

function prefixPartition(column: TextColumn, index: PrefixIndex, wanted: Uint8Array): RowKeyPartition {
  return {
    space: index,
    gather(rows, count, keys) {
      const codes = column.codes;
      const prefixOf = index.prefixOf;
      for (let i = 0; i < count; i++) {
        const code = codes[rows[i]];
        const prefix = prefixOf[code];
        keys[i] = prefix === UNSET ? index.compute(code) : prefix;
      }
    },
    wanted: () => wanted,
  };
}

interface PostalRange {
  from: string;
  to: string;
}

function isRangeList(value: unknown): value is PostalRange[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r: unknown) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as PostalRange).from === 'string' &&
        typeof (r as PostalRange).to === 'string',
    )
  );
}

/**
 * Ranges grouped by bound length; within a length, sorted by start with a running maximum of ends, so one binary
 * search answers "is this code inside some range" even when ranges overlap.
 */
function rangeTest(ranges: PostalRange[]): (code: string) => boolean {
  const byLength = new Map<number, PostalRange[]>();
  for (const range of ranges) {
    const list = byLength.get(range.from.length) ?? [];
    list.push(range);
    byLength.set(range.from.length, list);
  }
  const groups = [...byLength.entries()].map(([length, list]) => {
    list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    const froms = list.map((r) => r.from);
    const maxTo: string[] = [];
    for (const range of list) {
      const previous = maxTo[maxTo.length - 1];
      maxTo.push(previous !== undefined && previous > range.to ? previous : range.to);
    }
    return { length, froms, maxTo };
  });
  return (code) => {
    for (const { length, froms, maxTo } of groups) {
      if (code.length < length) continue;
      const key = code.length === length ? code : code.slice(0, length);
      let lo = 0;
      let hi = froms.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (froms[mid] <= key) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found >= 0 && maxTo[found] >= key) return true;
    }
    return false;
  };
}

const compilePostal: ColumnCompiler<TextColumn> = (condition, table, key, column, context) => {
  const view = context.textView(column, 'postal');
  const scratch = context.scratch(column);
  if (condition.operator === 'postalStartsWith') {
    const prefixes = listItems(condition.value)
      .map(normalizePostalCode)
      .filter((p) => p !== '');
    if (prefixes.length === 0) return problem('missingValue', 'At least one postal prefix is needed');
    return {
      ok: true,
      scan: prefixScan(table, key, column, context, prefixes, byValue(view, false, prefixTest(prefixes))),
    };
  }
  if (!isRangeList(condition.value) || condition.value.length === 0) {
    return problem('missingValue', 'At least one postal range (from, to) is needed');
  }
  const ranges: PostalRange[] = [];
  for (const { from, to } of condition.value) {
    const a = normalizePostalCode(from);
    const b = normalizePostalCode(to);
    if (a === '' || b === '') return problem('missingValue', 'A postal range needs both bounds');
    if (a.length !== b.length) {
      return problem('badValue', `The bounds of the postal range ${from}–${to} must have the same length`);
    }
    ranges.push(a <= b ? { from: a, to: b } : { from: b, to: a });
  }
  return { ok: true, scan: codeScan(table, key, column, scratch, byValue(view, false, rangeTest(ranges))) };
};

const compileEmptiness: ColumnCompiler<TextColumn | NumberColumn> = (condition, table, key, column, context) => {
  const wantEmpty = condition.operator === 'isEmpty';
  if (column.type === 'text') {
    // Blank after trimming counts as empty, like code 0.
    const values = column.values;
    const holds = (code: number): boolean => (code === 0 || values[code].trim() === '') === wantEmpty;
    return { ok: true, scan: codeScan(table, key, column, context.scratch(column), holds) };
  }
  return { ok: true, scan: numberScan(table, key, column, wantEmpty ? 'empty' : 'notEmpty', 0, 0) };
};

// ------------------------------------------------------------------------------------------ number scans

const float = new Float64Array(1);
const bits = new BigInt64Array(float.buffer);

/** The largest double below x, so "v < x" becomes "v <= nextDown(x)" and every comparison is one range test. */
function nextDown(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  float[0] = x;
  bits[0] += x > 0 ? -1n : 1n;
  return float[0];
}

function nextUp(x: number): number {
  return -nextDown(-x);
}

/** range: lo <= v <= hi; outside: a value not in [lo, hi]; empty / notEmpty: NaN or not. */
type NumberTest = 'range' | 'outside' | 'empty' | 'notEmpty';

function numberScan(
  table: RecordTable,
  key: string,
  column: NumberColumn,
  kind: NumberTest,
  lo: number,
  hi: number,
): ConditionScan {
  const test = (v: number): boolean => {
    switch (kind) {
      case 'range':
        return v >= lo && v <= hi;
      case 'outside':
        return v === v && (v < lo || v > hi);
      case 'empty':
        return v !== v;
      case 'notEmpty':
        return v === v;
    }
  };
  return {
    cost: 1,
    // One loop per kind keeps each loop branch-light; NaN fails >= and <=, so empty values drop out of ranges.
    filter(rows, count, out) {
      const values = column.values;
      let kept = 0;
      if (kind === 'range') {
        for (let i = 0; i < count; i++) {
          const row = rows[i];
          const v = values[row];
          if (v >= lo && v <= hi) out[kept++] = row;
        }
      } else if (kind === 'outside') {
        for (let i = 0; i < count; i++) {
          const row = rows[i];
          const v = values[row];
          if (v === v && (v < lo || v > hi)) out[kept++] = row;
        }
      } else {
        const wantEmpty = kind === 'empty';
        for (let i = 0; i < count; i++) {
          const row = rows[i];
          const v = values[row];
          if ((v !== v) === wantEmpty) out[kept++] = row;
        }
      }
      return kept;
    },
    test: (row) => test(column.values[row]),
    valuesOf: (row) => ({ [key]: getCell(table, key, row) }),
  };
}

/**
 * A condition value as a span [from, to]: a number as given (numeric text too); for a date field an ISO day is the
 * whole day and an ISO instant that instant (see dateSpan), so both editors' "2024-05-03" mean the same.
 */
function spanOf(value: unknown, field: FieldDef | undefined): { from: number; to: number } | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : { from: value, to: value };
  if (typeof value !== 'string' || value.trim() === '') return null;
  // A date is an ISO day or instant (or epoch ms as a number): "1" or "03/05/2024" are not dates.
  if (field?.type === 'date') return dateSpan(value);
  const n = Number(value);
  return Number.isNaN(n) ? null : { from: n, to: n };
}

function compileNumber(
  condition: Condition,
  table: RecordTable,
  key: string,
  column: NumberColumn,
  field: FieldDef | undefined,
): CompiledCondition {
  const { operator, value } = condition;
  const scan = (kind: NumberTest, lo: number, hi: number): CompiledCondition => ({
    ok: true,
    scan: numberScan(table, key, column, kind, lo, hi),
  });
  if (operator === 'between') {
    const pair = Array.isArray(value) && value.length === 2 ? value.map((v: unknown) => spanOf(v, field)) : null;
    if (!pair || pair[0] === null || pair[1] === null) {
      return problem('missingValue', 'Two values are needed for "between"');
    }
    const [a, b] = pair as [{ from: number; to: number }, { from: number; to: number }];
    return scan('range', Math.min(a.from, b.from), Math.max(a.to, b.to));
  }
  const x = spanOf(value, field);
  if (x === null) {
    return problem(
      'missingValue',
      field?.type === 'date' ? `A date is needed for "${operator}"` : `A number is needed for "${operator}"`,
    );
  }
  switch (operator) {
    case 'eq':
      return scan('range', x.from, x.to);
    case 'ne':
      return scan('outside', x.from, x.to);
    case 'lt':
      return scan('range', -Infinity, nextDown(x.from));
    case 'le':
      return scan('range', -Infinity, x.to);
    case 'gt':
      return scan('range', nextUp(x.to), Infinity);
    case 'ge':
      return scan('range', x.from, Infinity);
    default:
      return problem('operatorNotForField', `"${operator}" does not apply to numbers`);
  }
}

// ------------------------------------------------------------------------------------------ geography

function textColumn(table: RecordTable, key: string): TextColumn | null {
  const column = table.columns.get(key);
  return column && column.type === 'text' ? column : null;
}

function numberColumn(table: RecordTable, key: string): NumberColumn | null {
  const column = table.columns.get(key);
  return column && column.type === 'number' ? column : null;
}

/**
 * Country codes ("FR") and subdivision codes ("US-CA") against the record's country and region fields. A country
 * in the list also takes records whose region code belongs to it ("US" takes region "US-CA" without a country).
 */
function compileInRegions(
  condition: Condition,
  table: RecordTable,
  territory: RuleTerritory,
  context: ScanContext,
): CompiledCondition {
  const listed = listItems(condition.value);
  // One key per place: a boundary key picked on the map ("FR-75") is its canonical code ("FR-75C").
  const codes = (listed.length > 0 ? listed : territory.geography.regions)
    .map((code) => canonicalRegionKey(normalizeRegionCode(code)))
    .filter((c) => c);
  if (codes.length === 0) {
    return problem('noRegions', `No regions given, and territory "${territory.name}" has none`);
  }
  const wanted = new Set(codes);
  const shapes = codes.flatMap((code) => context.regionShapes?.get(code) ?? []);
  const canonical = compileInCanonicalPlaces(table, wanted);
  if (canonical) return shapes.length > 0 ? orInShapes(canonical, table, shapes) : canonical;
  // Records without canonical places (deals): the text columns, read as codes.
  const country = textColumn(table, 'country');
  const region = textColumn(table, 'region');
  if (!country && !region) return problem('noRegionFields', `${table.kind} records have no country or region field`);
  const countryView = country ? context.textView(country, 'region') : null;
  const regionView = region ? context.textView(region, 'region') : null;
  const countryHolds = (code: number): boolean => {
    const v = countryView!.valueOf(code);
    return v !== '' && wanted.has(v);
  };
  const regionHolds = (code: number): boolean => {
    const v = regionView!.valueOf(code);
    if (v === '') return false;
    if (wanted.has(v)) return true;
    const dash = v.indexOf('-');
    return dash > 0 && wanted.has(v.slice(0, dash));
  };
  // Country and region dictionaries are small: decide every code once, then one or two reads per row.
  const lookup = (column: TextColumn, holds: (code: number) => boolean): Uint8Array => {
    const table = new Uint8Array(column.values.length);
    for (let code = 0; code < table.length; code++) table[code] = holds(code) ? 1 : 0;
    return table;
  };
  let countryTable: Uint8Array | null = null;
  let regionTable: Uint8Array | null = null;
  return {
    ok: true,
    scan: {
      cost: 2,
      filter(rows, count, out) {
        let kept = 0;
        if (country) countryTable ??= lookup(country, countryHolds);
        if (region) regionTable ??= lookup(region, regionHolds);
        if (country && region) {
          const ct = countryTable!;
          const rt = regionTable!;
          const cc = country.codes;
          const rc = region.codes;
          for (let i = 0; i < count; i++) {
            const row = rows[i];
            if (ct[cc[row]] === 1 || rt[rc[row]] === 1) out[kept++] = row;
          }
        } else {
          const only = (country ?? region)!;
          const lut = (countryTable ?? regionTable)!;
          const codes = only.codes;
          for (let i = 0; i < count; i++) {
            const row = rows[i];
            if (lut[codes[row]] === 1) out[kept++] = row;
          }
        }
        return kept;
      },
      test: (row) =>
        (country !== null && countryHolds(country.codes[row])) || (region !== null && regionHolds(region.codes[row])),
      valuesOf: (row) => ({ country: getCell(table, 'country', row), region: getCell(table, 'region', row) }),
    },
  };
}

/**
 * "Is in regions" over the canonical places: a listed ISO country holds for records of that country, a listed
 * ISO 3166-2 code for records whose region or subregion it is ("FR-IDF" holds for Paris, "FR-75C" only for the
 * département). Whatever spelling the file used ("Germany", "Allemagne", "DE" with country "Deutschland"), the
 * keys are the same, so the answer is too; a US record in Delaware ("US-DE") is never in "DE".
 */
function compileInCanonicalPlaces(table: RecordTable, wanted: ReadonlySet<string>): CompiledCondition | null {
  const columns = [placeFieldKeys.country, placeFieldKeys.region, placeFieldKeys.subregion].map((key) =>
    textColumn(table, key),
  );
  if (columns.some((c) => c === null)) return null;
  const [country, region, subregion] = columns as TextColumn[];
  // Decided once per distinct key, again only if a dictionary grew since (an import between runs).
  const cache = new Map<TextColumn, Uint8Array>();
  const lookup = (column: TextColumn): Uint8Array => {
    let holds = cache.get(column);
    if (!holds || holds.length !== column.values.length) {
      holds = new Uint8Array(column.values.length);
      for (let code = 1; code < holds.length; code++) holds[code] = wanted.has(column.values[code]) ? 1 : 0;
      cache.set(column, holds);
    }
    return holds;
  };
  const holds = (row: number, c: Uint8Array, r: Uint8Array, s: Uint8Array): boolean =>
    c[country.codes[row]] === 1 || r[region.codes[row]] === 1 || s[subregion.codes[row]] === 1;
  return {
    ok: true,
    scan: {
      cost: 2,
      filter(rows, count, out) {
        const c = lookup(country);
        const r = lookup(region);
        const s = lookup(subregion);
        let kept = 0;
        for (let i = 0; i < count; i++) {
          const row = rows[i];
          if (holds(row, c, r, s)) out[kept++] = row;
        }
        return kept;
      },
      test: (row) => holds(row, lookup(country), lookup(region), lookup(subregion)),
      valuesOf: (row) => ({
        [placeFieldKeys.country]: getCell(table, placeFieldKeys.country, row),
        [placeFieldKeys.region]: getCell(table, placeFieldKeys.region, row),
        [placeFieldKeys.subregion]: getCell(table, placeFieldKeys.subregion, row),
      }),
    },
  };
}

/**
 * "Is in regions" for keys no record carries as a place (US counties, map shapes without an ISO code): a record
 * also holds when its point lies in one of their boundaries (antimeridian handled as for drawn areas).
 */
function orInShapes(places: CompiledCondition, table: RecordTable, shapes: readonly Polygon[]): CompiledCondition {
  const latitude = numberColumn(table, 'latitude');
  const longitude = numberColumn(table, 'longitude');
  if (!places.ok || !latitude || !longitude) return places;
  const area = buildGeoAreaIndex(shapes);
  const lat = latitude.values;
  const lon = longitude.values;
  const base = places.scan;
  const holds = (row: number) => base.test(row) || area.contains(lon[row], lat[row]);
  return {
    ok: true,
    scan: {
      cost: base.cost + 4,
      filter(rows, count, out) {
        let kept = 0;
        for (let i = 0; i < count; i++) {
          const row = rows[i];
          if (holds(row)) out[kept++] = row;
        }
        return kept;
      },
      test: holds,
      valuesOf: (row) => ({
        ...base.valuesOf(row),
        latitude: getCell(table, 'latitude', row),
        longitude: getCell(table, 'longitude', row),
      }),
    },
  };
}

function compileWithinArea(table: RecordTable, territory: RuleTerritory): CompiledCondition {
  const latitude = numberColumn(table, 'latitude');
  const longitude = numberColumn(table, 'longitude');
  if (!latitude || !longitude) return problem('noCoordinates', `${table.kind} records have no coordinates`);
  if (territory.geography.areas.length === 0) {
    return problem('noArea', `Territory "${territory.name}" has no drawn area`);
  }
  const area = buildGeoAreaIndex(territory.geography.areas);
  return {
    ok: true,
    scan: {
      cost: 4,
      filter(rows, count, out) {
        const lat = latitude.values;
        const lon = longitude.values;
        let kept = 0;
        for (let i = 0; i < count; i++) {
          const row = rows[i];
          if (area.contains(lon[row], lat[row])) out[kept++] = row;
        }
        return kept;
      },
      test: (row) => area.contains(longitude.values[row], latitude.values[row]),
      valuesOf: (row) => ({ latitude: getCell(table, 'latitude', row), longitude: getCell(table, 'longitude', row) }),
    },
  };
}

// ------------------------------------------------------------------------------------------ entry point

/** Compiles a condition against a record table, for a rule of `territory`; problems are answers, not throws. */
export function compileCondition(
  condition: Condition,
  table: RecordTable,
  territory: RuleTerritory,
  context: ScanContext,
): CompiledCondition {
  const { operator } = condition;
  if (operator === 'inRegions') return compileInRegions(condition, table, territory, context);
  if (operator === 'withinArea') return compileWithinArea(table, territory);
  const key = condition.field;
  const column = table.columns.get(key);
  if (!column) return problem('unknownField', `${table.kind} records have no field "${key}"`);
  const field = table.fields.find((f) => f.key === key);
  const label = field?.label || key;
  if (!operatorFits(fieldTypeOf(field, column), key, operator)) {
    return problem('operatorNotForField', `"${operator}" does not apply to the field "${label}"`);
  }
  if (operator === 'isEmpty' || operator === 'isNotEmpty') {
    return compileEmptiness(condition, table, key, column, context);
  }
  if (column.type === 'text') {
    if (operator === 'postalStartsWith' || operator === 'postalInRanges') {
      return compilePostal(condition, table, key, column, context);
    }
    return compileText(condition, table, key, column, context);
  }
  return compileNumber(condition, table, key, column, field);
}

/** The type a field's operators are chosen by; a column without a field definition by how it is stored. */
function fieldTypeOf(field: FieldDef | undefined, column: TextColumn | NumberColumn): FieldType {
  const stored = column.type === 'text' ? 'text' : 'number';
  // A field whose type disagrees with how its column is stored is compiled as stored.
  return field && isTextField(field.type) === (column.type === 'text') ? field.type : stored;
}

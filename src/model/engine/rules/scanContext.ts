/**
 * What condition scans share over a record table's text columns: each column's dictionary in normalised form,
 * computed lazily once per distinct value whatever number of conditions read it, postal prefix indexes, and a
 * scratch look-up table per column, so a scan decides each distinct value once and then tests rows by code.
 *
 * Dictionaries are append-only (a code keeps its text for the life of the column), so what is derived from a code
 * stays true: the normalised forms and prefix indexes are kept with the column (a WeakMap, released with it) and
 * reused by later runs, which then only pay for codes added since.
 */
import type { Polygon } from '../../../shared/domain';
import type { RecordTable, TextColumn } from '../../records/recordTable';
import { foldText, normalizePostalCode, normalizeRegionCode } from './normalize';

/** How a text column's values are compared: folded (default), as typed (exact), as postal or region codes. */
export type TextMode = 'fold' | 'exact' | 'postal' | 'region';

const normalizers: Record<TextMode, (value: string) => string> = {
  fold: foldText,
  exact: (value) => value,
  postal: normalizePostalCode,
  region: normalizeRegionCode,
};

/** A column's dictionary seen through one normalisation, each value computed on first use. */
export interface TextView {
  /** The normalised value of a code; '' for the empty code and for values that normalise to nothing. */
  valueOf(code: number): string;
}

/** Per-column scratch: results[code] is valid for the current pass where stamps[code] === generation. */
export interface CodeScratch {
  stamps: Uint32Array;
  results: Uint8Array;
  generation: number;
}

/** Marks a code whose prefix is not computed yet. */
export const UNSET = 0xffffffff;

/**
 * The first `length` characters of a column's normalised postal codes, as codes of a small dictionary of their
 * own: a prefix condition then tests rows through prefixOf[codes[row]] and a table over a few hundred prefixes,
 * whatever the number of distinct postal codes. Filled as codes are met; prefix code 0 means "shorter or empty".
 */
export interface PrefixIndex {
  readonly length: number;
  /** Prefix code of each column code, UNSET until computed. Covers at least the dictionary of the current run. */
  prefixOf: Uint32Array;
  /** Prefix text -> prefix code (code 0 is reserved). */
  codeOf: Map<string, number>;
  /** The code of a prefix text, given one if new (codes are dense: 1..codeOf.size). */
  codeFor(prefix: string): number;
  /** Computes (and stores) the prefix code of a column code. */
  compute(code: number): number;
}

interface ColumnCache {
  views: Map<TextMode, TextView>;
  prefixes: Map<number, PrefixIndex>;
  scratch: CodeScratch | null;
}

const columnCaches = new WeakMap<TextColumn, ColumnCache>();

function cacheOf(column: TextColumn): ColumnCache {
  let cache = columnCaches.get(column);
  if (!cache) {
    cache = { views: new Map(), prefixes: new Map(), scratch: null };
    columnCaches.set(column, cache);
  }
  return cache;
}

function newView(column: TextColumn, mode: TextMode): TextView {
  const normalize = normalizers[mode];
  // Sized to the dictionary up front: written at scattered codes, a growing [] would turn into a slow hash map.
  let normalized = new Array<string | undefined>(column.values.length);
  return {
    valueOf(code: number): string {
      if (code === 0) return '';
      if (code >= normalized.length) {
        const grown = new Array<string | undefined>(column.values.length);
        for (let i = 0; i < normalized.length; i++) grown[i] = normalized[i];
        normalized = grown;
      }
      let value = normalized[code];
      if (value === undefined) {
        value = normalize(column.values[code]);
        normalized[code] = value;
      }
      return value;
    },
  };
}

function newPrefixIndex(column: TextColumn, view: TextView, length: number): PrefixIndex {
  const codeOf = new Map<string, number>();
  const codeFor = (prefix: string): number => {
    let prefixCode = codeOf.get(prefix);
    if (prefixCode === undefined) {
      prefixCode = codeOf.size + 1;
      codeOf.set(prefix, prefixCode);
    }
    return prefixCode;
  };
  const index: PrefixIndex = {
    length,
    prefixOf: new Uint32Array(column.values.length).fill(UNSET),
    codeOf,
    codeFor,
    compute(code: number): number {
      const value = view.valueOf(code);
      const prefixCode = value.length < length ? 0 : codeFor(value.length === length ? value : value.slice(0, length));
      index.prefixOf[code] = prefixCode;
      return prefixCode;
    },
  };
  return index;
}

/** Polygons of shape-only region keys, by key. */
export type RegionShapes = ReadonlyMap<string, readonly Polygon[]>;

/** The entry point of scans to those caches, for one run over one table. */
export class ScanContext {
  /**
   * @param regionShapes the boundaries of shape-only region keys (US counties, map shapes without an ISO code) that
   *   the run's "is in regions" conditions name, by key (see src/shared/regionAliases.ts).
   */
  constructor(
    readonly table: RecordTable,
    readonly regionShapes: RegionShapes | null = null,
  ) {}

  textView(column: TextColumn, mode: TextMode): TextView {
    const cache = cacheOf(column);
    let view = cache.views.get(mode);
    if (!view) {
      view = newView(column, mode);
      cache.views.set(mode, view);
    }
    return view;
  }

  /** The postal-code prefix index of a column for one prefix length. */
  postalPrefixIndex(column: TextColumn, length: number): PrefixIndex {
    const cache = cacheOf(column);
    let index = cache.prefixes.get(length);
    if (!index) {
      index = newPrefixIndex(column, this.textView(column, 'postal'), length);
      cache.prefixes.set(length, index);
    } else if (index.prefixOf.length < column.values.length) {
      // Codes were added since the last run: extend, keeping what is known.
      const grown = new Uint32Array(column.values.length).fill(UNSET);
      grown.set(index.prefixOf);
      index.prefixOf = grown;
    }
    return index;
  }

  scratch(column: TextColumn): CodeScratch {
    const cache = cacheOf(column);
    const size = column.values.length;
    if (!cache.scratch || cache.scratch.results.length < size) {
      cache.scratch = { stamps: new Uint32Array(size), results: new Uint8Array(size), generation: 0 };
    }
    return cache.scratch;
  }
}

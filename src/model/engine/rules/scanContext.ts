/**
 * What the condition scans of one run share over one record table: each text column's dictionary in normalised
 * form (computed lazily, once per distinct value, whatever number of conditions read it) and a scratch look-up
 * table per column, so a scan evaluates each distinct value once and then tests rows by code.
 */
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

export class ScanContext {
  private readonly views = new Map<string, TextView>();
  private readonly scratches = new Map<TextColumn, CodeScratch>();

  constructor(readonly table: RecordTable) {}

  textView(key: string, column: TextColumn, mode: TextMode): TextView {
    const id = `${mode}\u0000${key}`;
    let view = this.views.get(id);
    if (!view) {
      const normalize = normalizers[mode];
      const cache: (string | undefined)[] = new Array<string | undefined>(column.values.length);
      const values = column.values;
      view = {
        valueOf(code: number): string {
          if (code === 0) return '';
          let normalized = cache[code];
          if (normalized === undefined) {
            normalized = normalize(values[code]);
            cache[code] = normalized;
          }
          return normalized;
        },
      };
      this.views.set(id, view);
    }
    return view;
  }

  scratch(column: TextColumn): CodeScratch {
    let scratch = this.scratches.get(column);
    if (!scratch || scratch.results.length < column.values.length) {
      const size = column.values.length;
      scratch = { stamps: new Uint32Array(size), results: new Uint8Array(size), generation: 0 };
      this.scratches.set(column, scratch);
    }
    return scratch;
  }
}

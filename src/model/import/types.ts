/**
 * The import's own vocabulary: what a file holds, how each column is read and where it goes, and the problems
 * found on the way. Plain data, so it crosses the worker boundary and the bridge unchanged.
 */
import type { FieldType, RecordKind } from '../../shared/domain';

/** Records, or the sales people (db.users). */
export type ImportKind = RecordKind | 'user';

export type FileFormat = 'csv' | 'xlsx';
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';
export type DecimalSeparator = '.' | ',';
/** Day-month-year, month-day-year or year-month-day (ISO). */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** How the text of one column is read into values. */
export interface ValueFormat {
  decimalSeparator: DecimalSeparator;
  dateOrder: DateOrder;
}

/** One column of the file and what the planner (or the proposal) decided for it. */
export interface ColumnMapping {
  /** Position in the file, 0-based. */
  column: number;
  header: string;
  /** The field it fills (a core field key, a sales-person field, or a custom field key); null: not imported. */
  field: string | null;
  /** The field's type; for core fields always the core type. */
  type: FieldType;
  /** True when the field is an imported column kept as a custom field. */
  custom: boolean;
  format: ValueFormat;
}

export type ProblemCode =
  | 'missingRequired'
  | 'notANumber'
  | 'badDate'
  | 'badCoordinate'
  | 'duplicateExternalId'
  | 'tooManyCells'
  | 'tooFewCells'
  | 'unbalancedQuotes'
  | 'longCell'
  | 'unknownAccount'
  | 'unknownManager'
  | 'postalCodeLeadingZero'
  | 'notGeocoded';

/**
 * error: the row cannot be imported (no external ID, duplicate...). warning: the row can be imported, but a
 * value is dropped or doubtful; skipped when importing only valid rows. notice: fixed or noted, never skipped.
 */
export type ProblemSeverity = 'error' | 'warning' | 'notice';

export interface ImportProblem {
  /** Row in the file, 1-based, the header being row 1 (as a spreadsheet shows it). */
  row: number;
  /** Header of the column, or null for a problem of the whole row. */
  column: string | null;
  code: ProblemCode;
  severity: ProblemSeverity;
  /** Sentence for the planner (English); the UI may translate from code + value instead. */
  message: string;
  /** The offending text, cut to 200 characters. */
  value?: string;
}

/** Something the planner must decide before the import can read a column right. */
export interface Ambiguity {
  column: number;
  header: string;
  kind: 'dateOrder' | 'decimalSeparator';
  /** The choices, the first one being the proposal. */
  options: string[];
  /** Example values that fit several choices. */
  examples: string[];
}

export interface ImportTask {
  signal: AbortSignal;
  progress(phase: ImportPhase, done: number, total: number): void;
}

export type ImportPhase = 'reading' | 'geocoding' | 'merging' | 'saving';

/**
 * The import's vocabulary, shared by the model (src/model/import, which reads files) and the UI (the import
 * wizard, which shows what was read and lets the planner correct it): what a file holds, how each column is read
 * and where it goes, the problems found, and what an import changed. Plain data: it crosses the bridge as is.
 */
import { z } from 'zod';
import { fieldType, recordKinds, type FieldType } from './domain';

/** Records, or the sales people (db.users). */
export const importKinds = [...recordKinds, 'user'] as const;
export const importKind = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKind>;

export type FileFormat = 'csv' | 'xlsx';

export const textEncodingNames = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const textEncodingName = z.enum(textEncodingNames);
export type TextEncodingName = z.infer<typeof textEncodingName>;

export const delimiters = [',', ';', '\t', '|'] as const;
export const delimiter = z.enum(delimiters);
export type Delimiter = z.infer<typeof delimiter>;

export const decimalSeparators = ['.', ','] as const;
export const decimalSeparator = z.enum(decimalSeparators);
export type DecimalSeparator = z.infer<typeof decimalSeparator>;

/** Day-month-year, month-day-year or year-month-day (ISO). */
export const dateOrders = ['dmy', 'mdy', 'ymd'] as const;
export const dateOrder = z.enum(dateOrders);
export type DateOrder = z.infer<typeof dateOrder>;

/** How the text of one column is read into values. */
export const valueFormatSchema = z.object({ decimalSeparator, dateOrder });
export type ValueFormat = z.infer<typeof valueFormatSchema>;

/** One column of the file and what the planner (or the proposal) decided for it. */
export const columnMappingSchema = z.object({
  /** Position in the file, 0-based. */
  column: z.number().int().min(0).max(100_000),
  header: z.string().max(10_000),
  /** The field it fills (a core field key, a sales-person field, or a custom field key); null: not imported. */
  field: z.string().min(1).max(64).nullable(),
  /** The field's type; for core fields always the core type. */
  type: fieldType,
  /** True when the field is an imported column kept as a custom field. */
  custom: z.boolean(),
  format: valueFormatSchema,
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const problemCodes = [
  'missingRequired',
  'notANumber',
  'badDate',
  'badCoordinate',
  'duplicateExternalId',
  'tooManyCells',
  'tooFewCells',
  'unbalancedQuotes',
  'longCell',
  'unknownAccount',
  'unknownManager',
  'postalCodeLeadingZero',
  'notGeocoded',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

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
  /** Sentence for the planner (English); the UI translates from code, value and detail instead. */
  message: string;
  /** The offending text, cut to 200 characters. */
  value?: string;
  /**
   * What the message says besides the value: the first row of a duplicate ID, the date order tried, the cell
   * counts, the required fields (keys joined by " or "), the fixed postal code, the quote problem.
   */
  detail?: string;
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

/** A field a file of some kind can fill. */
export interface ImportField {
  key: string;
  type: FieldType;
}

/** The wizard's Read and Map steps: a first look at a file from a sample of its rows. */
export interface ImportAnalysis {
  /** The file as the model keeps it until the import is committed or discarded. */
  importId: string;
  kind: ImportKind;
  fileName: string;
  fileSize: number;
  format: FileFormat;
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  headers: string[];
  /** Row number of the header (1 unless the file starts with empty rows). */
  headerRow: number;
  /** The first data rows, as text cells. */
  preview: string[][];
  sampledRows: number;
  estimatedRows: number;
  /** How each column is written (from the sample). */
  columns: { column: number; header: string; format: ValueFormat; filled: number }[];
  mapping: ColumnMapping[];
  /** Why the proposed mapping cannot be imported as is (no column for the external ID...). */
  mappingErrors: string[];
  ambiguities: Ambiguity[];
  /** Normalised headers: the key under which a profile for this shape is saved. */
  signature: string;
  /** The saved mapping applied, if one matched the file's shape. */
  profile: { id: string; name: string } | null;
  /** Fields of the kind (core fields, then custom fields already imported), for the mapping dropdowns. */
  fields: (ImportField & { custom: boolean; label: string })[];
  /** Each row needs a value in at least one field of every group. */
  requiredFieldGroups: string[][];
}

/** Precisions of the records' locations, as the Check step counts them. */
export type GeoPrecisionCounts = Partial<Record<'exact' | 'postal' | 'city' | 'region' | 'country' | 'none', number>>;

/** The Check step: the whole file read, with every problem counted and the first ones listed. */
export interface ImportCheck {
  importId: string;
  rowsRead: number;
  /** Rows with no problem but notices: imported in any case. */
  validRows: number;
  /** Rows with a doubtful value: imported only if the planner asks for them. */
  rowsWithWarnings: number;
  /** Rows that can never be imported (no external ID, duplicate...). */
  rowsWithErrors: number;
  counts: Partial<Record<ProblemCode, number>>;
  /** The first problems, in row order. */
  problems: ImportProblem[];
  /** All problems found (more than listed when the list was cut). */
  totalProblems: number;
  /** True when there are error or warning rows to save as CSV. */
  hasProblemRows: boolean;
  /** How records were located (accounts, contacts, leads with an address); null for deals and sales people. */
  geocoded: GeoPrecisionCounts | null;
  /** Seconds spent reading and checking. */
  seconds: number;
}

/** What an import changed. */
export interface ImportResult {
  kind: ImportKind;
  fileName: string;
  rowsRead: number;
  created: number;
  updated: number;
  skipped: number;
  /** Seconds spent writing. */
  seconds: number;
}

export interface ImportProfile {
  id: string;
  kind: ImportKind;
  signature: string;
  name: string;
  mapping: Record<string, string | null>;
  updatedAt: string;
}

export interface ImportLogEntry {
  seq: number;
  kind: ImportKind;
  fileName: string;
  at: string;
  created: number;
  updated: number;
  skipped: number;
}

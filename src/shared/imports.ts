/**
 * The import's vocabulary, shared by the model (src/model/import, which reads files) and the UI (the import
 * wizard, which shows what was read and lets the planner correct it): what a file holds, how each column is read
 * and where it goes, the problems found, and what an import changed. Plain data: it crosses the bridge as is.
 */
import { z } from 'zod';
import { FIELD_KEY_MAX, fieldKey, fieldType, isSafeFieldKey, recordKinds, type FieldType } from './domain';
import type { PlaceFix, PlaceReport } from './places';

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
export const valueFormatSchema = z.strictObject({ decimalSeparator, dateOrder });
export type ValueFormat = z.infer<typeof valueFormatSchema>;

/**
 * What an import accepts at most. A file beyond one of these is refused before it can exhaust memory or time,
 * with a FILE_TOO_LARGE error whose details name the limit (ImportLimitDetails), which the UI puts into words.
 */
export const importLimits = {
  /** Excel's last column is XFD, the 16,384th: a cell reference beyond it is not a spreadsheet's. */
  columnReference: 16_384,
  /** Excel's last row, 1,048,576. */
  rowReference: 1_048_576,
  /** Cells in one row of the file (Excel's columns per sheet). */
  cellsPerRow: 16_384,
  /**
   * Columns of a file to import: each one becomes a line of the mapping step and, as a custom field, a column of
   * every record; CRM exports have a few hundred at most.
   */
  columnsPerFile: 1_024,
  /** Rows of one file (twice the million accounts the planner is measured with). */
  rows: 2_000_000,
  /** Entries of an XLSX shared strings table. */
  sharedStrings: 4_000_000,
  /** Characters of all shared strings together (they are held in memory while the sheet is read). */
  sharedStringChars: 256 * 1024 * 1024,
  /** Bytes one part of an XLSX (a sheet, the shared strings) may unpack to. */
  partBytes: 1024 * 1024 * 1024,
  /** Memory an import may reserve for its rows: estimated rows x columns, from the bytes of the first rows. */
  reservedBytes: 768 * 1024 * 1024,
} as const;
export type ImportLimit = keyof typeof importLimits;

/** Details of the FILE_TOO_LARGE error of a file beyond an import limit. */
export interface ImportLimitDetails {
  fileName: string;
  limit: ImportLimit;
  /** The limit's value (for partBytes: what the zip directory declared, when that is less). */
  max: number;
  /** What the file has (at least), when known. */
  found?: number;
  /** Row of the file where the limit was passed, when it is one row's. */
  row?: number;
  /** The cell reference or zip part concerned. */
  where?: string;
}

export function isImportLimitDetails(value: unknown): value is ImportLimitDetails {
  if (typeof value !== 'object' || value === null) return false;
  const { limit, max } = value as Partial<ImportLimitDetails>;
  return typeof limit === 'string' && Object.hasOwn(importLimits, limit) && typeof max === 'number';
}

/** Longest header kept; longer ones are cut when read. */
export const HEADER_MAX = 1_000;
/** Longest name of a saved mapping (profile). */
export const PROFILE_NAME_MAX = 200;

/** One column of the file and what the planner (or the proposal) decided for it. */
export const columnMappingSchema = z.strictObject({
  /** Position in the file, 0-based. */
  column: z
    .number()
    .int()
    .min(0)
    .max(importLimits.columnsPerFile - 1),
  header: z.string().max(HEADER_MAX),
  /** The field it fills (a core field key, a sales-person field, or a custom field key); null: not imported. */
  field: fieldKey.nullable(),
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
  'unknownPlace',
  'ambiguousPlace',
  'nullIsland',
  'militaryAddress',
  'poBox',
  'placeCleared',
  'coordinatesElsewhere',
  'negativeValue',
  'otherCurrency',
  'farOffDate',
  'probabilityOutOfRange',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/**
 * error: the row cannot be imported (no external ID, duplicate...). warning: the row can be imported, but a
 * value is dropped or doubtful; skipped when importing only valid rows. notice: fixed or noted, never skipped.
 * In rising order: a row's severity is its worst problem's, as a level (0 no problem).
 */
export const problemSeverities = ['notice', 'warning', 'error'] as const;
export type ProblemSeverity = (typeof problemSeverities)[number];
export const severityLevel = { none: 0, notice: 1, warning: 2, error: 3 } as const satisfies Record<
  ProblemSeverity | 'none',
  number
>;

/** Whether a row of that level goes in: errors never, warnings only when the planner imports rows with problems. */
export function isImportable(level: number, onlyValidRows: boolean): boolean {
  return level < (onlyValidRows ? severityLevel.warning : severityLevel.error);
}

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

/** How a column is written, from the sample. */
export interface ColumnAnalysis {
  column: number;
  header: string;
  format: ValueFormat;
  /** Non-empty values in the sample. */
  filled: number;
}

/** What a sample of a file's rows says about it: how it is written and a proposed mapping. */
export interface FileAnalysisBase {
  format: FileFormat;
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  headers: string[];
  /** Row number of the header (1 unless the file starts with empty rows). */
  headerRow: number;
  /** The first data rows, as text cells. */
  preview: string[][];
  /** Data rows in the sample, and an estimate for the whole file. */
  sampledRows: number;
  estimatedRows: number;
  /** How each column is written (from the sample). */
  columns: ColumnAnalysis[];
  mapping: ColumnMapping[];
  /** Why the proposed mapping cannot be imported as is (no column for the external ID...). */
  mappingErrors: string[];
  ambiguities: Ambiguity[];
  /** Normalised headers: the key under which a profile for this shape is saved. */
  signature: string;
}

/** The wizard's Read and Map steps: a first look at a file from a sample of its rows. */
export interface ImportAnalysis extends FileAnalysisBase {
  /** The file as the model keeps it until the import is committed or discarded. */
  importId: string;
  kind: ImportKind;
  fileName: string;
  fileSize: number;
  /** The saved mapping applied, if one matched the file's shape, with the place fix-ups saved with it. */
  profile: { id: string; name: string; placeFixes: PlaceFix[] } | null;
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
  /** How the country and region columns resolved to ISO codes (the Places step); null without place columns. */
  places: PlaceReport | null;
  /** How the rows meet the stored records: which update, which create, which look like duplicates; null for people. */
  reconcile: ImportReconcile | null;
  /** Seconds spent reading and checking. */
  seconds: number;
}

/** A row of the file, as the check step names it. */
export interface ImportRowRef {
  /** Row in the file (1-based, the header being row 1). */
  row: number;
  externalId: string;
  name: string;
}

/** Why a row of the file looks like an account already there (the Duplicates dialog's rules). */
export type ImportDuplicateReason = 'nameAndPlace' | 'website' | 'externalId';

export interface ImportDuplicateRef extends ImportRowRef {
  reason: ImportDuplicateReason;
  /** The account it looks like: a stored one (with its data set's name) or an earlier row of the file. */
  like: { externalId: string; name: string; row: number | null; dataSet: string | null };
}

/** What the rows that go in do to the stored records: update (same external ID) or create. */
export interface ImportReconcile {
  /** Rows without errors or warnings that update a stored record / create one. */
  updates: number;
  creates: number;
  /** Rows with warnings (imported only when the planner includes them) that would update / create. */
  warningUpdates: number;
  warningCreates: number;
  /** The first rows that update, in file order. */
  updatedRows: ImportRowRef[];
  /**
   * Accounts only: rows that would create an account looking like a stored one or an earlier row of the file
   * (the first ones listed; all counted). Null when not checked: not accounts, or too many to compare.
   */
  duplicates: ImportDuplicateRef[] | null;
  duplicateCount: number;
  /** Accounts, but more than `duplicateLimit` to compare: the check says to use Duplicates after the import. */
  duplicatesTooMany: boolean;
  duplicateLimit: number;
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
  /** The data set the new records (or people) went to, named after the file; null when none was created. */
  dataSetId?: string | null;
  /** Whether the import is a step of the open plan's history, so Undo takes it back. */
  undoable?: boolean;
}

export interface ImportProfile {
  id: string;
  kind: ImportKind;
  signature: string;
  name: string;
  mapping: Record<string, string | null>;
  placeFixes?: PlaceFix[];
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

// ---------------------------------------------------------------- mapping rules (the wizard's and the model's)

/** Lower case, no accents, punctuation as single spaces: "Chiffre d’affaires (€)" -> "chiffre d affaires". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * "Nombre de sites" -> "nombreDeSites": the key of a new custom field, safe (isSafeFieldKey) and unique among
 * `taken`. A header that names a reserved word ("constructor") gets a suffix, like a taken key.
 */
export function customFieldKey(header: string, taken: ReadonlySet<string>): string {
  const words = normalizeHeader(header).split(' ').filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('') || 'column';
  if (/^\d/.test(base)) base = `c${base}`;
  base = base.slice(0, FIELD_KEY_MAX - 8);
  let key = base;
  for (let n = 2; taken.has(key) || !isSafeFieldKey(key); n++) key = `${base}${n}`;
  return key;
}

/** Why a mapping cannot be imported as is; the model words them in English, the wizard in the planner's language. */
export type MappingIssue =
  | { code: 'duplicateField'; field: string; count: number }
  | { code: 'missingField'; fields: string[] }
  | { code: 'unsafeFieldKey'; field: string; header: string };

/** A field filled by two columns, a required group with no column, a custom key that is not a safe key. */
export function mappingIssues(
  requiredGroups: readonly (readonly string[])[],
  mapping: readonly { field: string | null; header: string; custom: boolean }[],
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const counts = new Map<string, number>();
  for (const m of mapping) {
    if (!m.field) continue;
    counts.set(m.field, (counts.get(m.field) ?? 0) + 1);
    if (!isSafeFieldKey(m.field)) issues.push({ code: 'unsafeFieldKey', field: m.field, header: m.header });
  }
  for (const [field, count] of counts) if (count > 1) issues.push({ code: 'duplicateField', field, count });
  for (const group of requiredGroups)
    if (!group.some((f) => counts.has(f))) issues.push({ code: 'missingField', fields: [...group] });
  return issues;
}

/** A mapping issue in English (the model's messages; the wizard translates from the code). */
export function mappingIssueText(issue: MappingIssue): string {
  switch (issue.code) {
    case 'duplicateField':
      return `${issue.count} columns fill the field ${issue.field}: keep one`;
    case 'missingField':
      return issue.fields.length === 1
        ? `No column gives the ${issue.fields[0]}`
        : `No column gives any of: ${issue.fields.join(', ')}`;
    case 'unsafeFieldKey':
      return `"${issue.field}" (column ${issue.header}) cannot be a field key: use letters, digits and _ only`;
  }
}

/** The field a saved mapping (profile) gives a header: only its own entries, and only safe keys or null. */
export function profileFieldOf(
  profile: Readonly<Record<string, string | null>> | undefined,
  header: string,
): string | null | undefined {
  if (!profile || !Object.hasOwn(profile, header)) return undefined;
  const field: unknown = profile[header];
  if (field === null) return null;
  return typeof field === 'string' && isSafeFieldKey(field) ? field : undefined;
}

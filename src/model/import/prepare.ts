/**
 * The "Check" step, and the first half of the import: one pass over all rows of the file that reads, types and
 * maps every cell into column form (the layout records are stored in), names every problem by row and column,
 * then geocodes the records that have no coordinates. Nothing is written: commit.ts does that.
 */
import { isTextField, type FieldDef, type FieldType, type RecordKind, type SalesUser } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import { countryName } from '../../shared/countryNames';
import { coreFieldDefs } from '../../shared/records';
import { personKey } from './personKey';
import {
  createRecordTable,
  ensureCapacity,
  indexByExternalId,
  newTextColumn,
  textCode,
  type NumberColumn,
  type RecordTable,
  type TextColumn,
} from '../records/recordTable';
import { TextInterner } from '../records/textInterner';
import type { PlaceFix, PlaceReport } from '../../shared/places';
import type { Geocoder } from './geo/geocoder';
import { normalizePlaceName } from './geo/geocoder';
import type { PlaceResolver } from './geo/placeResolver';
import { locateStaged } from './places';
import { carryStoredAddresses } from './updatedAddresses';
import { mappingErrors, requiredFieldGroups } from './mapping';
import { ProblemLog, type ProblemReport } from './problems';
import { importLimits, limitError } from './limits';
import { isEmptyRow, openRowSource, type RowSource, type SourceOptions } from './source';
import type { ColumnMapping, ImportKind, ImportProblem, ImportTask, ProblemCode, ProblemSeverity } from './types';
import { currencyOf, parseDate, parseNumber, restoreZipLeadingZeros } from './values';

/** Excel's own limit for one cell: longer text is cut (and reported). */
export const MAX_CELL_CHARS = 32_767;

export interface PrepareRequest extends Pick<SourceOptions, 'encoding' | 'delimiter'> {
  kind: ImportKind;
  fileName: string;
  mapping: readonly ColumnMapping[];
  /** Country of rows that name none, for geocoding (e.g. "US" for a US-only CRM). */
  defaultCountry?: string | null;
  /** The planner's answers for place values ("Belgique" -> BE), remembered by the mapping profile. */
  placeFixes?: readonly PlaceFix[];
  /** The plan's currency (ISO 4217): money written in another one is flagged. */
  currency?: string | null;
  /** Today, epoch milliseconds (dates far from it are flagged); now when absent. */
  today?: number;
  /**
   * False: no report of how each place value resolved (the wizard's place step), for a reader that shows no place
   * step (the command line). The places themselves are resolved and the rows told of their problems all the same.
   */
  placeReport?: boolean;
}

/** Dates further than this from today are flagged: a placeholder (1900-01-01, 2099-12-31) or a typo. */
export const FAR_PAST_YEARS = 30;
export const FAR_FUTURE_YEARS = 10;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** A column that names the currency of the row's amounts (Salesforce "Currency ISO Code", "Devise", "Währung"). */
const CURRENCY_HEADER =
  /^(currency|currency ?(iso)? ?code|currencyisocode|devise|monnaie|w(ä|ae)hrung|moneda|valuta)$/i;

export interface PrepareDeps {
  /** Records already stored, for links (the account of a contact or deal). */
  records(kind: RecordKind): Promise<RecordTable>;
  /** Sales people already stored, for the manager of an imported sales person. */
  users?(): Promise<SalesUser[]>;
  /** Omit to leave records without coordinates ungeocoded (precision "none"). */
  geocoder?: Geocoder | null;
  /** Omit to store no canonical places. */
  places?: PlaceResolver | null;
}

/** A sales person read from a file, before being matched to db.users. */
export interface StagedUser {
  row: number;
  externalId: string;
  name: string;
  email: string;
  title: string;
  managerExternalId: string;
  /** Fields the file gives (an update only changes those). */
  given: ReadonlySet<keyof SalesUser | 'managerExternalId'>;
}

interface PreparedBase {
  fileName: string;
  headers: string[];
  /** Data rows read (empty rows not counted). */
  rowsRead: number;
  report: ProblemReport;
  /** For problemRowsCsv: the cells of rows with problems. */
  problemLog: ProblemLog;
}

export interface PreparedRecords extends PreparedBase {
  kind: RecordKind;
  /** The file's rows in column form: fields as mapped, plus latitude/longitude/geoPrecision when geocoded. */
  staged: RecordTable;
  /** Row number in the file of each staged row. */
  fileRow: Uint32Array;
  /** Worst problem of each staged row: 0 none, 1 notice, 2 warning, 3 error (never imported). */
  severity: Uint8Array;
  /** Fields the merge writes; others keep their stored values on update. */
  writtenFields: string[];
  /** Custom fields to add to the kind's table. */
  newFields: FieldDef[];
  /** The file has latitude and longitude columns (else stored exact coordinates are kept on update). */
  givesCoordinates: boolean;
  /**
   * How the place columns resolved (the wizard's place step); null when the records have no place columns, or when
   * the request asked for no place report.
   */
  places: PlaceReport | null;
}

export interface PreparedUsers extends PreparedBase {
  kind: 'user';
  users: StagedUser[];
  severity: Uint8Array;
}

export type PreparedImport = PreparedRecords | PreparedUsers;

const locatedKeys = ['street', 'city', 'region', 'postalCode', 'country', 'latitude', 'longitude'];
const US_NAMES = new Set([
  'us',
  'usa',
  'u s',
  'u s a',
  'united states',
  'united states of america',
  'etats unis',
  'america',
]);

function cut(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}

const messages: Record<ProblemCode, (value: string, extra: string) => string> = {
  missingRequired: (_, field) => `No ${field}: the row cannot be imported without it`,
  notANumber: (v) => `"${cut(v)}" is not a number; the cell is left empty`,
  badDate: (v, order) => `"${cut(v)}" is not a date (${order}); the cell is left empty`,
  badCoordinate: (v, what) => `"${cut(v)}" is not a ${what}; the coordinates are found from the address instead`,
  duplicateExternalId: (v, first) => `External ID "${cut(v)}" is already used by row ${first}; this row is skipped`,
  tooManyCells: (_, n) => `The row has ${n}: more cells than the header; the extra cells are ignored`,
  tooFewCells: (_, n) => `The row has ${n}: fewer cells than the header; the missing cells are left empty`,
  unbalancedQuotes: (_, kind) =>
    kind === 'unclosed'
      ? 'A quote (") opened in this row is never closed; the row was read as plain text up to the end of its line'
      : 'A quote (") in this row is misplaced; check that its cells are split right',
  longCell: (_, n) => `The cell has ${n} characters; only the first ${MAX_CELL_CHARS.toLocaleString('en')} are kept`,
  unknownAccount: (v) => `No account has the external ID "${cut(v)}"; import the accounts first, or check the ID`,
  unknownManager: (v) => `No sales person has the external ID or e-mail "${cut(v)}"; the manager is left empty`,
  postalCodeLeadingZero: (v, fixed) => `US ZIP code "${v}" lost its leading zero in a spreadsheet; read as ${fixed}`,
  notGeocoded: (v) => `No place found for ${cut(v)}: the record has no coordinates`,
  unknownPlace: (v, field) => `"${cut(v)}" is not a ${field} we know`,
  ambiguousPlace: (v, candidates) => `"${cut(v)}" could be ${candidates}`,
  nullIsland: (v) => `Coordinates ${v} are not a real location; the address is used instead`,
  militaryAddress: (v) => `${cut(v)} is a military address`,
  poBox: (v) => `${cut(v)} is a PO box`,
  placeCleared: (v, field) =>
    `The stored ${field === 'postalCode' ? 'postal code' : field} "${cut(v)}" is of the record's old country; it is cleared`,
  coordinatesElsewhere: (v, country) =>
    `The record's coordinates are in ${countryName('en', v)}, the new address in ${countryName('en', country)}; check them`,
  negativeValue: (v) => `${cut(v)} is negative; imported as is, check it`,
  otherCurrency: (v, currency) => `${cut(v)} is in ${currency}, not the plan's currency; imported as is, not converted`,
  farOffDate: (v, when) =>
    `${cut(v)} is more than ${when === 'past' ? `${FAR_PAST_YEARS} years ago` : `${FAR_FUTURE_YEARS} years ahead`}; imported as is, check it`,
  probabilityOutOfRange: (v) => `Probability ${cut(v)} is not between 0 and 100 %; imported as is, check it`,
};

const severities: Record<ProblemCode, ProblemSeverity> = {
  missingRequired: 'error',
  duplicateExternalId: 'error',
  notANumber: 'warning',
  badDate: 'warning',
  badCoordinate: 'warning',
  tooManyCells: 'warning',
  tooFewCells: 'warning',
  unbalancedQuotes: 'warning',
  longCell: 'warning',
  unknownAccount: 'warning',
  unknownManager: 'notice',
  postalCodeLeadingZero: 'notice',
  notGeocoded: 'notice',
  unknownPlace: 'notice',
  ambiguousPlace: 'notice',
  nullIsland: 'warning',
  militaryAddress: 'notice',
  poBox: 'notice',
  placeCleared: 'notice',
  coordinatesElsewhere: 'warning',
  // Values a planner would question: imported (the planner may be right), listed with row and column.
  negativeValue: 'notice',
  otherCurrency: 'notice',
  farOffDate: 'notice',
  probabilityOutOfRange: 'notice',
};

const dateOrderText = { dmy: 'day/month/year', mdy: 'month/day/year', ymd: 'year-month-day' } as const;

/** Rows read before the import sizes its memory from their bytes. */
const SIZING_ROWS = 4_096;

/**
 * Room for the rows the file likely holds: its size over the bytes of the rows read so far, a little more. Refused
 * (FILE_TOO_LARGE) when they are far more than the rows limit, or (reservedBytes) when those rows, with the columns the import adds to the stored records, would
 * take more memory than an import may reserve.
 */
function reserveRows(
  source: RowSource,
  rowsRead: number,
  cost: { bytesPerRow: number; extraBytes: number },
  fileName: string,
): number {
  const position = Math.max(1, source.position());
  const estimated = Math.ceil(((rowsRead * source.totalBytes()) / position) * 1.05);
  // Far beyond the rows limit by the estimate: refused now rather than after reading two million rows.
  if (estimated > importLimits.rows * 1.5) throw limitError(fileName, 'rows', { found: estimated });
  const reserved = estimated * cost.bytesPerRow + cost.extraBytes;
  if (reserved > importLimits.reservedBytes) throw limitError(fileName, 'reservedBytes', { found: reserved });
  return Math.min(Math.max(estimated, rowsRead * 2), importLimits.rows + 1);
}

/** Reads the whole file into column form, with every problem; the file must match the mapping's headers. */
export async function prepareImport(
  deps: PrepareDeps,
  bytes: Uint8Array,
  request: PrepareRequest,
  task: ImportTask,
): Promise<PreparedImport> {
  const errors = mappingErrors(request.kind, request.mapping);
  if (errors.length > 0)
    throw new ModelError(
      'INVALID_INPUT',
      errors.join('; '),
      { mappingErrors: errors, problem: errors.join('; ') },
      'mappingInvalid',
    );
  const source = openRowSource(bytes, request.fileName, request);
  return request.kind === 'user'
    ? prepareUsers(deps, source, request, task)
    : prepareRecords(deps, source, { ...request, kind: request.kind }, task);
}

/** Shared row loop: header, empty rows, cell counts, long cells, broken quotes. */
async function readRows(
  source: ReturnType<typeof openRowSource>,
  request: PrepareRequest,
  log: ProblemLog,
  task: ImportTask,
  onDataRow: (
    cells: string[],
    row: number,
    report: (code: ProblemCode, column: string | null, value: string, extra?: string) => void,
  ) => void,
): Promise<string[]> {
  let headers: string[] | null = null;
  const brokenQuotes = new Map<number, 'unclosed' | 'malformed'>();
  const maxColumn = Math.max(...request.mapping.map((m) => m.column));
  // One report function for all rows (not a closure per row: a million of them weigh on the collector).
  let currentRow = 0;
  let currentCells: string[] = [];
  const report = (code: ProblemCode, column: string | null, value: string, extra = '') => {
    const problem: ImportProblem = {
      row: currentRow,
      column,
      code,
      severity: severities[code],
      message: messages[code](value, extra),
    };
    if (value !== '') problem.value = value;
    // The UI words the problem in the planner's language from code, value and detail.
    if (extra !== '') problem.detail = extra;
    log.add(problem, currentCells);
  };
  await source.read({
    signal: task.signal,
    progress: (done, total) => task.progress('reading', done, total),
    onBrokenQuotes: (row, kind) => brokenQuotes.set(row, kind),
    onRow(cells, row) {
      currentRow = row;
      currentCells = cells;
      if (isEmptyRow(cells)) return;
      if (!headers) {
        headers = cells.map((h) => h.trim());
        if (
          headers.length <= maxColumn ||
          request.mapping.some((m) => normalizeHeaderLoose(m.header) !== normalizeHeaderLoose(headers![m.column] ?? ''))
        ) {
          throw new ModelError(
            'INVALID_INPUT',
            'The columns of the file are not those of the mapping: analyse the file again',
            { headers },
            'mappingColumnsChanged',
          );
        }
        return;
      }
      const broken = brokenQuotes.get(row);
      if (broken) report('unbalancedQuotes', null, '', broken);
      if (cells.length > headers.length) {
        let extra = false;
        for (let i = headers.length; i < cells.length; i++) if (cells[i].trim() !== '') extra = true;
        // Trailing empty cells (a delimiter at the end of the line) are harmless.
        if (extra && !broken) report('tooManyCells', null, '', `${cells.length} cells, the header ${headers.length}`);
      } else if (cells.length < headers.length && !broken) {
        report('tooFewCells', null, '', `${cells.length} cells, the header ${headers.length}`);
      }
      onDataRow(cells, row, report);
    },
  });
  if (!headers)
    throw new ModelError(
      'BAD_FILE',
      `"${request.fileName}" has no rows: there is nothing to import`,
      { fileName: request.fileName },
      'fileHasNoRows',
    );
  return headers;
}

/** Which values of a column are checked: amounts (money, head counts), probabilities, currency codes. */
function flagOf(field: FieldDef, header: string): 'amount' | 'probability' | 'currency' | null {
  if (field.type === 'money' || (!field.custom && field.key === 'employees')) return 'amount';
  if (!field.custom && field.key === 'probability') return 'probability';
  if (isTextField(field.type) && (CURRENCY_HEADER.test(header.trim()) || CURRENCY_HEADER.test(field.key)))
    return 'currency';
  return null;
}

function normalizeHeaderLoose(header: string): string {
  return header.trim().toLowerCase();
}

function cellText(
  cells: readonly string[],
  column: number,
  header: string,
  report: (code: ProblemCode, column: string | null, value: string, extra?: string) => void,
): string {
  const raw = cells[column];
  if (raw === undefined) return '';
  if (raw.length > MAX_CELL_CHARS) {
    report('longCell', header, '', raw.length.toLocaleString('en'));
    return raw.slice(0, MAX_CELL_CHARS).trim();
  }
  return raw.trim();
}

async function prepareRecords(
  deps: PrepareDeps,
  source: ReturnType<typeof openRowSource>,
  request: PrepareRequest & { kind: RecordKind },
  task: ImportTask,
): Promise<PreparedRecords> {
  const { kind, mapping } = request;
  const log = new ProblemLog();
  const mapped = mapping.filter((m): m is ColumnMapping & { field: string } => m.field !== null);
  const core = new Map(coreFieldDefs(kind).map((f) => [f.key, f]));
  const stored = await deps.records(kind);
  const existing = new Map(stored.fields.map((f) => [f.key, f]));
  const fields: FieldDef[] = mapped.map((m) => {
    const known = core.get(m.field) ?? existing.get(m.field);
    return known ?? { kind, key: m.field, label: m.header, type: m.type, custom: true };
  });
  const newFields = fields.filter((f) => f.custom && !existing.has(f.key));
  const mappedKeys = new Set(fields.map((f) => f.key));
  const located = core.has('geoPrecision') && locatedKeys.some((k) => mappedKeys.has(k));
  const stagedFields = [...fields];
  if (located)
    for (const key of ['latitude', 'longitude', 'geoPrecision'])
      if (!mappedKeys.has(key)) stagedFields.push(core.get(key)!);
  const staged = createRecordTable(kind, stagedFields);
  // Room for the first rows; then, from their bytes, for the rows the file likely holds (reserveRows).
  let capacity = SIZING_ROWS;
  ensureCapacity(staged, capacity);
  let bytesPerRow = 6; // fileRow, severity, deleted
  for (const column of staged.columns.values()) bytesPerRow += column.type === 'text' ? 4 : 8;
  const newFieldBytes = newFields.reduce((sum, f) => sum + (isTextField(f.type) ? 4 : 8), 0);
  let fileRow = new Uint32Array(capacity);
  let severity = new Uint8Array(capacity);

  // Per column: where the value goes and how it is read. Typed once, so the row loop does no lookups.
  const readers = mapped.map((m, i) => {
    const field = fields[i];
    const column = staged.columns.get(field.key)!;
    // Text columns get their codes from an interner: hashing a million distinct IDs and names into Maps was
    // the largest cost of a large import.
    const interner = column.type === 'text' ? new TextInterner(column.values) : null;
    const flag = flagOf(field, m.header);
    return { m, field, type: field.type as FieldType, column, interner, flag };
  });
  const currency = request.currency?.toUpperCase() ?? null;
  const today = request.today ?? Date.now();
  const farPast = today - FAR_PAST_YEARS * YEAR_MS;
  const farFuture = today + FAR_FUTURE_YEARS * YEAR_MS;
  const columnOf = (key: string) => readers.find((r) => r.field.key === key);
  const externalId = columnOf('externalId');
  const countryReader = columnOf('country');
  const groups = requiredFieldGroups(kind).map((group) => group.map(columnOf).filter((r) => r !== undefined));
  /** File row of the first row of each external ID (by its code; 0 none yet): typed, as there is one per row. */
  let firstRowOfId = new Uint32Array(SIZING_ROWS);
  const accountLink = kind === 'contact' || kind === 'deal' ? columnOf('accountExternalId') : undefined;
  const accounts = accountLink ? indexByExternalId(await deps.records('account')) : null;

  const headers = await readRows(source, request, log, task, (cells, row, report) => {
    const r = staged.rowCount;
    if (r >= capacity) {
      capacity =
        r === SIZING_ROWS
          ? reserveRows(source, r, { bytesPerRow, extraBytes: stored.rowCount * newFieldBytes }, request.fileName)
          : capacity * 2;
      const rows = new Uint32Array(capacity);
      rows.set(fileRow);
      fileRow = rows;
      const sev = new Uint8Array(capacity);
      sev.set(severity);
      severity = sev;
      // Grown once to the estimate, so columns are not regrown and copied ten times.
      ensureCapacity(staged, capacity);
    }
    ensureCapacity(staged, r + 1);
    staged.rowCount = r + 1;
    fileRow[r] = row;
    for (const reader of readers) {
      const text = cellText(cells, reader.m.column, reader.m.header, report);
      const column = reader.column;
      if (column.type === 'text') {
        let value = text;
        if (reader.type === 'postalCode' && countryReader && /^\d{3,4}(-\d{4})?$/.test(value)) {
          const country = normalizePlaceName(cellText(cells, countryReader.m.column, '', report));
          const fixed = US_NAMES.has(country) ? restoreZipLeadingZeros(value) : value;
          if (fixed !== value) {
            report('postalCodeLeadingZero', reader.m.header, value, fixed);
            value = fixed;
          }
        }
        (column as TextColumn).codes[r] = value === '' ? 0 : reader.interner!.code(value);
        if (reader.flag === 'currency' && currency && /^[a-z]{3}$/i.test(value) && value.toUpperCase() !== currency)
          report('otherCurrency', reader.m.header, value, value.toUpperCase());
        continue;
      }
      let value = NaN;
      if (text !== '') {
        if (reader.type === 'date') {
          value = parseDate(text, reader.m.format.dateOrder);
          if (Number.isNaN(value)) report('badDate', reader.m.header, text, dateOrderText[reader.m.format.dateOrder]);
          else if (value < farPast) report('farOffDate', reader.m.header, text, 'past');
          else if (value > farFuture) report('farOffDate', reader.m.header, text, 'future');
        } else {
          value = parseNumber(text, reader.m.format.decimalSeparator);
          if (reader.type === 'latitude' || reader.type === 'longitude') {
            const limit = reader.type === 'latitude' ? 90 : 180;
            if (Number.isNaN(value) || Math.abs(value) > limit) {
              report('badCoordinate', reader.m.header, text, reader.type);
              value = NaN;
            }
          } else if (Number.isNaN(value)) report('notANumber', reader.m.header, text);
          else if (reader.flag === 'probability') {
            if (value < 0 || value > 100) report('probabilityOutOfRange', reader.m.header, text);
          } else if (reader.flag === 'amount') {
            if (value < 0) report('negativeValue', reader.m.header, text);
            if (currency && reader.type === 'money') {
              const written = currencyOf(text);
              if (written && written !== currency) report('otherCurrency', reader.m.header, text, written);
            }
          }
        }
      }
      (column as NumberColumn).values[r] = value;
    }
    for (const group of groups) {
      const filled = group.some((reader) =>
        reader.column.type === 'text' ? reader.column.codes[r] !== 0 : !Number.isNaN(reader.column.values[r]),
      );
      if (!filled)
        report(
          'missingRequired',
          group[0]?.m.header ?? null,
          '',
          group.map((g) => g.field.key).join(' or ') || 'value',
        );
    }
    if (externalId && externalId.column.type === 'text') {
      const code = externalId.column.codes[r];
      if (code !== 0) {
        if (code >= firstRowOfId.length) {
          const grown = new Uint32Array(Math.max(code + 1, firstRowOfId.length * 2));
          grown.set(firstRowOfId);
          firstRowOfId = grown;
        }
        const first = firstRowOfId[code];
        if (first === 0) firstRowOfId[code] = row;
        else report('duplicateExternalId', externalId.m.header, externalId.column.values[code], String(first));
      }
    }
    if (accountLink && accounts && accountLink.column.type === 'text') {
      const code = accountLink.column.codes[r];
      if (code !== 0 && !accounts.has(accountLink.column.values[code])) {
        report('unknownAccount', accountLink.m.header, accountLink.column.values[code]);
      }
    }
    severity[r] = log.worstOf(row);
  });

  const writtenFields = fields.map((f) => f.key);
  if (kind === 'deal') deriveDealStatus(staged, writtenFields);
  let places: PlaceReport | null = null;
  if (located) {
    const headerOf = (field: string) => mapped.find((m) => m.field === field)?.header ?? null;
    // Rows that update a record are placed from the record's new address: the file's cells over the stored ones.
    const carried = carryStoredAddresses({
      stored,
      staged,
      mapped: mappedKeys,
      core,
      places: deps.places ?? null,
      problem(r, code, field, value, detail) {
        const row = fileRow[r];
        log.add({
          row,
          column: field ? headerOf(field) : null,
          code,
          severity: severities[code],
          message: messages[code](value, detail),
          value,
          detail,
        });
        severity[r] = Math.max(severity[r], log.worstOf(row));
      },
    });
    for (const key of carried) if (!writtenFields.includes(key)) writtenFields.push(key);
    const result = await locateStaged(deps, staged, { ...request, headerOf }, log, fileRow, severity, task);
    places = result.report;
    for (const key of ['latitude', 'longitude', 'geoPrecision', ...result.written])
      if (!writtenFields.includes(key)) writtenFields.push(key);
  }
  return {
    kind,
    fileName: request.fileName,
    headers,
    rowsRead: staged.rowCount,
    staged,
    fileRow: fileRow.subarray(0, staged.rowCount),
    severity: severity.subarray(0, staged.rowCount),
    writtenFields,
    newFields,
    givesCoordinates: mappedKeys.has('latitude') && mappedKeys.has('longitude'),
    places,
    report: log.report(),
    problemLog: log,
  };
}

/** Open, won or lost from a status column, else from the stage ("Closed Won", "Fermée gagnée"...). */
export function dealStatusOf(status: string, stage: string): 'open' | 'won' | 'lost' {
  for (const text of [status, stage]) {
    const t = normalizePlaceName(text);
    if (t === '') continue;
    if (/\b(won|gagne|gagnee|gagnes|win|signed|signe|gewonnen)\b/.test(t)) return 'won';
    if (/\b(lost|perdu|perdue|perdus|lose|cancelled|annule|annulee|verloren)\b/.test(t)) return 'lost';
    if (t === 'open' || t === 'ouvert' || t === 'ouverte' || t === 'offen') return 'open';
  }
  return 'open';
}

function deriveDealStatus(staged: RecordTable, writtenFields: string[]): void {
  const status = staged.columns.get('status') as TextColumn | undefined;
  const stage = staged.columns.get('stage') as TextColumn | undefined;
  if (!status && !stage) return;
  let target = status;
  if (!target) {
    staged.fields.push(coreFieldDefs(staged.kind).find((f) => f.key === 'status')!);
    target = newTextColumn(staged.deleted.length);
    staged.columns.set('status', target);
    writtenFields.push('status');
  }
  const statusValues = status ? status.values : [''];
  const derived = new Map<string, number>();
  for (let r = 0; r < staged.rowCount; r++) {
    const s = status ? statusValues[status.codes[r]] : '';
    const g = stage ? stage.values[stage.codes[r]] : '';
    const key = `${s}\u0000${g}`;
    let code = derived.get(key);
    if (code === undefined) {
      const value = dealStatusOf(s, g);
      code = textCode(target, value);
      derived.set(key, code);
    }
    target.codes[r] = code;
  }
}

async function prepareUsers(
  deps: PrepareDeps,
  source: ReturnType<typeof openRowSource>,
  request: PrepareRequest,
  task: ImportTask,
): Promise<PreparedUsers> {
  const log = new ProblemLog();
  const byField = new Map(request.mapping.filter((m) => m.field !== null).map((m) => [m.field!, m]));
  const users: StagedUser[] = [];
  const severityOf: number[] = [];
  const seen = new Map<string, number>();
  const headers = await readRows(source, request, log, task, (cells, row, report) => {
    const get = (field: string) => {
      const m = byField.get(field);
      return m ? cellText(cells, m.column, m.header, report) : '';
    };
    const first = get('firstName');
    const last = get('lastName');
    const user: StagedUser = {
      row,
      externalId: get('externalId'),
      name: get('name') || `${first} ${last}`.trim(),
      email: get('email'),
      title: get('title'),
      managerExternalId: get('managerExternalId'),
      given: new Set(
        (['externalId', 'name', 'email', 'title', 'managerExternalId'] as const).filter(
          (f) => byField.has(f) || (f === 'name' && (byField.has('firstName') || byField.has('lastName'))),
        ),
      ),
    };
    if (!user.externalId && !user.email)
      report(
        'missingRequired',
        byField.get('externalId')?.header ?? byField.get('email')?.header ?? null,
        '',
        'external ID or e-mail',
      );
    if (!user.name)
      report('missingRequired', byField.get('name')?.header ?? byField.get('lastName')?.header ?? null, '', 'name');
    const key = user.externalId || user.email.toLowerCase();
    if (key) {
      const firstRow = seen.get(key);
      if (firstRow !== undefined)
        report(
          'duplicateExternalId',
          byField.get(user.externalId ? 'externalId' : 'email')!.header,
          key,
          String(firstRow),
        );
      else seen.set(key, row);
    }
    users.push(user);
    severityOf.push(log.worstOf(row));
  });
  // Managers must exist in the file or among the stored sales people.
  const stored = deps.users ? await deps.users() : [];
  // A manager is found by ID, by e-mail or by name ("Claire Martin", "MARTIN, Claire"), in the file or stored.
  const known = new Set<string>(
    [...users, ...stored]
      .flatMap((u) => [u.externalId, u.email.toLowerCase(), u.name ? `name:${personKey(u.name)}` : ''])
      .filter(Boolean),
  );
  users.forEach((user, i) => {
    if (
      user.managerExternalId &&
      !known.has(user.managerExternalId) &&
      !known.has(user.managerExternalId.toLowerCase()) &&
      !known.has(`name:${personKey(user.managerExternalId)}`)
    ) {
      const header = byField.get('managerExternalId')!.header;
      log.add({
        row: user.row,
        column: header,
        code: 'unknownManager',
        severity: 'notice',
        message: messages.unknownManager(user.managerExternalId, ''),
        value: user.managerExternalId,
      });
      severityOf[i] = Math.max(severityOf[i], log.worstOf(user.row));
    }
  });
  return {
    kind: 'user',
    fileName: request.fileName,
    headers,
    rowsRead: users.length,
    users,
    severity: Uint8Array.from(severityOf),
    report: log.report(),
    problemLog: log,
  };
}

/** Whether a staged row goes in: errors never, warnings only when the planner imports rows with problems. */
export { isImportable } from '../../shared/imports';

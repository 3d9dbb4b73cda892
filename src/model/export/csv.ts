/**
 * CSV for spreadsheets and CRM loaders: UTF-8 with a byte order mark (so Excel reads accents), RFC 4180 quoting,
 * CRLF line ends, `,` and decimal point by default or `;` and decimal comma for French Excel, and formula-looking
 * cells defused (OWASP "CSV injection").
 *
 * How a cell is defused. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a
 * formula by Excel or LibreOffice. In a free-text column such a cell gets a leading apostrophe (the spreadsheet
 * then shows it as text). In an identifier column (codes, external IDs, postal codes) the value is kept as written
 * when it is identifier-shaped: letters, digits and `- _ . /` only, after an optional leading `+` or `-`. Such a
 * value cannot call a function (no parentheses), reach another program (no `|` or `!`) or build a string (no
 * quotes), so the worst a spreadsheet can do is read it as arithmetic, and a CRM loader reads it verbatim; a
 * territory code `-F-016` or an external ID `-42` survive. Anything else starting like a formula is defused there too.
 */
import { ByteSink, concatChunks, utf8 } from './byteSink';
import type { ExportCell, ExportColumnKind, ExportTable } from './table';

export interface CsvOptions {
  delimiter: ',' | ';';
  /** Numbers written with a decimal comma (French Excel); use with `;`. */
  decimalComma: boolean;
}

export const defaultCsvOptions: CsvOptions = { delimiter: ',', decimalComma: false };
export const frenchCsvOptions: CsvOptions = { delimiter: ';', decimalComma: true };

const FORMULA_START = /^[=+\-@\t\r]/;
/** Apostrophes, then a formula start: what defusing writes (one apostrophe more than the text had). */
const QUOTED_FORMULA = /^'+[=+\-@\t\r]/;
const IDENTIFIER_SHAPED = /^[+-]?[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u;

/** The text to write for a cell of a column of this kind, defused if a spreadsheet could run it. */
export function defuseCell(text: string, kind: ExportColumnKind): string {
  // Text that already reads as a defused cell ("'+1") gets one more apostrophe, so undefusing gives it back whole.
  if (QUOTED_FORMULA.test(text)) return `'${text}`;
  if (!FORMULA_START.test(text)) return text;
  if ((kind === 'identifier' || kind === 'postal') && IDENTIFIER_SHAPED.test(text)) return text;
  return `'${text}`;
}

/** Whether a written cell was defused by `defuseCell` (for readers of our own files). */
export function undefuseCell(text: string): string {
  return QUOTED_FORMULA.test(text) ? text.slice(1) : text;
}

/** Numbers as a spreadsheet reads them back: no grouping, no exponent for ordinary amounts, full precision. */
export function formatNumber(value: number, decimalComma: boolean): string {
  if (!Number.isFinite(value)) return '';
  let text = String(value);
  if (text.includes('e'))
    text = value.toFixed(Math.max(0, Math.min(20, -Math.floor(Math.log10(Math.abs(value))) + 15)));
  return decimalComma ? text.replace('.', ',') : text;
}

const NEEDS_QUOTES = /[",;\r\n]/;

function quoted(text: string, delimiter: string): string {
  if (!NEEDS_QUOTES.test(text) && !text.includes(delimiter) && text.trim() === text) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

export function cellText(cell: ExportCell, kind: ExportColumnKind, options: CsvOptions): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatNumber(cell, options.decimalComma && kind === 'number');
  return quoted(defuseCell(cell, kind), options.delimiter);
}

/**
 * Cells as written bytes, remembered per column: names, paths and rules repeat on every row of their territory,
 * so each distinct value is defused, quoted and encoded once. A column whose values hardly repeat (external IDs,
 * record names) stops remembering after a sample: hashing a million unique strings into a map costs more than
 * checking each once, and the map would hold them all.
 */
function cellWriter(kind: ExportColumnKind, options: CsvOptions, sink: ByteSink): (cell: ExportCell) => void {
  let cache: Map<string, Uint8Array> | null = new Map<string, Uint8Array>();
  let lookups = 0;
  let last: string | null = null;
  let lastBytes: Uint8Array = new Uint8Array(0);
  return (cell) => {
    if (cell === null) return;
    if (typeof cell !== 'string') {
      sink.text(cellText(cell, kind, options));
      return;
    }
    if (cell === last) {
      sink.bytes(lastBytes);
      return;
    }
    if (!cache) {
      sink.text(cellText(cell, kind, options));
      return;
    }
    let bytes = cache.get(cell);
    if (bytes === undefined) {
      bytes = utf8(cellText(cell, kind, options));
      cache.set(cell, bytes);
      // Mostly new values after a good sample: a column of unique values.
      if ((++lookups >= 4_096 && cache.size > lookups / 4) || cache.size >= 100_000) cache = null;
    } else lookups++;
    last = cell;
    lastBytes = bytes;
    sink.bytes(bytes);
  };
}

/** One table as CSV text, BOM included (tests and small files; exports write bytes). */
export function writeCsv(
  table: ExportTable,
  options: CsvOptions = defaultCsvOptions,
  progress?: (done: number, total: number) => void,
): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(writeCsvBytes(table, options, progress));
}

/**
 * One table as CSV, UTF-8 with its byte order mark, written straight into bytes (see ByteSink).
 * `progress(done, total)` is called every 50,000 rows.
 */
export function writeCsvBytes(
  table: ExportTable,
  options: CsvOptions = defaultCsvOptions,
  progress?: (done: number, total: number) => void,
): Uint8Array {
  return concatChunks(csvChunks(table, options, progress));
}

/**
 * The same file in chunks of about `chunkBytes`, each handed on as soon as it is full: the caller can stop between
 * two (Stop, a cancelled save) and nothing of the file is left but what it chose to keep.
 */
export function* csvChunks(
  table: ExportTable,
  options: CsvOptions = defaultCsvOptions,
  progress?: (done: number, total: number) => void,
  chunkBytes?: number,
): Generator<Uint8Array, void, undefined> {
  const { delimiter } = options;
  const full: Uint8Array[] = [];
  const sink = new ByteSink((chunk) => full.push(chunk), chunkBytes);
  const writers = table.columns.map((c) => cellWriter(c.kind, options, sink));
  const columns = writers.length;
  const separator = delimiter.charCodeAt(0);
  sink.text(`\uFEFF${table.columns.map((c) => quoted(defuseCell(c.header, 'text'), delimiter)).join(delimiter)}\r\n`);
  let done = 0;
  for (const cells of table.rows()) {
    writers[0](cells[0] ?? null);
    for (let i = 1; i < columns; i++) {
      sink.byte(separator);
      writers[i](cells[i] ?? null);
    }
    sink.byte(13);
    sink.byte(10);
    if (++done % 50_000 === 0) progress?.(done, table.rowCount);
    if (full.length > 0) yield* full.splice(0);
  }
  sink.flush();
  yield* full.splice(0);
  progress?.(done, table.rowCount);
}

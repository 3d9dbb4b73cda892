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
import type { ExportCell, ExportColumnKind, ExportTable } from './table';

export interface CsvOptions {
  delimiter: ',' | ';';
  /** Numbers written with a decimal comma (French Excel); use with `;`. */
  decimalComma: boolean;
}

export const defaultCsvOptions: CsvOptions = { delimiter: ',', decimalComma: false };
export const frenchCsvOptions: CsvOptions = { delimiter: ';', decimalComma: true };

const FORMULA_START = /^[=+\-@\t\r]/;
const IDENTIFIER_SHAPED = /^[+-]?[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u;

/** The text to write for a cell of a column of this kind, defused if a spreadsheet could run it. */
export function defuseCell(text: string, kind: ExportColumnKind): string {
  if (!FORMULA_START.test(text)) return text;
  if ((kind === 'identifier' || kind === 'postal') && IDENTIFIER_SHAPED.test(text)) return text;
  return `'${text}`;
}

/** Whether a written cell was defused by `defuseCell` (for readers of our own files). */
export function undefuseCell(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
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
 * Text cells as written, remembered per column: names, paths and rules repeat on every row of their territory,
 * so each distinct value is defused and quoted once (bounded, for columns of unique values such as IDs).
 */
function cachedCells(kind: ExportColumnKind, options: CsvOptions): (cell: ExportCell) => string {
  const cache = new Map<string, string>();
  return (cell) => {
    if (typeof cell !== 'string') return cellText(cell, kind, options);
    let text = cache.get(cell);
    if (text === undefined) {
      text = cellText(cell, kind, options);
      if (cache.size < 200_000) cache.set(cell, text);
    }
    return text;
  };
}

/** One table as CSV text, BOM included. `progress(done, total)` is called every few thousand rows. */
export function writeCsv(
  table: ExportTable,
  options: CsvOptions = defaultCsvOptions,
  progress?: (done: number, total: number) => void,
): string {
  const { delimiter } = options;
  const writers = table.columns.map((c) => cachedCells(c.kind, options));
  const lines: string[] = [table.columns.map((c) => quoted(defuseCell(c.header, 'text'), delimiter)).join(delimiter)];
  let done = 0;
  table.forEachRow((cells) => {
    let line = '';
    for (let i = 0; i < writers.length; i++) {
      if (i > 0) line += delimiter;
      line += writers[i](cells[i] ?? null);
    }
    lines.push(line);
    if (++done % 50_000 === 0) progress?.(done, table.rowCount);
  });
  progress?.(done, table.rowCount);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * One way to read the rows of any supported file: CSV/TSV text (decoded, dialect detected) or the first sheet of
 * an XLSX workbook. Analysis reads a sample of rows through it, the import all of them. Both formats are held to
 * the same limits here (rows, cells per row, columns of the header: src/shared/imports.ts), and report how far
 * they have read, so the import can size its memory from the first rows.
 */
import { ModelError } from '../../shared/errors';
import { decodeText, inspectFile } from './bytes';
import { detectDialect, readDelimitedRows, type Dialect, type RowReader } from './delimited';
import type { Delimiter, FileFormat, TextEncodingName } from './types';
import { importLimits, limitError } from './limits';
import { openXlsx } from './xlsx';

export interface SourceOptions {
  /** Forces the text encoding of a CSV file (when the planner corrects the detection). */
  encoding?: TextEncodingName;
  /** Forces the delimiter of a CSV file. */
  delimiter?: Delimiter;
  /** Decode only this many bytes (for a quick sample); rows cut at the limit are dropped. */
  sampleBytes?: number;
}

export interface RowSource {
  format: FileFormat;
  encoding: TextEncodingName | null;
  dialect: Dialect | null;
  /** True when only the first part of the file was decoded. */
  partial: boolean;
  /** Size of what is read (characters of CSV text, bytes of the sheet's XML); known once reading started. */
  totalBytes(): number;
  /** How much of it has been read, approximately (to estimate the rows still to come). */
  position(): number;
  read(reader: RowReader): Promise<void>;
}

/** Holds every row to the import's limits before the reader sees it. */
function limitedReader(reader: RowReader, fileName: string, onRowBytes?: (cells: string[]) => void): RowReader {
  let rows = 0;
  let header = false;
  return {
    ...reader,
    onRow(cells, row) {
      if (++rows > importLimits.rows) throw limitError(fileName, 'rows', { found: rows });
      if (cells.length > importLimits.cellsPerRow)
        throw limitError(fileName, 'cellsPerRow', { row, found: cells.length });
      onRowBytes?.(cells);
      if (!header && !isEmptyRow(cells)) {
        header = true;
        // Empty cells after the last header (a delimiter at the end of the line) are no columns.
        let columns = cells.length;
        while (columns > 0 && cells[columns - 1].trim() === '') columns--;
        if (columns > importLimits.columnsPerFile)
          throw limitError(fileName, 'columnsPerFile', { found: columns, row });
      }
      return reader.onRow(cells, row);
    },
  };
}

export function openRowSource(bytes: Uint8Array, fileName: string, options: SourceOptions = {}): RowSource {
  const format = inspectFile(bytes, fileName);
  if (format === 'xlsx') {
    const sheet = openXlsx(bytes, fileName);
    return {
      format,
      encoding: null,
      dialect: null,
      partial: false,
      totalBytes: sheet.totalBytes,
      position: sheet.position,
      read: (reader) => sheet.read(limitedReader(reader, fileName)),
    };
  }
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes, { encoding: options.encoding, limit: options.sampleBytes });
  } catch (error) {
    // A JavaScript string holds at most about 512 million characters: such a text cannot be read at once.
    if (!(error instanceof RangeError)) throw error;
    throw new ModelError(
      'FILE_TOO_LARGE',
      `"${fileName}" holds more text than can be read at once (about 500 MB): split it into several files`,
      { fileName, size: bytes.length },
      'fileTextTooLarge',
    );
  }
  const partial = options.sampleBytes !== undefined && options.sampleBytes < bytes.length;
  let text = decoded.text;
  const detected = detectDialect(text);
  const dialect: Dialect = { ...detected, delimiter: options.delimiter ?? detected.delimiter };
  if (partial) {
    // The last line of a partial read may be cut in the middle.
    const lastNewline = text.lastIndexOf(dialect.newline === '\r' ? '\r' : '\n');
    if (lastNewline > 0) text = text.slice(0, lastNewline + 1);
  }
  // The text position of a row, from its cells: their characters, a delimiter each, a newline (quotes aside).
  let position = 0;
  const countRow = (cells: string[]) => {
    position += cells.length + 1;
    for (let i = 0; i < cells.length; i++) position += cells[i].length;
  };
  return {
    format,
    encoding: decoded.encoding,
    dialect,
    partial,
    totalBytes: () => text.length,
    position: () => position,
    read: (reader) => {
      position = 0;
      return readDelimitedRows(text, dialect, limitedReader(reader, fileName, countRow));
    },
  };
}

export function isEmptyRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}

/**
 * One way to read the rows of any supported file: CSV/TSV text (decoded, dialect detected) or the first sheet of
 * an XLSX workbook. Analysis reads a sample of rows through it, the import all of them.
 */
import { ModelError } from '../../shared/errors';
import { decodeText, inspectFile } from './bytes';
import { detectDialect, readDelimitedRows, type Dialect, type RowReader } from './delimited';
import type { Delimiter, FileFormat, TextEncodingName } from './types';
import { readXlsxRows } from './xlsx';

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
  read(reader: RowReader): Promise<void>;
}

export function openRowSource(bytes: Uint8Array, fileName: string, options: SourceOptions = {}): RowSource {
  const format = inspectFile(bytes, fileName);
  if (format === 'xlsx') {
    return {
      format,
      encoding: null,
      dialect: null,
      partial: false,
      read: (reader) => readXlsxRows(bytes, fileName, reader),
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
      {
        fileName,
        size: bytes.length,
      },
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
  return {
    format,
    encoding: decoded.encoding,
    dialect,
    partial,
    read: (reader) => readDelimitedRows(text, dialect, reader),
  };
}

export function isEmptyRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}

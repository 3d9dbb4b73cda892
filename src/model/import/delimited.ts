/**
 * CSV and TSV reading with papaparse's parser, fed in chunks so that a 90 MB file never becomes one array of a
 * million rows, the worker can take a cancel message between chunks, and progress is reported. Rows are numbered
 * as a spreadsheet shows them (a quoted newline does not start a new row).
 */
import Papa from 'papaparse';
import type { Delimiter } from './types';

export type Newline = '\r\n' | '\n' | '\r';

export interface Dialect {
  delimiter: Delimiter;
  newline: Newline;
}

export const delimiters: readonly Delimiter[] = [',', ';', '\t', '|'];

/**
 * Chunk of text handed to the parser at a time: large enough that per-chunk costs vanish, small enough that the
 * rows parsed from it (an array of cells each) die young. At 4 MB a chunk's forty thousand rows outlived the young
 * generation and were copied and promoted before the loop had read them: a third of a 1M-row import's time was the
 * collector's.
 */
const CHUNK_CHARS = 512 * 1024;
/**
 * A row this long is a quote that is never closed (Excel's own cell limit is 32,767 characters): reading stops
 * treating the rest of the file as one cell and resumes at the next line.
 */
export const MAX_ROW_CHARS = 8 * 1024 * 1024;

interface PapaParseResult {
  data: string[][];
  errors: { type: string; code: string; message: string; row: number }[];
  meta: { cursor: number };
}

function newParser(dialect: Dialect, preview?: number): { parse(input: string, last: boolean): PapaParseResult } {
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline, quoteChar: '"', preview });
  return { parse: (input, last) => parser.parse(input, 0, !last) as PapaParseResult };
}

export function detectNewline(sample: string): Newline {
  const lf = sample.indexOf('\n');
  if (lf > 0 && sample[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return sample.includes('\r') ? '\r' : '\n';
}

/**
 * The delimiter that splits the header and the rows after it into the same number of cells most often. A
 * semicolon file with decimal commas ("1,5") does not fool it: its header has no commas.
 */
export function detectDialect(text: string): Dialect {
  const sample = text.slice(0, 256 * 1024);
  const newline = detectNewline(sample);
  let best: { delimiter: Delimiter; score: number; cells: number } = { delimiter: ',', score: -1, cells: 0 };
  for (const delimiter of delimiters) {
    const { data } = newParser({ delimiter, newline }, 60).parse(sample, sample.length === text.length);
    const rows = data.filter((r) => r.length > 1 || r[0] !== '');
    if (rows.length === 0) continue;
    const cells = rows[0].length;
    if (cells < 2) continue;
    const rest = rows.slice(1);
    const score = rest.length === 0 ? 1 : rest.filter((r) => r.length === cells).length / rest.length;
    if (score > best.score || (score === best.score && cells > best.cells)) best = { delimiter, score, cells };
  }
  return { delimiter: best.delimiter, newline };
}

export interface RowReader {
  /** Receives each row's cells and its row number (1-based, the header being 1). Answers false to stop reading. */
  onRow(cells: string[], row: number): boolean | void;
  /** A row whose quotes are broken: read as plain cells of its line, and reported by the caller. */
  onBrokenQuotes?(row: number, kind: 'unclosed' | 'malformed'): void;
  signal?: AbortSignal;
  progress?(done: number, total: number): void;
}

/** Lets the event loop run (a cancel message, a progress event) without the 4 ms clamp of nested setTimeout. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Cancelled', 'AbortError');
}

/** Reads all rows of a delimited text; resolves when done or when onRow answered false. */
export async function readDelimitedRows(text: string, dialect: Dialect, reader: RowReader): Promise<void> {
  const parser = newParser(dialect);
  // The newline ending the last row does not start another (empty) one.
  const total = text.endsWith(dialect.newline) ? text.length - dialect.newline.length : text.length;
  let pos = 0;
  let rowNumber = 0;
  let chunk = CHUNK_CHARS;

  const emit = (result: PapaParseResult): boolean => {
    const malformed = new Set(result.errors.filter((e) => e.code === 'InvalidQuotes').map((e) => e.row));
    for (let i = 0; i < result.data.length; i++) {
      rowNumber++;
      if (malformed.has(i)) reader.onBrokenQuotes?.(rowNumber, 'malformed');
      if (reader.onRow(result.data[i], rowNumber) === false) return false;
    }
    return true;
  };

  /** A quote opened at `pos` is never closed: read its line as plain cells and go on after it. */
  const skipBrokenRow = (): boolean => {
    const lineEnd = text.indexOf(dialect.newline, pos);
    const end = lineEnd === -1 ? total : lineEnd;
    rowNumber++;
    reader.onBrokenQuotes?.(rowNumber, 'unclosed');
    const keepGoing = reader.onRow(text.slice(pos, end).split(dialect.delimiter), rowNumber) !== false;
    pos = lineEnd === -1 ? total : end + dialect.newline.length;
    return keepGoing;
  };

  while (pos < total) {
    throwIfAborted(reader.signal);
    const end = Math.min(total, pos + chunk);
    const last = end === total;
    const input = text.slice(pos, end);
    let result = parser.parse(input, last);
    if (last && result.errors.some((e) => e.code === 'MissingQuotes')) {
      // Keep the rows before the unclosed quote, then recover from its line.
      result = parser.parse(input, false);
      if (!emit(result)) return;
      pos += result.meta.cursor;
      if (!skipBrokenRow()) return;
      chunk = CHUNK_CHARS;
      continue;
    }
    if (!emit(result)) return;
    const consumed = last ? input.length : result.meta.cursor;
    if (consumed === 0) {
      // Not one whole row in the chunk: a very long row, or an unclosed quote once it grows past MAX_ROW_CHARS.
      if (chunk >= MAX_ROW_CHARS) {
        if (!skipBrokenRow()) return;
        chunk = CHUNK_CHARS;
      } else chunk *= 2;
      continue;
    }
    pos += consumed;
    chunk = CHUNK_CHARS;
    reader.progress?.(pos, total);
    if (pos < total) await yieldToEventLoop();
  }
}

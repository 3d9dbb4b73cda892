/**
 * First look at a file's bytes: refuse what cannot be a spreadsheet (empty, too large, binary, an old .xls, a
 * zip that is not a workbook) with a message a planner understands, and find the text encoding of CSV files.
 */
import { MAX_FILE_BYTES } from '../../shared/desktop';
import { ModelError, type ErrorKey } from '../../shared/errors';
import type { FileFormat, TextEncodingName } from './types';

const SNIFF_BYTES = 64 * 1024;

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Known non-text formats, named the way a planner knows them. */
const binaryKinds: readonly [magic: readonly number[], what: string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program'],
  [[0x4d, 0x5a], 'a program'],
];

function badFile(fileName: string, why: string, key: ErrorKey, details?: Record<string, unknown>): ModelError {
  return new ModelError('BAD_FILE', `"${fileName}" cannot be imported: ${why}`, { fileName, ...details }, key);
}

/** Names of the entries of a zip, read from its central directory (enough to tell a workbook from other zips). */
function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const count = view.getUint16(i + 10, true);
    let at = view.getUint32(i + 16, true);
    const names: string[] = [];
    const decoder = new TextDecoder();
    for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
      if (view.getUint32(at, true) !== 0x02014b50) break;
      const nameLength = view.getUint16(at + 28, true);
      const extra = view.getUint16(at + 30, true);
      const comment = view.getUint16(at + 32, true);
      names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
      at += 46 + nameLength + extra + comment;
    }
    return names;
  }
  return [];
}

/**
 * What the file is, judged from its content rather than its name (a workbook renamed .csv is still read as a
 * workbook). Throws BAD_FILE or FILE_TOO_LARGE with the reason.
 */
export function inspectFile(bytes: Uint8Array, fileName: string): FileFormat {
  if (bytes.length > MAX_FILE_BYTES) {
    const gb = (MAX_FILE_BYTES / 1024 ** 3).toFixed(0);
    throw new ModelError(
      'FILE_TOO_LARGE',
      `"${fileName}" is larger than ${gb} GB, the most a file can have here`,
      {
        fileName,
        size: bytes.length,
        limit: MAX_FILE_BYTES,
        gb,
      },
      'fileTooLarge',
    );
  }
  if (bytes.length === 0) throw badFile(fileName, 'the file is empty', 'fileEmpty');
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) {
    const names = zipEntryNames(bytes);
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.some((n) => n.startsWith('word/')))
      throw badFile(fileName, 'it is a Word document, not a spreadsheet', 'fileIsWord');
    if (names.includes('content.xml')) {
      throw badFile(fileName, 'it is an OpenDocument file: save it as .xlsx or .csv first', 'fileIsOpenDocument');
    }
    throw badFile(
      fileName,
      'it is a ZIP archive, not a spreadsheet; extract the spreadsheet from it first',
      'fileIsZip',
    );
  }
  if (startsWith(bytes, OLE)) {
    throw badFile(
      fileName,
      'it is an old Excel 97-2003 workbook (.xls): save it as .xlsx or .csv first',
      'fileIsOldExcel',
    );
  }
  for (const [magic, what] of binaryKinds) {
    if (startsWith(bytes, magic)) throw badFile(fileName, `it is ${what}, not a spreadsheet`, 'fileIsBinary', { what });
  }
  const encoding = sniffEncoding(bytes);
  if (encoding.startsWith('utf-16')) return 'csv';
  // NUL bytes or many control characters never occur in text saved by a spreadsheet or a CRM.
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b === 0) throw badFile(fileName, 'it is a binary file, not a CSV or TSV text file', 'fileIsBinary');
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (control > sample.length / 100 + 8)
    throw badFile(fileName, 'it is a binary file, not a CSV or TSV text file', 'fileIsBinary');
  return 'csv';
}

/** UTF-16 without a byte order mark shows up as every other byte being NUL in ASCII-heavy text. */
function looksLikeUtf16(bytes: Uint8Array, nulAt: 0 | 1): boolean {
  const n = Math.min(bytes.length & ~1, 4096);
  if (n < 4) return false;
  let nul = 0;
  let other = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i + nulAt] === 0 && bytes[i + 1 - nulAt] !== 0) nul++;
    if (bytes[i + 1 - nulAt] === 0) other++;
  }
  return nul > n / 2 / 2 && other < n / 2 / 20;
}

/** The encoding announced by a byte order mark or by the NUL pattern of UTF-16; otherwise UTF-8 (checked later). */
export function sniffEncoding(bytes: Uint8Array): TextEncodingName {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  if (looksLikeUtf16(bytes, 1)) return 'utf-16le';
  if (looksLikeUtf16(bytes, 0)) return 'utf-16be';
  return 'utf-8';
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Decodes a CSV file: the BOM decides, else UTF-8 if the bytes are valid UTF-8, else Windows-1252 (what Excel
 * on Windows saves as "CSV"). `limit` decodes only the first bytes (for a preview), never cutting a character.
 */
export function decodeText(
  bytes: Uint8Array,
  options: { encoding?: TextEncodingName; limit?: number } = {},
): DecodedText {
  const sniffed = options.encoding ?? sniffEncoding(bytes);
  const part = options.limit !== undefined && options.limit < bytes.length ? bytes.subarray(0, options.limit) : bytes;
  const partial = part.length < bytes.length;
  if (sniffed === 'utf-8' && options.encoding === undefined) {
    try {
      // stream: true leaves a character cut at the end of a partial read undecoded instead of failing.
      const text = new TextDecoder('utf-8', { fatal: true }).decode(part, { stream: partial });
      return { text: stripBom(text), encoding: 'utf-8' };
    } catch {
      return { text: new TextDecoder('windows-1252').decode(part), encoding: 'windows-1252' };
    }
  }
  const text = new TextDecoder(sniffed).decode(part, { stream: partial });
  return { text: stripBom(text), encoding: sniffed };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

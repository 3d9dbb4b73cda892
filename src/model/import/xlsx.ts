/**
 * XLSX reading that streams: the worksheet part is inflated piece by piece (fflate) and parsed as it comes
 * (saxes), so a 100,000-row sheet never exists as one XML string. Only the first worksheet is read. Cells become
 * text as the planner saw them: shared and inline strings, numbers as written, booleans TRUE/FALSE, and date-
 * formatted numbers as ISO dates (yyyy-mm-dd). Formulas are never evaluated: their cached result is read.
 *
 * A workbook is a zip of XML written by someone else: every size it states is checked against the import's
 * limits (src/shared/imports.ts) before it is believed, and again while reading, since the zip directory and the
 * XML can lie. A part unpacks to no more than its directory declares (at most importLimits.partBytes), cell
 * references stay within XFD1048576, a row holds at most importLimits.cellsPerRow cells, the shared strings are
 * counted. Each breach answers FILE_TOO_LARGE naming the limit (limits.ts), early: nothing is padded or grown.
 */
import { Inflate } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ModelError } from '../../shared/errors';
import { throwIfAborted, yieldToEventLoop, type RowReader } from './delimited';
import { importLimits, limitError } from './limits';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** What the directory declares the part unpacks to; reading stops beyond it. */
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Compressed bytes inflated at a time: deflate expands at most about 1,032 times, so one slice never yields more
 * than ~17 MB before the unpacked size is checked again.
 */
const INPUT_SLICE = 16 * 1024;
/** Slices inflated between two yields to the event loop (a cancel, a progress event). */
const SLICES_PER_YIELD = 64;
/** Text handed to the XML parser at a time, so the read position is known to within this much. */
const PARSE_SLICE = 64 * 1024;

function corrupt(fileName: string, why: string): ModelError {
  return new ModelError(
    'BAD_FILE',
    `"${fileName}" is not a readable Excel workbook (${why}); open it in Excel and save it again`,
    { fileName, why },
    'workbookUnreadable',
  );
}

/** Entries of the zip's central directory (sizes there are reliable even when the writer streamed the parts). */
function readZipDirectory(bytes: Uint8Array, fileName: string): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(fileName, 'its zip directory is missing');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw corrupt(fileName, 'its zip directory is damaged');
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64: the 32-bit fields hold 0xFFFFFFFF and the real values sit in the extra field, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = view.getUint16(extra, true);
      const size = view.getUint16(extra + 2, true);
      if (id === 0x0001) {
        let p = extra + 4;
        const take = () => {
          const value = Number(view.getBigUint64(p, true));
          p += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      extra += 4 + size;
    }
    entries.set(name, { name, method, compressedSize, uncompressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Feeds the uncompressed content of an entry to `onText`, piece by piece, yielding between pieces. */
async function streamEntryText(
  bytes: Uint8Array,
  entry: ZipEntry,
  fileName: string,
  onText: (text: string) => void,
  options: { signal?: AbortSignal; progress?: (done: number, total: number) => void; stopped?: () => boolean } = {},
): Promise<void> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50)
    throw corrupt(fileName, `part ${entry.name} is damaged`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  // Refused from the directory before anything is inflated; then held to what the directory declared.
  if (entry.uncompressedSize > importLimits.partBytes)
    throw limitError(fileName, 'partBytes', { found: entry.uncompressedSize, where: entry.name });
  const allowed = entry.uncompressedSize;
  let unpacked = 0;
  const decoder = new TextDecoder('utf-8');
  const deliver = (chunk: Uint8Array, final: boolean) => {
    unpacked += chunk.length;
    if (unpacked > allowed)
      throw limitError(fileName, 'partBytes', { max: allowed, found: unpacked, where: entry.name });
    onText(decoder.decode(chunk, { stream: !final }));
  };
  let inflate: Inflate | null = null;
  if (entry.method === 8) inflate = new Inflate((chunk, final) => deliver(chunk, final));
  else if (entry.method !== 0) throw corrupt(fileName, `part ${entry.name} uses an unknown compression`);
  for (let offset = 0; offset < data.length || offset === 0; offset += INPUT_SLICE) {
    throwIfAborted(options.signal);
    const slice = data.subarray(offset, offset + INPUT_SLICE);
    const final = offset + INPUT_SLICE >= data.length;
    try {
      if (inflate) inflate.push(slice, final);
      else deliver(slice, final);
    } catch (error) {
      if (error instanceof ModelError) throw error;
      throw corrupt(fileName, `part ${entry.name} cannot be decompressed`);
    }
    const yielding = (offset / INPUT_SLICE) % SLICES_PER_YIELD === SLICES_PER_YIELD - 1;
    if (final || yielding) options.progress?.(Math.min(data.length, offset + INPUT_SLICE), data.length);
    if (final || options.stopped?.()) break;
    if (yielding) await yieldToEventLoop();
  }
}

type TagHandler = (tag: SaxesTagPlain) => void;

/** A saxes parser with plain attributes and no position tracking (noticeably faster on large sheets). */
function xmlParser(
  fileName: string,
  handlers: { open?: TagHandler; close?: TagHandler; text?: (text: string) => void },
): SaxesParser<{ xmlns: false; position: false }> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', handlers.close);
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  parser.on('error', () => {
    throw corrupt(fileName, 'its XML is damaged');
  });
  return parser;
}

async function parsePart(
  bytes: Uint8Array,
  entries: Map<string, ZipEntry>,
  name: string,
  fileName: string,
  handlers: Parameters<typeof xmlParser>[1],
  signal?: AbortSignal,
): Promise<boolean> {
  const entry = entries.get(name);
  if (!entry) return false;
  const parser = xmlParser(fileName, handlers);
  await streamEntryText(bytes, entry, fileName, (text) => writeInSlices(parser, text), { signal });
  parser.close();
  return true;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Writes text to the parser a slice at a time (a handler that throws stops it with little text decoded). */
function writeInSlices(
  parser: { write(text: string): unknown },
  text: string,
  onSlice?: (length: number) => void,
  stopped?: () => boolean,
) {
  if (text.length <= PARSE_SLICE) {
    onSlice?.(text.length);
    parser.write(text);
    return;
  }
  let at = 0;
  while (at < text.length && !stopped?.()) {
    // Never split a surrogate pair between two writes.
    let end = Math.min(text.length, at + PARSE_SLICE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    onSlice?.(end - at);
    parser.write(text.slice(at, end));
    at = end;
  }
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30 and the common East Asian ones). */
const builtinDateFormats = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A custom format shows a date when, outside quoted text and [brackets], it has day/month/year/hour letters. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Excel's serial day number as an ISO date (or date-time), in either the 1900 or the 1904 date system. */
export function excelSerialToIso(serial: number, date1904 = false): string {
  // 25569 = days from 1899-12-30 to 1970-01-01; serials below 61 predate Excel's fictitious 1900-02-29.
  let days = date1904 ? serial + 1462 : serial;
  if (!date1904 && days < 61) days += 1;
  const ms = Math.round((days - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * "BC7" -> 54 (0-based column index of a cell reference's letters); -1 when the reference has no letters. Stops
 * counting past XFD, so "ZZZZZZZ1" answers a number just beyond the limit rather than billions.
 */
export function columnIndexOf(ref: string): number {
  let index = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    index = index * 26 + (c - 64);
    if (index > importLimits.columnReference) return importLimits.columnReference;
  }
  return index - 1;
}

function rowIndexOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65) i++;
  return Number(ref.slice(i));
}

/** Path of the first worksheet, from the workbook and its relationships. */
async function firstSheetPath(bytes: Uint8Array, entries: Map<string, ZipEntry>, fileName: string) {
  let firstSheetRel: string | null = null;
  let date1904 = false;
  await parsePart(bytes, entries, 'xl/workbook.xml', fileName, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'workbookPr') date1904 = tag.attributes.date1904 === '1' || tag.attributes.date1904 === 'true';
      if (name === 'sheet' && firstSheetRel === null) {
        const rel = Object.entries(tag.attributes).find(([k]) => localName(k) === 'id');
        firstSheetRel = rel ? rel[1] : '';
      }
    },
  });
  let path = 'xl/worksheets/sheet1.xml';
  await parsePart(bytes, entries, 'xl/_rels/workbook.xml.rels', fileName, {
    open(tag) {
      if (localName(tag.name) === 'Relationship' && tag.attributes.Id === firstSheetRel) {
        const target = tag.attributes.Target ?? '';
        path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      }
    },
  });
  return { path, date1904 };
}

async function readSharedStrings(
  bytes: Uint8Array,
  entries: Map<string, ZipEntry>,
  fileName: string,
  sheetBytes: number,
  signal?: AbortSignal,
) {
  // A cell that uses a shared string takes at least 16 bytes of the sheet (<c t="s"><v>0</v></c>): a table with
  // more strings than the sheet can use is refused as soon as the count passes that, not after millions.
  const most = Math.min(importLimits.sharedStrings, Math.ceil(sheetBytes / 16) + 1_000);
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let inPhonetic = false;
  let chars = 0;
  await parsePart(
    bytes,
    entries,
    'xl/sharedStrings.xml',
    fileName,
    {
      open(tag) {
        const name = localName(tag.name);
        if (name === 'si') current = '';
        else if (name === 't') inText = !inPhonetic;
        else if (name === 'sst') {
          // The declared count is believed only to refuse at once; the entries are counted in any case.
          const declared = Number(tag.attributes.uniqueCount ?? tag.attributes.count ?? 0);
          if (declared > most) throw limitError(fileName, 'sharedStrings', { max: most, found: declared });
        } else if (name === 'rPh') inPhonetic = true;
      },
      close(tag) {
        const name = localName(tag.name);
        if (name === 'si') {
          if (strings.length >= most)
            throw limitError(fileName, 'sharedStrings', { max: most, found: strings.length + 1 });
          chars += current.length;
          if (chars > importLimits.sharedStringChars) throw limitError(fileName, 'sharedStringChars', { found: chars });
          strings.push(current);
        } else if (name === 't') inText = false;
        else if (name === 'rPh') inPhonetic = false;
      },
      text(text) {
        if (!inText) return;
        if (chars + current.length + text.length > importLimits.sharedStringChars)
          throw limitError(fileName, 'sharedStringChars', { found: chars + current.length + text.length });
        current += text;
      },
    },
    signal,
  );
  return strings;
}

/** For each cell style index, whether it shows a date. */
async function readDateStyles(bytes: Uint8Array, entries: Map<string, ZipEntry>, fileName: string): Promise<boolean[]> {
  const customDate = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await parsePart(bytes, entries, 'xl/styles.xml', fileName, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'numFmt')
        customDate.set(Number(tag.attributes.numFmtId), isDateFormatCode(tag.attributes.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        styles.push(customDate.get(id) ?? builtinDateFormats.has(id));
      }
    },
    close(tag) {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

export interface XlsxSheet {
  /** Bytes the first sheet's XML unpacks to (from the zip directory, held to it while reading); 0 until read. */
  totalBytes(): number;
  /** Bytes of the sheet's XML read so far (to within a parse slice). */
  position(): number;
  /** Reads the rows of the first worksheet, in order; see readXlsxRows. */
  read(reader: RowReader): Promise<void>;
}

/** Finds the first worksheet of a workbook (reading only its zip directory). */
export function openXlsx(bytes: Uint8Array, fileName: string): XlsxSheet {
  const entries = readZipDirectory(bytes, fileName);
  let consumed = 0;
  let total = 0;
  return {
    totalBytes: () => total,
    position: () => consumed,
    read: (reader) =>
      readSheet(bytes, fileName, entries, reader, {
        onSheet: (size) => (total = size),
        onConsumed: (n) => (consumed += n),
      }),
  };
}

/**
 * Reads the rows of the first worksheet, in order, as text cells. Rows the sheet skips (entirely empty) are not
 * reported; each row carries its spreadsheet row number.
 */
export async function readXlsxRows(bytes: Uint8Array, fileName: string, reader: RowReader): Promise<void> {
  await openXlsx(bytes, fileName).read(reader);
}

async function readSheet(
  bytes: Uint8Array,
  fileName: string,
  entries: Map<string, ZipEntry>,
  reader: RowReader,
  track: { onSheet(size: number): void; onConsumed(chars: number): void },
): Promise<void> {
  const { path, date1904 } = await firstSheetPath(bytes, entries, fileName);
  const sheet = entries.get(path);
  if (!sheet) throw corrupt(fileName, 'it has no worksheet');
  track.onSheet(sheet.uncompressedSize);
  const shared = await readSharedStrings(bytes, entries, fileName, sheet.uncompressedSize, reader.signal);
  const dateStyles = await readDateStyles(bytes, entries, fileName);

  let stopped = false;
  let rowNumber = 0;
  let rowsRead = 0;
  let cells: string[] = [];
  let cellsInRow = 0;
  let column = -1;
  let cellType = '';
  let cellIsDate = false;
  let value = '';
  let collecting = false;

  const finishCell = () => {
    let text = value;
    if (cellType === 's') text = shared[Number(value)] ?? '';
    else if (cellType === 'b') text = value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
    else if ((cellType === '' || cellType === 'n') && cellIsDate && value !== '') {
      const serial = Number(value);
      if (Number.isFinite(serial)) text = excelSerialToIso(serial, date1904);
    }
    // column < importLimits.columnReference (checked when the cell opened): the padding is bounded.
    while (cells.length < column) cells.push('');
    cells[column] = text;
  };

  const parser = xmlParser(fileName, {
    open(tag) {
      if (stopped) return;
      switch (localName(tag.name)) {
        case 'row': {
          const r = tag.attributes.r;
          rowNumber = r ? Number(r) : rowNumber + 1;
          if (!(rowNumber <= importLimits.rowReference))
            throw limitError(fileName, 'rowReference', { where: `row ${r ?? rowNumber}` });
          if (++rowsRead > importLimits.rows) throw limitError(fileName, 'rows', { found: rowsRead });
          cells = [];
          cellsInRow = 0;
          column = -1;
          break;
        }
        case 'c': {
          const ref = tag.attributes.r;
          const at = ref ? columnIndexOf(ref) : -1;
          column = at >= 0 ? at : column + 1;
          if (ref && rowNumber === 0) rowNumber = rowIndexOf(ref);
          if (++cellsInRow > importLimits.cellsPerRow)
            throw limitError(fileName, 'cellsPerRow', { row: rowNumber, found: cellsInRow });
          if (column >= importLimits.columnReference) {
            if (ref) throw limitError(fileName, 'columnReference', { where: ref.slice(0, 20) });
            throw limitError(fileName, 'cellsPerRow', { row: rowNumber, found: column + 1 });
          }
          if (ref && rowIndexOf(ref) > importLimits.rowReference)
            throw limitError(fileName, 'rowReference', { where: ref.slice(0, 20) });
          cellType = tag.attributes.t ?? '';
          cellIsDate = dateStyles[Number(tag.attributes.s ?? 0)] ?? false;
          value = '';
          break;
        }
        case 'v':
        case 't':
          collecting = true;
          break;
      }
    },
    close(tag) {
      if (stopped) return;
      switch (localName(tag.name)) {
        case 'v':
        case 't':
          collecting = false;
          break;
        case 'c':
          finishCell();
          break;
        case 'row':
          if (reader.onRow(cells, rowNumber) === false) stopped = true;
          break;
      }
    },
    text(text) {
      if (collecting) value += text;
    },
  });
  await streamEntryText(
    bytes,
    sheet,
    fileName,
    (text) => !stopped && writeInSlices(parser, text, track.onConsumed, () => stopped),
    {
      signal: reader.signal,
      progress: reader.progress,
      stopped: () => stopped,
    },
  );
  if (!stopped) parser.close();
}

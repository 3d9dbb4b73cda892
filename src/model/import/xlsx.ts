/**
 * XLSX reading that streams: the worksheet part is inflated piece by piece (fflate) and parsed as it comes
 * (saxes), so a 100,000-row sheet never exists as one XML string. Only the first worksheet is read. Cells become
 * text as the planner saw them: shared and inline strings, numbers as written, booleans TRUE/FALSE, and date-
 * formatted numbers as ISO dates (yyyy-mm-dd). Formulas are never evaluated: their cached result is read.
 */
import { Inflate } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ModelError } from '../../shared/errors';
import { throwIfAborted, yieldToEventLoop, type RowReader } from './delimited';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const INPUT_SLICE = 1024 * 1024;

function corrupt(fileName: string, why: string): ModelError {
  return new ModelError(
    'BAD_FILE',
    `"${fileName}" is not a readable Excel workbook (${why}); open it in Excel and save it again`,
    {
      fileName,
    },
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
    const uncompressedSize = view.getUint32(at + 24, true);
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
        if (uncompressedSize === 0xffffffff) take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      extra += 4 + size;
    }
    entries.set(name, { name, method, compressedSize, localHeaderOffset });
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
  const decoder = new TextDecoder('utf-8');
  const deliver = (chunk: Uint8Array, final: boolean) => onText(decoder.decode(chunk, { stream: !final }));
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
    options.progress?.(Math.min(data.length, offset + INPUT_SLICE), data.length);
    if (final || options.stopped?.()) break;
    await yieldToEventLoop();
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
  await streamEntryText(bytes, entry, fileName, (text) => parser.write(text), { signal });
  parser.close();
  return true;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

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

/** "BC" -> 54 (0-based column index of a cell reference's letters). */
function columnIndexOf(ref: string): number {
  let index = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    index = index * 26 + (c - 64);
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
  signal?: AbortSignal,
) {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let inPhonetic = false;
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
        else if (name === 'rPh') inPhonetic = true;
      },
      close(tag) {
        const name = localName(tag.name);
        if (name === 'si') strings.push(current);
        else if (name === 't') inText = false;
        else if (name === 'rPh') inPhonetic = false;
      },
      text(text) {
        if (inText) current += text;
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

/**
 * Reads the rows of the first worksheet, in order, as text cells. Rows the sheet skips (entirely empty) are not
 * reported; each row carries its spreadsheet row number.
 */
export async function readXlsxRows(bytes: Uint8Array, fileName: string, reader: RowReader): Promise<void> {
  const entries = readZipDirectory(bytes, fileName);
  const { path, date1904 } = await firstSheetPath(bytes, entries, fileName);
  const sheet = entries.get(path);
  if (!sheet) throw corrupt(fileName, 'it has no worksheet');
  const shared = await readSharedStrings(bytes, entries, fileName, reader.signal);
  const dateStyles = await readDateStyles(bytes, entries, fileName);

  let stopped = false;
  let rowNumber = 0;
  let cells: string[] = [];
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
          cells = [];
          column = -1;
          break;
        }
        case 'c': {
          const ref = tag.attributes.r;
          column = ref ? columnIndexOf(ref) : column + 1;
          if (ref && rowNumber === 0) rowNumber = rowIndexOf(ref);
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
  await streamEntryText(bytes, sheet, fileName, (text) => !stopped && parser.write(text), {
    signal: reader.signal,
    progress: reader.progress,
    stopped: () => stopped,
  });
  if (!stopped) parser.close();
}

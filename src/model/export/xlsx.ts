/**
 * A minimal Office Open XML (XLSX) writer on fflate, for exports of up to a million rows and more, in a Worker or
 * in Node. Why our own rather than a library: the npm `xlsx` package is ruled out; exceljs and write-excel-file build
 * each row as objects and need Node or DOM shims in a Worker, while an export only needs typed cells (text through
 * the shared string table, numbers as numbers), a bold frozen header and several sheets. fflate (already the
 * model's zip reader) deflates the sheets as they are produced, so no sheet ever exists as one XML string.
 *
 * Text cells are shared strings, never formulas: Excel and LibreOffice do not evaluate them, so XLSX cells are not
 * defused (no apostrophe shows up in a workbook). Postal codes and identifiers are always text, so `01000` keeps
 * its zero; numbers are written as numbers.
 */
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { ByteSink, concatChunks, utf8 } from './byteSink';
import type { ExportTable } from './table';

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// Characters XML 1.0 cannot carry at all.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** 0 -> "A", 26 -> "AA". */
export function columnLetters(index: number): string {
  let letters = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the workbook (case-insensitive). */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = Array.from(name.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet')
      .slice(0, 31)
      .join('');
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate =
        Array.from(base)
          .slice(0, 31 - suffix.length)
          .join('') + suffix;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

const STYLES =
  XML_HEADER +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const ROWS_PER_CHUNK = 10_000;

/**
 * The tables as one workbook, one sheet each, in order. `progress(done, total)` counts rows over all sheets.
 * Deflate level 1: a million-row sheet compresses about as well as at level 6 (text repeats), several times faster.
 */
export function writeXlsx(
  tables: readonly ExportTable[],
  progress?: (done: number, total: number) => void,
  mtime?: Date,
): Uint8Array {
  return concatChunks(xlsxChunks(tables, progress, mtime));
}

/**
 * The same workbook in chunks, as the zip produces them: handed on every ROWS_PER_CHUNK rows, so the caller can
 * stop between two (Stop) and keep nothing.
 */
export function* xlsxChunks(
  tables: readonly ExportTable[],
  progress?: (done: number, total: number) => void,
  /** The parts' modification time in the zip (one for all; now by default). */
  mtime: Date = new Date(),
): Generator<Uint8Array, void, undefined> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  /** What the zip has produced so far, to hand on. */
  const ready = (): Uint8Array[] => {
    if (failure) throw failure;
    return chunks.splice(0);
  };
  /** A part of the zip, deflated as it is pushed, all with the workbook's one modification time. */
  const deflated = (path: string) => {
    const part = new ZipDeflate(path, { level: 1 });
    part.mtime = mtime;
    return part;
  };
  const addPart = (path: string, text: string) => {
    const part = deflated(path);
    zip.add(part);
    part.push(strToU8(text), true);
  };

  const strings = new Map<string, number>();
  const stringList: string[] = [];
  const stringIndex = (text: string): number => {
    let index = strings.get(text);
    if (index === undefined) {
      index = stringList.length;
      strings.set(text, index);
      stringList.push(text);
    }
    return index;
  };

  const names = sheetNames(tables.map((t) => t.name));
  const total = tables.reduce((sum, t) => sum + t.rowCount, 0);
  let done = 0;
  for (let sheet = 0; sheet < tables.length; sheet++) {
    const table = tables[sheet];
    const part = deflated(`xl/worksheets/sheet${sheet + 1}.xml`);
    zip.add(part);
    const letters = table.columns.map((_, i) => columnLetters(i));
    const kinds = table.columns.map((c) => c.kind);
    const widths = table.columns.map((c) => Math.min(60, Math.max(10, c.header.length + 2)));
    const buffer =
      XML_HEADER +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '</sheetView></sheetViews><cols>' +
      widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('') +
      '</cols><sheetData><row r="1">' +
      table.columns.map((c, i) => `<c r="${letters[i]}1" s="1" t="s"><v>${stringIndex(c.header)}</v></c>`).join('') +
      '</row>';
    // The rows are ASCII only (shared string indexes, numbers, cell references): written as bytes straight into
    // the zip entry's input, with no string per row (see ByteSink). A cell's reference is written only after an
    // empty cell was left out: readers place a cell without one right after the previous cell.
    const sink = new ByteSink((chunk) => part.push(chunk));
    sink.text(buffer);
    const opens = letters.map((l) => utf8(`<c r="${l}`));
    const textCell = utf8('<c t="s"><v>');
    const numberCell = utf8('<c><v>');
    const textAfterRef = utf8('" t="s"><v>');
    const numberAfterRef = utf8('"><v>');
    const closeCell = utf8('</v></c>');
    const openRow = utf8('<row r="');
    const closeRow = utf8('</row>');
    let rowNumber = 1;
    let inChunk = 0;
    for (const cells of table.rows()) {
      rowNumber++;
      sink.bytes(openRow);
      sink.integer(rowNumber);
      sink.byte(34); // "
      sink.byte(62); // >
      let skipped = false;
      for (let i = 0; i < letters.length; i++) {
        const cell = cells[i];
        if (
          cell === null ||
          cell === undefined ||
          cell === '' ||
          (typeof cell === 'number' && !Number.isFinite(cell))
        ) {
          skipped = true;
          continue;
        }
        const asNumber = typeof cell === 'number' && kinds[i] === 'number';
        if (skipped) {
          sink.bytes(opens[i]);
          sink.integer(rowNumber);
          sink.bytes(asNumber ? numberAfterRef : textAfterRef);
        } else sink.bytes(asNumber ? numberCell : textCell);
        if (asNumber) sink.text(String(cell));
        else sink.integer(stringIndex(typeof cell === 'number' ? String(cell) : cell));
        sink.bytes(closeCell);
      }
      sink.bytes(closeRow);
      if (++inChunk === ROWS_PER_CHUNK) {
        inChunk = 0;
        done += ROWS_PER_CHUNK;
        progress?.(done, total);
        yield* ready();
      }
    }
    done += inChunk;
    const lastCell = `${letters[letters.length - 1] ?? 'A'}${rowNumber}`;
    sink.text(`</sheetData><autoFilter ref="A1:${lastCell}"/></worksheet>`);
    sink.flush();
    part.push(new Uint8Array(0), true);
    yield* ready();
  }
  progress?.(done, total);

  const shared = deflated('xl/sharedStrings.xml');
  zip.add(shared);
  let buffer =
    XML_HEADER +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${stringList.length}" uniqueCount="${stringList.length}">`;
  for (let i = 0; i < stringList.length; i++) {
    const text = stringList[i];
    buffer +=
      text.trim() === text
        ? `<si><t>${escapeXml(text)}</t></si>`
        : `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`;
    if (buffer.length > 1 << 20) {
      shared.push(strToU8(buffer));
      buffer = '';
      yield* ready();
    }
  }
  shared.push(strToU8(`${buffer}</sst>`), true);

  addPart(
    '[Content_Types].xml',
    XML_HEADER +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      tables
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '</Types>',
  );
  addPart(
    '_rels/.rels',
    XML_HEADER +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
  );
  addPart(
    'xl/workbook.xml',
    XML_HEADER +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  addPart(
    'xl/_rels/workbook.xml.rels',
    XML_HEADER +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      tables
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${tables.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${tables.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
  );
  addPart('xl/styles.xml', STYLES);
  zip.end();
  yield* ready();
}

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { excelSerialToIso, isDateFormatCode, readXlsxRows } from '../../../src/model/import/xlsx';
import { ModelError } from '../../../src/shared/errors';
import { writeXlsx } from './helpers';

async function rowsOf(bytes: Uint8Array) {
  const rows: { row: number; cells: string[] }[] = [];
  await readXlsxRows(bytes, 'book.xlsx', { onRow: (cells, row) => void rows.push({ row, cells: [...cells] }) });
  return rows;
}

describe('XLSX reading', () => {
  it('reads shared strings, numbers, booleans and date-formatted serials as text cells', async () => {
    const bytes = writeXlsx([
      ['Account ID', 'Account Name', 'Annual Revenue', 'Active', 'Created'],
      ['A-1', 'Société Générale', 1250000.5, true, { date: 45292 }],
      ['A-2', '=SUM(1,2)', -3, false, { date: 45292.5 }],
    ]);
    const rows = await rowsOf(bytes);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[1].cells).toEqual(['A-1', 'Société Générale', '1250000.5', 'TRUE', '2024-01-01']);
    // A formula-looking string stays text; a fractional serial keeps its time.
    expect(rows[2].cells).toEqual(['A-2', '=SUM(1,2)', '-3', 'FALSE', '2024-01-01T12:00:00']);
  });

  it('reads inline strings and leaves gaps of missing cells empty', async () => {
    const rows = await rowsOf(
      writeXlsx(
        [
          ['a', null, 'c'],
          [null, 'B2'],
        ],
        { inlineStrings: true },
      ),
    );
    expect(rows[0].cells).toEqual(['a', '', 'c']);
    expect(rows[1].cells).toEqual(['', 'B2']);
  });

  it('reads rich text runs of shared strings without their phonetic hints, and the cached value of formulas', async () => {
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="3"><c r="B3" t="s"><v>0</v></c><c r="C3"><f>1+1</f><v>2</v></c><c r="D3" t="str"><f>A1&amp;"x"</f><v>ax</v></c></row>' +
      '</sheetData></worksheet>';
    const bytes = zipSync({
      'xl/workbook.xml': strToU8(
        '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="/xl/worksheets/data.xml"/></Relationships>',
      ),
      'xl/sharedStrings.xml': strToU8(
        '<sst><si><r><t>Bold</t></r><r><t xml:space="preserve"> part</t></r><rPh><t>ふりがな</t></rPh></si></sst>',
      ),
      'xl/worksheets/data.xml': strToU8(sheet),
    });
    const rows = await rowsOf(bytes);
    expect(rows).toEqual([{ row: 3, cells: ['', 'Bold part', '2', 'ax'] }]);
  });

  it('refuses a damaged workbook with BAD_FILE', async () => {
    const bytes = writeXlsx([['a']]);
    const damaged = bytes.slice(0, bytes.length - 30);
    const error = await readXlsxRows(damaged, 'broken.xlsx', { onRow: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('BAD_FILE');
  });

  it('streams a large sheet and stops early when asked', async () => {
    const rows: (string | number)[][] = [['id', 'name', 'revenue']];
    for (let i = 0; i < 20_000; i++) rows.push([`id-${i}`, `Name ${i}`, i * 1.5]);
    const bytes = writeXlsx(rows);
    let seen = 0;
    await readXlsxRows(bytes, 'big.xlsx', { onRow: () => ++seen < 100 });
    expect(seen).toBe(100);
    const all = await rowsOf(bytes);
    expect(all.length).toBe(20_001);
    expect(all[20_000].cells).toEqual(['id-19999', 'Name 19999', String(19_999 * 1.5)]);
  });
});

describe('Excel dates', () => {
  it('converts serials in both date systems, including before the fictitious 1900-02-29', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45292)).toBe('2024-01-01');
    expect(excelSerialToIso(43830, true)).toBe('2024-01-01');
  });

  it('tells date formats from number formats', () => {
    expect(isDateFormatCode('dd/mm/yyyy')).toBe(true);
    expect(isDateFormatCode('[$-409]mmmm d, yyyy;@')).toBe(true);
    expect(isDateFormatCode('#,##0.00 "€"')).toBe(false);
    expect(isDateFormatCode('[Red]0.00')).toBe(false);
    expect(isDateFormatCode('"days"0')).toBe(false);
  });
});

import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../../src/model/import/xlsx';
import { columnLetters, sheetNames, writeXlsx } from '../../../src/model/export/xlsx';
import { tableOf, type ExportCell, type ExportColumn } from '../../../src/model/export/table';

const columns: ExportColumn[] = [
  { key: 'code', header: 'code', kind: 'identifier' },
  { key: 'name', header: 'name', kind: 'text' },
  { key: 'postal', header: 'postal code', kind: 'postal' },
  { key: 'amount', header: 'amount', kind: 'number' },
];

async function readBack(bytes: Uint8Array): Promise<string[][]> {
  const rows: string[][] = [];
  await readXlsxRows(bytes, 'test.xlsx', { onRow: (cells) => void rows.push(cells) });
  return rows;
}

describe('XLSX writer', () => {
  it('is read back by the app’s own XLSX reader: text, postal codes with their zeros, numbers', async () => {
    const rows: ExportCell[][] = [
      ['-F-016', 'Café <Nord> & "Sud"', '01000', 1234.5],
      ['=X', ' padded ', null, 0],
      ['営業', 'bad\u0001char', '75001', -1e-7],
    ];
    const bytes = writeXlsx([tableOf('Assignments', columns, rows)]);
    expect(await readBack(bytes)).toEqual([
      ['code', 'name', 'postal code', 'amount'],
      ['-F-016', 'Café <Nord> & "Sud"', '01000', '1234.5'],
      ['=X', ' padded ', '', '0'],
      ['営業', 'badchar', '75001', '-1e-7'],
    ]);
    const parts = unzipSync(bytes);
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']);
    // Numbers are numbers (no t attribute), postal codes and codes are shared strings. A cell names its reference
    // only after an empty cell was left out (row 3 has no C).
    expect(sheet).toMatch(
      /<row r="2"><c t="s"><v>\d+<\/v><\/c><c t="s"><v>\d+<\/v><\/c><c t="s"><v>\d+<\/v><\/c><c><v>1234.5<\/v><\/c><\/row>/,
    );
    expect(sheet).toContain('<c r="D3"><v>0</v></c></row>');
    expect(sheet).not.toContain('<f>');
  });

  it('writes several sheets with Excel-safe unique names', () => {
    const bytes = writeXlsx([
      tableOf('Assignments', columns, [['A', 'a', null, 1]]),
      tableOf('Territories: all/[EMEA]', columns, []),
      tableOf('assignments', columns, []),
    ]);
    const workbook = strFromU8(unzipSync(bytes)['xl/workbook.xml']);
    expect(workbook).toContain('name="Assignments"');
    expect(workbook).toContain('name="Territories  all  EMEA"');
    expect(workbook).toContain('name="assignments (2)"');
    expect(Object.keys(unzipSync(bytes))).toContain('xl/worksheets/sheet3.xml');
  });

  it('names columns and sheets as Excel does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(sheetNames(['x'.repeat(40)])[0]).toHaveLength(31);
  });
});

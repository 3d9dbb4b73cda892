import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { defuseCell, frenchCsvOptions, undefuseCell, writeCsv } from '../../../src/model/export/csv';
import { exportFileName, safeFileStem } from '../../../src/model/export/fileName';
import { tableOf, type ExportColumn } from '../../../src/model/export/table';

const columns: ExportColumn[] = [
  { key: 'code', header: 'code', kind: 'identifier' },
  { key: 'name', header: 'name', kind: 'text' },
  { key: 'postal', header: 'postal code', kind: 'postal' },
  { key: 'amount', header: 'amount', kind: 'number' },
];

/** What a spreadsheet would treat as a formula when it opens the CSV: a second, plain statement of the rule. */
const runsAsFormula = (cell: string) => ['=', '+', '-', '@', '\t', '\r'].includes(cell[0] ?? '');

describe('CSV: formulas defused', () => {
  it('prefixes formula-looking free text and keeps identifier-shaped codes', () => {
    expect(defuseCell('=HYPERLINK("http://x","y")', 'text')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(defuseCell('@SUM(A1)', 'text')).toBe("'@SUM(A1)");
    expect(defuseCell('\tx', 'text')).toBe("'\tx");
    expect(defuseCell('-F-016', 'identifier')).toBe('-F-016');
    expect(defuseCell('+33-REG', 'identifier')).toBe('+33-REG');
    expect(defuseCell('-42', 'identifier')).toBe('-42');
    expect(defuseCell('-F-016', 'text')).toBe("'-F-016");
    // In an identifier column, anything that could call a function or another program is still defused.
    expect(defuseCell('=1+2', 'identifier')).toBe("'=1+2");
    expect(defuseCell('-2+3+cmd|calc!A0', 'identifier')).toBe("'-2+3+cmd|calc!A0");
    expect(defuseCell('-SUM(A1:A9)', 'identifier')).toBe("'-SUM(A1:A9)");
    expect(defuseCell('@x', 'identifier')).toBe("'@x");
    expect(defuseCell('Paris', 'text')).toBe('Paris');
    // Text that looks defused already keeps its own apostrophe through a round trip.
    expect(undefuseCell(defuseCell("'+", 'text'))).toBe("'+");
    expect(undefuseCell(defuseCell("'=1", 'identifier'))).toBe("'=1");
  });

  it('never lets a free-text cell start like a formula, and undefusing gives the value back', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const out = defuseCell(text, 'text');
        expect(runsAsFormula(out)).toBe(false);
        expect(undefuseCell(out)).toBe(text);
      }),
    );
  });

  it('lets an identifier through only when it has no parenthesis, quote, pipe, bang, space or operator but a sign', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'=+-@(|!" A1._/'.split('')), maxLength: 12 }), (text) => {
        const out = defuseCell(text, 'identifier');
        if (out === text && runsAsFormula(text)) {
          expect(text.slice(1)).toMatch(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/);
        }
      }),
    );
  });
});

describe('CSV: writing', () => {
  const table = tableOf('T', columns, [
    ['-F-016', 'Café "Le Nord", Lille', '01000', 1234.5],
    ['X1', '=cmd', null, null],
    ['X2', 'line\nbreak', '75001', -0.25],
  ]);

  it('writes UTF-8 with a BOM, CRLF and RFC 4180 quotes that papaparse reads back', () => {
    const csv = writeCsv(table);
    expect(csv.startsWith('\uFEFFcode,name,postal code,amount\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['code', 'name', 'postal code', 'amount'],
      ['-F-016', 'Café "Le Nord", Lille', '01000', '1234.5'],
      ['X1', "'=cmd", '', ''],
      ['X2', 'line\nbreak', '75001', '-0.25'],
    ]);
  });

  it('writes ; and decimal commas for French Excel', () => {
    const csv = writeCsv(table, frenchCsvOptions);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[1]).toEqual(['-F-016', 'Café "Le Nord", Lille', '01000', '1234,5']);
    expect(rows[3][3]).toBe('-0,25');
  });
});

describe('file names', () => {
  it('keep the plan name, Unicode included, minus what a file system refuses', () => {
    expect(exportFileName('FY27 – EMEA', false, 'assignments', 'csv')).toBe('FY27 – EMEA - assignments.csv');
    expect(exportFileName('Plan 2027 / Île-de-France: v2?', true, 'plan', 'xlsx')).toBe(
      'Plan 2027 Île-de-France v2 (draft) - plan.xlsx',
    );
    expect(safeFileStem('営業計画 🚀')).toBe('営業計画 🚀');
    expect(safeFileStem('CON')).toBe('CON_');
    expect(safeFileStem('...')).toBe('plan');
    expect(safeFileStem('a\u0000b|c*d.')).toBe('abcd');
  });
});

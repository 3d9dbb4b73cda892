import { describe, expect, it } from 'vitest';
import {
  analyzeFile,
  prepareImport,
  preparedProblemsCsv,
  type PrepareDeps,
  type PreparedImport,
} from '../../../src/model/import';
import type { PreparedRecords } from '../../../src/model/import/prepare';
import type { ImportKind } from '../../../src/model/import/types';
import { appendRow, createRecordTable, getCell, type RecordTable } from '../../../src/model/records/recordTable';
import { coreFieldDefs } from '../../../src/shared/records';
import type { RecordKind } from '../../../src/shared/domain';
import { fixture, geocoder, newTask, utf8 } from './helpers';

function depsWith(accounts: string[] = []): PrepareDeps {
  const tables = new Map<RecordKind, RecordTable>();
  const table = createRecordTable('account', coreFieldDefs('account'));
  for (const id of accounts) appendRow(table, { externalId: id, name: id });
  tables.set('account', table);
  return {
    records: async (kind) => tables.get(kind) ?? createRecordTable(kind, coreFieldDefs(kind)),
    geocoder,
  };
}

async function prepare(
  bytes: Uint8Array,
  kind: ImportKind,
  fileName = 'file.csv',
  deps = depsWith(),
  adjust?: (a: Awaited<ReturnType<typeof analyzeFile>>) => void,
): Promise<PreparedImport> {
  const analysis = await analyzeFile(bytes, { kind, fileName });
  adjust?.(analysis);
  return prepareImport(deps, bytes, { kind, fileName, mapping: analysis.mapping }, newTask());
}

function cells(prepared: PreparedImport, key: string): (string | number | null)[] {
  const { staged } = prepared as PreparedRecords;
  return Array.from({ length: staged.rowCount }, (_, r) => getCell(staged, key, r));
}

const problemsOf = (prepared: PreparedImport) => prepared.report.problems.map((p) => [p.row, p.column, p.code]);

describe('reading a whole file into records', () => {
  it('types a French file: decimal commas, grouped thousands, money, day-first dates, coordinates', async () => {
    const prepared = await prepare(fixture('comptes-fr.csv'), 'account');
    expect(cells(prepared, 'annualRevenue')).toEqual([1234567.89, 98000, 450000]);
    expect(cells(prepared, 'employees')).toEqual([12, 5, 9]);
    expect(cells(prepared, 'dateDeCreation')).toEqual([
      Date.UTC(2023, 11, 25),
      Date.UTC(2024, 0, 3),
      Date.UTC(2024, 1, 15),
    ]);
    expect(cells(prepared, 'latitude')[0]).toBe(45.764);
    expect(cells(prepared, 'longitude')[0]).toBe(4.8357);
    expect(cells(prepared, 'postalCode')).toEqual(['69001', '06000', '59000']);
    // 06000 Nice and 59000 Lille are found by their postal codes (shipped French postal positions).
    expect(cells(prepared, 'geoPrecision')).toEqual(['exact', 'postal', 'postal']);
    expect(prepared.report.problems).toEqual([]);
  });

  it('reads Windows-1252 and UTF-16 files into the same text', async () => {
    const latin = await prepare(fixture('comptes-windows1252.csv'), 'account');
    expect(cells(latin, 'name')).toEqual(['Crédit Agricole', 'Française des Jeux']);
    const utf16 = await prepare(fixture('accounts-utf16be.txt'), 'account', 'accounts.txt');
    expect(cells(utf16, 'name')).toEqual(['Société Générale', 'Zürich Versicherung']);
  });

  it('keeps formula-looking cells as text, never evaluated, and refuses them as numbers', async () => {
    const prepared = await prepare(fixture('formulas.csv'), 'account');
    expect(cells(prepared, 'name')).toEqual(['=HYPERLINK("http://example.invalid","click")', '@SUM(A1:A9)']);
    expect(cells(prepared, 'notes')).toEqual(['+33 1 23 45 67 89', '-not a number']);
    expect(cells(prepared, 'annualRevenue')).toEqual([-1500, null]);
    // -1500 is read, and flagged as a value to question (a notice: the row still goes in, not in the CSV).
    expect(problemsOf(prepared)).toEqual([
      [2, 'Annual Revenue', 'negativeValue'],
      [3, 'Annual Revenue', 'notANumber'],
    ]);
    const csv = preparedProblemsCsv(prepared);
    expect(csv.split('\r\n')[1]).toBe(
      `3,"Annual Revenue: ""=1+2"" is not a number; the cell is left empty",X-2,'@SUM(A1:A9),'-not a number,'=1+2`,
    );
    expect(csv.split('\r\n')[0]).toBe('Row,Problems,Account ID,Account Name,Notes,Annual Revenue');
  });

  it('names rows with too many or too few cells, ignoring a trailing delimiter', async () => {
    const prepared = await prepare(fixture('cell-counts.csv'), 'account');
    expect(problemsOf(prepared)).toEqual([
      [3, null, 'tooManyCells'],
      [4, null, 'tooFewCells'],
    ]);
    expect(prepared.report.counts).toEqual({ tooManyCells: 1, tooFewCells: 1 });
    expect(Array.from((prepared as PreparedRecords).severity)).toEqual([0, 2, 2, 0]);
  });

  it('reports an unclosed quote on its row and imports the rows after it', async () => {
    const prepared = await prepare(fixture('unbalanced-quotes.csv'), 'account');
    expect(problemsOf(prepared)).toEqual([[3, null, 'unbalancedQuotes']]);
    expect(cells(prepared, 'externalId')).toEqual(['U-1', 'U-2', 'U-3', 'U-4']);
    expect(cells(prepared, 'city')[2]).toBe('Nice');
  });

  it('cuts a very long cell to the spreadsheet limit and says so', async () => {
    const prepared = await prepare(fixture('long-cell.csv'), 'account');
    expect(problemsOf(prepared)).toEqual([[2, 'Notes', 'longCell']]);
    expect(String(cells(prepared, 'notes')[0]).length).toBe(32_767);
    expect(prepared.report.problems[0].message).toMatch(/40,000 characters/);
  });

  it('names missing required fields and duplicate external IDs by row and column', async () => {
    const text =
      'Account ID,Account Name,Annual Revenue\nA-1,Acme,10\n,No Id,20\nA-3,,30\nA-1,Acme again,40\nA-5,Fine,lots\n';
    const prepared = await prepare(utf8(text), 'account');
    expect(problemsOf(prepared)).toEqual([
      [3, 'Account ID', 'missingRequired'],
      [4, 'Account Name', 'missingRequired'],
      [5, 'Account ID', 'duplicateExternalId'],
      [6, 'Annual Revenue', 'notANumber'],
    ]);
    expect(prepared.report.problems[2].message).toBe('External ID "A-1" is already used by row 2; this row is skipped');
    expect(prepared.report.rowsWithErrors).toBe(3);
    expect(prepared.report.rowsWithWarnings).toBe(1);
    expect(Array.from((prepared as PreparedRecords).severity)).toEqual([0, 3, 3, 3, 2]);
  });

  it('links contacts and deals to stored accounts, naming the unknown ones', async () => {
    const deps = depsWith(['A-001', 'A-002']);
    const contacts = await prepare(fixture('contacts-hubspot.csv'), 'contact', 'c.csv', deps);
    expect(problemsOf(contacts)).toEqual([[3, 'Company ID', 'unknownAccount']]);
    const deals = await prepare(fixture('deals-dates-ambiguous.csv'), 'deal', 'd.csv', deps);
    expect(problemsOf(deals)).toEqual([[4, 'Account ID', 'unknownAccount']]);
    expect(cells(deals, 'status')).toEqual(['won', 'open', 'lost']);
  });

  it('reads ambiguous dates in the order the planner chose', async () => {
    const bytes = fixture('deals-dates-ambiguous.csv');
    const analysis = await analyzeFile(bytes, { kind: 'deal', fileName: 'd.csv' });
    expect(analysis.ambiguities).toEqual([
      {
        column: 5,
        header: 'Close Date',
        kind: 'dateOrder',
        options: ['mdy', 'dmy'],
        examples: ['03/04/2025', '05/06/2025', '07/08/2025'],
      },
    ]);
    const monthFirst = await prepare(bytes, 'deal');
    expect(cells(monthFirst, 'closeDate')[0]).toBe(Date.UTC(2025, 2, 4));
    const dayFirst = await prepare(bytes, 'deal', 'd.csv', depsWith(), (a) => (a.mapping[5].format.dateOrder = 'dmy'));
    expect(cells(dayFirst, 'closeDate')[0]).toBe(Date.UTC(2025, 3, 3));
    const us = await prepare(fixture('deals-dates-us.csv'), 'deal');
    expect(cells(us, 'closeDate')).toEqual([Date.UTC(2025, 11, 31), Date.UTC(2026, 0, 15)]);
  });

  it('keeps postal codes as text with their zeros, restoring those a spreadsheet took from US ZIPs', async () => {
    const prepared = await prepare(fixture('zip-leading-zeros.csv'), 'account');
    expect(cells(prepared, 'postalCode')).toEqual(['02134', '07102', '75001']);
    expect(problemsOf(prepared)).toEqual([[2, 'Billing Zip/Postal Code', 'postalCodeLeadingZero']]);
    expect(prepared.report.problems[0].severity).toBe('notice');
    // 75001 with no city is placed by its French postal code.
    expect(cells(prepared, 'geoPrecision')).toEqual(['postal', 'postal', 'postal']);
  });

  it('checks coordinates against their range, then finds them from the address', async () => {
    const text =
      'Account ID,Account Name,Latitude,Longitude,Billing City,Billing Country\nA-1,North,91,10,Paris,France\nA-2,Ok,48.85,2.35,,\n';
    const prepared = await prepare(utf8(text), 'account');
    expect(problemsOf(prepared)).toEqual([[2, 'Latitude', 'badCoordinate']]);
    expect(cells(prepared, 'geoPrecision')).toEqual(['city', 'exact']);
    expect(Number(cells(prepared, 'latitude')[0])).toBeCloseTo(48.85, 1);
  });

  it('reads XLSX the same way as CSV', async () => {
    const { writeXlsx } = await import('./helpers');
    const bytes = writeXlsx([
      ['Account ID', 'Account Name', 'Annual Revenue', 'Billing Zip/Postal Code', 'Billing Country', 'Signed'],
      ['X-1', 'Excel Inc', 1500.25, '02134', 'USA', { date: 45292 }],
      ['X-2', 'Sheet Ltd', 99, 'M5V 2T6', 'Canada', { date: 45293 }],
    ]);
    const prepared = await prepare(bytes, 'account', 'accounts.xlsx');
    expect(cells(prepared, 'annualRevenue')).toEqual([1500.25, 99]);
    expect(cells(prepared, 'signed')).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
    expect(cells(prepared, 'geoPrecision')).toEqual(['postal', 'postal']);
  });

  it('refuses a mapping that does not fit the file', async () => {
    const analysis = await analyzeFile(fixture('pipe.csv'), { kind: 'account', fileName: 'p.csv' });
    const other = utf8('Name|Country\nX|Y\n');
    await expect(
      prepareImport(depsWith(), other, { kind: 'account', fileName: 'o.csv', mapping: analysis.mapping }, newTask()),
    ).rejects.toThrow(/not those of the mapping/);
  });
});

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/model/import/bytes';
import { detectDialect, MAX_ROW_CHARS, readDelimitedRows, type Dialect } from '../../../src/model/import/delimited';
import { fixture } from './helpers';

async function rowsOf(text: string, dialect: Dialect = detectDialect(text)) {
  const rows: { row: number; cells: string[] }[] = [];
  const broken: [number, string][] = [];
  await readDelimitedRows(text, dialect, {
    onRow: (cells, row) => void rows.push({ row, cells }),
    onBrokenQuotes: (row, kind) => void broken.push([row, kind]),
  });
  return { rows, broken };
}

describe('delimiter and line endings', () => {
  it('finds , ; tab and |', () => {
    expect(detectDialect(decodeText(fixture('accounts-en-bom.csv')).text)).toEqual({ delimiter: ',', newline: '\r\n' });
    expect(detectDialect(decodeText(fixture('comptes-fr.csv')).text).delimiter).toBe(';');
    expect(detectDialect(decodeText(fixture('accounts-utf16le.txt')).text).delimiter).toBe('\t');
    expect(detectDialect(decodeText(fixture('pipe.csv')).text).delimiter).toBe('|');
    expect(detectDialect('a,b\nc,d\n').newline).toBe('\n');
  });

  it('is not fooled by decimal commas in a semicolon file', () => {
    const text = 'Name;Revenue;Share\nAcme;1,5;2,25\nFoo;3,75;0,5\n';
    expect(detectDialect(text).delimiter).toBe(';');
  });
});

describe('reading rows', () => {
  it('keeps quoted newlines and escaped quotes in their cell, numbering rows as a spreadsheet does', async () => {
    const { rows } = await rowsOf(decodeText(fixture('quoted-newlines.csv')).text);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[1].cells[2]).toBe('12 rue de la Paix\r\nBâtiment B');
    expect(rows[1].cells[1]).toBe('Dupont, Fils & Cie');
    expect(rows[2].cells[1]).toBe('Say "Hello" Inc');
    expect(rows[3].cells).toEqual(['Q-3', 'Plain Co', '2 Side St', 'Denver', 'USA']);
  });

  it('reports an unclosed quote on its row and reads the rows after it', async () => {
    const { rows, broken } = await rowsOf(decodeText(fixture('unbalanced-quotes.csv')).text);
    expect(broken).toEqual([[3, 'unclosed']]);
    expect(rows.map((r) => r.cells[0])).toEqual(['Account ID', 'U-1', 'U-2', 'U-3', 'U-4']);
    expect(rows[3]).toEqual({ row: 4, cells: ['U-3', 'After The Break', 'Nice', 'France'] });
    expect(rows[4].row).toBe(5);
  });

  it('gives the same rows as papaparse on the whole text when rows cross chunk boundaries', async () => {
    const lines = ['id,name,notes'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},"Name ${i}","multi\nline ""${i}"" ${'z'.repeat(i % 97)}"`);
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024); // more than two chunks
    const { rows } = await rowsOf(text, { delimiter: ',', newline: '\n' });
    const expected = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', skipEmptyLines: true }).data;
    expect(rows.length).toBe(expected.length);
    expect(rows[45_678].cells).toEqual(expected[45_678]);
    expect(rows[100_000].cells[2]).toBe(`multi\nline "99999" ${'z'.repeat(99_999 % 97)}`);
  });

  it('stops at an unclosed quote that would swallow a huge file, and goes on after its line', async () => {
    const filler = Array.from({ length: Math.ceil(MAX_ROW_CHARS / 40) + 10 }, (_, i) => `${i},plain row number ${i},x`);
    const text = ['id,name,x', '0,"never closed,x', ...filler].join('\n');
    const { rows, broken } = await rowsOf(text, { delimiter: ',', newline: '\n' });
    expect(broken).toEqual([[2, 'unclosed']]);
    expect(rows[2].cells[0]).toBe('0');
    expect(rows.length).toBe(2 + filler.length);
  });

  it('stops when the reader says so (for a preview)', async () => {
    const rows: string[][] = [];
    await readDelimitedRows(
      'a\nb\nc\nd\n',
      { delimiter: ',', newline: '\n' },
      { onRow: (cells) => rows.push(cells) < 2 },
    );
    expect(rows).toEqual([['a'], ['b']]);
  });

  it('can be cancelled between chunks', async () => {
    const text = 'a,b\n'.repeat(1_500_000);
    const controller = new AbortController();
    let seen = 0;
    const reading = readDelimitedRows(
      text,
      { delimiter: ',', newline: '\n' },
      {
        signal: controller.signal,
        onRow: () => {
          if (++seen === 10) controller.abort();
        },
      },
    );
    await expect(reading).rejects.toThrow();
    expect(seen).toBeLessThan(1_500_000);
  });
});

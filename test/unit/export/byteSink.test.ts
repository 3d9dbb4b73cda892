/**
 * The byte writer of the exports against the platform's TextEncoder, and the CSV written through it against a
 * second, plain implementation (one string per row, joined, encoded), on generated cells: Unicode, formulas,
 * quotes, repeated and unique values, numbers and empty cells.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../../src/model/export/byteSink';
import { cellText, defaultCsvOptions, frenchCsvOptions, writeCsvBytes } from '../../../src/model/export/csv';
import { tableOf, type ExportCell, type ExportColumn } from '../../../src/model/export/table';

describe('ByteSink', () => {
  it('writes text, bytes and integers as TextEncoder would, across chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 40 }),
            fc.string({ maxLength: 3000 }),
            fc.nat({ max: 2 ** 40 }),
          ),
          { maxLength: 400 },
        ),
        fc.boolean(),
        (parts, streaming) => {
          const streamed: Uint8Array[] = [];
          const sink = new ByteSink(streaming ? (chunk) => streamed.push(chunk) : undefined);
          const encoder = new TextEncoder();
          parts.forEach((part, i) => {
            if (typeof part === 'number') sink.integer(part);
            else if (i % 2 === 0) sink.text(part);
            else sink.bytes(encoder.encode(part));
          });
          let bytes: Uint8Array;
          if (streaming) {
            sink.flush();
            bytes = new Uint8Array(streamed.reduce((n, c) => n + c.length, 0));
            let at = 0;
            for (const c of streamed) bytes.set(c, (at += c.length) - c.length);
          } else bytes = sink.result();
          expect([...bytes]).toEqual([...encoder.encode(parts.map(String).join(''))]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('CSV through bytes', () => {
  const columns: ExportColumn[] = [
    { key: 'id', header: 'external ID', kind: 'identifier' },
    { key: 'name', header: 'name', kind: 'text' },
    { key: 'postal', header: 'postal code', kind: 'postal' },
    { key: 'amount', header: 'amount', kind: 'number' },
  ];
  const text = fc.oneof(
    fc.constantFrom('=SUM(A1)', '-F-016', '+33-REG', '@x', '\tTab', 'Café "Nord"', 'a,b;c', ' padded ', '営業', ''),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  );
  const cell = (kind: ExportColumn['kind']): fc.Arbitrary<ExportCell> =>
    kind === 'number'
      ? fc.oneof(fc.constant(null), fc.double({ noNaN: true }), fc.integer())
      : fc.oneof(fc.constant(null), text);

  it('is the plain writer to the byte, in both CSV styles, with repeats and thousands of unique values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(...columns.map((c) => cell(c.kind))), { maxLength: 60 }),
        fc.nat({ max: 6000 }),
        fc.boolean(),
        (sample, unique, french) => {
          // Repeated rows (the per-column memory) then many unique IDs (where it gives up remembering).
          const rows: ExportCell[][] = [...sample, ...sample, ...sample].map((r) => [...r]);
          for (let i = 0; i < unique; i++) rows.push([`-U${i}`, i % 3 === 0 ? `=N${i}` : `n${i}`, null, i / 7]);
          const options = french ? frenchCsvOptions : defaultCsvOptions;
          const plain =
            '\uFEFF' +
            [columns.map((c) => c.header), ...rows.map((r) => r.map((v, i) => cellText(v, columns[i].kind, options)))]
              .map((line) => line.join(options.delimiter))
              .join('\r\n') +
            '\r\n';
          const bytes = writeCsvBytes(tableOf('t', columns, rows), options);
          expect(Buffer.from(bytes).equals(Buffer.from(new TextEncoder().encode(plain)))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

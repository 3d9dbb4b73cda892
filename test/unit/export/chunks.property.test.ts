/**
 * Every export writer gives its file in chunks (so Stop can land between two and the service keeps nothing): on
 * generated plans the chunks, however small, join into the very bytes of the whole-file writer, and the CSV equals
 * a plain second writer (cells joined row by row as strings).
 */
import fc from 'fast-check';
import { gunzipSync, strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Plan, Territory } from '../../../src/shared/domain';
import { emptyGeography } from '../../../src/shared/domain';
import { coreFieldDefs } from '../../../src/shared/records';
import { concatChunks } from '../../../src/model/export/byteSink';
import {
  cellText,
  csvChunks,
  defaultCsvOptions,
  frenchCsvOptions,
  writeCsvBytes,
  type CsvOptions,
} from '../../../src/model/export/csv';
import { buildPlanFile, jsonPieces, planFileBytes, planFileChunks } from '../../../src/model/export/planFile';
import { assignmentsTable, type KindExport, type PlanExportData } from '../../../src/model/export/planTables';
import { rowsOf, type ExportTable } from '../../../src/model/export/table';
import { textChunks, zipChunks } from '../../../src/model/export/stream';
import { writeXlsx, xlsxChunks } from '../../../src/model/export/xlsx';
import { emptyAssignment, type Assignment } from '../../../src/model/engine/rules/assignment';
import { appendRow, createRecordTable } from '../../../src/model/records/recordTable';
import { planDefaults } from '../../../src/model/service/plans';

/** Texts that stress the writers: quotes, delimiters, newlines, formula starts, accents, astral characters. */
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    'Île-de-France',
    'a "quoted" name',
    'x;y,z',
    'line\nbreak',
    '=SUM(A1)',
    '-F-016',
    '東京 🗼',
    ' pad ',
  ),
);

const generatedPlan = fc.record({
  name: text.filter((s) => s.trim().length > 0),
  territories: fc.array(fc.record({ parent: fc.nat(), name: text, code: text }), { minLength: 1, maxLength: 12 }),
  accounts: fc.array(
    fc.record({
      externalId: fc.oneof(fc.constant(''), text),
      name: text,
      country: fc.constantFrom('FR', 'DE', '', 'US'),
      postalCode: fc.constantFrom('', '01000', '75001', '-42'),
      territories: fc.array(fc.nat(), { maxLength: 3 }),
      source: fc.integer({ min: 0, max: 2 }),
      deleted: fc.boolean(),
    }),
    { maxLength: 60 },
  ),
  status: fc.constantFrom('draft', 'final'),
  perRecord: fc.boolean(),
  applied: fc.boolean(),
});

type Generated = typeof generatedPlan extends fc.Arbitrary<infer T> ? T : never;

function planOf(g: Generated): { data: PlanExportData; kinds: KindExport[] } {
  const now = '2026-12-01T00:00:00.000Z';
  const plan: Plan = {
    id: 'p',
    name: g.name.trim(),
    ...planDefaults,
    status: g.status,
    createdAt: now,
    updatedAt: now,
  };
  const territory = (i: number, parentId: string | null, name: string, code: string): Territory => ({
    id: `t${i}`,
    planId: plan.id,
    parentId,
    name: name.trim() || `T${i}`,
    code: code.trim(),
    description: '',
    color: '#336699',
    typeLabel: '',
    sortOrder: i,
    priority: i,
    rulesWhenEmpty: 'inherit',
    geography: emptyGeography(),
  });
  const territories = [territory(0, null, 'Organisation', '')];
  g.territories.forEach((t, i) => territories.push(territory(i + 1, `t${t.parent % (i + 1)}`, t.name, t.code)));
  const records = createRecordTable('account', coreFieldDefs('account'));
  for (const a of g.accounts) {
    const row = appendRow(records, {
      externalId: a.externalId,
      name: a.name,
      country: a.country,
      postalCode: a.postalCode,
    });
    if (a.deleted) records.deleted[row] = 1;
  }
  let assignment: Assignment | null = null;
  if (g.applied) {
    const ids = territories.map((t) => t.id);
    const applied = emptyAssignment('account', records.rowCount, ids);
    const entries: number[] = [];
    const sources: number[] = [];
    g.accounts.forEach((a, row) => {
      for (const t of new Set(a.territories.map((n) => 1 + (n % g.territories.length)))) {
        entries.push(t);
        sources.push(a.source);
      }
      applied.offsets[row + 1] = entries.length;
    });
    applied.territories = Uint32Array.from(entries);
    applied.sources = Uint8Array.from(sources);
    assignment = applied;
  }
  return {
    data: { plan, territories, rules: [], memberships: [], users: [], targets: [] },
    kinds: [{ kind: 'account', records, assignment }],
  };
}

/** The second writer: each cell's text, joined with strings (what the chunked byte writer must equal). */
function plainCsv(table: ExportTable, options: CsvOptions): string {
  const line = (cells: readonly (string | number | null)[]) =>
    table.columns.map((c, i) => cellText(cells[i] ?? null, c.kind, options)).join(options.delimiter);
  return `\uFEFF${[line(table.columns.map((c) => c.header)), ...rowsOf(table).map(line)].map((l) => `${l}\r\n`).join('')}`;
}

describe('export writers in chunks', () => {
  it('CSV: chunks of any size join into the whole file, which equals a plain string writer', () => {
    fc.assert(
      fc.property(generatedPlan, fc.integer({ min: 1, max: 64 }), fc.boolean(), (g, chunkBytes, french) => {
        const { data, kinds } = planOf(g);
        const table = assignmentsTable(data, kinds, g.perRecord ? 'perRecord' : 'perTerritory');
        const options = french ? frenchCsvOptions : defaultCsvOptions;
        const whole = writeCsvBytes(table, options);
        const chunks = [...csvChunks(table, options, undefined, chunkBytes)];
        expect(Buffer.from(concatChunks(chunks)).equals(Buffer.from(whole))).toBe(true);
        // Handed on as soon as full: no chunk waits for the end of the file (the header may fill a first, larger one).
        if (whole.length > 3_000) expect(chunks.length).toBeGreaterThan(1);
        expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(whole)).toBe(plainCsv(table, options));
      }),
      { numRuns: 150 },
    );
  });

  it('XLSX: the chunks join into the whole workbook', () => {
    fc.assert(
      fc.property(generatedPlan, (g) => {
        const { data, kinds } = planOf(g);
        const table = assignmentsTable(data, kinds, g.perRecord ? 'perRecord' : 'perTerritory');
        // One modification time for both: a zip records when each part was written.
        const mtime = new Date('2026-12-01T10:00:00Z');
        const chunks = [...xlsxChunks([table], undefined, mtime)];
        // Compared as one string: a deep comparison of differing arrays is slow to report.
        expect(Buffer.from(concatChunks(chunks)).toString('base64')).toBe(
          Buffer.from(writeXlsx([table], undefined, mtime)).toString('base64'),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('XLSX: a big sheet comes in many chunks, the first long before the end', () => {
    const g: Generated = {
      name: 'Big',
      territories: [{ parent: 0, name: 'EU', code: 'EU' }],
      accounts: Array.from({ length: 25_000 }, (_, i) => ({
        externalId: `A${i}`,
        name: `Account ${i}`,
        country: 'FR',
        postalCode: '75001',
        territories: [0],
        source: 0,
        deleted: false,
      })),
      status: 'final',
      perRecord: false,
      applied: true,
    };
    const { data, kinds } = planOf(g);
    let rowsWhenFirst = -1;
    let done = 0;
    const generator = xlsxChunks([assignmentsTable(data, kinds)], (d) => (done = d));
    const chunks: Uint8Array[] = [];
    for (const chunk of generator) {
      if (chunks.length === 0) rowsWhenFirst = done;
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThan(2);
    expect(rowsWhenFirst).toBeLessThan(25_000);
    expect(Object.keys(unzipSync(concatChunks(chunks)))).toContain('xl/worksheets/sheet1.xml');
  });

  it('plan file: the JSON in pieces is JSON.stringify exactly; gzipped, the same JSON', () => {
    fc.assert(
      fc.property(generatedPlan, fc.boolean(), (g, includeRecords) => {
        const { data, kinds } = planOf(g);
        const file = buildPlanFile({
          ...data,
          manualAssignments: [],
          kinds,
          includeRecords,
          exportedAt: '2026-12-01T00:00:00.000Z',
        });
        expect(
          Buffer.from(concatChunks(planFileChunks(file, false))).equals(Buffer.from(planFileBytes(file, false))),
        ).toBe(true);
        expect(strFromU8(gunzipSync(concatChunks(planFileChunks(file, true))))).toBe(JSON.stringify(file));
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 50 }),
        (v, slice, chars) => {
          expect([...jsonPieces(v, slice, chars)].join('')).toBe(JSON.stringify(v));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('CRM zip and GeoJSON text: chunked, and read back whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string()), { maxLength: 4 }),
        (files) => {
          const named = new Map(files.map(([name, content]) => [`${name.replace(/[/\\]/g, '_')}.csv`, content]));
          const zip = concatChunks(
            zipChunks([...named].map(([name, content]) => ({ name, chunks: textChunks(content, 3) }))),
          );
          const back = unzipSync(zip);
          expect(Object.fromEntries(Object.entries(back).map(([k, v]) => [k, strFromU8(v)]))).toEqual(
            Object.fromEntries(named),
          );
        },
      ),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (s, chars) => {
        expect(strFromU8(concatChunks(textChunks(s, chars)))).toBe(s);
      }),
    );
  });
});

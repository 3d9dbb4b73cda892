/**
 * Property: a country or region condition gives the same answer on a record whatever spelling its file used.
 * Two files of the same records, each row's country and region written in a spelling drawn at random (names in
 * several languages, ISO codes, case and accents changed), are imported; "is in regions" with a random list of
 * countries and subdivisions then holds on exactly the same rows of both, and on exactly the rows a plain
 * reference says (the record's country or region is listed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFile, prepareImport, type PrepareDeps } from '../../../src/model/import';
import type { PreparedRecords } from '../../../src/model/import/prepare';
import { compileCondition } from '../../../src/model/engine/rules/conditions';
import { ScanContext } from '../../../src/model/engine/rules/scanContext';
import { createRecordTable } from '../../../src/model/records/recordTable';
import { coreFieldDefs } from '../../../src/shared/records';
import { geocoder, newTask, places, utf8 } from '../import/helpers';
import { territory } from '../rules/helpers';

interface Place {
  country: string;
  region: string;
  countries: string[];
  regions: string[];
}

const pool: Place[] = [
  {
    country: 'DE',
    region: 'DE-BY',
    countries: ['Germany', 'Deutschland', 'Allemagne', 'DEU', 'de', 'Alemania', 'Germania', 'GERMANY'],
    regions: ['Bavaria', 'Bayern', 'BY', 'DE-BY', 'Bavière', 'bavaria'],
  },
  {
    country: 'AT',
    region: 'AT-9',
    countries: ['Austria', 'Österreich', 'Autriche', 'AUT', 'at', 'Oesterreich'],
    regions: ['Vienna', 'Wien', 'AT-9', 'Vienne'],
  },
  {
    country: 'CH',
    region: 'CH-ZH',
    countries: ['Switzerland', 'Schweiz', 'Suisse', 'CHE', 'Svizzera', 'ch'],
    regions: ['Zurich', 'Zürich', 'ZH', 'CH-ZH', 'zurich'],
  },
  {
    country: 'US',
    region: 'US-DE',
    countries: ['United States', 'USA', 'U.S.A.', 'États-Unis', 'Etats-Unis', 'United States of America', 'us'],
    regions: ['Delaware', 'DE', 'US-DE', 'delaware', 'de'],
  },
  {
    country: 'US',
    region: 'US-CA',
    countries: ['United States', 'USA', 'U.S.', 'Estados Unidos', 'Vereinigte Staaten'],
    regions: ['California', 'CA', 'US-CA', 'Californie', 'Kalifornien'],
  },
  {
    country: 'FR',
    region: 'FR-IDF',
    countries: ['France', 'Frankreich', 'FRA', 'Francia', 'FRANCE'],
    regions: ['Île-de-France', 'ile de france', 'Ile-de-France', 'IDF', 'FR-IDF', 'ÎLE-DE-FRANCE'],
  },
  {
    country: 'CA',
    region: 'CA-ON',
    countries: ['Canada', 'Kanada', 'CAN', 'canada'],
    regions: ['Ontario', 'ON', 'CA-ON'],
  },
];
const codes = [...new Set(pool.flatMap((p) => [p.country, p.region]))];

const deps: PrepareDeps = {
  records: async (kind) => createRecordTable(kind, coreFieldDefs(kind)),
  geocoder,
  places,
};

async function prepared(rows: { place: Place; country: string; region: string }[]): Promise<PreparedRecords> {
  const lines = ['Account ID,Account Name,Billing State,Billing Country'];
  rows.forEach((row, i) => lines.push(`A${i},Account ${i},"${row.region}","${row.country}"`));
  const bytes = utf8(lines.join('\n'));
  const analysis = await analyzeFile(bytes, { kind: 'account', fileName: 'a.csv' });
  return (await prepareImport(
    deps,
    bytes,
    { kind: 'account', fileName: 'a.csv', mapping: analysis.mapping },
    newTask(),
  )) as PreparedRecords;
}

function holding(table: PreparedRecords['staged'], wanted: string[]): number[] {
  const result = compileCondition(
    { field: '', operator: 'inRegions', value: wanted },
    table,
    territory('t', 'root'),
    new ScanContext(table),
  );
  if (!result.ok) throw new Error(result.problem.message);
  return Array.from({ length: table.rowCount }, (_, r) => r).filter((r) => result.scan.test(r));
}

const row = fc
  .record({ place: fc.constantFrom(...pool), a: fc.nat(), b: fc.nat(), c: fc.nat(), d: fc.nat() })
  .map(({ place, a, b, c, d }) => ({
    place,
    first: { country: place.countries[a % place.countries.length], region: place.regions[b % place.regions.length] },
    second: { country: place.countries[c % place.countries.length], region: place.regions[d % place.regions.length] },
  }));

describe('a place condition does not depend on how the file spelt the place', () => {
  it('"is in regions" holds on the same records whatever spelling each file used', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.subarray(codes, { minLength: 1 }),
        async (rows, wanted) => {
          const first = await prepared(rows.map((r) => ({ place: r.place, ...r.first })));
          const second = await prepared(rows.map((r) => ({ place: r.place, ...r.second })));
          const reference = rows
            .map((r, i) => (wanted.includes(r.place.country) || wanted.includes(r.place.region) ? i : -1))
            .filter((i) => i >= 0);
          expect(holding(first.staged, wanted)).toEqual(reference);
          expect(holding(second.staged, wanted)).toEqual(reference);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

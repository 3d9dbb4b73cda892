/** Canonical places of an import's rows: resolved per distinct value, with the problems a planner must see. */
import { describe, expect, it } from 'vitest';
import { analyzeFile, prepareImport, type PrepareDeps } from '../../../src/model/import';
import type { PreparedRecords } from '../../../src/model/import/prepare';
import { createRecordTable, getCell } from '../../../src/model/records/recordTable';
import type { PlaceFix } from '../../../src/shared/places';
import { coreFieldDefs } from '../../../src/shared/records';
import { geocoder, newTask, places, utf8 } from '../import/helpers';

const deps: PrepareDeps = {
  records: async (kind) => createRecordTable(kind, coreFieldDefs(kind)),
  geocoder,
  places,
};

async function prepare(csv: string, placeFixes: PlaceFix[] = [], placeReport = true): Promise<PreparedRecords> {
  const bytes = utf8(csv);
  const analysis = await analyzeFile(bytes, { kind: 'account', fileName: 'a.csv' });
  return (await prepareImport(
    deps,
    bytes,
    { kind: 'account', fileName: 'a.csv', mapping: analysis.mapping, placeFixes, placeReport },
    newTask(),
  )) as PreparedRecords;
}

const column = (prepared: PreparedRecords, key: string) =>
  Array.from({ length: prepared.staged.rowCount }, (_, r) => getCell(prepared.staged, key, r));

describe('canonical places at import', () => {
  it('reads countries in any language and regions within their country, never across', async () => {
    const prepared = await prepare(
      [
        'Account ID,Account Name,Billing City,Billing State,Billing Zip,Billing Country',
        'A1,Alpha,Munich,Bavaria,80331,Germany',
        'A2,Beta,München,,,Deutschland',
        'A3,Gamma,Dover,DE,19901-4321,USA',
        'A4,Delta,Paris,,75008,France',
        'A5,Epsilon,Toronto,ON,M5V 2T6,Canada',
        'A6,Zeta,London,,SW1A 1AA,United Kingdom',
        'A7,Eta,,DE,,',
      ].join('\n'),
    );
    expect(column(prepared, 'countryCode')).toEqual(['DE', 'DE', 'US', 'FR', 'CA', 'GB', null]);
    expect(column(prepared, 'regionCode')).toEqual(['DE-BY', 'DE-BY', 'US-DE', 'FR-IDF', 'CA-ON', 'GB-ENG', null]);
    expect(column(prepared, 'subregionCode')).toEqual([null, null, null, 'FR-75C', null, null, null]);
    expect(column(prepared, 'postalKey')).toEqual(['80331', null, '19901', '75008', 'M5V', 'SW1A', null]);
    // No shipped postal data for Great Britain: London is found by its city.
    expect(column(prepared, 'placeConfidence')).toEqual([
      'postal',
      'city',
      'postal',
      'postal',
      'postal',
      'city',
      'none',
    ]);
  });

  it('says which values it did not understand, with their rows, and takes the planner’s fix-ups', async () => {
    const csv = [
      'Account ID,Account Name,Billing City,Billing State,Billing Country',
      'B1,Alpha,,Bavaria,Germanie',
      'B2,Beta,,Bavaria,Germanie',
      'B3,Gamma,,Nowhere Land,Germany',
      'B4,Delta,,Texas,USA',
    ].join('\n');
    const before = await prepare(csv);
    const countries = before.places!.columns.find((c) => c.field === 'country')!;
    expect(countries).toMatchObject({ header: 'Billing Country', found: 2, notFound: 1 });
    expect(countries.values[0]).toMatchObject({ value: 'Germanie', status: 'notFound', rows: 2, firstRows: [2, 3] });
    const regions = before.places!.columns.find((c) => c.field === 'region')!;
    expect(regions.values.find((v) => v.value === 'Nowhere Land')).toMatchObject({
      status: 'notFound',
      firstRows: [4],
    });
    expect(before.report.problems.filter((p) => p.code === 'unknownPlace').map((p) => [p.row, p.column])).toEqual([
      [2, 'Billing Country'],
      [3, 'Billing Country'],
      [4, 'Billing State'],
    ]);
    const after = await prepare(csv, [
      { field: 'country', value: 'germanie', code: 'DE' },
      { field: 'region', value: 'Nowhere Land', code: 'DE-BE' },
    ]);
    expect(column(after, 'countryCode')).toEqual(['DE', 'DE', 'DE', 'US']);
    expect(column(after, 'regionCode')).toEqual(['DE-BY', 'DE-BY', 'DE-BE', 'US-TX']);
    expect(after.places!.columns[0].values[0]).toMatchObject({ value: 'Germanie', status: 'fixed', code: 'DE' });
    expect(after.report.problems.filter((p) => p.code === 'unknownPlace')).toEqual([]);
  });

  it('keys one postal code per country it is written in, and gives rows the same keys without the place report', async () => {
    const csv = [
      'Account ID,Account Name,Billing Zip,Billing Country',
      'E1,Alpha,75008,France',
      'E2,Beta,75008,Canada',
      'E3,Gamma,75008,France',
      'E4,Delta,M5V 2T6,Canada',
      'E5,Epsilon,M5V 2T6,Japan',
      'E6,Zeta,M5V 2T6,Canada',
      'E7,Eta,75008,Narnia',
    ].join('\n');
    const reported = await prepare(csv);
    expect(column(reported, 'postalKey')).toEqual(['75008', null, '75008', 'M5V', 'M5V2T6', 'M5V', '75008']);
    expect(column(reported, 'subregionCode')).toEqual(['FR-75C', null, 'FR-75C', null, null, null, null]);
    expect(reported.places).not.toBeNull();
    const unreported = await prepare(csv, [], false);
    expect(unreported.places).toBeNull();
    for (const key of ['countryCode', 'regionCode', 'subregionCode', 'postalKey', 'placeConfidence', 'latitude'])
      expect(column(unreported, key)).toEqual(column(reported, key));
    // The rows are told of what did not resolve all the same.
    expect(unreported.report.problems).toEqual(reported.report.problems);
    expect(unreported.report.problems.some((p) => p.code === 'unknownPlace' && p.row === 8)).toBe(true);
  });

  it('knows a German or French record’s region from its postal code alone', async () => {
    const prepared = await prepare(
      [
        'Account ID,Account Name,Billing Zip,Billing Country',
        'P1,Alpha,80331,Germany',
        'P2,Beta,50667,Deutschland',
        'P3,Gamma,69001,France',
      ].join('\n'),
    );
    expect(column(prepared, 'regionCode')).toEqual(['DE-BY', 'DE-NW', 'FR-ARA']);
    expect(column(prepared, 'placeConfidence')).toEqual(['postal', 'postal', 'postal']);
  });

  it('knows the overseas départements from their postal codes (971 to 976)', async () => {
    const prepared = await prepare(
      [
        'Account ID,Account Name,Billing Zip,Billing Country',
        'O1,Alpha,97110,France',
        'O2,Beta,97200,France',
        'O3,Gamma,97300,France',
        'O4,Delta,97400,France',
        'O5,Epsilon,97600,France',
      ].join('\n'),
    );
    expect(column(prepared, 'regionCode')).toEqual(['FR-971', 'FR-972', 'FR-973', 'FR-974', 'FR-976']);
    expect(column(prepared, 'placeConfidence')).toEqual(['postal', 'postal', 'postal', 'postal', 'postal']);
  });

  it('refuses 0,0 and flags military addresses and PO boxes, naming the rows', async () => {
    const prepared = await prepare(
      [
        'Account ID,Account Name,Billing Street,Billing City,Billing State,Billing Zip,Billing Country,Latitude,Longitude',
        'C1,Alpha,1 Main St,Boston,MA,02134,USA,0,0',
        'C2,Beta,Unit 2050 Box 4190,APO,AE,09096,USA,,',
        'C3,Gamma,P.O. Box 123,Chicago,IL,60601,USA,,',
        'C4,Delta,BP 42,Lyon,,69001,France,,',
      ].join('\n'),
    );
    const codes = prepared.report.problems.map((p) => [p.row, p.code]);
    expect(codes).toContainEqual([2, 'nullIsland']);
    expect(codes).toContainEqual([3, 'militaryAddress']);
    expect(codes).toContainEqual([4, 'poBox']);
    expect(codes).toContainEqual([5, 'poBox']);
    expect(column(prepared, 'placeFlag')).toEqual([null, 'military', 'poBox', 'poBox']);
    // 0,0 is dropped and the address used instead; the military address is not placed anywhere.
    expect(column(prepared, 'geoPrecision')).toEqual(['postal', 'none', 'postal', 'postal']);
    expect(Math.round(column(prepared, 'latitude')[0] as number)).toBe(42);
    expect(column(prepared, 'latitude')[1]).toBeNull();
    expect(column(prepared, 'placeConfidence')[1]).toBe('none');
  });

  it('calls a city ambiguous when several places of the country share its name and nothing narrows it', async () => {
    const prepared = await prepare(
      [
        'Account ID,Account Name,Billing City,Billing State,Billing Country',
        'D1,Alpha,Overton,,United Kingdom',
        'D2,Beta,Overton,Wales,United Kingdom',
        'D3,Gamma,Saint-Raphaël,,France',
        'D4,Delta,東京,,Japan',
      ].join('\n'),
    );
    expect(column(prepared, 'placeConfidence')).toEqual(['ambiguousCity', 'city', 'city', 'city']);
    expect(column(prepared, 'regionCode')).toEqual(['GB-ENG', 'GB-WLS', 'FR-PAC', 'JP-13']);
    expect(prepared.places!.guessedRows).toBe(1);
  });
});

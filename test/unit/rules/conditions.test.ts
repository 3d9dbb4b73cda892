import { describe, expect, it } from 'vitest';
import { compileCondition, type CompiledCondition } from '../../../src/model/engine/rules/conditions';
import { ScanContext } from '../../../src/model/engine/rules/scanContext';
import type { Condition, Territory } from '../../../src/shared/domain';
import type { RecordTable } from '../../../src/model/records/recordTable';
import { cond, square, table, territory, type Row } from './helpers';

function compiled(
  records: RecordTable,
  condition: Condition,
  where: Territory = territory('t', 'root'),
): CompiledCondition {
  return compileCondition(condition, records, where, new ScanContext(records));
}

/**
 * Rows where the condition holds, checked three ways that must agree: the dictionary decided up front (a long
 * candidate list), decided code by code as met (one row at a time), and the single-row test used by explain.
 */
function matching(rows: readonly Row[], condition: Condition, where?: Territory): number[] {
  const records = table('account', rows);
  const result = compiled(records, condition, where);
  if (!result.ok) throw new Error(result.problem.message);
  const { scan } = result;
  const all = Array.from({ length: records.rowCount }, (_, i) => i);
  // Repeating each row makes the candidate list long next to the dictionary: the up-front path.
  const repeat = 64;
  const long = Uint32Array.from(all.flatMap((row) => Array<number>(repeat).fill(row)));
  const out = new Uint32Array(long.length);
  const eager = [...new Set(out.subarray(0, scan.filter(long, long.length, out)))];
  const lazy = all.filter((row) => {
    const one = Uint32Array.of(row);
    return scan.filter(one, 1, new Uint32Array(1)) === 1;
  });
  const single = all.filter((row) => scan.test(row));
  expect(lazy).toEqual(eager);
  expect(single).toEqual(eager);
  return eager;
}

const industries: Row[] = [
  { industry: 'Retail' },
  { industry: 'retail' },
  { industry: 'RÉTAIL' },
  { industry: ' Retail  ' },
  { industry: 'Energy' },
  { industry: null },
  { industry: 'Rétail & Café' },
];

describe('text conditions', () => {
  it('is: ignores case, accents and surrounding spaces by default', () => {
    expect(matching(industries, cond('industry', 'is', 'retail'))).toEqual([0, 1, 2, 3]);
    expect(matching(industries, cond('industry', 'is', 'RETAIL'))).toEqual([0, 1, 2, 3]);
  });

  it('is with exact: compares as typed', () => {
    expect(matching(industries, cond('industry', 'is', 'Retail', true))).toEqual([0]);
    expect(matching(industries, cond('industry', 'is', 'RÉTAIL', true))).toEqual([2]);
  });

  it('is not: includes empty values, excludes every spelling of the value', () => {
    expect(matching(industries, cond('industry', 'isNot', 'retail'))).toEqual([4, 5, 6]);
  });

  it('is any of / is none of: a list, or pasted text split on commas and lines', () => {
    expect(matching(industries, cond('industry', 'isAnyOf', ['energy', 'retail']))).toEqual([0, 1, 2, 3, 4]);
    expect(matching(industries, cond('industry', 'isAnyOf', 'Energy,\nrétail & café'))).toEqual([4, 6]);
    expect(matching(industries, cond('industry', 'isNoneOf', ['energy', 'retail']))).toEqual([5, 6]);
  });

  it('contains / does not contain', () => {
    expect(matching(industries, cond('industry', 'contains', 'CAFE'))).toEqual([6]);
    expect(matching(industries, cond('industry', 'contains', 'Café', true))).toEqual([6]);
    expect(matching(industries, cond('industry', 'contains', 'café', true))).toEqual([]);
    expect(matching(industries, cond('industry', 'notContains', 'tail'))).toEqual([4, 5]);
  });

  it('starts with / ends with', () => {
    expect(matching(industries, cond('industry', 'startsWith', 'ret'))).toEqual([0, 1, 2, 3, 6]);
    expect(matching(industries, cond('industry', 'endsWith', 'GY'))).toEqual([4]);
    expect(matching(industries, cond('industry', 'endsWith', ['gy', 'cafe']))).toEqual([4, 6]);
  });

  it('is empty / is not empty, blank text counting as empty', () => {
    const rows: Row[] = [{ name: 'A' }, { name: null }, { name: '   ' }, { name: '' }];
    expect(matching(rows, cond('name', 'isEmpty', null))).toEqual([1, 2, 3]);
    expect(matching(rows, cond('name', 'isNotEmpty', null))).toEqual([0]);
  });

  it('an empty value never satisfies a positive test', () => {
    const rows: Row[] = [{ name: null }, { name: 'x' }];
    expect(matching(rows, cond('name', 'contains', 'x'))).toEqual([1]);
    expect(matching(rows, cond('name', 'startsWith', 'x'))).toEqual([1]);
  });
});

describe('number, money and date conditions', () => {
  const rows: Row[] = [
    { annualRevenue: 0 },
    { annualRevenue: 100 },
    { annualRevenue: 100.5 },
    { annualRevenue: -5 },
    { annualRevenue: null },
    { annualRevenue: 1000 },
  ];
  const revenue = (operator: Condition['operator'], value: Condition['value']) =>
    cond('annualRevenue', operator, value);

  it('compares with = ≠ < ≤ > ≥', () => {
    expect(matching(rows, revenue('eq', 100))).toEqual([1]);
    expect(matching(rows, revenue('ne', 100))).toEqual([0, 2, 3, 5]);
    expect(matching(rows, revenue('lt', 100))).toEqual([0, 3]);
    expect(matching(rows, revenue('le', 100))).toEqual([0, 1, 3]);
    expect(matching(rows, revenue('gt', 100))).toEqual([2, 5]);
    expect(matching(rows, revenue('ge', 100))).toEqual([1, 2, 5]);
  });

  it('strict comparisons are exact next to the bound', () => {
    expect(
      matching([{ annualRevenue: 0.1 + 0.2 }, { annualRevenue: 0.3 }], revenue('lt', 0.30000000000000004)),
    ).toEqual([1]);
    expect(matching([{ annualRevenue: 0 }, { annualRevenue: -0 }], revenue('lt', 0))).toEqual([]);
  });

  it('between includes both ends, in either order', () => {
    expect(matching(rows, revenue('between', [0, 100]))).toEqual([0, 1]);
    expect(matching(rows, revenue('between', [100.5, -5]))).toEqual([0, 1, 2, 3]);
  });

  it('empty values never satisfy a comparison, not even ≠', () => {
    for (const operator of ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const) {
      expect(matching([{ employees: null }], cond('employees', operator, 1))).toEqual([]);
    }
    expect(matching([{ employees: null }], cond('employees', 'between', [-1e9, 1e9]))).toEqual([]);
  });

  it('is empty / is not empty on numbers', () => {
    expect(matching(rows, revenue('isEmpty', null))).toEqual([4]);
    expect(matching(rows, revenue('isNotEmpty', null))).toEqual([0, 1, 2, 3, 5]);
  });

  it('accepts numeric text and ISO dates for date fields', () => {
    const deals = table('deal', [
      { closeDate: Date.UTC(2027, 0, 15) },
      { closeDate: Date.UTC(2027, 5, 1) },
      { closeDate: null },
    ]);
    const result = compileCondition(
      cond('closeDate', 'between', ['2027-01-01', '2027-03-31'] as unknown as [number, number]),
      deals,
      territory('t', 'root'),
      new ScanContext(deals),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect([0, 1, 2].filter((row) => result.scan.test(row))).toEqual([0]);
    expect(matching(rows, revenue('ge', '100' as unknown as number))).toEqual([1, 2, 5]);
  });
});

describe('postal code conditions', () => {
  const rows: Row[] = [
    { postalCode: '01000' },
    { postalCode: '01999' },
    { postalCode: '1500' }, // leading zero lost upstream: not 01500
    { postalCode: '02000' },
    { postalCode: '12345-6789' },
    { postalCode: 'k1a 0b6' },
    { postalCode: null },
    { postalCode: '75 011' },
    { postalCode: '01500' },
  ];

  it('starts with any prefix, keeping leading zeros', () => {
    expect(matching(rows, cond('postalCode', 'postalStartsWith', ['01']))).toEqual([0, 1, 8]);
    expect(matching(rows, cond('postalCode', 'postalStartsWith', ['015', '7501']))).toEqual([7, 8]);
  });

  it('normalises spaces and case on both sides', () => {
    expect(matching(rows, cond('postalCode', 'postalStartsWith', ['K1A 0'])).map(String)).toEqual(['5']);
    expect(matching(rows, cond('postalCode', 'postalStartsWith', 'k1a'))).toEqual([5]);
  });

  it('matches ZIP+4 on its first five digits', () => {
    expect(matching(rows, cond('postalCode', 'postalStartsWith', ['12345']))).toEqual([4]);
    expect(matching(rows, cond('postalCode', 'postalInRanges', [{ from: '12000', to: '12999' }]))).toEqual([4]);
    expect(matching(rows, cond('postalCode', 'postalStartsWith', ['123456']))).toEqual([]);
  });

  it('ranges compare codes, not numbers: 01000–01999 keeps leading zeros', () => {
    expect(matching(rows, cond('postalCode', 'postalInRanges', [{ from: '01000', to: '01999' }]))).toEqual([0, 1, 8]);
    // 1500 as a number would be inside 1000–1999; as a 4-character code it is not a 5-character one.
    expect(matching(rows, cond('postalCode', 'postalInRanges', [{ from: '01000', to: '01499' }]))).toEqual([0]);
  });

  it('ranges of shorter bounds compare the first characters, and overlapping ranges work', () => {
    const ranges = [
      { from: '01', to: '01' },
      { from: '74', to: '76' },
      { from: '75', to: '75' },
    ];
    expect(matching(rows, cond('postalCode', 'postalInRanges', ranges))).toEqual([0, 1, 7, 8]);
    expect(matching(rows, cond('postalCode', 'postalInRanges', [{ from: 'K1A', to: 'K1Z' }]))).toEqual([5]);
  });

  it('is empty on postal codes', () => {
    expect(matching(rows, cond('postalCode', 'isEmpty', null))).toEqual([6]);
  });

  it('refuses ranges with bounds of different lengths', () => {
    const records = table('account', rows);
    const result = compiled(records, cond('postalCode', 'postalInRanges', [{ from: '1000', to: '19999' }]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe('badValue');
  });
});

describe('geography conditions', () => {
  const rows: Row[] = [
    { country: 'FR', region: 'FR-IDF' },
    { country: 'us', region: 'us-ca' },
    { country: 'US', region: 'US-NY' },
    { country: null, region: 'US-TX' },
    { country: 'DE', region: null },
    { country: null, region: null },
  ];

  it('in regions: countries and subdivisions, any case', () => {
    expect(matching(rows, cond('', 'inRegions', ['fr']))).toEqual([0]);
    expect(matching(rows, cond('', 'inRegions', ['US-CA', 'DE']))).toEqual([1, 4]);
    // A country takes the records whose region belongs to it, even without a country value.
    expect(matching(rows, cond('', 'inRegions', ['US']))).toEqual([1, 2, 3]);
  });

  it("in regions without a list uses the territory's regions", () => {
    const west = territory('west', 'root', {
      geography: { regions: ['US-CA', 'US-TX'], postalPrefixes: [], areas: [] },
    });
    expect(matching(rows, cond('', 'inRegions', null), west)).toEqual([1, 3]);
  });

  it("within area: inside the territory's polygons, holes excluded, missing coordinates never", () => {
    const area = territory('area', 'root', {
      geography: {
        regions: [],
        postalPrefixes: [],
        areas: [[square(0, 0, 10, 10), square(4, 4, 6, 6)], [square(20, 20, 21, 21)]],
      },
    });
    const points: Row[] = [
      { longitude: 1, latitude: 1 },
      { longitude: 5, latitude: 5 }, // in the hole
      { longitude: 11, latitude: 5 },
      { longitude: 20.5, latitude: 20.5 }, // second area
      { longitude: null, latitude: 5 },
      { longitude: 9.99, latitude: 0.01 },
    ];
    expect(matching(points, cond('', 'withinArea', null), area)).toEqual([0, 3, 5]);
  });

  it('within area needs a drawn area', () => {
    const records = table('account', [{ longitude: 1, latitude: 1 }]);
    const result = compiled(records, cond('', 'withinArea', null));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe('noArea');
  });
});

describe('condition problems', () => {
  const records = table('account', [{ name: 'x', employees: 3 }]);

  it('an unknown field', () => {
    const result = compiled(records, cond('shoeSize', 'is', 'x'));
    expect(!result.ok && result.problem.code).toBe('unknownField');
  });

  it('an operator that does not fit the field', () => {
    expect(!compiled(records, cond('employees', 'contains', 'x')).ok).toBe(true);
    expect(!compiled(records, cond('name', 'gt', 3)).ok).toBe(true);
  });

  it('rules saved before operators were matched to field types keep compiling, with the same meaning', () => {
    const places: Row[] = [
      { country: 'United States', region: 'California', city: '94105' },
      { country: 'France', city: '75001' },
      { country: 'Germany', city: 'Berlin' },
    ];
    // A prefix of a place code ("US-"), which the old editor offered on every text field.
    expect(matching(places, cond('regionCode', 'startsWith', 'US-'))).toEqual([0]);
    expect(matching(places, cond('countryCode', 'contains', 'r'))).toEqual([1]);
    // Postal comparisons on a text field that holds postal codes (a "zip" imported as text).
    expect(matching(places, cond('city', 'postalStartsWith', ['94', '75']))).toEqual([0, 1]);
    // A date held as epoch ms (how the old editor saved it) is that instant.
    const day = Date.UTC(2024, 4, 3);
    const dated = table('deal', [{ closeDate: day }, { closeDate: day + 3_600_000 }]);
    const on = compiled(dated, cond('closeDate', 'eq', day));
    expect(on.ok && on.scan.test(0) && !on.scan.test(1)).toBe(true);
    // The same day as an ISO day (how both editors write it now) is the whole day.
    const wholeDay = compiled(dated, cond('closeDate', 'eq', '2024-05-03'));
    expect(wholeDay.ok && wholeDay.scan.test(0) && wholeDay.scan.test(1)).toBe(true);
  });

  it('a missing value', () => {
    const result = compiled(records, cond('name', 'is', ''));
    expect(!result.ok && result.problem.code).toBe('missingValue');
    expect(!compiled(records, cond('employees', 'between', null)).ok).toBe(true);
    expect(!compiled(records, cond('postalCode', 'postalStartsWith', [])).ok).toBe(true);
  });

  it('geography on records without coordinates or regions', () => {
    const deals = table('deal', [{ name: 'd' }]);
    const withArea = territory('a', 'root', {
      geography: { regions: ['FR'], postalPrefixes: [], areas: [[square(0, 0, 1, 1)]] },
    });
    const within = compileCondition(cond('', 'withinArea', null), deals, withArea, new ScanContext(deals));
    expect(!within.ok && within.problem.code).toBe('noCoordinates');
    const regions = compileCondition(cond('', 'inRegions', null), deals, withArea, new ScanContext(deals));
    expect(!regions.ok && regions.problem.code).toBe('noRegionFields');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distribute, fiscalPeriodOf, fiscalPeriods, rollUpTargets } from '../../../src/model/engine/targets';

const tree = [
  { id: 'org', parentId: null, sortOrder: 0 },
  { id: 'emea', parentId: 'org', sortOrder: 0 },
  { id: 'na', parentId: 'org', sortOrder: 1 },
  { id: 'fr', parentId: 'emea', sortOrder: 0 },
];

describe('fiscal periods', () => {
  it('names quarters and fiscal months of a year', () => {
    expect(fiscalPeriods(2027, 'quarter')).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    expect(fiscalPeriods(2027, 'month')).toHaveLength(12);
    expect(fiscalPeriods(2027, 'month')[11]).toBe('2027-12');
  });

  it('places a date in its fiscal period, for a year starting in any month', () => {
    expect(fiscalPeriodOf(Date.UTC(2027, 1, 10), 1, 'quarter')).toBe('2027-Q1');
    // Fiscal year starting in April, named after the year it ends in: April 2026 is FY2027 Q1.
    expect(fiscalPeriodOf(Date.UTC(2026, 3, 1), 4, 'quarter')).toBe('2027-Q1');
    expect(fiscalPeriodOf(Date.UTC(2027, 2, 31), 4, 'quarter')).toBe('2027-Q4');
    expect(fiscalPeriodOf(Date.UTC(2026, 3, 1), 4, 'month')).toBe('2027-01');
  });
});

describe('roll-up', () => {
  it('adds sub-territories and members up, and flags where they do not match the own target', () => {
    const rows = rollUpTargets(
      tree,
      [
        { territoryId: 'org', userId: null, period: '2027-Q1', amount: 100 },
        { territoryId: 'emea', userId: null, period: '2027-Q1', amount: 60 },
        { territoryId: 'na', userId: null, period: '2027-Q1', amount: 40 },
        { territoryId: 'emea', userId: null, period: '2027-Q2', amount: 70 },
        { territoryId: 'fr', userId: null, period: '2027-Q2', amount: 50 },
        { territoryId: 'fr', userId: 'ann', period: '2027-Q2', amount: 30 },
        { territoryId: 'fr', userId: 'bob', period: '2027-Q2', amount: 20 },
        { territoryId: 'fr', userId: null, period: '2026-Q4', amount: 999 }, // another year: ignored
      ],
      ['2027-Q1', '2027-Q2'],
    );
    expect(rows.get('org')).toMatchObject({ own: [100, null], children: [100, 70], childMismatch: [false, false] });
    expect(rows.get('emea')).toMatchObject({ own: [60, 70], children: [null, 50], childMismatch: [false, true] });
    expect(rows.get('fr')).toMatchObject({ own: [null, 50], members: [null, 50], memberMismatch: [false, false] });
  });
});

describe('distribution', () => {
  it('splits evenly or by weight, in whole units that add up exactly', () => {
    expect(distribute(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(distribute(1000, [3, 1])).toEqual([750, 250]);
    expect(distribute(10, [0, 0])).toEqual([5, 5]);
    expect(distribute(10, [])).toEqual([]);
  });

  it('always adds up to the amount and never gives a negative part (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 50,
        }),
        (amount, weights) => {
          const parts = distribute(amount, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          expect(parts.every((p) => p >= 0 && Number.isInteger(p))).toBe(true);
        },
      ),
    );
  });
});

// The fiscal years a forecast offers: each live date's fiscal year, checked against a plain re-implementation
// (the calendar year, plus one from the start month on when the year does not start in January).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiscalPeriodOf, fiscalYearOfDate, fiscalYearsOfDates } from '../../../src/model/engine/targets';

function reference(dates: (number | null)[], deleted: boolean[], start: number): number[] {
  const years = new Set<number>();
  dates.forEach((at, i) => {
    if (at === null || deleted[i]) return;
    const d = new Date(at);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    years.add(start > 1 && m >= start ? y + 1 : y);
  });
  return [...years].sort((a, b) => a - b);
}

describe('fiscal years of dates', () => {
  it('names a fiscal year after the calendar year it ends in', () => {
    expect(fiscalYearOfDate(Date.UTC(2026, 0, 15), 1)).toBe(2026);
    expect(fiscalYearOfDate(Date.UTC(2026, 3, 1), 4)).toBe(2027);
    expect(fiscalYearOfDate(Date.UTC(2026, 2, 31), 4)).toBe(2026);
    expect(fiscalYearOfDate(Date.UTC(2025, 6, 1), 7)).toBe(2026);
  });

  it('agrees with a plain implementation and with the period of each date', () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.option(fc.integer({ min: 0, max: 40 * 365 }).map((d) => Date.UTC(2000, 0, 1) + d * day)),
            gone: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 12 }),
        (rows, start) => {
          const dates = Float64Array.from(rows, (r) => (r.at === null ? NaN : r.at));
          const deleted = Uint8Array.from(rows, (r) => (r.gone ? 1 : 0));
          const years = fiscalYearsOfDates(dates, deleted, rows.length, start);
          expect(years).toEqual(
            reference(
              rows.map((r) => r.at),
              rows.map((r) => r.gone),
              start,
            ),
          );
          for (const r of rows) {
            if (r.at === null) continue;
            expect(fiscalPeriodOf(r.at, start, 'quarter').startsWith(String(fiscalYearOfDate(r.at, start)))).toBe(true);
          }
        },
      ),
    );
  });
});

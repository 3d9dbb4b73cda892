import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstSorted } from '../../../src/model/import/places';

/** The place step's order: worst status first, then most rows, then the value's text. */
interface Value {
  rank: number;
  rows: number;
  value: string;
}
const compare = (a: Value, b: Value) => a.rank - b.rank || b.rows - a.rows || a.value.localeCompare(b.value);

describe('firstSorted (the place step lists its first values without sorting them all)', () => {
  it('gives what a stable sort then a slice gives, ties included', () => {
    const value = fc.record({
      rank: fc.integer({ min: 0, max: 3 }),
      rows: fc.integer({ min: 1, max: 4 }),
      // Few letters, so equal texts and texts that compare equal ("é" composed or not) are frequent.
      value: fc.constantFrom('a', 'B', 'b', 'é', 'e\u0301', '75001', '75 001', ''),
    });
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.integer({ min: 0, max: 320 }), (items, limit) => {
        const tagged = items.map((item, index) => ({ ...item, index }));
        const expected = [...tagged].sort(compare).slice(0, limit);
        expect(firstSorted(tagged, compare, limit)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('compares each of many values about once, not log n times', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ rank: 3, rows: 1, value: String(100_000 + i) }));
    let comparisons = 0;
    const counted = (a: Value, b: Value) => {
      comparisons++;
      return compare(a, b);
    };
    const first = firstSorted(items, counted, 2_000);
    expect(first.map((v) => v.value)).toEqual(items.slice(0, 2_000).map((v) => v.value));
    expect(comparisons).toBeLessThan(400_000);
  });
});

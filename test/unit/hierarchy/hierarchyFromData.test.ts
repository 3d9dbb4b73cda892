/** "Start from data": grouping accounts by columns into a proposed hierarchy, checked on random columns. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniqueCode } from '../../../src/model/engine/hierarchy';
import {
  bandEdges,
  bandLevel,
  countGroups,
  groupRows,
  niceEdge,
  proposeTerritories,
  textLevel,
  type DataGroup,
} from '../../../src/model/engine/hierarchyFromData';
import type { Condition } from '../../../src/shared/domain';

/** What a generated rule would say of a value: the same semantics the rule engine gives these operators. */
function matches(conditions: readonly Condition[], value: string | number | null): boolean {
  return conditions.every((c) => {
    switch (c.operator) {
      case 'is':
        return value === c.value;
      case 'isEmpty':
        return value === null || value === '' || Number.isNaN(value);
      case 'isNotEmpty':
        return !(value === null || value === '' || Number.isNaN(value));
      case 'ge':
        return typeof value === 'number' && !Number.isNaN(value) && value >= (c.value as number);
      case 'lt':
        return typeof value === 'number' && !Number.isNaN(value) && value < (c.value as number);
      default:
        throw new Error(`unexpected operator ${c.operator}`);
    }
  });
}

const values = ['', 'FR', 'DE', 'US', 'Retail', 'Énergie', '__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const textColumnArb = fc.array(fc.nat({ max: values.length - 1 }), { minLength: 0, maxLength: 200 });
const numberColumnArb = fc.array(
  fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 5 })),
  { minLength: 0, maxLength: 200 },
);

function leaves(groups: readonly DataGroup[]): DataGroup[] {
  return groups.flatMap((g) => (g.children.length === 0 ? [g] : leaves(g.children)));
}

describe('grouping accounts by columns', () => {
  it('puts every live account in exactly one group per level, each group matching its rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }).chain((n) =>
          fc.tuple(
            fc.array(fc.nat({ max: values.length - 1 }), { minLength: n, maxLength: n }),
            fc.array(fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 1e6, noNaN: true })), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            fc.integer({ min: 2, max: 6 }),
          ),
        ),
        ([codes, numbers, deleted, bands]) => {
          const rows = codes.length;
          const include = (row: number) => !deleted[row];
          const country = textLevel('country', { values, codes: Uint32Array.from(codes) });
          const revenue = bandLevel(
            'annualRevenue',
            'Revenue',
            Float64Array.from(numbers),
            bandEdges(Float64Array.from(numbers), bands, include),
          );
          const groups = groupRows([country, revenue], rows, include);
          const live = deleted.filter((d) => !d).length;
          // Counts add up at each level: no account lost or counted twice.
          expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(live);
          for (const g of groups) expect(g.children.reduce((sum, c) => sum + c.count, 0)).toBe(g.count);
          expect(leaves(groups).reduce((sum, g) => sum + g.count, 0)).toBe(live);
          // Each account's values match the rules of its group at each level, and no other group's.
          for (let row = 0; row < rows; row++) {
            if (!include(row)) continue;
            const text = values[codes[row]];
            const textGroups = country.groups.filter((g) => matches(g.conditions, text === '' ? null : text));
            expect(textGroups).toEqual([country.groups[country.codes[row]]]);
            const bandGroups = revenue.groups.filter((g) => matches(g.conditions, numbers[row]));
            expect(bandGroups).toEqual([revenue.groups[revenue.codes[row]]]);
          }
          const { perLevel, total } = countGroups(groups);
          expect(total).toBe(perLevel.reduce((a, b) => a + b, 0));
          expect(perLevel[0] ?? 0).toBe(groups.length);
        },
      ),
    );
  });

  it('orders text groups by name with the empty value last, and bands ascending', () => {
    const level = textLevel(
      'country',
      { values: ['', 'US', 'FR', 'DE'], codes: Uint32Array.from([1, 2, 3, 0, 2]) },
      (v) => (v === 'FR' ? 'France' : v === 'DE' ? 'Germany' : 'United States'),
    );
    const groups = groupRows([level], 5, () => true);
    expect(groups.map((g) => [g.group.label, g.count])).toEqual([
      ['France', 2],
      ['Germany', 1],
      ['United States', 1],
      ['Unspecified', 1],
    ]);
    expect(groups[0].group.conditions).toEqual([{ field: 'country', operator: 'is', value: 'FR' }]);
  });

  it('cuts numbers in bands of similar size at round edges', () => {
    const revenue = Float64Array.from({ length: 1000 }, (_, i) => 1000 + i * 9_973);
    const edges = bandEdges(revenue, 4, () => true);
    expect(edges).toHaveLength(3);
    for (const edge of edges) expect(niceEdge(edge)).toBe(edge);
    const level = bandLevel('annualRevenue', 'Revenue', revenue, edges);
    const groups = groupRows([level], revenue.length, () => true);
    for (const g of groups) expect(g.count).toBeGreaterThan(200);
    expect(groups[0].group.label).toMatch(/^Revenue < /);
    expect(groups[groups.length - 1].group.label).toMatch(/^Revenue ≥ /);
  });

  it('makes one band when all values are equal, and none from an empty column', () => {
    expect(bandEdges(Float64Array.from([5, 5, 5]), 4, () => true)).toEqual([]);
    expect(bandEdges(Float64Array.from([NaN]), 4, () => true)).toEqual([]);
  });

  it('proposes territories parents first, with codes unique in the plan', () => {
    fc.assert(
      fc.property(textColumnArb, numberColumnArb, fc.constantFrom('', 'EMEA'), (codes, numbers, prefix) => {
        const rows = Math.min(codes.length, numbers.length);
        const country = textLevel('country', { values, codes: Uint32Array.from(codes.slice(0, rows)) });
        const revenue = bandLevel('annualRevenue', 'Revenue', Float64Array.from(numbers.slice(0, rows)), [10, 1000]);
        const groups = groupRows([country, revenue], rows, () => true);
        const taken = new Set(['FR', 'EMEA-FR']);
        const proposed = proposeTerritories(groups, prefix, (code) => uniqueCode(code, taken));
        expect(proposed).toHaveLength(countGroups(groups).total);
        proposed.forEach((p, i) => {
          expect(p.parent).toBeLessThan(i);
          expect(p.depth).toBe(p.parent < 0 ? 0 : proposed[p.parent].depth + 1);
          expect(p.code.length).toBeLessThanOrEqual(64);
        });
        const codesMade = proposed.map((p) => p.code);
        expect(new Set(codesMade).size).toBe(codesMade.length);
        expect(codesMade).not.toContain('FR');
        expect(codesMade).not.toContain('EMEA-FR');
      }),
    );
  });
});

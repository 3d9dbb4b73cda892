import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countLive,
  depths,
  leafMask,
  liveRows,
  subtreeFigures,
  sumBySubtree,
  territoryTree,
} from '../../../src/model/engine/figures';

const territories = [
  { id: 'org', parentId: null },
  { id: 'emea', parentId: 'org' },
  { id: 'fr', parentId: 'emea' },
  { id: 'de', parentId: 'emea' },
  { id: 'na', parentId: 'org' },
];

/** CSR placements from a list of territory-id lists. */
function csr(rows: string[][]) {
  const territoryIds = [...new Set(rows.flat())];
  const offsets = new Uint32Array(rows.length + 1);
  const list: number[] = [];
  rows.forEach((ids, r) => {
    for (const id of ids) list.push(territoryIds.indexOf(id));
    offsets[r + 1] = list.length;
  });
  return { rowCount: rows.length, offsets, territories: Uint32Array.from(list), territoryIds };
}

describe('the one roll-up', () => {
  it('counts a record once in each ancestor, however many of its territories sit below it', () => {
    const tree = territoryTree(territories);
    // Row 0 in France and Germany, row 1 in North America, row 2 nowhere, row 3 deleted.
    const placements = csr([['fr', 'de'], ['na'], [], ['fr']]);
    const deleted = Uint8Array.from([0, 0, 0, 1]);
    const revenue = Float64Array.from([100, 40, 7, 1000]);
    const f = subtreeFigures(tree, placements, deleted, 4, [revenue]);
    const at = (id: string) => tree.indexOf.get(id)!;
    expect(f.count[at('org')]).toBe(2);
    expect(f.count[at('emea')]).toBe(1);
    expect(f.count[at('fr')]).toBe(1);
    expect(f.measures[0][at('org')]).toBe(140);
    expect(f.measures[0][at('emea')]).toBe(100);
    expect(f.own[at('fr')]).toBe(1);
    expect(f.own[at('emea')]).toBe(0);
    expect(f.unassigned).toBe(1);
  });

  it('sums amounts into period slots and skips negative slots and empty amounts', () => {
    const tree = territoryTree(territories);
    const placements = csr([['fr'], ['de'], ['fr'], ['na']]);
    const amounts = [10, 20, NaN, 5];
    const slots = [0, 1, 1, -1];
    const sums = sumBySubtree(
      tree,
      placements,
      4,
      2,
      (r) => slots[r],
      (r) => amounts[r],
    );
    const at = (id: string) => tree.indexOf.get(id)! * 2;
    expect([sums[at('emea')], sums[at('emea') + 1]]).toEqual([10, 20]);
    expect([sums[at('org')], sums[at('org') + 1]]).toEqual([10, 20]);
    expect([sums[at('na')], sums[at('na') + 1]]).toEqual([0, 0]);
  });

  it('agrees with a naive ancestor-set sum on random trees and placements', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) =>
            fc.tuple(
              fc.tuple(...Array.from({ length: n }, (_, i) => fc.integer({ min: -1, max: i - 1 }))),
              fc.array(
                fc.tuple(
                  fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
                  fc.integer({ min: 0, max: 99 }),
                  fc.boolean(),
                ),
                { maxLength: 30 },
              ),
            ),
          ),
        ([parents, records]) => {
          const list = parents.map((p, i) => ({ id: `t${i}`, parentId: p < 0 ? null : `t${p}` }));
          const tree = territoryTree(list);
          const placements = csr(records.map(([ts]) => ts.map((t) => `t${t}`)));
          const deleted = Uint8Array.from(records, ([, , d]) => (d ? 1 : 0));
          const values = Float64Array.from(records, ([, v]) => v);
          const f = subtreeFigures(tree, placements, deleted, records.length, [values]);
          // Naive: the set of ancestors (inclusive) of each record's territories.
          const ancestors = (i: number) => {
            const out = new Set<number>();
            for (let at = i; at >= 0; at = parents[at]) out.add(at);
            return out;
          };
          const expectedSum = parents.map(() => 0);
          const expectedCount = parents.map(() => 0);
          let unassigned = 0;
          records.forEach(([ts, v, d]) => {
            if (d) return;
            if (ts.length === 0) unassigned++;
            const all = new Set(ts.flatMap((t) => [...ancestors(t)]));
            for (const a of all) {
              expectedSum[a] += v;
              expectedCount[a]++;
            }
          });
          expect(Array.from(f.measures[0])).toEqual(expectedSum);
          expect(Array.from(f.count)).toEqual(expectedCount);
          expect(f.unassigned).toBe(unassigned);
        },
      ),
    );
  });

  it('counts live rows, lists them, and knows leaves and depths', () => {
    const deleted = Uint8Array.from([0, 1, 0, 0, 1]);
    expect(countLive(deleted)).toBe(3);
    expect(Array.from(liveRows(deleted))).toEqual([0, 2, 3]);
    expect(countLive(deleted, 2)).toBe(1);
    const tree = territoryTree(territories);
    expect(Array.from(leafMask(tree))).toEqual([0, 0, 1, 1, 1]);
    expect(Array.from(depths(tree))).toEqual([0, 1, 2, 2, 1]);
  });
});

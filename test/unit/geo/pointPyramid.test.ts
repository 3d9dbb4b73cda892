import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildLevels,
  COARSEST_BITS,
  countIn,
  FINEST_BITS,
  levelFor,
  pointKeys,
  rangesInView,
  sortedOrder,
  type MercatorBox,
} from '../../../src/renderer/app/views/map/pointPyramid';

/** Random points in [0, 1)², some stacked on the same spot, with a colour from a small palette. */
const pointsArb = fc
  .array(
    fc.record({
      x: fc.double({ min: 0, max: 0.999999, noNaN: true }),
      y: fc.double({ min: 0, max: 0.999999, noNaN: true }),
      colour: fc.integer({ min: 0, max: 3 }),
      copies: fc.integer({ min: 1, max: 3 }),
      size: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { minLength: 1, maxLength: 300 },
  )
  .map((list) => list.flatMap((p) => Array.from({ length: p.copies }, () => p)));

function arrays(list: { x: number; y: number; colour: number; size: number }[]) {
  const positions = new Float32Array(list.flatMap((p) => [p.x, p.y]));
  const colors = new Uint8Array(list.flatMap((p) => [p.colour * 60, 10, 20, 255]));
  const sizes = new Float32Array(list.map((p) => p.size));
  return { positions, colors, sizes };
}

/** A plain reference: the cell of a point at `bits` per axis, computed from its coordinates, not from keys. */
const cellAt = (x: number, y: number, bits: number) => {
  const n = 2 ** bits;
  const c = (v: number) => Math.min(n - 1, Math.floor(Math.fround(v) * n));
  return `${c(x)},${c(y)}`;
};

describe('point pyramid (level of detail for the accounts layer)', () => {
  it('sorts points by key, stably', () => {
    fc.assert(
      fc.property(pointsArb, (list) => {
        const { positions } = arrays(list);
        const keys = pointKeys(positions);
        const order = sortedOrder(keys);
        const reference = [...keys.keys()].sort((a, b) => keys[a] - keys[b] || a - b);
        expect([...order]).toEqual(reference);
      }),
    );
  });

  it('merges exactly the points of each grid cell, at every level, with the colour most of them have', () => {
    fc.assert(
      fc.property(pointsArb, (list) => {
        const { positions, colors, sizes } = arrays(list);
        const keys = pointKeys(positions);
        const levels = buildLevels(keys, sortedOrder(keys), positions, colors, sizes);
        expect(levels).toHaveLength(2 + FINEST_BITS - COARSEST_BITS);
        expect(levels[0].keys.length).toBe(list.length);
        for (const level of levels.slice(1)) {
          // Reference: group the input points by cell with a Map.
          const groups = new Map<string, typeof list>();
          for (const p of list) {
            const cell = cellAt(p.x, p.y, level.bits);
            groups.set(cell, [...(groups.get(cell) ?? []), p]);
          }
          expect(level.keys.length).toBe(groups.size);
          for (let i = 1; i < level.keys.length; i++) expect(level.keys[i]).toBeGreaterThan(level.keys[i - 1]);
          for (let c = 0; c < level.keys.length; c++) {
            const x = level.positions[2 * c];
            const y = level.positions[2 * c + 1];
            // The merged dot sits inside its cell (the mean of points inside it), so the cell names its group.
            const members = [...groups.values()].find(
              (g) => g.length === level.counts[c] && cellAt(g[0].x, g[0].y, level.bits) === cellAt(x, y, level.bits),
            );
            expect(members, `cell ${c} at ${level.bits} bits`).toBeDefined();
            expect(level.sizes[c]).toBeCloseTo(Math.max(...members!.map((p) => Math.fround(p.size))), 5);
            const tally = new Map<number, number>();
            for (const p of members!) tally.set(p.colour, (tally.get(p.colour) ?? 0) + 1);
            const [top, topCount] = [...tally].sort((a, b) => b[1] - a[1])[0];
            if (topCount * 2 > members!.length) expect(level.colors[4 * c]).toBe(top * 60);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('draws every point inside the view, from the ranges it picks', () => {
    const boxArb = fc
      .tuple(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.0001, max: 0.8, noNaN: true }),
        fc.double({ min: 0.0001, max: 0.8, noNaN: true }),
      )
      .map(([x, y, w, h]): MercatorBox => ({ minX: x, minY: y, maxX: x + w, maxY: y + h }));
    fc.assert(
      fc.property(pointsArb, boxArb, fc.integer({ min: 0, max: 11 }), (list, box, index) => {
        const { positions, colors, sizes } = arrays(list);
        const keys = pointKeys(positions);
        const levels = buildLevels(keys, sortedOrder(keys), positions, colors, sizes);
        const level = levels[index];
        const ranges = rangesInView(level, box);
        const drawn = new Set<number>();
        for (const [first, count] of ranges) for (let i = first; i < first + count; i++) drawn.add(i);
        expect(countIn(ranges)).toBe(drawn.size);
        for (let i = 0; i < level.keys.length; i++) {
          const x = level.positions[2 * i];
          const y = level.positions[2 * i + 1];
          if (x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY) expect(drawn.has(i)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('draws the points themselves when few are in view, and an aggregated level when many are', () => {
    const n = 50_000;
    const positions = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      positions[2 * i] = 0.5 + ((i * 7919) % 1000) / 100_000;
      positions[2 * i + 1] = 0.3 + ((i * 104729) % 1000) / 100_000;
    }
    const keys = pointKeys(positions);
    const levels = buildLevels(keys, sortedOrder(keys), positions, new Uint8Array(4 * n), new Float32Array(n));
    const world = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
    expect(levelFor((i) => levels[i], 2, world, 2, 10_000).index).toBeGreaterThan(0);
    const drawn = levelFor((i) => levels[i], 2, world, 2, 10_000);
    expect(countIn(drawn.ranges)).toBeLessThan(200);
    // A view away from the points draws nothing.
    expect(countIn(levelFor((i) => levels[i], 9, { minX: 0.1, minY: 0.1, maxX: 0.11, maxY: 0.11 }).ranges)).toBe(0);
  });

  /** `count` points on a square grid `step` apart from (0.1, 0.1), level 0 to the coarsest. */
  const grid = (count: number, step: number) => {
    const side = Math.ceil(Math.sqrt(count));
    const positions = new Float32Array(2 * count);
    for (let i = 0; i < count; i++) {
      positions[2 * i] = 0.1 + (i % side) * step;
      positions[2 * i + 1] = 0.1 + Math.floor(i / side) * step;
    }
    const keys = pointKeys(positions);
    return buildLevels(keys, sortedOrder(keys), positions, new Uint8Array(4 * count), new Float32Array(count));
  };
  const world = { minX: 0, minY: 0, maxX: 1, maxY: 1 };

  it('draws the points themselves within the budget while each is about a dot of its own', () => {
    // At zoom 2 with 2 px cells the aggregated level has 2^10 cells across: 1/128 apart, no two points share one.
    const levels = grid(20_000, 1 / 128);
    expect(levelFor((i) => levels[i], 2, world, 2, 100_000)).toMatchObject({ index: 0 });
    expect(countIn(levelFor((i) => levels[i], 2, world, 2, 100_000).ranges)).toBe(20_000);
    // Over the budget, the aggregated level, however sparse.
    expect(levelFor((i) => levels[i], 2, world, 2, 10_000).index).toBeGreaterThan(0);
  });

  it('draws the aggregated level within the budget when the points crowd, unless they are few', () => {
    // 1/4096 apart at zoom 2: sixteen points to a cell of the aggregated level, drawn over one another.
    const crowded = grid(20_000, 1 / 4096);
    const drawn = levelFor((i) => crowded[i], 2, world, 2, 100_000);
    expect(drawn.index).toBeGreaterThan(0);
    expect(countIn(drawn.ranges)).toBeLessThan(20_000 / 4);
    // A few thousand cost little however they overlap: the points themselves.
    const few = grid(3_000, 1 / 4096);
    expect(levelFor((i) => few[i], 2, world, 2, 100_000)).toMatchObject({ index: 0 });
  });
});

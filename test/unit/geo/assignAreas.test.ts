/**
 * Many territories' areas at once (the map's and the bench's assignment of a million points): checked against
 * @turf/boolean-point-in-polygon, with holes, territories made of several overlapping areas, areas drawn across
 * the antimeridian, and points crowded near the outlines where a grid could go wrong.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignPointsToAreas } from '../../../src/model/engine/geo/areas';
import type { Polygon } from '../../../src/shared/domain';

type Ring = [number, number][];

/** A star ring around (cx, cy): angles evenly spread, radii as given (never self-intersecting). */
function star(cx: number, cy: number, radii: readonly number[], phase = 0): Ring {
  const ring = radii.map((r, i): [number, number] => {
    const a = phase + (2 * Math.PI * i) / radii.length;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
  return [...ring, ring[0]];
}

/** As a planner's drawing is stored: longitudes back within ±180 (a ring across 180° jumps). */
const wrap = (ring: Ring): Ring => ring.map(([x, y]) => [x > 180 ? x - 360 : x, y]);

const area = fc
  .record({
    cx: fc.oneof(fc.double({ min: -150, max: 150, noNaN: true }), fc.double({ min: 168, max: 179, noNaN: true })),
    cy: fc.double({ min: -60, max: 60, noNaN: true }),
    outer: fc.array(fc.double({ min: 5, max: 20, noNaN: true }), { minLength: 3, maxLength: 16 }),
    hole: fc.option(fc.array(fc.double({ min: 0.5, max: 4, noNaN: true }), { minLength: 3, maxLength: 8 })),
  })
  .map(({ cx, cy, outer, hole }) => {
    // Unwrapped, for turf (planar, so longitudes past 180 work as they are).
    const rings: Ring[] = [star(cx, cy, outer)];
    if (hole) rings.push(star(cx, cy, hole, 0.3));
    return rings;
  });

describe('assigning points to many territories, against turf', () => {
  it('gives each point the first territory holding it, with holes, unions and the antimeridian', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(area, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 120,
        }),
        (territories, offsets) => {
          // Points near every area's centre and outline (offsets up to 22° away), wrapped back into ±180.
          const points: [number, number][] = [];
          for (const areas of territories) {
            for (const rings of areas) {
              const [cx, cy] = rings[0][0];
              for (const [dx, dy] of offsets) {
                const x = cx + dx * 22;
                points.push([x > 180 ? x - 360 : x, Math.max(-89, Math.min(89, cy + dy * 22))]);
              }
            }
          }
          const stored = territories.map((areas) => areas.map((rings): Polygon => rings.map(wrap)));
          const lonLat = new Float64Array(points.flat());
          const { territoryOfPoint, counts } = assignPointsToAreas(lonLat, stored);
          points.forEach(([x, y], i) => {
            const holds = (rings: Ring[], ignoreBoundary: boolean) =>
              [x, x + 360].some((px) => booleanPointInPolygon([px, y], turfPolygon(rings), { ignoreBoundary }));
            // On an outline either answer is fair: skip points turf itself is unsure about.
            const unsure = territories.some((areas) => areas.some((r) => holds(r, false) !== holds(r, true)));
            const first = territories.findIndex((areas) => areas.some((rings) => holds(rings, false)));
            if (!unsure) expect(territoryOfPoint[i]).toBe(first);
          });
          // Counts are per first territory, each point once.
          const tally = new Array<number>(territories.length).fill(0);
          for (const t of territoryOfPoint) if (t >= 0) tally[t]++;
          expect(Array.from(counts)).toEqual(tally);
        },
      ),
      // A run takes half a second. A failing case once kept CI busy for over 13 minutes shrinking (each shrink step
      // re-runs turf over every point, and a test's timeout cannot stop synchronous work): stop after 20 s and
      // report what was found, seed and counterexample, as a failure.
      { numRuns: 60, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true },
    );
  }, 120_000);

  it('answers a point on both sides of 180° and leaves points without coordinates out', () => {
    const fiji: Polygon = [
      [
        [176, -20],
        [-178, -20],
        [-178, -15],
        [176, -15],
        [176, -20],
      ],
    ];
    const lonLat = new Float32Array([177, -17, -179, -17, -177, -17, NaN, -17, 0, 0]);
    const { territoryOfPoint, counts } = assignPointsToAreas(lonLat, [[], [fiji]]);
    expect(Array.from(territoryOfPoint)).toEqual([1, 1, -1, -1, -1]);
    expect(Array.from(counts)).toEqual([0, 2]);
  });
});

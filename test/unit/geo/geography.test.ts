import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import kinks from '@turf/kinks';
import { polygon as turfPolygon } from '@turf/helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignPointsToAreas, buildGeoAreaIndex } from '../../../src/model/engine/geo/areas';
import { colourDistance, colourTerritories, LOOK_ALIKE } from '../../../src/model/engine/geo/colouring';
import { normalizePolygon, polygonProblem } from '../../../src/model/engine/geo/polygons';
import type { Polygon } from '../../../src/shared/domain';
import { territoryPalette } from '../../../src/shared/hierarchy';
import {
  countryOfRegion,
  normalizeRegionKey,
  parentRegionOf,
  regionKindOf,
  regionWithin,
  usCountyKey,
} from '../../../src/shared/geography';

/** A star-shaped polygon (never self-intersecting) around a centre: angles sorted, radii random. */
const starPolygon = fc
  .record({
    cx: fc.double({ min: -150, max: 150, noNaN: true }),
    cy: fc.double({ min: -60, max: 60, noNaN: true }),
    radii: fc.array(fc.double({ min: 0.5, max: 20, noNaN: true }), { minLength: 3, maxLength: 24 }),
  })
  .map(({ cx, cy, radii }): Polygon => {
    const ring = radii.map((r, i): [number, number] => {
      const a = (2 * Math.PI * i) / radii.length;
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    });
    return [[...ring, ring[0]]];
  });

const point = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }));

describe('point in a drawn area, against turf', () => {
  it('agrees with @turf/boolean-point-in-polygon on random star polygons', () => {
    fc.assert(
      fc.property(starPolygon, fc.array(point, { minLength: 1, maxLength: 40 }), (polygon, points) => {
        const index = buildGeoAreaIndex([polygon]);
        const ring = polygon[0];
        const cx = ring.reduce((sum, p) => sum + p[0], 0) / ring.length;
        const cy = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
        // Points near the polygon too, where the answers are interesting.
        const near = points.map(([x, y]): [number, number] => [cx + (x / 180) * 25, cy + (y / 85) * 25]);
        for (const p of [...points, ...near]) {
          const inside = booleanPointInPolygon(p, turfPolygon(polygon));
          // On the outline itself either answer is fair; turf says so when ignoring the boundary changes its mind.
          if (inside !== booleanPointInPolygon(p, turfPolygon(polygon), { ignoreBoundary: true })) continue;
          expect(index.contains(p[0], p[1])).toBe(inside);
        }
      }),
      { numRuns: 80 },
    );
  }, 90_000);

  it('treats holes as outside', () => {
    const donut: Polygon = [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [3, 3],
        [7, 3],
        [7, 7],
        [3, 7],
        [3, 3],
      ],
    ];
    const index = buildGeoAreaIndex([donut]);
    expect(index.contains(1, 1)).toBe(true);
    expect(index.contains(5, 5)).toBe(false);
    expect(index.contains(5, 5)).toBe(booleanPointInPolygon([5, 5], turfPolygon(donut)));
  });
});

describe('antimeridian', () => {
  // Fiji-like: drawn from 170°E eastwards to 170°W, stored as the planner clicked it.
  const acrossDateLine: Polygon = [
    [
      [170, -20],
      [-170, -20],
      [-170, -10],
      [170, -10],
      [170, -20],
    ],
  ];

  it('unwraps longitudes to a continuous ring', () => {
    const [ring] = normalizePolygon(acrossDateLine);
    expect(ring.map((p) => p[0])).toEqual([170, 190, 190, 170, 170]);
  });

  it('holds points on both sides of the antimeridian and not the rest of the world', () => {
    const index = buildGeoAreaIndex([acrossDateLine]);
    expect(index.contains(175, -15)).toBe(true);
    expect(index.contains(-175, -15)).toBe(true);
    expect(index.contains(179.99, -15)).toBe(true);
    expect(index.contains(-179.99, -15)).toBe(true);
    expect(index.contains(0, -15)).toBe(false);
    expect(index.contains(160, -15)).toBe(false);
    expect(index.contains(-160, -15)).toBe(false);
  });

  it('a ring drawn wholly past 180° is brought back into range', () => {
    const [ring] = normalizePolygon([
      [
        [190, 0],
        [200, 0],
        [200, 10],
        [190, 0],
      ],
    ]);
    expect(ring[0][0]).toBe(-170);
    expect(polygonProblem([ring])).toBeNull();
  });

  it('assigns points across the antimeridian to the right territory', () => {
    const result = assignPointsToAreas(new Float32Array([175, -15, -175, -15, 0, 0]), [[acrossDateLine]]);
    expect(Array.from(result.territoryOfPoint)).toEqual([0, 0, -1]);
  });
});

describe('polygon validity', () => {
  it('accepts a square and refuses a bow tie, saying where it crosses', () => {
    expect(
      polygonProblem(
        normalizePolygon([
          [
            [0, 0],
            [4, 0],
            [4, 4],
            [0, 4],
          ],
        ]),
      ),
    ).toBeNull();
    const bowTie = polygonProblem(
      normalizePolygon([
        [
          [0, 0],
          [4, 4],
          [4, 0],
          [0, 4],
        ],
      ]),
    );
    expect(bowTie).toMatchObject({ reason: 'selfIntersection', ring: 0, at: [2, 2] });
  });

  it('refuses too few corners, flat rings, bad coordinates and crossing holes', () => {
    expect(
      polygonProblem(
        normalizePolygon([
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ]),
      )?.reason,
    ).toBe('tooFewPoints');
    expect(
      polygonProblem(
        normalizePolygon([
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ]),
      )?.reason,
    ).toBe('selfIntersection');
    expect(
      polygonProblem([
        [
          [0, 0],
          [1, 95],
          [2, 0],
          [0, 0],
        ],
      ])?.reason,
    ).toBe('outOfRange');
    expect(
      polygonProblem([
        [
          [0, 0],
          [Number.NaN, 1],
          [2, 0],
          [0, 0],
        ],
      ])?.reason,
    ).toBe('notFinite');
    const holeOut: Polygon = [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [5, 5],
        [15, 5],
        [15, 7],
        [5, 7],
        [5, 5],
      ],
    ];
    expect(polygonProblem(holeOut)?.reason).toBe('selfIntersection');
  });

  it('finds a self-intersection exactly when turf/kinks does, on random rings', () => {
    const corner = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }));
    fc.assert(
      fc.property(fc.array(corner, { minLength: 3, maxLength: 9 }), (corners) => {
        const ring = corners.map(([x, y]): [number, number] => [
          x + 0.1 * Math.sin(x * 7 + y),
          y + 0.1 * Math.cos(y * 5 - x),
        ]);
        const polygon = normalizePolygon([ring]);
        const problem = polygonProblem(polygon);
        fc.pre(problem === null || problem.reason === 'selfIntersection');
        const crossings = kinks(turfPolygon(polygon)).features.length;
        expect(problem !== null).toBe(crossings > 0);
      }),
      { numRuns: 250 },
    );
  }, 90_000);
});

describe('region keys', () => {
  it('names what a key is', () => {
    expect(regionKindOf('FR')).toBe('country');
    expect(regionKindOf('US-CA')).toBe('subdivision');
    expect(regionKindOf('FR-IDF')).toBe('subdivision');
    expect(regionKindOf('FR-2A')).toBe('subdivision');
    expect(regionKindOf(usCountyKey('6037'))).toBe('county');
    expect(regionKindOf('France')).toBeNull();
    expect(normalizeRegionKey(' de-by ')).toBe('DE-BY');
  });

  it('climbs from county to state to country and from département to région', () => {
    expect(parentRegionOf('US-06037')).toBe('US-CA');
    expect(parentRegionOf('US-CA')).toBe('US');
    expect(parentRegionOf('FR-75')).toBe('FR-IDF');
    expect(parentRegionOf('FR-2A')).toBe('FR-20R');
    expect(parentRegionOf('FR-IDF')).toBe('FR');
    expect(parentRegionOf('FR')).toBeNull();
    expect(regionWithin('FR-92', 'FR-IDF')).toBe(true);
    expect(regionWithin('FR-92', 'FR')).toBe(true);
    expect(regionWithin('FR-13', 'FR-IDF')).toBe(false);
    expect(regionWithin('US-36061', 'US-NY')).toBe(true);
    expect(countryOfRegion('DE-BY')).toBe('DE');
  });
});

describe('assigning points to many territories', () => {
  it('matches a brute-force turf check', () => {
    fc.assert(
      fc.property(
        fc.array(starPolygon, { minLength: 1, maxLength: 12 }),
        fc.array(point, { maxLength: 300 }),
        (polygons, points) => {
          const territories = polygons.map((p) => [p]);
          const lonLat = new Float64Array(points.flat());
          const { territoryOfPoint, counts } = assignPointsToAreas(lonLat, territories);
          const expectedCounts = new Array(territories.length).fill(0);
          points.forEach((p, i) => {
            const first = polygons.findIndex((poly) => booleanPointInPolygon(p, turfPolygon(poly)));
            expect(territoryOfPoint[i]).toBe(first);
            if (first >= 0) expectedCounts[first]++;
          });
          expect(Array.from(counts)).toEqual(expectedCounts);
        },
      ),
      { numRuns: 20 },
    );
  }, 90_000);
});

describe('colouring over adjacency', () => {
  // A grid of territories, each touching its four neighbours, all starting with the same purple.
  const side = 6;
  const ids = Array.from({ length: side * side }, (_, i) => `t${i}`);
  const neighbours: [string, string][] = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      if (c + 1 < side) neighbours.push([`t${r * side + c}`, `t${r * side + c + 1}`]);
      if (r + 1 < side) neighbours.push([`t${r * side + c}`, `t${(r + 1) * side + c}`]);
    }
  }

  it('never gives neighbours colours that look alike, and is stable when run again', () => {
    const current = new Map(ids.map((id) => [id, '#9333ea']));
    const changed = colourTerritories({ ids, current, neighbours, palette: territoryPalette });
    const after = new Map([...current, ...changed]);
    for (const [a, b] of neighbours)
      expect(colourDistance(after.get(a)!, after.get(b)!)).toBeGreaterThanOrEqual(LOOK_ALIKE);
    expect(colourTerritories({ ids, current: after, neighbours, palette: territoryPalette }).size).toBe(0);
  });

  it('keeps a locked colour and the colours that do not clash', () => {
    const current = new Map([
      ['fr', '#9333ea'],
      ['uk', '#9234e8'],
      ['es', '#16a34a'],
    ]);
    const changed = colourTerritories({
      ids: ['fr', 'uk', 'es'],
      current,
      neighbours: [
        ['fr', 'uk'],
        ['fr', 'es'],
      ],
      palette: territoryPalette,
      locked: new Set(['uk']),
    });
    expect([...changed.keys()]).toEqual(['fr']);
    expect(colourDistance(changed.get('fr')!, '#9234e8')).toBeGreaterThanOrEqual(LOOK_ALIKE);
    expect(colourDistance(changed.get('fr')!, '#16a34a')).toBeGreaterThanOrEqual(LOOK_ALIKE);
  });
});

/**
 * Dissolving regions into one geometry, checked against a second, simple computation: the planar (shoelace) area
 * of a union of polygons that do not overlap is the sum of their areas; where they overlap, the overlap counts once.
 * Over generated grids of unit cells (fast-check) and over the shipped boundaries of French regions.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../../src/shared/domain';
import { dissolvePolygons } from '../../../src/model/export/dissolve';
import { indexBoundaries, regionPolygons } from '../../../src/model/export/regionGeometry';

/** Shoelace area of a ring (absolute), in squared coordinate units. */
function ringArea(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(sum) / 2;
}
/** Outline minus holes, summed over the polygons. */
const area = (polygons: readonly Polygon[]) =>
  polygons.reduce((s, [outer, ...holes]) => s + ringArea(outer) - holes.reduce((h, r) => h + ringArea(r), 0), 0);

const cell = (x: number, y: number): Polygon => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
];

describe('dissolve', () => {
  it('two squares sharing an edge become one polygon of their summed area', () => {
    const out = dissolvePolygons([cell(0, 0), cell(1, 0)]);
    expect(out).toHaveLength(1);
    expect(area(out)).toBeCloseTo(2, 12);
  });

  it('counts an overlap once and keeps apart what does not touch', () => {
    const half: Polygon = [
      [
        [0.5, 0],
        [1.5, 0],
        [1.5, 1],
        [0.5, 1],
        [0.5, 0],
      ],
    ];
    expect(area(dissolvePolygons([cell(0, 0), half]))).toBeCloseTo(1.5, 12);
    const apart = dissolvePolygons([cell(0, 0), cell(5, 5)]);
    expect(apart).toHaveLength(2);
    expect(area(apart)).toBeCloseTo(2, 12);
  });

  it('a ring of cells around a hole keeps the hole', () => {
    const cells: Polygon[] = [];
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (x !== 1 || y !== 1) cells.push(cell(x, y));
    const out = dissolvePolygons(cells);
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(2);
    expect(area(out)).toBeCloseTo(8, 12);
  });

  it('the area of a union of grid cells is the number of distinct cells (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (cells) => {
          const distinct = new Set(cells.map(([x, y]) => `${x},${y}`));
          const out = dissolvePolygons(cells.map(([x, y]) => cell(x, y)));
          expect(area(out)).toBeCloseTo(distinct.size, 9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('French regions from the shipped boundaries dissolve to the sum of their areas', () => {
    const topology = JSON.parse(readFileSync('resources/geo/boundaries.topo.json', 'utf8')) as Topology;
    const boundaries = indexBoundaries([topology]);
    const keys = ['FR-IDF', 'FR-HDF', 'FR-NOR', 'FR-GES', 'FR-BFC', 'FR-CVL'];
    const parts = keys.map((key) => regionPolygons(boundaries, key)!);
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
    const sum = parts.reduce((s, p) => s + area(p), 0);
    const out = dissolvePolygons(parts.flat());
    // Neighbours share their borders in the topology: the union loses nothing and adds nothing (but slivers of
    // the quantised boundaries).
    expect(Math.abs(area(out) - sum) / sum).toBeLessThan(1e-4);
    // Fewer outlines than parts: the shared borders are gone (islands may stay separate).
    expect(out.length).toBeLessThan(parts.flat().length);
    // The country dissolved with one of its regions is the country.
    const france = regionPolygons(boundaries, 'FR')!;
    const withRegion = dissolvePolygons([...france, ...parts[0]]);
    expect(Math.abs(area(withRegion) - area(france)) / area(france)).toBeLessThan(0.01);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { lowZoomCountries, lowZoomLevels, ringArea } from '../../scripts/geo/lowZoomCountries';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, 'resources/geo', file), 'utf8')) as Topology;
const boundaries = read('boundaries.topo.json');

type Shape = Polygon | MultiPolygon;
const shapes = (t: Topology) =>
  new Map(
    (t.objects.countries as GeometryCollection).geometries.map((g) => [
      String(g.id),
      (feature(t, g as GeometryObject) as unknown as { geometry: Shape }).geometry,
    ]),
  );
const pieces = (s: Shape) => (s.type === 'Polygon' ? [s.coordinates] : s.coordinates);
const points = (s: Shape) => pieces(s).reduce((n, p) => n + p.reduce((m, ring) => m + ring.length, 0), 0);
const arcsOf = (t: Topology, id: string) => {
  const g = (t.objects.countries as GeometryCollection).geometries.find((x) => x.id === id) as { arcs: unknown };
  return new Set((g.arcs as unknown[]).flat(3).map((i) => ((i as number) < 0 ? ~(i as number) : (i as number))));
};

describe('lowZoomCountries: the countries for the world and continent views', () => {
  const full = shapes(boundaries);
  const levels = lowZoomLevels.map((level) => ({ level, topology: lowZoomCountries(boundaries, level) }));

  it('keeps every country, each with its largest piece, however small', () => {
    for (const { level, topology } of levels) {
      const low = shapes(topology);
      expect([...low.keys()].sort()).toEqual([...full.keys()].sort());
      let small = 0;
      for (const [key, shape] of full) {
        const largest = Math.max(...pieces(shape).map((p) => ringArea(p[0])));
        const kept = Math.max(...pieces(low.get(key)!).map((p) => ringArea(p[0])));
        // Simplified, a large piece keeps most of its area; one a few pixels wide may shrink (Curaçao), or vanish
        // when under a pixel (Saint Martin).
        if (largest >= level.minWeight * 10) expect(kept, key).toBeGreaterThan(largest * 0.5);
        if (largest < level.minPiece && kept > 0) small++;
      }
      // Malta, Bahrain, Singapore, Andorra …: smaller than the islands left out, and kept.
      expect(small).toBeGreaterThan(10);
    }
  });

  it('draws far fewer points, coarser and with fewer islands for the world view than for the continents', () => {
    const count = (m: Map<string, Shape>) => [...m.values()].reduce((n, s) => n + points(s), 0);
    const [world, continents] = levels.map(({ topology }) => shapes(topology));
    expect(count(world)).toBeLessThan(count(full) * 0.2);
    expect(count(world)).toBeLessThan(count(continents));
    expect(count(continents)).toBeLessThan(count(full) * 0.4);
    // Greece's small islands go first; Crete stays.
    expect(pieces(world.get('GR')!).length).toBeLessThan(pieces(continents.get('GR')!).length);
    expect(pieces(continents.get('GR')!).length).toBeLessThan(pieces(full.get('GR')!).length);
    expect(pieces(world.get('GR')!).some((p) => ringArea(p[0]) > 0.8)).toBe(true);
  });

  it('keeps the topology: neighbours still share their border', () => {
    for (const { topology } of levels) {
      const france = arcsOf(topology, 'FR');
      expect([...arcsOf(topology, 'ES')].some((i) => france.has(i))).toBe(true);
    }
  });

  it('is what resources/geo ships', () => {
    for (const { level, topology } of levels) {
      expect(read(`countries-z${level.below - 1}.topo.json`)).toEqual(JSON.parse(JSON.stringify(topology)));
    }
  });
});

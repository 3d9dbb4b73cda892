import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { type Geom, union } from 'polyclip-ts';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { withoutSpikes } from '../../scripts/geo/build-map-data';
import { ringArea } from '../../scripts/geo/lowZoomCountries';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, 'resources/geo', file), 'utf8')) as Topology;

type Shape = Polygon | MultiPolygon;
const shapesOf = (t: Topology, object: string) =>
  (t.objects[object] as GeometryCollection).geometries.map((g) => ({
    id: String(g.id),
    country: String((g.properties as { c?: string } | undefined)?.c ?? String(g.id).slice(0, 2)),
    shape: (feature(t, g as GeometryObject) as unknown as { geometry: Shape }).geometry,
  }));
const rings = (s: Shape): Position[][] => (s.type === 'Polygon' ? s.coordinates : s.coordinates.flat());
const polygons = (s: Shape): Position[][][] => (s.type === 'Polygon' ? [s.coordinates] : s.coordinates);
/** Area enclosed (square degrees): each polygon's outer ring less its holes. */
const area = (polys: Position[][][]) =>
  polys.reduce(
    (sum, [outer, ...holes]) => sum + Math.abs(ringArea(outer)) - holes.reduce((h, r) => h + Math.abs(ringArea(r)), 0),
    0,
  );

describe('withoutSpikes: out-and-back arc pairs taken out of a ring', () => {
  it('leaves a ring without spikes as it is', () => {
    expect(withoutSpikes([1, 2, ~3, 4])).toEqual([1, 2, ~3, 4]);
  });

  it('takes out an arc followed by itself reversed, also when that exposes another pair', () => {
    expect(withoutSpikes([1, 2, ~2, 3])).toEqual([1, 3]);
    expect(withoutSpikes([1, 2, 5, ~5, ~2, 3])).toEqual([1, 3]);
    expect(withoutSpikes([1, ~7, 7, 3])).toEqual([1, 3]);
  });

  it('takes out a pair that spans the end of the ring', () => {
    expect(withoutSpikes([~5, 1, 2, 5])).toEqual([1, 2]);
    expect(withoutSpikes([~5, ~6, 1, 2, 6, 5])).toEqual([1, 2]);
  });

  it('keeps a ring made of one closed arc', () => {
    expect(withoutSpikes([4])).toEqual([4]);
  });
});

describe('the shipped boundaries draw closed shapes', () => {
  const files: [string, string[]][] = [
    ['boundaries.topo.json', ['countries', 'regions', 'subdivisions']],
    ['countries-z2.topo.json', ['countries']],
    ['countries-z3.topo.json', ['countries']],
    ['us-counties.topo.json', ['counties']],
    ['lakes.topo.json', ['lakes']],
  ];

  it.each(files)('every ring of %s ends where it starts', (file, objects) => {
    const topology = read(file);
    const open: string[] = [];
    for (const object of objects) {
      for (const { id, shape } of shapesOf(topology, object)) {
        for (const ring of rings(shape)) {
          const [first, last] = [ring[0], ring[ring.length - 1]];
          if (ring.length < 4 || first[0] !== last[0] || first[1] !== last[1]) open.push(`${object} ${id}`);
        }
      }
    }
    expect(open).toEqual([]);
  });

  it('each country covers the union of its subdivisions, no more, no less', () => {
    const topology = read('boundaries.topo.json');
    const parts = new Map<string, Position[][][]>();
    for (const { country, shape } of shapesOf(topology, 'subdivisions')) {
      parts.set(country, [...(parts.get(country) ?? []), ...polygons(shape)]);
    }
    const off: string[] = [];
    for (const { id, shape } of shapesOf(topology, 'countries')) {
      const [first, ...rest] = parts.get(id) ?? [];
      const expected = area(union(first as Geom, ...(rest as Geom[])) as Position[][][]);
      const actual = area(polygons(shape));
      if (Math.abs(actual - expected) > expected * 0.005) off.push(`${id} ${actual} vs ${expected}`);
    }
    expect(off).toEqual([]);
    // The union of 4,594 shapes takes about 6 s on an idle machine and three times that under load.
  }, 90_000);
});

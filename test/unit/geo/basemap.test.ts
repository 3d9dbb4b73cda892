import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { levelMinZoom, lineMinZoom } from '../../../src/renderer/app/views/map/basemap';

const root = path.resolve(import.meta.dirname, '../../..');
const topology = JSON.parse(readFileSync(path.join(root, 'resources/geo/boundaries.topo.json'), 'utf8')) as Topology;

/** The zoom from which each shape of `level` in `country` draws its lines. */
function zoomsOf(level: 'regions' | 'subdivisions', country: string): number[] {
  const object = topology.objects[level] as GeometryCollection<{ c?: string }>;
  return object.geometries
    .filter((g) => ((g.properties as { c?: string } | undefined)?.c ?? String(g.id).slice(0, 2)) === country)
    .map((g) => lineMinZoom((feature(topology, g) as { geometry: Polygon | MultiPolygon }).geometry, level));
}

const square = (west: number, south: number, side: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + side, south],
      [west + side, south + side],
      [west, south + side],
      [west, south],
    ],
  ],
});

describe('lineMinZoom: when a shape draws its border lines', () => {
  it('is 0 for countries, whatever their size', () => {
    expect(lineMinZoom(square(7.4, 43.7, 0.02), 'countries')).toBe(0);
  });

  it("is the level's own zoom for large shapes, later for small ones", () => {
    expect(lineMinZoom(square(0, 0, 10), 'regions')).toBe(levelMinZoom.regions);
    expect(lineMinZoom(square(0, 0, 10), 'subdivisions')).toBe(levelMinZoom.subdivisions);
    // 1 degree at the equator: 56 px wide from zoom 5.3, so from tile zoom 6.
    expect(lineMinZoom(square(0, 0, 1), 'regions')).toBe(6);
    // 0.1 degree: ten times smaller, 3.3 zooms later.
    expect(lineMinZoom(square(0, 0, 0.1), 'regions')).toBe(9);
    // Far north a degree of latitude is drawn taller (Mercator): the same square shows sooner.
    expect(lineMinZoom(square(0, 70, 0.4), 'regions')).toBeLessThan(lineMinZoom(square(0, 0, 0.4), 'regions'));
  });

  it('measures a multipolygon by the box around all its parts', () => {
    const islands: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 0.1).coordinates, square(4.9, 4.9, 0.1).coordinates],
    };
    expect(lineMinZoom(islands, 'regions')).toBe(lineMinZoom(square(0, 0, 5), 'regions'));
  });

  it("holds back Slovenia's municipalities and Italy's provinces, not France's régions", () => {
    // Tiles are cut at the nearest whole zoom: régions drawn from 4 show on a Europe view (zoom 3.5 and more).
    const regionZoom = (key: string) => {
      const g = (topology.objects.regions as GeometryCollection).geometries.find((x) => x.id === key)!;
      return lineMinZoom((feature(topology, g) as { geometry: Polygon | MultiPolygon }).geometry, 'regions');
    };
    for (const key of ['FR-NAQ', 'FR-OCC', 'FR-ARA', 'FR-GES', 'FR-BFC', 'FR-HDF', 'FR-BRE', 'DE-BY', 'DE-NI']) {
      expect(regionZoom(key), key).toBeLessThanOrEqual(4);
    }
    expect(zoomsOf('regions', 'FR').length).toBeGreaterThan(12);
    const slovenia = zoomsOf('regions', 'SI');
    expect(slovenia.length).toBeGreaterThan(150);
    expect(Math.min(...slovenia)).toBeGreaterThanOrEqual(7);
    const italy = zoomsOf('regions', 'IT').sort((a, b) => a - b);
    expect(italy.length).toBeGreaterThan(100);
    expect(Math.min(...italy)).toBeGreaterThanOrEqual(5);
    expect(italy[italy.length >> 1]).toBeGreaterThanOrEqual(6);
  });

  it('never draws subdivisions before their level', () => {
    expect(Math.min(...zoomsOf('subdivisions', 'FR'))).toBe(levelMinZoom.subdivisions);
  });
});

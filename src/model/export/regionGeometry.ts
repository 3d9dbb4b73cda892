/**
 * Region boundaries (countries, regions, subdivisions, US counties) by region key, from the same TopoJSON files the
 * map draws. Used where a territory's regions become geometry: the report's map and the dissolved GeoJSON export.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Polygon } from '../../shared/domain';
import { normalizeRegionKey } from '../../shared/geography';
import { canonicalRegionKey } from '../../shared/regionAliases';

export type RegionBoundaries = Map<string, { topology: Topology; geometry: GeometryObject }>;

/** Every geometry of the topologies by its id (the region key); the first file naming a key wins. */
export function indexBoundaries(topologies: readonly Topology[]): RegionBoundaries {
  const out: RegionBoundaries = new Map();
  for (const topology of topologies) {
    for (const object of Object.values(topology.objects)) {
      for (const geometry of (object as GeometryCollection).geometries ?? []) {
        if (geometry.id === undefined) continue;
        const key = String(geometry.id);
        if (!out.has(key)) out.set(key, { topology, geometry });
      }
    }
  }
  return out;
}

/** The polygons of a region key as the planner typed or stored it (null: no boundary for it). */
export function regionPolygons(boundaries: RegionBoundaries, rawKey: string): Polygon[] | null {
  const key = canonicalRegionKey(normalizeRegionKey(rawKey));
  const found = boundaries.get(key) ?? boundaries.get(rawKey);
  if (!found) return null;
  const { geometry } = feature(found.topology, found.geometry) as GeoJSON.Feature;
  if (!geometry) return null;
  if (geometry.type === 'Polygon') return [geometry.coordinates as Polygon];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Polygon[];
  return null;
}

/** Coordinates rounded to `decimals` and repeated points dropped (a lighter drawing of the same shape). */
export function roundPolygon(polygon: Polygon, decimals: number): Polygon {
  const f = 10 ** decimals;
  return polygon.map((ring) => {
    const out: [number, number][] = [];
    for (const [x, y] of ring) {
      const p: [number, number] = [Math.round(x * f) / f, Math.round(y * f) / f];
      const last = out.at(-1);
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  }) as Polygon;
}

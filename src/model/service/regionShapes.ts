/**
 * The boundaries of shape-only region keys (US counties, map shapes without an ISO code of today; see
 * src/shared/regionAliases.ts) for "is in regions" rules: read from the same resources/geo files the map draws,
 * the first time a plan's territories or rules name such a key, then kept for the model's life.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Polygon, Rule, Territory } from '../../shared/domain';
import { normalizeRegionKey } from '../../shared/geography';
import { canonicalRegionKey, isShapeOnlyKey } from '../../shared/regionAliases';
import type { RegionShapes } from '../engine/rules/scanContext';
import { listItems } from '../engine/rules/normalize';
import type { GeoFileSource } from '../import';

type Boundaries = Map<string, { topology: Topology; geometry: GeometryObject }>;

let loaded: { source: GeoFileSource; boundaries: Promise<Boundaries> } | null = null;

function boundariesOf(source: GeoFileSource): Promise<Boundaries> {
  if (loaded?.source !== source) {
    const boundaries = (async () => {
      const [world, us] = await Promise.all([source('boundaries.topo.json'), source('us-counties.topo.json')]);
      const out: Boundaries = new Map();
      for (const text of [world, us]) {
        const topology = JSON.parse(text) as Topology;
        for (const object of Object.values(topology.objects)) {
          for (const geometry of (object as GeometryCollection).geometries) {
            const key = String(geometry.id);
            if (isShapeOnlyKey(key) && !out.has(key)) out.set(key, { topology, geometry });
          }
        }
      }
      return out;
    })();
    loaded = { source, boundaries };
    boundaries.catch(() => (loaded = null));
  }
  return loaded.boundaries;
}

/** The shape-only keys a plan's territories list and its "is in regions" conditions name. */
export function shapeOnlyKeysOf(territories: readonly Territory[], rules: readonly Rule[]): Set<string> {
  const keys = new Set<string>();
  const add = (raw: string) => {
    const key = canonicalRegionKey(normalizeRegionKey(raw));
    if (isShapeOnlyKey(key)) keys.add(key);
  };
  for (const t of territories) for (const key of t.geography.regions) add(key);
  for (const rule of rules) {
    for (const condition of rule.conditions) {
      if (condition.operator === 'inRegions') for (const item of listItems(condition.value)) add(item);
    }
  }
  return keys;
}

/** The polygons of each key (GeoJSON Polygon and MultiPolygon parts); keys the map does not draw are left out. */
export async function regionShapesOf(source: GeoFileSource, keys: ReadonlySet<string>): Promise<RegionShapes> {
  const shapes = new Map<string, Polygon[]>();
  if (keys.size === 0) return shapes;
  const boundaries = await boundariesOf(source);
  for (const key of keys) {
    const found = boundaries.get(key);
    if (!found) continue;
    const { geometry } = feature(found.topology, found.geometry) as GeoJSON.Feature;
    if (geometry.type === 'Polygon') shapes.set(key, [geometry.coordinates as Polygon]);
    else if (geometry.type === 'MultiPolygon') shapes.set(key, geometry.coordinates as Polygon[]);
  }
  return shapes;
}

/**
 * The boundaries of shape-only region keys (US counties, map shapes without an ISO code of today; see
 * src/shared/regionAliases.ts) for "is in regions" rules: read from the same resources/geo files the map draws,
 * the first time a plan's territories or rules name such a key, then kept on the model's context.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Polygon, Rule, Territory } from '../../shared/domain';
import { normalizeRegionKey } from '../../shared/geography';
import { canonicalRegionKey, isShapeOnlyKey } from '../../shared/regionAliases';
import type { RegionShapes } from '../engine/rules/scanContext';
import { listItems } from '../engine/rules/normalize';
import type { ModelContext } from './context';

/** What of a model's context the shapes need: its geo files and where to keep what was read. */
type GeoContext = Pick<ModelContext, 'geoSource' | 'caches'>;

/** The geometry of each shape-only key, with the topology its arcs belong to. */
export type ShapeOnlyBoundaries = Map<string, { topology: Topology; geometry: GeometryObject }>;

/** Read from the context's geo files on first use (again after a failed read), then kept on its context. */
function boundariesOf(ctx: GeoContext): Promise<ShapeOnlyBoundaries> {
  const { caches } = ctx;
  if (!caches.shapeOnlyBoundaries) {
    const source = ctx.geoSource;
    const boundaries = (async () => {
      const [world, us] = await Promise.all([source('boundaries.topo.json'), source('us-counties.topo.json')]);
      const out: ShapeOnlyBoundaries = new Map();
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
    caches.shapeOnlyBoundaries = boundaries;
    boundaries.catch(() => {
      if (caches.shapeOnlyBoundaries === boundaries) delete caches.shapeOnlyBoundaries;
    });
  }
  return caches.shapeOnlyBoundaries;
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
export async function regionShapesOf(ctx: GeoContext, keys: ReadonlySet<string>): Promise<RegionShapes> {
  const shapes = new Map<string, Polygon[]>();
  if (keys.size === 0) return shapes;
  const boundaries = await boundariesOf(ctx);
  for (const key of keys) {
    const found = boundaries.get(key);
    if (!found) continue;
    const { geometry } = feature(found.topology, found.geometry) as GeoJSON.Feature;
    if (geometry.type === 'Polygon') shapes.set(key, [geometry.coordinates as Polygon]);
    else if (geometry.type === 'MultiPolygon') shapes.set(key, geometry.coordinates as Polygon[]);
  }
  return shapes;
}

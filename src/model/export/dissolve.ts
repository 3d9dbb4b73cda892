/**
 * Regions dissolved into one geometry: the union of polygons (shared borders removed, overlaps counted once), by
 * polyclip-ts — the maintained TypeScript successor of polygon-clipping (Martinez-Rueda sweep line, robust
 * arithmetic) that Turf 7's union itself runs on; hand-written clipping is where GIS code goes wrong.
 */
import { union, type Geom } from 'polyclip-ts';
import type { Polygon } from '../../shared/domain';

/** One MultiPolygon's coordinates covering every polygon given (empty: nothing given). */
export function dissolvePolygons(polygons: readonly Polygon[]): Polygon[] {
  if (polygons.length === 0) return [];
  const geoms = polygons.map((p) => p as unknown as Geom);
  // A polygon alone still goes through union: its rings come out closed, oriented and without self-overlaps.
  const [first, ...rest] = geoms;
  return union(first, ...rest) as unknown as Polygon[];
}

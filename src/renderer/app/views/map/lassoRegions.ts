/**
 * Regions a lasso takes: those whose area lies mostly inside it, measured on the map's own projection (Web
 * Mercator), not those whose label point happens to fall inside. A crescent-shaped département or a coastal county
 * whose label sits in the sea is taken when the planner drew around it, and a neighbour the lasso only grazes is
 * not. The clipping is polyclip-ts (robust sweep line, the engine behind Turf's own intersect), which also accepts
 * the self-crossing rings a hand-drawn lasso often has.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { intersection, type Geom } from 'polyclip-ts';

/** Share of a region's area that must lie inside the lasso for the lasso to take it. */
export const lassoShare = 0.5;

export interface LassoShape {
  key: string;
  geometry: Polygon | MultiPolygon;
}

type Ring = [number, number][];

const maxLat = 85.05;

/** Web Mercator y, in degrees-like units so that x (longitude) and y are on the same scale. */
function mercatorY(lat: number): number {
  const phi = (Math.max(-maxLat, Math.min(maxLat, lat)) * Math.PI) / 180;
  return (Math.log(Math.tan(Math.PI / 4 + phi / 2)) * 180) / Math.PI;
}

const project = (ring: readonly Position[]): Ring => ring.map(([x, y]) => [x, mercatorY(y)]);

/** Shoelace area of one ring (absolute). */
function ringArea(ring: readonly Position[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    twice += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(twice) / 2;
}

/** Area of polygons given as [outer, ...holes] rings. */
function polygonsArea(polygons: readonly (readonly (readonly Position[])[])[]): number {
  let area = 0;
  for (const [outer, ...holes] of polygons) {
    area += ringArea(outer);
    for (const hole of holes) area -= ringArea(hole);
  }
  return Math.max(0, area);
}

function close(ring: Ring): Ring {
  const [x0, y0] = ring[0];
  const [xn, yn] = ring[ring.length - 1];
  return x0 === xn && y0 === yn ? ring : [...ring, [x0, y0]];
}

/** The box around some points: [minX, minY, maxX, maxY] (Infinity and -Infinity for none). */
export function ringBounds(points: Iterable<readonly [number, number]>): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/**
 * The share (0 to 1) of each shape's area inside the lasso, for the shapes whose box meets the lasso's box. The
 * lasso is a ring of longitude/latitude pairs as unprojected from the screen.
 */
export function lassoShares(lasso: readonly [number, number][], shapes: Iterable<LassoShape>): Map<string, number> {
  const shares = new Map<string, number>();
  if (lasso.length < 3) return shares;
  const ring = close(project(lasso));
  const [minX, minY, maxX, maxY] = ringBounds(ring);
  const lassoGeom = [ring] as unknown as Geom;
  for (const shape of shapes) {
    const polygons = shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
    // The box first: most shapes of a level are nowhere near the lasso.
    let [sx0, sy0, sx1, sy1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of polygons) {
      for (const [x, y] of polygon[0]) {
        sx0 = Math.min(sx0, x);
        sx1 = Math.max(sx1, x);
        sy0 = Math.min(sy0, y);
        sy1 = Math.max(sy1, y);
      }
    }
    if (sx0 > maxX || sx1 < minX || mercatorY(sy0) > maxY || mercatorY(sy1) < minY) continue;
    const projected = polygons.map((polygon) => polygon.map(project));
    const area = polygonsArea(projected);
    if (area === 0) continue;
    let inside: number;
    try {
      inside = polygonsArea(intersection(projected as unknown as Geom, lassoGeom) as unknown as Position[][][]);
    } catch {
      // A degenerate lasso (all points on one line) or shape: nothing of it is inside.
      inside = 0;
    }
    if (inside > 0) shares.set(shape.key, Math.min(1, inside / area));
  }
  return shares;
}

/** The keys of the shapes the lasso takes: at least `share` of their area inside it. */
export function regionsInLasso(
  lasso: readonly [number, number][],
  shapes: Iterable<LassoShape>,
  share = lassoShare,
): string[] {
  const keys: string[] = [];
  for (const [key, inside] of lassoShares(lasso, shapes)) if (inside >= share) keys.push(key);
  return keys;
}

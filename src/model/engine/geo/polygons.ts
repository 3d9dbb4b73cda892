/**
 * Drawn areas: normalised (rings closed, longitudes continuous across the antimeridian) and checked before they are
 * stored. A self-intersecting outline has no clear inside, so it is refused with the place where it crosses.
 */
import type { Polygon } from '../../../shared/domain';

type Ring = Polygon[number];
type Point = Ring[number];

export type PolygonProblemReason = 'tooFewPoints' | 'notFinite' | 'outOfRange' | 'selfIntersection' | 'zeroArea';

export interface PolygonProblem {
  reason: PolygonProblemReason;
  /** Ring of the polygon (0: the outline). */
  ring: number;
  /** Where it goes wrong: the crossing point, or the offending vertex. */
  at?: [number, number];
}

const same = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1];

/** The ring with its first point repeated at the end (GeoJSON), consecutive duplicates dropped. */
export function closeRing(ring: Ring): Ring {
  const out: Point[] = [];
  for (const p of ring) if (out.length === 0 || !same(out[out.length - 1], p)) out.push([p[0], p[1]]);
  if (out.length > 0 && !same(out[0], out[out.length - 1])) out.push([out[0][0], out[0][1]]);
  return out;
}

/**
 * Longitudes made continuous: a step of more than 180° is taken as crossing the antimeridian (170 -> -170 becomes
 * 170 -> 190). The ring is then shifted by 360° so that its westmost point lies in [-180, 180).
 */
export function unwrapRing(ring: Ring): Ring {
  let shift = 0;
  const out = ring.map((p, i): Point => {
    if (i > 0) {
      const step = p[0] - ring[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [p[0] + shift, p[1]];
  });
  let west = Infinity;
  for (const p of out) west = Math.min(west, p[0]);
  const k = Math.floor((west + 180) / 360);
  return k === 0 ? out : out.map(([x, y]) => [x - 360 * k, y]);
}

/** Rings closed and unwrapped; holes moved next to their outline's longitudes. */
export function normalizePolygon(polygon: Polygon): Polygon {
  const rings = polygon.map((ring) => unwrapRing(closeRing(ring)));
  if (rings.length > 1) {
    const centre = rings[0].reduce((s, p) => s + p[0], 0) / rings[0].length;
    for (let r = 1; r < rings.length; r++) {
      const c = rings[r].reduce((s, p) => s + p[0], 0) / rings[r].length;
      const k = Math.round((c - centre) / 360);
      if (k !== 0) rings[r] = rings[r].map(([x, y]) => [x - 360 * k, y]);
    }
  }
  return rings;
}

/** Twice the signed area of a closed ring (shoelace). */
export function ringArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

const orient = (a: Point, b: Point, c: Point) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
const onSegment = (a: Point, b: Point, p: Point) =>
  Math.min(a[0], b[0]) <= p[0] &&
  p[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= p[1] &&
  p[1] <= Math.max(a[1], b[1]);

/** Where segments ab and cd meet (a point of the overlap when collinear), or null. */
export function segmentsMeet(a: Point, b: Point, c: Point, d: Point): [number, number] | null {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  if (d1 === 0 && onSegment(c, d, a)) return [a[0], a[1]];
  if (d2 === 0 && onSegment(c, d, b)) return [b[0], b[1]];
  if (d3 === 0 && onSegment(a, b, c)) return [c[0], c[1]];
  if (d4 === 0 && onSegment(a, b, d)) return [d[0], d[1]];
  return null;
}

/**
 * Why a drawn polygon cannot be stored, or null when it can: each ring needs three distinct corners and an area,
 * finite coordinates with latitudes within ±90, and no edge may cross or touch another (within a ring or between
 * rings) except consecutive edges at their shared corner. Expects a normalised polygon.
 */
export function polygonProblem(polygon: Polygon): PolygonProblem | null {
  if (polygon.length === 0) return { reason: 'tooFewPoints', ring: 0 };
  for (let r = 0; r < polygon.length; r++) {
    const ring = polygon[r];
    for (const p of ring) {
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return { reason: 'notFinite', ring: r };
      if (Math.abs(p[1]) > 90 || Math.abs(p[0]) > 540) return { reason: 'outOfRange', ring: r, at: [p[0], p[1]] };
    }
    if (ring.length < 4) return { reason: 'tooFewPoints', ring: r };
  }
  // Every edge against every later edge: drawn areas have tens or hundreds of corners, so this stays instant.
  const edges: { a: Point; b: Point; ring: number; index: number; count: number }[] = [];
  polygon.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++)
      edges.push({ a: ring[i], b: ring[i + 1], ring: r, index: i, count: ring.length - 1 });
  });
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    const minX = Math.min(e.a[0], e.b[0]);
    const maxX = Math.max(e.a[0], e.b[0]);
    const minY = Math.min(e.a[1], e.b[1]);
    const maxY = Math.max(e.a[1], e.b[1]);
    for (let j = i + 1; j < edges.length; j++) {
      const f = edges[j];
      if (Math.max(f.a[0], f.b[0]) < minX || Math.min(f.a[0], f.b[0]) > maxX) continue;
      if (Math.max(f.a[1], f.b[1]) < minY || Math.min(f.a[1], f.b[1]) > maxY) continue;
      const neighbours = e.ring === f.ring && (f.index === e.index + 1 || (e.index === 0 && f.index === e.count - 1));
      if (neighbours) {
        // Consecutive edges share one corner; they must not fold back over each other.
        const shared = f.index === e.index + 1 ? e.b : e.a;
        const other = f.index === e.index + 1 ? f.b : f.a;
        const own = f.index === e.index + 1 ? e.a : e.b;
        if (
          orient(own, shared, other) === 0 &&
          (other[0] - shared[0]) * (own[0] - shared[0]) + (other[1] - shared[1]) * (own[1] - shared[1]) > 0
        ) {
          return { reason: 'selfIntersection', ring: e.ring, at: [shared[0], shared[1]] };
        }
        continue;
      }
      const at = segmentsMeet(e.a, e.b, f.a, f.b);
      if (at) return { reason: 'selfIntersection', ring: e.ring, at };
    }
  }
  for (let r = 0; r < polygon.length; r++) if (ringArea2(polygon[r]) === 0) return { reason: 'zeroArea', ring: r };
  return null;
}

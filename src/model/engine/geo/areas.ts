/**
 * Drawn areas as a rule or the map tests them: the rules' AreaIndex over normalised polygons, answering across the
 * antimeridian (an area drawn from 170°E to 170°W holds a point at 175°W). And many territories' areas at once:
 * which territory's area holds each of a million points, through a uniform grid of the areas' boxes.
 */
import type { Polygon } from '../../../shared/domain';
import { buildAreaIndex, type AreaIndex } from '../rules/areaIndex';
import { normalizePolygon } from './polygons';

export function buildGeoAreaIndex(areas: readonly Polygon[]): AreaIndex {
  const normalized = areas.map(normalizePolygon);
  const index = buildAreaIndex(normalized);
  let east = -Infinity;
  for (const polygon of normalized) for (const p of polygon[0] ?? []) east = Math.max(east, p[0]);
  if (!(east > 180)) return index;
  return {
    edgeCount: index.edgeCount,
    contains: (x, y) => index.contains(x, y) || (x < 0 && index.contains(x + 360, y)),
  };
}

export interface AreaAssignment {
  /** Per point: the index of the first territory (in the order given) whose area holds it, or -1. */
  territoryOfPoint: Int32Array;
  /** Points held per territory (counting each point once, for its first territory). */
  counts: Uint32Array;
}

/**
 * For each point (lon, lat interleaved) the first territory whose areas hold it. The areas' boxes are bucketed in a
 * grid over the world, so a point only tests the few territories whose box covers its cell.
 */
export function assignPointsToAreas(
  lonLat: ArrayLike<number>,
  territories: readonly (readonly Polygon[])[],
): AreaAssignment {
  const columns = 720;
  const rows = 360;
  const indexes: (AreaIndex | null)[] = [];
  const cellsOf: number[][] = [];
  const buckets: number[][] = Array.from({ length: columns * rows }, () => []);
  const cellX = (x: number) => Math.min(columns - 1, Math.max(0, Math.floor(((x + 180) / 360) * columns)));
  const cellY = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor(((y + 90) / 180) * rows)));
  territories.forEach((areas, t) => {
    if (areas.length === 0) {
      indexes.push(null);
      cellsOf.push([]);
      return;
    }
    const index = buildGeoAreaIndex(areas);
    indexes.push(index);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const polygon of areas.map(normalizePolygon)) {
      for (const [x, y] of polygon[0]) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    const spans: [number, number][] =
      maxX > 180
        ? [
            [minX, 180],
            [-180, maxX - 360],
          ]
        : [[minX, maxX]];
    for (const [x0, x1] of spans) {
      for (let cy = cellY(minY); cy <= cellY(maxY); cy++) {
        for (let cx = cellX(x0); cx <= cellX(x1); cx++) buckets[cy * columns + cx].push(t);
      }
    }
  });
  // CSR layout: one typed array of candidates, ordered by territory within each cell.
  const start = new Uint32Array(columns * rows + 1);
  for (let c = 0; c < buckets.length; c++) start[c + 1] = start[c] + buckets[c].length;
  const candidates = new Int32Array(start[buckets.length]);
  buckets.forEach((list, c) => candidates.set(list, start[c]));

  const n = lonLat.length >> 1;
  const territoryOfPoint = new Int32Array(n).fill(-1);
  const counts = new Uint32Array(territories.length);
  for (let i = 0; i < n; i++) {
    const x = lonLat[2 * i];
    const y = lonLat[2 * i + 1];
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) continue;
    const c = cellY(y) * columns + cellX(x);
    for (let k = start[c], end = start[c + 1]; k < end; k++) {
      const t = candidates[k];
      if (indexes[t]!.contains(x, y)) {
        territoryOfPoint[i] = t;
        counts[t]++;
        break;
      }
    }
  }
  return { territoryOfPoint, counts };
}

/**
 * Drawn areas as a rule or the map tests them: the rules' AreaIndex over normalised polygons, answering across the
 * antimeridian (an area drawn from 170°E to 170°W holds a point at 175°W). And many territories' areas at once:
 * which territory's area holds each of a million points, through one grid over every polygon's edges
 * (see {@link assignPointsToAreas}).
 */
import type { Polygon } from '../../../shared/domain';
import { buildAreaIndex, segmentTouchesBox, type AreaIndex } from '../rules/areaIndex';
import { normalizePolygon } from './polygons';
import { orient2d } from 'robust-predicates';

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

/** Growable Int32 list (edge-to-cell pairs, per-cell inside lists). */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Where edge (x1, y1)-(x2, y2) crosses the line y = yc, measured from its nearer end (exact at a vertex). */
function crossingX(x1: number, y1: number, x2: number, y2: number, yc: number): number {
  return Math.abs(yc - y1) <= Math.abs(yc - y2)
    ? x1 + ((yc - y1) * (x2 - x1)) / (y2 - y1)
    : x2 + ((yc - y2) * (x1 - x2)) / (y1 - y2);
}

/** Where edge (x1, y1)-(x2, y2) crosses the line x = xc, measured from its nearer end (exact at a vertex). */
function crossingY(x1: number, y1: number, x2: number, y2: number, xc: number): number {
  return Math.abs(xc - x1) <= Math.abs(xc - x2)
    ? y1 + ((xc - x1) * (y2 - y1)) / (x2 - x1)
    : y2 + ((xc - x2) * (y1 - y2)) / (x1 - x2);
}

/**
 * Farther than this (in degrees) from a crossing, the rounded crossing answers which side a point is on (its error
 * is below 1e-12 for coordinates within ±540); nearer, the exact orientation test does.
 */
const NEAR = 1e-9;

/**
 * Is edge (x1, y1)-(x2, y2), which crosses the row y, crossed left of the point (x, y)? The point is read as lying a
 * hair left of x (as the half-open test `x1 >= x` places it); exact, so that both legs of a point's path agree on
 * which side of an edge their corner is.
 */
function crossesLeftOf(x1: number, y1: number, x2: number, y2: number, x: number, y: number): boolean {
  const xs = crossingX(x1, y1, x2, y2, y);
  if (Math.abs(xs - x) > NEAR) return xs < x;
  // orient2d is negative when the point is left of the upward edge, positive when right of it (the edge left of
  // the point); exactly on the edge, the point is a hair left of it.
  return (y1 < y2 ? orient2d(x1, y1, x2, y2, x, y) : orient2d(x2, y2, x1, y1, x, y)) > 0;
}

/**
 * Is the point (x, y), read a hair left of x, above edge (x1, y1)-(x2, y2), which crosses the line x? Exact. On the
 * edge, a hair left lies above a rising edge and below a falling one (a level one counts as rising).
 */
function isAbove(x1: number, y1: number, x2: number, y2: number, x: number, y: number): boolean {
  const ys = crossingY(x1, y1, x2, y2, x);
  if (Math.abs(y - ys) > NEAR) return y > ys;
  const rising = x1 < x2 ? y2 >= y1 : y1 >= y2;
  const side = x1 < x2 ? orient2d(x1, y1, x2, y2, x, y) : orient2d(x2, y2, x1, y1, x, y);
  return side === 0 ? rising : side < 0;
}

/**
 * For each point (lon, lat interleaved) the first territory whose areas hold it.
 *
 * Thousands of territories' polygons go into ONE uniform grid over all their edges (about two cells per edge):
 * - each cell lists the edges that touch it;
 * - a sweep along each row of cell centres (the edges crossing that line, sorted by x) says which polygons hold
 *   each cell's centre, exactly, by even-odd parity.
 * A point in a cell no edge touches is held by what holds the centre. Otherwise each candidate polygon's parity
 * is carried from the centre to the point over the cell's own edges: along the centre's row to the point's
 * longitude (the sweep's rule: crossings left of a point), then up or down to the point (a vertical ray's rule).
 * Each polygon is even-odd over its rings (holes work); a territory's polygons are a union. Polygons are
 * normalised first, so areas across the antimeridian (longitudes past 180°) hold points on both sides.
 */
export function assignPointsToAreas(
  lonLat: ArrayLike<number>,
  territories: readonly (readonly Polygon[])[],
): AreaAssignment {
  const n = lonLat.length >> 1;
  const territoryOfPoint = new Int32Array(n).fill(-1);
  const counts = new Uint32Array(territories.length);

  // Edges of every polygon: x1, y1, x2, y2, and the polygon (global number) each belongs to.
  const polygonTerritory: number[] = [];
  let edgeCount = 0;
  const normalized = territories.map((areas) => areas.map(normalizePolygon));
  for (const areas of normalized) for (const polygon of areas) for (const ring of polygon) edgeCount += ring.length;
  const coords = new Float64Array(edgeCount * 4);
  const edgePolygon = new Int32Array(edgeCount);
  let edges = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  normalized.forEach((areas, t) => {
    for (const polygon of areas) {
      const id = polygonTerritory.length;
      polygonTerritory.push(t);
      for (const ring of polygon) {
        // Rings are closed by normalizePolygon: the last point repeats the first.
        for (let i = 0; i + 1 < ring.length; i++) {
          const [x1, y1] = ring[i];
          const [x2, y2] = ring[i + 1];
          if (x1 === x2 && y1 === y2) continue;
          coords[edges * 4] = x1;
          coords[edges * 4 + 1] = y1;
          coords[edges * 4 + 2] = x2;
          coords[edges * 4 + 3] = y2;
          edgePolygon[edges] = id;
          edges++;
          if (x1 < minX) minX = x1;
          if (x1 > maxX) maxX = x1;
          if (y1 < minY) minY = y1;
          if (y1 > maxY) maxY = y1;
        }
      }
    }
  });
  if (edges === 0) return { territoryOfPoint, counts };

  // The grid: square-ish cells, about two per edge (at least 1,024, at most 4 million).
  const width = Math.max(maxX - minX, 1e-9);
  const height = Math.max(maxY - minY, 1e-9);
  const cellsWanted = Math.min(4_000_000, Math.max(1024, edges * 2));
  const side = Math.sqrt((width * height) / cellsWanted);
  const columns = Math.max(1, Math.min(4096, Math.ceil(width / side)));
  const rows = Math.max(1, Math.min(4096, Math.ceil(height / side)));
  const cellW = width / columns;
  const cellH = height / rows;
  const columnOf = (x: number) => Math.min(columns - 1, Math.max(0, Math.floor((x - minX) / cellW)));
  const rowOf = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cellH)));

  // Edge -> cells it touches (boxes padded by a hair, so a point rounding across a cell border still sees them).
  const pairCell = new IntList();
  const pairEdge = new IntList();
  const padX = cellW * 1e-6;
  const padY = cellH * 1e-6;
  for (let e = 0; e < edges; e++) {
    const x1 = coords[e * 4];
    const y1 = coords[e * 4 + 1];
    const x2 = coords[e * 4 + 2];
    const y2 = coords[e * 4 + 3];
    const c0 = columnOf(Math.min(x1, x2) - padX);
    const c1 = columnOf(Math.max(x1, x2) + padX);
    const r0 = rowOf(Math.min(y1, y2) - padY);
    const r1 = rowOf(Math.max(y1, y2) + padY);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        if (c0 !== c1 && r0 !== r1) {
          const bx = minX + c * cellW;
          const by = minY + r * cellH;
          if (!segmentTouchesBox(x1, y1, x2, y2, bx - padX, by - padY, bx + cellW + padX, by + cellH + padY)) continue;
        }
        pairCell.push(r * columns + c);
        pairEdge.push(e);
      }
    }
  }
  const cellCount = columns * rows;
  const edgeStart = new Uint32Array(cellCount + 1);
  for (let i = 0; i < pairCell.length; i++) edgeStart[pairCell.data[i] + 1]++;
  for (let c = 0; c < cellCount; c++) edgeStart[c + 1] += edgeStart[c];
  const cellEdges = new Int32Array(pairCell.length);
  const fill = edgeStart.slice(0, cellCount);
  for (let i = 0; i < pairCell.length; i++) cellEdges[fill[pairCell.data[i]]++] = pairEdge.data[i];

  // Row sweeps: the polygons holding each cell's centre, as per-cell lists (CSR, cells in row-major order).
  const polygons = polygonTerritory.length;
  const parity = new Uint8Array(polygons);
  const insideStart = new Uint32Array(cellCount + 1);
  const inside = new IntList();
  const active: number[] = [];
  const rowEdges: number[][] = Array.from({ length: rows }, () => []);
  for (let e = 0; e < edges; e++) {
    const y1 = coords[e * 4 + 1];
    const y2 = coords[e * 4 + 3];
    if (y1 === y2) continue;
    // Rows whose centre line yc satisfies (y1 > yc) !== (y2 > yc), found generously and checked exactly below.
    const r0 = Math.max(0, Math.floor((Math.min(y1, y2) - minY) / cellH - 0.5) - 1);
    const r1 = Math.min(rows - 1, Math.ceil((Math.max(y1, y2) - minY) / cellH - 0.5) + 1);
    for (let r = r0; r <= r1; r++) {
      const yc = minY + (r + 0.5) * cellH;
      if (y1 > yc !== y2 > yc) rowEdges[r].push(e);
    }
  }
  for (let r = 0; r < rows; r++) {
    const yc = minY + (r + 0.5) * cellH;
    const list = rowEdges[r];
    const xs = new Float64Array(list.length);
    list.forEach((e, i) => {
      const x1 = coords[e * 4];
      const y1 = coords[e * 4 + 1];
      const x2 = coords[e * 4 + 2];
      const y2 = coords[e * 4 + 3];
      xs[i] = crossingX(x1, y1, x2, y2, yc);
    });
    const order = list.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
    let k = 0;
    for (let c = 0; c < columns; c++) {
      const xc = minX + (c + 0.5) * cellW;
      while (k < order.length && xs[order[k]] < xc) {
        const q = edgePolygon[list[order[k]]];
        parity[q] ^= 1;
        if (parity[q] === 1) active.push(q);
        else active.splice(active.indexOf(q), 1);
        k++;
      }
      for (const q of active) inside.push(q);
      insideStart[r * columns + c + 1] = inside.length;
    }
    while (k < order.length) parity[edgePolygon[list[order[k++]]]] ^= 1;
    active.length = 0;
  }

  // Per point: the cell, then the centre's polygons carried to the point over the cell's edges.
  const flips = new Uint8Array(polygons);
  const seen = new Uint8Array(polygons);
  const touched: number[] = [];
  const firstTerritoryAt = (x: number, y: number): number => {
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return -1;
    const c = columnOf(x);
    const r = rowOf(y);
    const cell = r * columns + c;
    let best = -1;
    const e0 = edgeStart[cell];
    const e1 = edgeStart[cell + 1];
    if (e0 === e1) {
      for (let i = insideStart[cell]; i < insideStart[cell + 1]; i++) {
        const t = polygonTerritory[inside.data[i]];
        if (best < 0 || t < best) best = t;
      }
      return best;
    }
    const xc = minX + (c + 0.5) * cellW;
    const yc = minY + (r + 0.5) * cellH;
    for (let i = e0; i < e1; i++) {
      const e = cellEdges[i];
      const x1 = coords[e * 4];
      const y1 = coords[e * 4 + 1];
      const x2 = coords[e * 4 + 2];
      const y2 = coords[e * 4 + 3];
      let flip = 0;
      // Along the centre's row: an edge left of the centre as the sweep counted it but not left of the corner
      // (x, yc), or the reverse. The corner's side is decided exactly: a crossing rounded onto x (an edge ending a
      // hair from the corner) must not count on one leg of the path and not on the other.
      if (y1 > yc !== y2 > yc) {
        const leftOfCentre = crossingX(x1, y1, x2, y2, yc) < xc;
        if (leftOfCentre !== crossesLeftOf(x1, y1, x2, y2, x, yc)) flip ^= 1;
      }
      // Then along the point's longitude, from the corner to the point: an edge crossing that line with the corner
      // and the point on its two sides.
      if (x1 >= x !== x2 >= x && isAbove(x1, y1, x2, y2, x, yc) !== isAbove(x1, y1, x2, y2, x, y)) flip ^= 1;
      if (flip === 0) continue;
      const q = edgePolygon[e];
      if (seen[q] === 0) {
        seen[q] = 1;
        touched.push(q);
      }
      flips[q] ^= 1;
    }
    for (let i = insideStart[cell]; i < insideStart[cell + 1]; i++) {
      const q = inside.data[i];
      if (seen[q] === 0) {
        seen[q] = 1;
        touched.push(q);
      }
      flips[q] ^= 1; // held at the centre: parity starts at 1
    }
    for (const q of touched) {
      if (flips[q] === 1) {
        const t = polygonTerritory[q];
        if (best < 0 || t < best) best = t;
      }
      flips[q] = 0;
      seen[q] = 0;
    }
    touched.length = 0;
    return best;
  };

  const wraps = maxX > 180;
  for (let i = 0; i < n; i++) {
    const x = lonLat[2 * i];
    const y = lonLat[2 * i + 1];
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) continue;
    let t = firstTerritoryAt(x, y);
    if (wraps && x < 0) {
      const east = firstTerritoryAt(x + 360, y);
      if (east >= 0 && (t < 0 || east < t)) t = east;
    }
    if (t >= 0) {
      territoryOfPoint[i] = t;
      counts[t]++;
    }
  }
  return { territoryOfPoint, counts };
}

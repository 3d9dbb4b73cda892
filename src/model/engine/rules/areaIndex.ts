/**
 * "Within the territory's drawn area": is a record's point inside any of the territory's polygons?
 *
 * A scan may test a million points against the same polygons, so the polygons are prepared once:
 * - a grid over their bounding box; each cell is known to be fully inside, fully outside, or crossed by an edge.
 *   Most points are answered by one cell look-up. Which edges cross a cell is found with a Flatbush index of the
 *   edges' bounding boxes (build time only).
 * - for points in crossed cells, an exact ray cast that only visits the edges of the point's horizontal band.
 * Each polygon is even-odd over its rings (holes work); the polygons of a territory are a union.
 */
import Flatbush from 'flatbush';
import type { Polygon } from '../../../shared/domain';

const OUTSIDE = 0;
const INSIDE = 1;
const CROSSED = 2;

export interface AreaIndex {
  /** Whether the point [longitude, latitude] is inside one of the areas; NaN coordinates are not. */
  contains(longitude: number, latitude: number): boolean;
  readonly edgeCount: number;
}

interface EdgeList {
  /** x1, y1, x2, y2 per edge. */
  coords: Float64Array;
  /** Polygon of each edge; edges of one polygon are contiguous. */
  polygonOf: Int32Array;
  count: number;
}

function collectEdges(areas: readonly Polygon[]): EdgeList {
  let count = 0;
  for (const polygon of areas) for (const ring of polygon) count += ring.length;
  const coords = new Float64Array(count * 4);
  const polygonOf = new Int32Array(count);
  let at = 0;
  areas.forEach((polygon, p) => {
    for (const ring of polygon) {
      const n = ring.length;
      if (n < 2) continue;
      const first = ring[0];
      const last = ring[n - 1];
      // GeoJSON rings repeat the first point at the end; close the ring ourselves if it does not.
      const closed = first[0] === last[0] && first[1] === last[1];
      const edges = closed ? n - 1 : n;
      for (let i = 0; i < edges; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % n];
        if (a[1] === b[1] && a[0] === b[0]) continue;
        coords[at * 4] = a[0];
        coords[at * 4 + 1] = a[1];
        coords[at * 4 + 2] = b[0];
        coords[at * 4 + 3] = b[1];
        polygonOf[at] = p;
        at++;
      }
    }
  });
  return { coords, polygonOf, count: at };
}

/** Whether the segment touches the closed rectangle (Liang–Barsky clipping). */
export function segmentTouchesBox(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const p = [-dx, dx, -dy, dy];
  const q = [x1 - minX, maxX - x1, y1 - minY, maxY - y1];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return false;
    } else {
      const t = q[i] / p[i];
      if (p[i] < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}

export function buildAreaIndex(areas: readonly Polygon[]): AreaIndex {
  const edges = collectEdges(areas);
  const { coords, polygonOf, count } = edges;
  if (count === 0) return { contains: () => false, edgeCount: 0 };

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let e = 0; e < count; e++) {
    const x1 = coords[e * 4];
    const y1 = coords[e * 4 + 1];
    const x2 = coords[e * 4 + 2];
    const y2 = coords[e * 4 + 3];
    minX = Math.min(minX, x1, x2);
    maxX = Math.max(maxX, x1, x2);
    minY = Math.min(minY, y1, y2);
    maxY = Math.max(maxY, y1, y2);
  }
  // Enough cells that most are not crossed, few enough to build in a millisecond or so.
  const size = Math.max(8, Math.min(256, Math.ceil(Math.sqrt(count) * 4)));
  const width = maxX - minX || 1e-9;
  const height = maxY - minY || 1e-9;
  const cellWidth = width / size;
  const cellHeight = height / size;
  const toColumn = size / width;
  const toRow = size / height;

  const edgeBoxes = new Flatbush(count);
  for (let e = 0; e < count; e++) {
    const x1 = coords[e * 4];
    const y1 = coords[e * 4 + 1];
    const x2 = coords[e * 4 + 2];
    const y2 = coords[e * 4 + 3];
    edgeBoxes.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  edgeBoxes.finish();

  // Bands: the edges whose vertical extent meets each grid row, in edge (so polygon) order, as CSR.
  const bandStart = new Uint32Array(size + 1);
  const bandLists: number[][] = [];
  for (let row = 0; row < size; row++) {
    // Widen by a hair so that a point rounding into a neighbouring band still sees its edges.
    const lo = minY + row * cellHeight - cellHeight * 1e-6;
    const hi = minY + (row + 1) * cellHeight + cellHeight * 1e-6;
    const found = edgeBoxes.search(minX - 1, lo, maxX + 1, hi).sort((a, b) => a - b);
    bandLists.push(found);
    bandStart[row + 1] = bandStart[row] + found.length;
  }
  const bandEdges = new Uint32Array(bandStart[size]);
  bandLists.forEach((list, row) => bandEdges.set(list, bandStart[row]));

  /** Exact ray cast to the right over one band's edges; even-odd per polygon, union over polygons. */
  const rayCast = (x: number, y: number, band: number): boolean => {
    let polygon = -1;
    let inside = false;
    for (let i = bandStart[band], end = bandStart[band + 1]; i < end; i++) {
      const e = bandEdges[i];
      const p = polygonOf[e];
      if (p !== polygon) {
        if (inside) return true;
        polygon = p;
      }
      const y1 = coords[e * 4 + 1];
      const y2 = coords[e * 4 + 3];
      if (y1 > y !== y2 > y) {
        const x1 = coords[e * 4];
        const x2 = coords[e * 4 + 2];
        if (x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
      }
    }
    return inside;
  };

  const cells = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const x0 = minX + column * cellWidth;
      const y0 = minY + row * cellHeight;
      const padX = cellWidth * 1e-6;
      const padY = cellHeight * 1e-6;
      const box = [x0 - padX, y0 - padY, x0 + cellWidth + padX, y0 + cellHeight + padY] as const;
      const crossed = edgeBoxes.collides(box[0], box[1], box[2], box[3], (e) =>
        segmentTouchesBox(coords[e * 4], coords[e * 4 + 1], coords[e * 4 + 2], coords[e * 4 + 3], ...box),
      );
      cells[row * size + column] = crossed
        ? CROSSED
        : rayCast(x0 + cellWidth / 2, y0 + cellHeight / 2, row)
          ? INSIDE
          : OUTSIDE;
    }
  }

  const last = size - 1;
  return {
    edgeCount: count,
    contains(x: number, y: number): boolean {
      // NaN fails every comparison, so records without coordinates fall out here.
      if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return false;
      let column = ((x - minX) * toColumn) | 0;
      let row = ((y - minY) * toRow) | 0;
      if (column > last) column = last;
      if (row > last) row = last;
      const cell = cells[row * size + column];
      if (cell !== CROSSED) return cell === INSIDE;
      return rayCast(x, y, row);
    },
  };
}

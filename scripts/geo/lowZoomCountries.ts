/**
 * The countries for the world and continent views (`countries-z2.topo.json` for zooms below 3,
 * `countries-z3.topo.json` from 3 to 4), from the boundaries' own countries: simplified further (Visvalingam, the
 * topology kept, so neighbours still share their borders) and without the islands too small to see there, each
 * country's largest piece always kept. At those zooms every border vertex is a line triangle drawn in software
 * rendering: the world view drew 36,000 of them for its borders, a third of its frame (`npm run bench map`).
 *
 * Run by build-map-data.ts, or alone on the shipped boundaries: `npx tsx scripts/geo/lowZoomCountries.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MultiPolygon, Position } from 'geojson';
import { feature, quantize } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';

export interface LowZoom {
  /** The zoom below which these shapes are drawn (from the previous level's). */
  below: number;
  /**
   * Smallest triangle kept (Visvalingam's weight, square degrees): about a pixel at the level's first zoom, where a
   * pixel is 360 / (512 · 2^zoom) degrees wide, three just before the next.
   */
  minWeight: number;
  /** Pieces (islands) smaller than this (square degrees) are left out, except a country's largest. */
  minPiece: number;
}

export const lowZoomLevels: readonly LowZoom[] = [
  { below: 3, minWeight: 0.03, minPiece: 0.1 },
  { below: 4, minWeight: 0.008, minPiece: 0.03 },
];

/** Planar area of a ring in square degrees. */
export function ringArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    area += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(area) / 2;
}

type Arcs = number[][];

/** The countries of `boundaries`, simplified and with their small pieces left out, as a TopoJSON of their own. */
export function lowZoomCountries(boundaries: Topology, { minWeight, minPiece }: LowZoom): Topology {
  const countries = boundaries.objects.countries as GeometryCollection;
  const own = JSON.parse(
    JSON.stringify({
      type: 'Topology',
      transform: boundaries.transform,
      arcs: boundaries.arcs,
      objects: { countries },
    }),
  ) as Topology;
  const weighted = presimplify(own as never);
  const simplified = simplify(weighted, minWeight) as unknown as Topology;
  const geometries = (simplified.objects.countries as GeometryCollection).geometries as (GeometryObject & {
    arcs: Arcs[] | Arcs[][];
  })[];
  for (const g of geometries) {
    if (g.type !== 'MultiPolygon') continue;
    // Each piece's area from its outer ring as drawn after the simplification.
    const shape = feature(simplified, g as never).geometry as unknown as MultiPolygon | null;
    if (!shape) continue;
    const areas = shape.coordinates.map((polygon) => ringArea(polygon[0]));
    const largest = areas.indexOf(Math.max(...areas));
    (g as { arcs: Arcs[][] }).arcs = (g.arcs as Arcs[][]).filter((_, i) => i === largest || areas[i] >= minPiece);
  }
  // Only the arcs still used, renumbered.
  const used = new Map<number, number>();
  const arcs: Position[][] = [];
  const renumber = (list: unknown): unknown =>
    Array.isArray(list)
      ? list.map(renumber)
      : (() => {
          const i = list as number;
          const index = i < 0 ? ~i : i;
          if (!used.has(index)) {
            used.set(index, arcs.length);
            arcs.push(simplified.arcs[index] as Position[]);
          }
          return i < 0 ? ~used.get(index)! : used.get(index)!;
        })();
  for (const g of geometries) g.arcs = renumber(g.arcs) as Arcs[];
  simplified.arcs = arcs as never;
  const out = quantize(simplified as never, 1e5) as unknown as Topology;
  for (const g of (out.objects.countries as GeometryCollection).geometries) delete g.properties;
  return out;
}

/** Writes `countries-z2.topo.json` … into `dir` from its `boundaries.topo.json`. */
export function writeLowZoomCountries(dir: string): void {
  const boundaries = JSON.parse(readFileSync(path.join(dir, 'boundaries.topo.json'), 'utf8')) as Topology;
  for (const level of lowZoomLevels) {
    const low = lowZoomCountries(boundaries, level);
    writeFileSync(path.join(dir, `countries-z${level.below - 1}.topo.json`), JSON.stringify(low));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeLowZoomCountries(path.resolve(import.meta.dirname, '../../resources/geo'));
}

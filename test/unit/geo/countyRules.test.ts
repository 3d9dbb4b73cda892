/**
 * "In the territory's regions" for keys no record carries as a place: US counties ("US-06037") and map shapes
 * without an ISO code. The rule holds for accounts whose point lies in the shipped boundary, checked against
 * @turf/boolean-point-in-polygon on the same shapes, across the antimeridian (Aleutians West), and through a
 * whole rule run; records placed by their canonical codes still hold as before.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { multiPolygon } from '@turf/helpers';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../src/model/engine/rules/conditions';
import { runAssignment } from '../../../src/model/engine/rules/run';
import { ScanContext, type RegionShapes } from '../../../src/model/engine/rules/scanContext';
import { regionShapesOf, shapeOnlyKeysOf } from '../../../src/model/service/regionShapes';
import type { Polygon } from '../../../src/shared/domain';
import { geoSource } from '../import/helpers';
import { cond, rule, table, territory, type Row } from '../rules/helpers';

// What the shapes need of a model's context: its geo files (read from disk here) and a place to keep them.
const geo = { geoSource, caches: {} };

const LOS_ANGELES = 'US-06037';
const ALEUTIANS_WEST = 'US-02016';

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

/** Points spread over the box around the shape, plus the shape's own vertices nudged inwards and outwards. */
function pointsAround(polygons: readonly Polygon[], count: number, wrap: boolean): [number, number][] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons)
    for (const [x, y] of p[0]) {
      const lon = wrap && x < 0 ? x + 360 : x;
      [minX, minY, maxX, maxY] = [Math.min(minX, lon), Math.min(minY, y), Math.max(maxX, lon), Math.max(maxY, y)];
    }
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const x = minX - 0.2 + random() * (maxX - minX + 0.4);
    out.push([x > 180 ? x - 360 : x, minY - 0.2 + random() * (maxY - minY + 0.4)]);
  }
  return out;
}

function accounts(points: readonly [number, number][], region: string): Row[] {
  return points.map(([longitude, latitude], i) => ({
    name: `Account ${i}`,
    country: 'US',
    region,
    longitude,
    latitude,
  }));
}

function matchingRows(rows: Row[], shapes: RegionShapes, regions: string[]): number[] {
  const records = table('account', rows);
  const where = territory('t', 'root', { geography: { regions, postalPrefixes: [], areas: [] } });
  const result = compileCondition(cond('', 'inRegions', null), records, where, new ScanContext(records, shapes));
  if (!result.ok) throw new Error(result.problem.message);
  const all = Uint32Array.from({ length: records.rowCount }, (_, i) => i);
  const out = new Uint32Array(all.length);
  const kept = [...out.subarray(0, result.scan.filter(all, all.length, out))];
  // The one-row test agrees with the scan.
  expect(kept).toEqual([...all].filter((row) => result.scan.test(row)));
  return kept;
}

/** turf on the shape as shipped, trying the point's longitude and its copy 360° east (for unwrapped rings). */
function turfHolds(polygons: readonly Polygon[], [x, y]: [number, number]): boolean | null {
  const shape = multiPolygon(polygons as [number, number][][][]);
  const inside = [x, x + 360, x - 360].some((lon) => booleanPointInPolygon([lon, y], shape));
  const strict = [x, x + 360, x - 360].some((lon) => booleanPointInPolygon([lon, y], shape, { ignoreBoundary: true }));
  return inside === strict ? inside : null;
}

describe('"in regions" with county and map-only keys', () => {
  it('holds for accounts inside Los Angeles County, as turf says, and not for the rest of California', async () => {
    const shapes = await regionShapesOf(geo, new Set([LOS_ANGELES]));
    const county = shapes.get(LOS_ANGELES)!;
    expect(county.length).toBeGreaterThan(0);
    const points = pointsAround(county, 600, false);
    const rows = accounts(points, 'California');
    const expected = points.flatMap((p, i) => (turfHolds(county, p) ? [i] : []));
    const unsure = new Set(points.flatMap((p, i) => (turfHolds(county, p) === null ? [i] : [])));
    const got = matchingRows(rows, shapes, [LOS_ANGELES]).filter((i) => !unsure.has(i));
    expect(got).toEqual(expected.filter((i) => !unsure.has(i)));
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.length).toBeLessThan(points.length - 50);
  });

  it('holds across the antimeridian: Aleutians West on both sides of 180°', async () => {
    const shapes = await regionShapesOf(geo, new Set([ALEUTIANS_WEST]));
    const county = shapes.get(ALEUTIANS_WEST)!;
    const xs = county.flatMap((p) => p[0].map(([x]) => x));
    // The shape reaches past 180°: it is one of the antimeridian cases.
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(10);
    // Attu (west of 180°, at 173°E) and Adak (east, at 176.6°W) both belong to it.
    const attu: [number, number] = [173.18, 52.84];
    const adak: [number, number] = [-176.64, 51.86];
    const points = [attu, adak, [0, 52] as [number, number], ...pointsAround(county, 3000, true)];
    const rows = accounts(points, 'Alaska');
    const got = new Set(matchingRows(rows, shapes, [ALEUTIANS_WEST]));
    expect(got.has(0)).toBe(true);
    expect(got.has(1)).toBe(true);
    expect(got.has(2)).toBe(false);
    let checked = 0;
    points.forEach((p, i) => {
      const expected = turfHolds(county, p);
      if (expected === null) return;
      checked++;
      expect(got.has(i), `${p}`).toBe(expected);
    });
    expect(checked).toBeGreaterThan(2900);
    expect(got.size).toBeGreaterThan(5);
  });

  it('keeps canonical codes working beside counties, and map keys of places ISO renamed', async () => {
    const shapes = await regionShapesOf(geo, new Set([LOS_ANGELES]));
    const rows: Row[] = [
      { name: 'Downtown LA', country: 'US', region: 'CA', longitude: -118.25, latitude: 34.05 },
      { name: 'San Diego', country: 'US', region: 'CA', longitude: -117.16, latitude: 32.72 },
      { name: 'Austin', country: 'US', region: 'TX', longitude: -97.74, latitude: 30.27 },
      { name: 'Paris', country: 'France', region: 'Île-de-France', postalCode: '75008', city: 'Paris' },
      { name: 'Lyon', country: 'France', region: 'Auvergne-Rhône-Alpes', postalCode: '69002', city: 'Lyon' },
    ];
    expect(matchingRows(rows, shapes, [LOS_ANGELES, 'US-TX'])).toEqual([0, 2]);
    // Paris picked on the map is "FR-75"; the account's postal code says ISO "FR-75C": the same place.
    expect(matchingRows(rows, shapes, ['FR-75'])).toEqual([3]);
    expect(matchingRows(rows, shapes, ['FR-75C'])).toEqual([3]);
  });

  it('places accounts in a county territory in a whole rule run', async () => {
    const root = territory('root', null);
    const la = territory('la', 'root', { geography: { regions: [LOS_ANGELES], postalPrefixes: [], areas: [] } });
    const rest = territory('rest', 'root', { priority: 1 });
    const rules = [rule('la', [cond('', 'inRegions', null)]), rule('rest', [cond('country', 'isNotEmpty', null)])];
    const keys = shapeOnlyKeysOf([root, la, rest], rules);
    expect([...keys]).toEqual([LOS_ANGELES]);
    const regionShapes = await regionShapesOf(geo, keys);
    const records = table('account', [
      { name: 'Pasadena', country: 'US', region: 'CA', longitude: -118.14, latitude: 34.15 },
      { name: 'San Francisco', country: 'US', region: 'CA', longitude: -122.42, latitude: 37.77 },
    ]);
    const { assignment } = runAssignment({
      kind: 'account',
      records,
      territories: [root, la, rest],
      rules,
      matchMode: 'firstByPriority',
      maxTerritoriesPerRecord: 1,
      regionShapes,
    });
    const placed = [0, 1].map((row) =>
      Array.from(assignment.territories.subarray(assignment.offsets[row], assignment.offsets[row + 1])).map(
        (t) => assignment.territoryIds[t],
      ),
    );
    expect(placed).toEqual([['la'], ['rest']]);
  });
});

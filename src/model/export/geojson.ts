/**
 * Territories as GeoJSON (RFC 7946) for a GIS or a BI map: one feature per territory (the organisation left out),
 * its geography dissolved into one MultiPolygon — the boundaries of its regions (countries, subdivisions, US
 * counties, from the shipped map data) and its drawn areas, unioned (see dissolve.ts). A territory without
 * geography of its own takes the union of its sub-territories' (a region is the sum of its districts). Region keys
 * without a boundary (postal prefixes are never drawn) stay listed in the properties; the export says how many.
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Polygon } from '../../shared/domain';
import { dissolvePolygons } from './dissolve';
import {
  peopleOfTerritories,
  territoryLevels,
  territoryPaths,
  treeOrder,
  JOIN,
  type KindExport,
  type PlanExportData,
} from './planTables';

/** The polygons of a region key, or null where the map data has no boundary for it. */
export type RegionShapeLookup = (key: string) => Polygon[] | null;

export function territoriesGeoJson(
  data: PlanExportData,
  account: KindExport | undefined,
  regionShapes: RegionShapeLookup,
): { geojson: string; features: number; regionsOnly: number; regionsWithoutShape: string[] } {
  const paths = territoryPaths(data.territories);
  const levels = territoryLevels(data.territories);
  const people = peopleOfTerritories(data.memberships, data.users);
  const counts = new Map<string, { accounts: number; revenue: number }>();
  if (account?.assignment) {
    const { records, assignment } = account;
    const revenue = records.columns.get('annualRevenue');
    for (let row = 0; row < Math.min(records.rowCount, assignment.rowCount); row++) {
      if (records.deleted[row] === 1) continue;
      const value = revenue?.type === 'number' && !Number.isNaN(revenue.values[row]) ? revenue.values[row] : 0;
      for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
        const id = assignment.territoryIds[assignment.territories[i]];
        const entry = counts.get(id) ?? { accounts: 0, revenue: 0 };
        entry.accounts++;
        entry.revenue += value;
        counts.set(id, entry);
      }
    }
  }

  // Each territory's own polygons (regions' boundaries and drawn areas), then dissolved bottom-up.
  const ordered = treeOrder(data.territories);
  const missing = new Set<string>();
  const own = new Map<string, Polygon[]>();
  for (const t of ordered) {
    const polygons: Polygon[] = [];
    for (const key of t.geography.regions) {
      const shape = regionShapes(key);
      if (shape) polygons.push(...shape);
      else missing.add(key);
    }
    polygons.push(...t.geography.areas);
    own.set(t.id, polygons);
  }
  const children = new Map<string, string[]>();
  for (const t of ordered) {
    if (t.parentId === null) continue;
    const list = children.get(t.parentId) ?? [];
    list.push(t.id);
    children.set(t.parentId, list);
  }
  const dissolved = new Map<string, Polygon[]>();
  // Deepest first (reverse tree order), so children are dissolved before their parent needs them.
  for (const t of [...ordered].reverse()) {
    const mine = own.get(t.id)!;
    if (mine.length > 0) dissolved.set(t.id, dissolvePolygons(mine));
    else if (t.parentId !== null) {
      const parts = (children.get(t.id) ?? []).flatMap((id) => dissolved.get(id) ?? []);
      dissolved.set(t.id, parts.length > 0 ? dissolvePolygons(parts) : []);
    }
  }

  let regionsOnly = 0;
  const features: Feature<MultiPolygon | null>[] = ordered
    .filter((t) => t.parentId !== null)
    .map((t) => {
      const geometry = dissolved.get(t.id) ?? [];
      if (geometry.length === 0 && t.geography.regions.length > 0) regionsOnly++;
      return {
        type: 'Feature',
        id: t.code || t.id,
        geometry: geometry.length > 0 ? { type: 'MultiPolygon', coordinates: geometry } : null,
        properties: {
          code: t.code,
          name: t.name,
          path: paths.get(t.id) ?? t.name,
          level: levels.get(t.id) ?? 1,
          color: t.color,
          manager: people.get(t.id)?.managers.join(JOIN) ?? '',
          members: people.get(t.id)?.members.join(JOIN) ?? '',
          accounts: counts.get(t.id)?.accounts ?? 0,
          revenue: counts.get(t.id)?.revenue ?? 0,
          regions: t.geography.regions,
          postalPrefixes: t.geography.postalPrefixes,
          planStatus: data.plan.status,
        },
      };
    });
  const collection: FeatureCollection<MultiPolygon | null> = { type: 'FeatureCollection', features };
  return {
    geojson: JSON.stringify(collection),
    features: features.length,
    regionsOnly,
    regionsWithoutShape: [...missing],
  };
}

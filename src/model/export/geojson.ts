/**
 * Territories as GeoJSON (RFC 7946) for a GIS or a BI map: one feature per territory with its drawn areas as a
 * MultiPolygon, and its region codes and postal prefixes as properties. Region boundaries (countries,
 * subdivisions) are not dissolved into the geometry yet: the shipped boundary data for that has not landed; a
 * territory drawn by regions only has a null geometry and lists its region codes (the export says how many).
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import {
  peopleOfTerritories,
  territoryLevels,
  territoryPaths,
  treeOrder,
  JOIN,
  type KindExport,
  type PlanExportData,
} from './planTables';

export function territoriesGeoJson(
  data: PlanExportData,
  account: KindExport | undefined,
): { geojson: string; features: number; regionsOnly: number } {
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
  let regionsOnly = 0;
  const features: Feature<MultiPolygon | null>[] = treeOrder(data.territories)
    .filter((t) => t.parentId !== null)
    .map((t) => {
      const areas = t.geography.areas;
      if (areas.length === 0 && t.geography.regions.length > 0) regionsOnly++;
      return {
        type: 'Feature',
        id: t.code || t.id,
        geometry: areas.length > 0 ? { type: 'MultiPolygon', coordinates: areas } : null,
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
  return { geojson: JSON.stringify(collection), features: features.length, regionsOnly };
}

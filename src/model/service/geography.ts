/**
 * A territory's geography as the map edits it: region keys, postal prefixes and drawn areas, checked and stored as
 * undoable edits; accounts per region for shading; colours over the territories' adjacency.
 */
import type { GeographyProblem, mapCalls, RegionFigure } from '../../shared/api/map';
import type { Geography } from '../../shared/domain';
import { ModelError, type ErrorKey } from '../../shared/errors';
import { normalizeRegionKey, regionKindOf } from '../../shared/geography';
import { placeFieldKeys } from '../../shared/places';
import { canonicalRegionKey } from '../../shared/regionAliases';
import { territoryPalette } from '../../shared/hierarchy';
import { colourTerritories } from '../engine/geo/colouring';
import { normalizePolygon, polygonProblem } from '../engine/geo/polygons';
import type { Handlers, ModelContext } from './context';
import { requireTerritory as territoryOf } from './territoryLookup';
import { recordRows } from '../records/query';
import { territoryNamesOf } from './assignmentLookups';
import { planAssignments } from './planAssignments';

const problemMessages: Record<GeographyProblem['reason'], string> = {
  tooFewPoints: 'A drawn area needs at least three corners',
  notFinite: 'A drawn area has a corner without coordinates',
  outOfRange: 'A drawn area has a corner beyond the poles',
  selfIntersection: 'A drawn area crosses itself',
  zeroArea: 'A drawn area has no surface',
  unknownRegionKey: 'Not a country, subdivision or county code',
};

const areaRefusalKeys: Record<GeographyProblem['reason'], ErrorKey> = {
  tooFewPoints: 'areaTooFewCorners',
  notFinite: 'areaCornerWithoutCoordinates',
  outOfRange: 'areaBeyondPoles',
  selfIntersection: 'areaCrossesItself',
  zeroArea: 'areaWithoutSurface',
  unknownRegionKey: 'regionCodeUnknown',
};

function refuse(problem: GeographyProblem): never {
  let message = problemMessages[problem.reason];
  if (problem.area !== undefined) message += ` (area ${problem.area + 1})`;
  if (problem.key !== undefined) message += `: ${problem.key}`;
  if (problem.at) message += ` near ${problem.at[1].toFixed(4)}, ${problem.at[0].toFixed(4)}`;
  throw new ModelError('INVALID_INPUT', message, problem, areaRefusalKeys[problem.reason]);
}

function normalizeKeys(keys: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of keys) {
    // Stored under the canonical code, whichever spelling came (a map pick "FR-75" is Paris, "FR-75C").
    const key = canonicalRegionKey(normalizeRegionKey(raw));
    if (regionKindOf(key) === null) refuse({ reason: 'unknownRegionKey', key: raw });
    if (!seen.has(key)) {
      seen.add(key);
      out.push(key);
    }
  }
  return out;
}

/** The geography as it will be stored, or a refusal naming the first problem. */
export function checkedGeography(geography: Geography): Geography {
  const areas = geography.areas.map((area, index) => {
    const normalized = normalizePolygon(area);
    const problem = polygonProblem(normalized);
    if (problem) refuse({ reason: problem.reason, area: index, at: problem.at });
    return normalized;
  });
  const prefixes = [...new Set(geography.postalPrefixes.map((p) => p.trim().toUpperCase()).filter((p) => p !== ''))];
  return { regions: normalizeKeys(geography.regions), postalPrefixes: prefixes, areas };
}

export function geographyHandlers(ctx: ModelContext): Handlers<typeof mapCalls> {
  const { db } = ctx;

  const requireTerritory = (planId: string, territoryId: string) => territoryOf(db, planId, territoryId);

  return {
    async pointDetails({ planId, recordId }) {
      const table = await ctx.planRecords(planId, 'account');
      if (recordId >= table.rowCount || table.deleted[recordId] !== 0) {
        throw new ModelError(
          'NOT_FOUND',
          'That account does not exist',
          { recordId, kind: 'account' },
          'recordMissing',
        );
      }
      const [row] = recordRows(table, [recordId]);
      const text = (key: string) => {
        const v = row.values[key];
        return v === null || v === undefined ? '' : String(v);
      };
      const names = planId ? await territoryNamesOf(ctx, planId, 'account', [recordId]) : null;
      return {
        recordId,
        name: text('name'),
        city: text('city'),
        region: text('region'),
        country: text('country'),
        precision: text('geoPrecision'),
        territories: names?.[0] ?? [],
      };
    },

    async pointValues({ field, planId }) {
      const table = planId ? await ctx.planRecords(planId, 'account') : await ctx.records('account');
      const lat = table.columns.get('latitude');
      const lon = table.columns.get('longitude');
      const column = table.columns.get(field);
      if (lat?.type !== 'number' || lon?.type !== 'number') return new Float32Array(0);
      if (column?.type !== 'number')
        throw new ModelError(
          'NOT_FOUND',
          `Accounts have no number field ${field}`,
          { field, kind: 'account' },
          'fieldMissing',
        );
      const out = new Float32Array(table.rowCount);
      let n = 0;
      // The same rows, in the same order, as getRecordPoints.
      for (let row = 0; row < table.rowCount; row++) {
        if (table.deleted[row] !== 0 || Number.isNaN(lat.values[row]) || Number.isNaN(lon.values[row])) continue;
        out[n++] = column.values[row];
      }
      return out.slice(0, n);
    },

    async setTerritoryGeography({ planId, territoryId, geography }) {
      // A final or archived plan is refused before its input is judged: "read only" is the answer that helps.
      await ctx.requireWritablePlan(planId);
      const checked = checkedGeography(geography);
      return ctx.edit(planId, 'Change geography', async (edit) => {
        const territory = await requireTerritory(planId, territoryId);
        const next = { ...territory, geography: checked };
        await edit.put('territories', next);
        return next;
      });
    },

    async changeTerritoryRegions({ planId, territoryId, add, remove }) {
      await ctx.requireWritablePlan(planId);
      const adding = normalizeKeys(add);
      const removing = new Set(normalizeKeys(remove));
      const label =
        adding.length > 0 && removing.size === 0
          ? 'Add regions'
          : adding.length === 0
            ? 'Remove regions'
            : 'Change regions';
      return ctx.edit(planId, label, async (edit) => {
        const territory = await requireTerritory(planId, territoryId);
        const regions = territory.geography.regions.filter((r) => !removing.has(r));
        for (const key of adding) if (!regions.includes(key)) regions.push(key);
        const unchanged =
          regions.length === territory.geography.regions.length &&
          regions.every((r, i) => r === territory.geography.regions[i]);
        if (unchanged) return territory;
        const next = { ...territory, geography: { ...territory.geography, regions } };
        await edit.put('territories', next);
        return next;
      });
    },

    async regionFigures({ planId }) {
      const table = await ctx.planRecords(await ctx.requirePlan(planId), 'account');
      const { assignment } = await planAssignments(ctx).currentOf(planId, 'account');
      const figures = new Map<string, RegionFigure>();
      const count = (key: string, unassigned: boolean) => {
        let figure = figures.get(key);
        if (!figure) figures.set(key, (figure = { key, accounts: 0, unassigned: 0 }));
        figure.accounts++;
        if (unassigned) figure.unassigned++;
      };
      // The canonical places (the keys rules and territories use); the text columns where a table has none.
      const columnOf = (key: string) => {
        const column = table.columns.get(key);
        return column?.type === 'text' ? column : null;
      };
      const canonical = [placeFieldKeys.country, placeFieldKeys.region, placeFieldKeys.subregion].map(columnOf);
      const columns = canonical.some((c) => c !== null) ? canonical : [columnOf('country'), columnOf('region')];
      for (let row = 0; row < table.rowCount; row++) {
        if (table.deleted[row] !== 0) continue;
        const unassigned =
          !assignment || row >= assignment.rowCount || assignment.offsets[row] === assignment.offsets[row + 1];
        let previous = '';
        for (const column of columns) {
          if (!column) continue;
          const key = normalizeRegionKey(column.values[column.codes[row]] ?? '');
          if (key !== '' && key !== previous && regionKindOf(key) !== null) count(key, unassigned);
          previous = key;
        }
      }
      return [...figures.values()];
    },

    async recolourTerritories({ planId, neighbours, locked }) {
      return ctx.edit(planId, 'Recolour territories', async (edit) => {
        const territories = (await db.territories.where({ planId }).toArray()).sort(
          (a, b) => a.sortOrder - b.sortOrder,
        );
        const byId = new Map(territories.map((t) => [t.id, t]));
        const changed = colourTerritories({
          ids: territories.filter((t) => t.parentId !== null).map((t) => t.id),
          current: new Map(territories.map((t) => [t.id, t.color])),
          neighbours,
          palette: territoryPalette,
          locked: new Set(locked ?? []),
        });
        for (const [territoryId, color] of changed) await edit.put('territories', { ...byId.get(territoryId)!, color });
        return { changed: changed.size };
      });
    },
  };
}

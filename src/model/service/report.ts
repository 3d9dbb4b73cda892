/**
 * The plan report (issue 10): the plan's figures as Compare computes them (one plan), its hierarchy with people,
 * targets and forecast per territory, and the shapes of its territories' regions for the report's map.
 */
import type { Topology } from 'topojson-specification';
import type { PlanReport, ReportTerritory } from '../../shared/api/export';
import type { Polygon } from '../../shared/domain';
import { fiscalYearOfDate } from '../engine/targets';
import { indexBoundaries, regionPolygons, roundPolygon, type RegionBoundaries } from '../export/regionGeometry';
import { peopleOfTerritories, treeOrder } from '../export/planTables';
import { compareHandlers } from './compare';
import type { ModelContext } from './context';

/** Every region boundary the map draws, read from the context's geo files once (again after a failed read). */
export function regionBoundaries(ctx: ModelContext): Promise<RegionBoundaries> {
  const { caches } = ctx;
  if (!caches.regionBoundaries) {
    const source = ctx.geoSource;
    const index = (async () => {
      const texts = await Promise.all([source('boundaries.topo.json'), source('us-counties.topo.json')]);
      return indexBoundaries(texts.map((text) => JSON.parse(text) as Topology));
    })();
    caches.regionBoundaries = index;
    index.catch(() => {
      if (caches.regionBoundaries === index) delete caches.regionBoundaries;
    });
  }
  return caches.regionBoundaries;
}

/** The fiscal year a report shows by default: the last one with targets, else today's. */
function defaultFiscalYear(periods: readonly string[], startMonth: number, now: Date): number {
  let last = -Infinity;
  for (const period of periods) last = Math.max(last, Number.parseInt(period.slice(0, 4), 10));
  return Number.isFinite(last) ? last : fiscalYearOfDate(now.getTime(), startMonth);
}

export async function planReport(
  ctx: ModelContext,
  { planId, fiscalYear }: { planId: string; fiscalYear?: number },
): Promise<PlanReport> {
  const { db } = ctx;
  const plan = await ctx.requirePlan(planId);
  const [territories, memberships, targets, users] = await Promise.all([
    db.territories.where({ planId }).toArray(),
    db.memberships.where({ planId }).toArray(),
    db.targets.where({ planId }).toArray(),
    db.users.toArray(),
  ]);
  const year =
    fiscalYear ??
    defaultFiscalYear(
      targets.map((t) => t.period),
      plan.fiscalYearStartMonth,
      new Date(ctx.now()),
    );
  // Compare's figures for one plan: the plan against itself, first column.
  const comparison = await compareHandlers(ctx).comparePlans({
    planIds: [planId, planId],
    movedLimit: 0,
    forecast: { fiscalYear: year },
  });
  const byId = new Map(comparison.territories.map((row) => [row.ids[0], row]));
  const people = peopleOfTerritories(memberships, users);
  const ordered = treeOrder(territories);
  const rows: ReportTerritory[] = ordered.map((t) => {
    const row = byId.get(t.id);
    const figures = row?.figures[0];
    return {
      id: t.id,
      parentId: t.parentId,
      depth: row?.depth ?? 0,
      name: t.name,
      code: t.code,
      color: t.color,
      isLeaf: row?.isLeaf ?? true,
      managers: people.get(t.id)?.managers ?? [],
      members: people.get(t.id)?.members ?? [],
      accounts: figures?.accounts ?? 0,
      revenue: figures?.revenue ?? 0,
      potential: figures?.potential ?? 0,
      target: figures?.target ?? 0,
      forecast: row?.forecast[0] ?? null,
    };
  });

  const shapes: PlanReport['shapes'] = [];
  const regionsWithoutShape: string[] = [];
  if (ordered.some((t) => t.geography.regions.length > 0)) {
    const index = await regionBoundaries(ctx);
    for (const t of ordered) {
      const polygons: Polygon[] = [];
      for (const key of t.geography.regions) {
        const found = regionPolygons(index, key);
        if (found) for (const p of found) polygons.push(roundPolygon(p, 2));
        else regionsWithoutShape.push(key);
      }
      for (const area of t.geography.areas) polygons.push(roundPolygon(area, 4));
      if (polygons.length > 0) shapes.push({ territoryId: t.id, color: t.color, polygons });
    }
  } else {
    for (const t of ordered) {
      if (t.geography.areas.length > 0)
        shapes.push({ territoryId: t.id, color: t.color, polygons: t.geography.areas.map((a) => roundPolygon(a, 4)) });
    }
  }
  return {
    plan,
    generatedAt: ctx.now(),
    fiscalYear: year,
    summary: comparison.plans[0],
    territories: rows,
    shapes,
    regionsWithoutShape,
  };
}

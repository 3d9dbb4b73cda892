/**
 * The map's calls: editing a territory's geography (regions, postal prefixes, drawn areas), accounts per region
 * for shading, and colouring territories so that neighbours differ. All edits are undoable.
 */
import { z } from 'zod';
import { geographySchema, id, type Territory } from '../domain';
import { call } from './contract';

/** Why a drawn area was refused (INVALID_INPUT, details.reason); the UI words it. */
export const areaProblemReasons = [
  'tooFewPoints',
  'notFinite',
  'outOfRange',
  'selfIntersection',
  'zeroArea',
  'unknownRegionKey',
] as const;
export type AreaProblemReason = (typeof areaProblemReasons)[number];

/** details of an INVALID_INPUT answer to setTerritoryGeography. */
export interface GeographyProblem {
  reason: AreaProblemReason;
  /** Which drawn area (index into geography.areas), for polygon problems. */
  area?: number;
  /** The offending region key, for unknownRegionKey. */
  key?: string;
  /** Where a polygon crosses itself, [longitude, latitude]. */
  at?: [number, number];
}

/** Accounts per region key (countries and subdivisions as the records carry them). */
export interface RegionFigure {
  key: string;
  accounts: number;
  /** Accounts of the region the plan places in no territory. */
  unassigned: number;
}

/** What the map's hover card shows of one account. */
export interface PointDetails {
  recordId: number;
  name: string;
  city: string;
  region: string;
  country: string;
  /** How the location was found ('exact', 'postal', 'city', ...), empty when unknown. */
  precision: string;
  /** Names of the territories the plan puts it in. */
  territories: string[];
}

export const mapCalls = {
  /** One account for the hover card. */
  pointDetails: call(
    z.strictObject({ planId: id.optional(), recordId: z.number().int().min(0) }),
  ).returns<PointDetails>(),
  /**
   * A number field of the located accounts, in getRecordPoints' order for the same plan (NaN where empty), for
   * sizing points by revenue: a typed array, not objects. With a plan, the accounts it plans over (its data sets).
   */
  pointValues: call(
    z.strictObject({ field: z.string().min(1).max(64), planId: id.optional() }),
  ).returns<Float32Array>(),
  /**
   * Replaces a territory's geography: region keys normalised and checked, postal prefixes trimmed, drawn areas
   * closed and unwrapped across the antimeridian; a self-intersecting area is refused. Undoable.
   */
  setTerritoryGeography: call(
    z.strictObject({ planId: id, territoryId: id, geography: geographySchema }),
  ).returns<Territory>(),
  /** Adds and removes region keys (map picks), as one undoable step. */
  changeTerritoryRegions: call(
    z.strictObject({
      planId: id,
      territoryId: id,
      add: z.array(z.string().min(2).max(12)).max(10_000),
      remove: z.array(z.string().min(2).max(12)).max(10_000),
    }),
  ).returns<Territory>(),
  /** Accounts and unassigned accounts per country and per region value. */
  regionFigures: call(z.strictObject({ planId: id })).returns<RegionFigure[]>(),
  /**
   * Recolours territories so that neighbours (pairs given by the map) never look alike, keeping colours that do
   * not clash and those of `locked` territories. Undoable; answers how many changed.
   */
  recolourTerritories: call(
    z.strictObject({
      planId: id,
      neighbours: z.array(z.tuple([id, id])).max(200_000),
      locked: z.array(id).max(20_000).optional(),
    }),
  ).returns<{ changed: number }>(),
};

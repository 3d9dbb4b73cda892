import { z } from 'zod';
import { id } from '../domain';
import { call } from './contract';
import type { ForecastAssumptions } from './forecast';

export interface BalanceFigures {
  count: number;
  mean: number;
  min: number;
  max: number;
  maxOverMin: number;
  coefficientOfVariation: number;
  withinTolerance: number;
  tolerance: number;
  /** 0: all equal; towards 1: one territory holds everything. */
  gini: number;
  /** min, first quartile, median, third quartile, max (null: no territory). */
  quartiles: [number, number, number, number, number] | null;
}

/** Forecast figures of one territory (its subtree) or one plan, over the chosen periods. */
export interface ForecastFigures {
  /** Own target over the chosen periods, else what its sub-territories' targets add up to (null: none). */
  target: number | null;
  won: number;
  /** Open deals, raw. */
  pipeline: number;
  /** Open deals weighted by win probability. */
  weighted: number;
  /** won + weighted pipeline x uplift x ramp. */
  projected: number;
  attainment: number | null;
  projectedAttainment: number | null;
  /** target - won, at least 0 (null: no target). */
  gap: number | null;
  /** pipeline / gap (null: no target or nothing left to win). */
  coverage: number | null;
}

export interface TerritoryForecast extends ForecastFigures {
  /** Uplift in effect for its own deals (percent; inherited from a region where it has none of its own). */
  upliftPercent: number;
  /** Its own uplift (percent; null: inherits). */
  ownUpliftPercent: number | null;
  /** Its manager is new in this plan: its pipeline counts at the plan's ramp. */
  ramping: boolean;
}

export interface PlanForecast {
  fiscalYear: number;
  periods: string[];
  totals: ForecastFigures;
  /** Leaf territories with a target projected below the threshold, and how many have a target. */
  belowThreshold: number;
  withTarget: number;
  threshold: number;
  /** Projected attainment over leaf territories with a target. */
  spread: { min: number; max: number; mean: number; coefficientOfVariation: number };
  rampingTerritories: number;
  assumptions: ForecastAssumptions;
  dealsAssigned: boolean;
}

/** Accounts that move from one set of territories (reference) to another (a compared plan), with their money. */
export interface MoveFlow {
  /** Index of the compared plan (1..). */
  plan: number;
  from: string;
  to: string;
  accounts: number;
  revenue: number;
  pipeline: number;
  won: number;
}

/** A plan as it is now, or as it was just before its last Apply (rebuilt from its history). */
export const planVersions = ['current', 'beforeLastApply'] as const;
export type PlanVersion = (typeof planVersions)[number];

export interface ComparedPlan {
  planId: string;
  name: string;
  version: PlanVersion;
  /** For a past version: when the Apply it precedes happened (null: the plan now). */
  asOf: string | null;
  status: string;
  territories: number;
  /** Territories without sub-territories: where balance is measured. */
  leaves: number;
  assignedAccounts: number;
  unassignedAccounts: number;
  /** Whether rules were ever applied (else counts are zero). */
  applied: boolean;
  targetTotal: number;
  balance: Record<BalanceMeasure, BalanceFigures>;
  /** null when no fiscal year was asked. */
  forecast: PlanForecast | null;
  /** Share of live accounts whose owner (their territory's manager) differs from the reference (0 for it). */
  ownerChangeShare: number;
}

export const balanceMeasures = ['accounts', 'revenue', 'potential', 'pipeline', 'projectedAttainment'] as const;
export type BalanceMeasure = (typeof balanceMeasures)[number];

/** One territory (matched across plans by code, else by path) and its figures in each plan (null: not in it). */
export interface ComparedTerritory {
  key: string;
  name: string;
  path: string;
  depth: number;
  color: string;
  isLeaf: boolean;
  figures: ({ accounts: number; revenue: number; potential: number; target: number } | null)[];
  /** The territory's id in each plan (null: not in it). */
  ids: (string | null)[];
  /** Per plan (null: not in it, or no forecast asked). */
  forecast: (TerritoryForecast | null)[];
}

export interface MovedAccount {
  recordId: number;
  externalId: string;
  name: string;
  /** Territory names in each plan. */
  territories: string[][];
  revenue: number;
  /** Open deals of the account (all close dates). */
  pipeline: number;
  /** Won deals of the account closing in the chosen fiscal year (all years when none asked). */
  won: number;
}

export interface PlanComparison {
  plans: ComparedPlan[];
  territories: ComparedTerritory[];
  /** Accounts placed differently in the first plan and any other. */
  movedCount: number;
  moved: MovedAccount[];
  /** Money of all moved accounts (not only those listed). */
  movedRevenue: number;
  movedPipeline: number;
  movedWon: number;
  /** From reference territories to the other plan's, largest revenue first (at most 200). */
  flows: MoveFlow[];
}

export const forecastRequest = z.strictObject({
  fiscalYear: z.number().int().min(1900).max(2200),
  /** Indexes of the fiscal year's periods to count (all when absent). */
  periods: z.array(z.number().int().min(0).max(11)).min(1).max(12).optional(),
  /** Projected attainment under which a territory is flagged (default 0.9). */
  threshold: z.number().min(0).max(5).optional(),
});

const comparedFields = {
  planIds: z.array(id).min(2).max(4),
  versions: z.array(z.enum(planVersions)).min(2).max(4).optional(),
  forecast: forecastRequest.optional(),
};
const versionsMatch = (input: { planIds: string[]; versions?: PlanVersion[] }) =>
  input.versions === undefined || input.versions.length === input.planIds.length;
const versionsMessage = { message: 'One version per plan', path: ['versions'] };

/** The moved accounts as CSV text, formulas defused. */
export interface MovedAccountsCsv {
  fileName: string;
  csv: string;
  rows: number;
}

export const compareCalls = {
  /**
   * Any 2 to 4 plans side by side; the first is the reference the moves are counted against. `versions` (same
   * length as planIds) picks each plan now or before its last Apply: one plan compared with itself over time.
   */
  comparePlans: call(
    z
      .strictObject({
        ...comparedFields,
        tolerance: z.number().min(0.001).max(0.5).optional(),
        movedLimit: z.number().int().min(0).max(5000).optional(),
      })
      .refine(versionsMatch, versionsMessage),
  ).returns<PlanComparison>(),
  /** Every account that moves between the first plan and the others, with territories and money, as CSV. */
  exportMovedAccounts: call(
    z.strictObject(comparedFields).refine(versionsMatch, versionsMessage),
  ).returns<MovedAccountsCsv>(),
  /** When the plan's last Apply still in its history happened, or null: whether "before last apply" exists. */
  lastApply: call(z.strictObject({ planId: id })).returns<{ at: string } | null>(),
};

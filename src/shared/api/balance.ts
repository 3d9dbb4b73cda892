/**
 * Balancing territories: the children of a territory are redrawn so that a measure (accounts, revenue, ...) is
 * even among them, under constraints, and the result is written as a new what-if plan, never over the current one.
 */
import { z } from 'zod';
import { id } from '../domain';
import type { BalanceFigures } from './compare';
import { call } from './contract';

export const balanceMeasures = ['accounts', 'revenue', 'potential', 'pipeline'] as const;
export type BalanceMeasure = (typeof balanceMeasures)[number];

/** What moves: single accounts, or whole postal codes, regions or countries (territories stay drawable). */
export const balanceUnits = ['account', 'postal', 'region', 'country'] as const;
export type BalanceUnit = (typeof balanceUnits)[number];

export const balanceRequestSchema = z.strictObject({
  planId: id,
  /** The territory whose sub-territories are balanced. */
  territoryId: id,
  /** Balance the territory's direct sub-territories, or the lowest-level territories under it. */
  level: z.enum(['children', 'leaves']).default('leaves'),
  /** The first is the primary measure. */
  measures: z
    .array(
      z.strictObject({
        measure: z.enum(balanceMeasures),
        tolerance: z.number().min(0).max(1),
        weight: z.number().min(0).max(100).default(1),
      }),
    )
    .min(1)
    .max(balanceMeasures.length),
  unit: z.enum(balanceUnits),
  contiguity: z.boolean(),
  /** Weight of compactness (travel) against balance; 0 ignores distance. */
  compactness: z.number().min(0).max(10),
  /** Sub-territories that keep exactly what they have. */
  lockedTerritoryIds: z.array(id).max(1000).default([]),
  /** At most this share of accounts (or of revenue) may change territory. */
  maxDisruption: z.strictObject({ share: z.number().min(0).max(1), by: z.enum(['accounts', 'revenue']) }).nullable(),
  /** Keep an account where it is unless moving it helps by more than this (share of an average territory). */
  keepThreshold: z.number().min(0).max(1).default(0),
  /** Draw the sub-territories anew instead of improving the current ones. */
  fromScratch: z.boolean().default(false),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /** Name of the new plan, in the planner's language: the UI words the default ("<plan> – balanced"). */
  name: z.string().trim().min(1).max(200),
  taskId: z.string().min(1).max(64).optional(),
});
export type BalanceRequest = z.input<typeof balanceRequestSchema>;

export interface BalancedTerritory {
  /** In the new plan. */
  territoryId: string;
  name: string;
  color: string;
  locked: boolean;
  /** Per measure, in the request's order. */
  before: number[];
  after: number[];
  accountsBefore: number;
  accountsAfter: number;
  /** Connected pieces over the units' adjacency after balancing. */
  pieces: number;
}

export interface BalanceMove {
  recordId: number;
  externalId: string;
  name: string;
  /** Territory names. */
  from: string;
  to: string;
  /** The primary measure of the account. */
  value: number;
  /** Distance to the centre of the territory it left, and of the one it joined, km. */
  kmFromCentreBefore: number;
  kmToCentreAfter: number;
  /** Primary load of the territory it left and joined, relative to the mean, before the run (0.12 = 12 % over). */
  fromLoadBefore: number;
  toLoadBefore: number;
}

export type BalanceConstraint = 'met' | 'off' | 'brokenByFixedAccounts' | 'brokenByLockedTerritories';

export interface BalanceResult {
  planId: string;
  planName: string;
  measures: BalanceMeasure[];
  /** Balance figures per measure (over the unlocked sub-territories), before and after. */
  before: BalanceFigures[];
  after: BalanceFigures[];
  /** Account-weighted travel to the territory centres, km per account. */
  travelBefore: number;
  travelAfter: number;
  movedAccounts: number;
  movedRevenue: number;
  accountsConsidered: number;
  revenueConsidered: number;
  /** Accounts without a location (they stay) and accounts placed by hand (they stay). */
  unlocated: number;
  placedByHand: number;
  contiguity: BalanceConstraint;
  disruption: 'met' | 'off';
  territories: BalancedTerritory[];
  /** The largest moves, with what explains them. */
  moves: BalanceMove[];
  passes: number;
  seconds: number;
}

export const balanceCalls = {
  /** Balances a territory's sub-territories into a new draft plan and answers what changed. */
  balanceTerritories: call(balanceRequestSchema).returns<BalanceResult>(),
};

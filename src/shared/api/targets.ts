import { z } from 'zod';
import { id, periodKey } from '../domain';
import { call } from './contract';

/** One territory's line of the forecast sheet, per period of the fiscal year. */
export interface ForecastRow {
  territoryId: string;
  /** The territory's own target (null: not set). */
  target: (number | null)[];
  /** What its sub-territories' targets add up to (null: none set). */
  childrenTarget: (number | null)[];
  /** What its members' targets add up to (null: none set). */
  membersTarget: (number | null)[];
  /** Target differs from its sub-territories' sum: Zoho's "Target mismatch". */
  childMismatch: boolean[];
  memberMismatch: boolean[];
  /** Closed-won deal amounts closing in the period, in the territory and below. */
  achieved: number[];
  /** Open deal amounts closing in the period (weighted by probability when asked). */
  pipeline: number[];
}

export interface MemberTargetRow {
  territoryId: string;
  userId: string;
  target: (number | null)[];
}

export interface ForecastSheet {
  fiscalYear: number;
  periods: string[];
  currency: string;
  rows: ForecastRow[];
  members: MemberTargetRow[];
  /** False while the plan's deals are not assigned (no rules applied): achieved and pipeline are then zero. */
  dealsAssigned: boolean;
  /** Fiscal years that have targets, to offer in the year picker. */
  yearsWithTargets: number[];
  /** Fiscal years the plan's deals close in (by the plan's fiscal start month), offered too. */
  yearsWithDeals: number[];
  /** The fiscal year today falls in. */
  currentFiscalYear: number;
}

export const distributionMethods = ['even', 'potential', 'history'] as const;

export const targetCalls = {
  getForecast: call(
    z.strictObject({ planId: id, fiscalYear: z.number().int().min(1900).max(2200), weighted: z.boolean().optional() }),
  ).returns<ForecastSheet>(),
  /** Sets (or, with null, clears) the target of a territory or of one of its members for one period. */
  setTarget: call(
    z.strictObject({
      planId: id,
      territoryId: id,
      userId: id.nullable(),
      period: periodKey,
      amount: z.number().finite().min(0).max(1e15).nullable(),
    }),
  ).returns<void>(),
  /**
   * Splits a territory's target of each given period over its sub-territories (or its members): evenly, by the
   * potential of their accounts, or by what they won the year before. One undoable step.
   */
  distributeTarget: call(
    z.strictObject({
      planId: id,
      territoryId: id,
      periods: z.array(periodKey).min(1).max(12),
      to: z.enum(['children', 'members']),
      method: z.enum(distributionMethods),
    }),
  ).returns<void>(),
};

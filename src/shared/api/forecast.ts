/**
 * What-if forecast assumptions of a plan (issue 14): how open deals are weighted, growth per territory, and the
 * ramp of territories whose manager is new. Stored per plan, one undoable row.
 */
import { z } from 'zod';
import { id } from '../domain';
import { call } from './contract';

export const probabilitySources = ['deal', 'history'] as const;

export const forecastAssumptionsSchema = z.strictObject({
  /** Open deals weighted by their own probability, or by the historical win rate of their stage. */
  probabilitySource: z.enum(probabilitySources),
  /** Win probability (percent) set for a stage, replacing the source's for deals at that stage. */
  stageProbability: z.record(z.string().max(200), z.number().min(0).max(100)),
  /** Growth or uplift (percent) of a territory's weighted pipeline, by territory id; sub-territories inherit it. */
  upliftPercent: z.record(id, z.number().min(-100).max(1000)),
  /** Share (percent) of its weighted pipeline a territory whose manager is new in the plan brings. */
  rampPercent: z.number().min(0).max(100),
});
export type ForecastAssumptions = z.infer<typeof forecastAssumptionsSchema>;

/** As stored: one row per plan, its id the plan's. */
export interface StoredForecastAssumptions extends ForecastAssumptions {
  id: string;
  planId: string;
}

export const defaultForecastAssumptions = (): ForecastAssumptions => ({
  probabilitySource: 'deal',
  stageProbability: {},
  upliftPercent: {},
  rampPercent: 100,
});

/** One deal stage as the assumptions editor shows it. */
export interface StageInfo {
  stage: string;
  openDeals: number;
  openAmount: number;
  /** Amount-weighted mean of the open deals' own probability (percent; null: none has one). */
  dealProbability: number | null;
  /** Won / closed among closed deals at this stage (percent; null: none closed at it). */
  historicalWinRate: number | null;
  closedDeals: number;
}

export interface AssumptionsInfo {
  assumptions: ForecastAssumptions;
  /** Stages of open deals, most open amount first. */
  stages: StageInfo[];
  /** Won / closed over all closed deals (percent; null: no closed deal). */
  overallWinRate: number | null;
  closedDeals: number;
}

export const forecastCalls = {
  getForecastAssumptions: call(z.strictObject({ planId: id })).returns<AssumptionsInfo>(),
  /** Replaces the plan's assumptions: one undoable step. */
  setForecastAssumptions: call(z.strictObject({ planId: id, assumptions: forecastAssumptionsSchema })).returns<void>(),
};

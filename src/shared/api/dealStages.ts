import { z } from 'zod';
import { dealStatuses, type DealStatus } from '../records';
import { id } from '../domain';
import { call } from './contract';

/** One CRM stage name of the deals, and the status forecasts count it as (won: achieved, open: pipeline). */
export interface DealStageStatus {
  stage: string;
  status: DealStatus;
  /** Live deals with this stage (in the plan's data sets, with a plan). */
  deals: number;
  amount: number;
  /** True when the planner chose the status; false when it was read from the stage name. */
  chosen: boolean;
}

export const dealStageCalls = {
  /** The stage names of the deals with the status each maps to: the mapping the planner can see and change. */
  listDealStages: call(z.strictObject({ planId: id.optional() })).returns<DealStageStatus[]>(),
  /** Every deal with this stage takes this status, in every plan; later imports keep the choice. */
  setDealStageStatus: call(z.strictObject({ stage: z.string().max(1_000), status: z.enum(dealStatuses) })).returns<{
    deals: number;
  }>(),
};

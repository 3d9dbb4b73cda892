import { z } from 'zod';
import { id } from '../domain';
import { call } from './contract';

export interface BalanceFigures {
  count: number;
  mean: number;
  min: number;
  max: number;
  maxOverMin: number;
  coefficientOfVariation: number;
  withinTolerance: number;
  tolerance: number;
}

export interface ComparedPlan {
  planId: string;
  name: string;
  status: string;
  territories: number;
  /** Territories without sub-territories: where balance is measured. */
  leaves: number;
  assignedAccounts: number;
  unassignedAccounts: number;
  /** Whether rules were ever applied (else counts are zero). */
  applied: boolean;
  targetTotal: number;
  balance: { accounts: BalanceFigures; revenue: BalanceFigures; potential: BalanceFigures };
}

/** One territory (matched across plans by code, else by path) and its figures in each plan (null: not in it). */
export interface ComparedTerritory {
  key: string;
  name: string;
  path: string;
  depth: number;
  color: string;
  isLeaf: boolean;
  figures: ({ accounts: number; revenue: number; potential: number; target: number } | null)[];
}

export interface MovedAccount {
  recordId: number;
  externalId: string;
  name: string;
  /** Territory names in each plan. */
  territories: string[][];
}

export interface PlanComparison {
  plans: ComparedPlan[];
  territories: ComparedTerritory[];
  /** Accounts placed differently in the first plan and any other. */
  movedCount: number;
  moved: MovedAccount[];
}

export const compareCalls = {
  /** Any 2 to 4 plans side by side; the first is the reference the moves are counted against. */
  comparePlans: call(
    z.object({
      planIds: z.array(id).min(2).max(4),
      tolerance: z.number().min(0.001).max(0.5).optional(),
      movedLimit: z.number().int().min(0).max(5000).optional(),
    }),
  ).returns<PlanComparison>(),
};

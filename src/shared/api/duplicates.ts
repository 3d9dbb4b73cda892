import { z } from 'zod';
import { id } from '../domain';
import { call } from './contract';

export const duplicateReasons = ['nameAndPlace', 'website', 'externalId'] as const;
export type DuplicateReasonCode = (typeof duplicateReasons)[number];

/** One account of a group of likely duplicates, as the planner compares them. */
export interface DuplicateAccount {
  id: number;
  externalId: string;
  name: string;
  city: string;
  postalCode: string;
  country: string;
  /** The data set it came from (its name). */
  dataSet: string;
}

export interface DuplicateGroupInfo {
  accounts: DuplicateAccount[];
  reasons: DuplicateReasonCode[];
}

export const duplicateCalls = {
  /** Likely duplicate accounts (in the plan's data sets), across imports. */
  findDuplicates: call(z.strictObject({ planId: id.optional() })).returns<{
    groups: DuplicateGroupInfo[];
    total: number;
  }>(),
  /**
   * Merges accounts into one: the kept account takes the others' values where it has none, their contacts, deals
   * and placements by hand; the others are deleted. Made from a draft plan, it is a step of that plan's history.
   */
  mergeAccounts: call(
    z.strictObject({
      keepId: z.number().int().min(0),
      mergeIds: z.array(z.number().int().min(0)).min(1).max(1000),
      /** The plan open: when it is a draft, the merge is a step of its history (undo takes it back). */
      planId: id.nullable().optional(),
    }),
  ).returns<{ merged: number; contacts: number; deals: number; undoable: boolean }>(),
  /** The planner says these accounts are different companies: they are no longer proposed as duplicates. */
  keepApart: call(z.strictObject({ ids: z.array(z.number().int().min(0)).min(2).max(1000) })).returns<void>(),
};

import { z } from 'zod';
import { id } from '../domain';
import { call } from './contract';

/** Account owners linked to sales people (by ID, e-mail or name), for the Hierarchy's people panel. */
export interface OwnerLinks {
  /** Accounts (in the plan's data sets) each sales person owns, by user id. */
  accountsByUser: Record<string, number>;
  /** Owner values no sales person matches, with how many accounts carry each (the first few). */
  unmatched: { owner: string; accounts: number }[];
  unmatchedAccounts: number;
}

export const ownerCalls = {
  accountOwners: call(z.strictObject({ planId: id })).returns<OwnerLinks>(),
};

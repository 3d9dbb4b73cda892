import { z } from 'zod';
import { id, membershipRole, salesUserSchema, type Membership, type SalesUser } from '../domain';
import { call } from './contract';

/** Who sees what: the territories a person sees in a plan and, once rules have run, how many accounts. */
export interface UserVisibility {
  /** Where the person is a member or manager. */
  memberOf: string[];
  /** Those and every territory below them. */
  territoryIds: string[];
  /** Distinct accounts assigned to those territories; null while the plan has no assignment yet. */
  accounts: number | null;
}

const userFields = salesUserSchema.omit({ id: true, dataSetId: true });

export const peopleCalls = {
  listUsers: call(z.strictObject({})).returns<SalesUser[]>(),
  createUser: call(userFields.partial().extend({ name: salesUserSchema.shape.name })).returns<SalesUser>(),
  updateUser: call(z.strictObject({ userId: id, patch: userFields.partial() })).returns<SalesUser>(),
  /** Also removes the user's memberships and member targets in every plan. */
  deleteUser: call(z.strictObject({ userId: id })).returns<void>(),

  listMemberships: call(z.strictObject({ planId: id })).returns<Membership[]>(),
  /** Adds the user to the territory, or changes their role there. */
  setMembership: call(
    z.strictObject({ planId: id, territoryId: id, userId: id, role: membershipRole }),
  ).returns<Membership>(),
  removeMembership: call(z.strictObject({ planId: id, membershipId: id })).returns<void>(),
  whoSees: call(z.strictObject({ planId: id, userId: id })).returns<UserVisibility>(),
};

import { z } from 'zod';
import { id, membershipRole, salesUserSchema, type Membership, type SalesUser } from '../domain';
import { call } from './contract';

const userFields = salesUserSchema.omit({ id: true });

export const peopleCalls = {
  listUsers: call(z.object({})).returns<SalesUser[]>(),
  createUser: call(userFields.partial().extend({ name: salesUserSchema.shape.name })).returns<SalesUser>(),
  updateUser: call(z.object({ userId: id, patch: userFields.partial() })).returns<SalesUser>(),
  /** Also removes the user's memberships and member targets in every plan. */
  deleteUser: call(z.object({ userId: id })).returns<void>(),

  listMemberships: call(z.object({ planId: id })).returns<Membership[]>(),
  /** Adds the user to the territory, or changes their role there. */
  setMembership: call(
    z.object({ planId: id, territoryId: id, userId: id, role: membershipRole }),
  ).returns<Membership>(),
  removeMembership: call(z.object({ planId: id, membershipId: id })).returns<void>(),
};

import { z } from 'zod';
import { id, matchMode, planSchema, targetPeriodKind, type Plan } from '../domain';
import { call } from './contract';

const planSettings = planSchema
  .pick({
    name: true,
    notes: true,
    fiscalYearStartMonth: true,
    targetPeriod: true,
    currency: true,
    matchMode: true,
    maxTerritoriesPerRecord: true,
    excludedDataSetIds: true,
  })
  .partial();

export const planCalls = {
  listPlans: call(z.strictObject({})).returns<Plan[]>(),
  getPlan: call(z.strictObject({ planId: id })).returns<Plan>(),
  /** An empty plan holds just the organisation root. */
  createPlan: call(
    z.strictObject({
      name: z.string().trim().min(1).max(200),
      targetPeriod: targetPeriodKind.optional(),
      matchMode: matchMode.optional(),
    }),
  ).returns<Plan>(),
  /** The realistic sample: accounts at real city coordinates, a 3-level hierarchy, people, deals, rules, targets. */
  createSamplePlan: call(z.strictObject({ name: z.string().trim().min(1).max(200).optional() })).returns<Plan>(),
  updatePlan: call(z.strictObject({ planId: id, patch: planSettings })).returns<Plan>(),
  /** Copies territories, memberships, rules, targets and manual assignments into a new draft. */
  duplicatePlan: call(z.strictObject({ planId: id, name: z.string().trim().min(1).max(200) })).returns<Plan>(),
  deletePlan: call(z.strictObject({ planId: id })).returns<void>(),
  /** draft -> final (read-only) -> archived; nothing is ever deleted by a status change. */
  setPlanStatus: call(z.strictObject({ planId: id, status: planSchema.shape.status })).returns<Plan>(),
};

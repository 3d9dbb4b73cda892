import type { planCalls } from '../../shared/api/plans';
import type { Plan, PlanStatus, Territory } from '../../shared/domain';
import { emptyGeography } from '../../shared/domain';
import { historyLabel } from '../../shared/history';
import { ModelError } from '../../shared/errors';
import { SAMPLE_DATA_SET_ID } from '../records/dataSetsUpgrade';
import { createSamplePlan } from '../sample/createSamplePlan';
import type { Handlers, ModelContext } from './context';
import { detachDependents, referenceBlocks } from './assignmentRefs';
import { addHistoryStep } from './history';
import { runAndApply } from './rules';

/** What a new plan starts with, before the planner's own choices. */
export const planDefaults = {
  status: 'draft',
  basedOnPlanId: null,
  fiscalYearStartMonth: 1,
  targetPeriod: 'quarter',
  currency: 'EUR',
  matchMode: 'allDeepest',
  maxTerritoriesPerRecord: 10,
  notes: '',
  finalizedAt: null,
} as const satisfies Partial<Plan>;

export function newPlan(ctx: ModelContext, fields: Partial<Plan> & Pick<Plan, 'name'>): Plan {
  const now = ctx.now();
  // A new plan leaves the sample out: the sample never leaks into real work (the sample plan says otherwise).
  const excludedDataSetIds = [SAMPLE_DATA_SET_ID];
  return { id: ctx.newId(), ...planDefaults, excludedDataSetIds, createdAt: now, updatedAt: now, ...fields };
}

/** The organisation: every plan's root territory. */
export function rootTerritory(ctx: ModelContext, planId: string, name: string): Territory {
  return {
    id: ctx.newId(),
    planId,
    parentId: null,
    name,
    code: 'ORG',
    description: '',
    color: '#475569',
    typeLabel: 'Organisation',
    sortOrder: 0,
    priority: 0,
    rulesWhenEmpty: 'inherit',
    geography: emptyGeography(),
  };
}

const allowedStatusChanges: Record<PlanStatus, PlanStatus[]> = {
  draft: ['final', 'archived'],
  final: ['archived'],
  archived: ['draft', 'final'],
};

/** Every table that holds per-plan rows. */
const planOwnedTables = (ctx: ModelContext) => [
  ctx.db.territories,
  ctx.db.memberships,
  ctx.db.rules,
  ctx.db.targets,
  ctx.db.manualAssignments,
  ctx.db.forecastAssumptions,
  ctx.db.assignmentBlocks,
  ctx.db.assignmentRefs,
  ctx.db.history,
];

/**
 * Copies a plan into a new draft, with new ids for its territories and every row that hangs on them. `alsoWrite`
 * runs in the same transaction (the balancer adds its placements there): the copy lands whole or not at all.
 */
export async function copyPlan(
  ctx: ModelContext,
  planId: string,
  name: string,
  alsoWrite?: (copy: Plan, newTerritoryId: (id: string) => string) => Promise<void>,
): Promise<Plan> {
  const { db } = ctx;
  const source = await ctx.requirePlan(planId);
  const copy = newPlan(ctx, {
    ...source,
    id: ctx.newId(),
    name,
    status: 'draft',
    basedOnPlanId: source.id,
    finalizedAt: null,
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
  });
  await db.transaction('rw', [db.plans, ...planOwnedTables(ctx)], async () => {
    const territories = await db.territories.where({ planId }).toArray();
    const newIdOf = new Map(territories.map((t) => [t.id, ctx.newId()]));
    const mapId = (id: string) => newIdOf.get(id) ?? id;
    await db.plans.add(copy);
    await db.territories.bulkAdd(
      territories.map((t) => ({
        ...t,
        id: mapId(t.id),
        planId: copy.id,
        parentId: t.parentId === null ? null : mapId(t.parentId),
      })),
    );
    const reown = <T extends { id: string; planId: string; territoryId: string }>(rows: T[]): T[] =>
      rows.map((r) => ({ ...r, id: ctx.newId(), planId: copy.id, territoryId: mapId(r.territoryId) }));
    await db.memberships.bulkAdd(reown(await db.memberships.where({ planId }).toArray()));
    await db.rules.bulkAdd(reown(await db.rules.where({ planId }).toArray()));
    await db.targets.bulkAdd(reown(await db.targets.where({ planId }).toArray()));
    await db.manualAssignments.bulkAdd(reown(await db.manualAssignments.where({ planId }).toArray()));
    const assumptions = await db.forecastAssumptions.get(planId);
    if (assumptions) {
      const upliftPercent = Object.fromEntries(
        Object.entries(assumptions.upliftPercent).map(([territoryId, pct]) => [mapId(territoryId), pct]),
      );
      await db.forecastAssumptions.add({ ...assumptions, id: copy.id, planId: copy.id, upliftPercent });
    }
    // The applied assignment by reference to the source's blocks (copied only if the source ever changes them).
    await referenceBlocks(
      db,
      planId,
      copy.id,
      territories.map((t) => t.id),
      mapId,
    );
    if (alsoWrite) await alsoWrite(copy, mapId);
  });
  ctx.changed(copy.id, 'plans', 'territories', 'memberships', 'rules', 'targets', 'assignments');
  return copy;
}

export function planHandlers(ctx: ModelContext): Handlers<typeof planCalls> {
  const { db } = ctx;

  return {
    async listPlans() {
      const plans = await db.plans.toArray();
      return plans.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    getPlan: ({ planId }) => ctx.requirePlan(planId),

    async createPlan({ name, targetPeriod, matchMode }) {
      const plan = newPlan(ctx, { name, ...(targetPeriod && { targetPeriod }), ...(matchMode && { matchMode }) });
      await db.transaction('rw', db.plans, db.territories, async () => {
        await db.plans.add(plan);
        await db.territories.add(rootTerritory(ctx, plan.id, name));
      });
      ctx.changed(plan.id, 'plans', 'territories');
      return plan;
    },

    async createSamplePlan({ name }) {
      const plan = await createSamplePlan(ctx, name ?? 'Sample plan');
      // The sample opens assigned: its rules run and are applied as part of creating it.
      await runAndApply(ctx, plan.id);
      ctx.changed(
        plan.id,
        'plans',
        'territories',
        'people',
        'memberships',
        'rules',
        'targets',
        'records',
        'assignments',
      );
      ctx.changed(null, 'records', 'people');
      return plan;
    },

    async updatePlan({ planId, patch }) {
      const keys = Object.keys(patch);
      const label =
        keys.length === 1 && keys[0] === 'name'
          ? historyLabel('renamePlan', { name: patch.name! })
          : historyLabel('editPlanSettings');
      const updated = await ctx.edit(planId, label, async (edit) => {
        const plan = await ctx.requireWritablePlan(planId);
        const next: Plan = { ...plan, ...patch, updatedAt: ctx.now() };
        await edit.put('plans', next);
        return next;
      });
      // Planning over other data sets changes the records the plan's views and runs see.
      if (patch.excludedDataSetIds) ctx.changed(planId, 'plans', 'records', 'assignments');
      else ctx.changed(planId, 'plans');
      return updated;
    },

    async duplicatePlan({ planId, name }) {
      return copyPlan(ctx, planId, name);
    },

    async deletePlan({ planId }) {
      await ctx.requirePlan(planId);
      await db.transaction('rw', [db.plans, ...planOwnedTables(ctx)], async () => {
        // Copies that refer to this plan's assignment get their own before its blocks go.
        await detachDependents(db, planId);
        await db.plans.delete(planId);
        for (const table of planOwnedTables(ctx)) await table.where('planId').equals(planId).delete();
      });
      ctx.changed(planId, 'plans');
      return undefined;
    },

    async setPlanStatus({ planId, status }) {
      const plan = await ctx.requirePlan(planId);
      if (plan.status === status) return plan;
      const refused =
        !allowedStatusChanges[plan.status].includes(status) ||
        (status === 'draft' && plan.finalizedAt !== null) ||
        (plan.status === 'archived' && status === 'final' && plan.finalizedAt === null);
      if (refused) {
        throw new ModelError(
          'CONFLICT',
          `A ${plan.status} plan cannot become ${status}; duplicate it instead`,
          { from: plan.status, to: status },
          'statusChangeRefused',
        );
      }
      const now = ctx.now();
      const updated: Plan = {
        ...plan,
        status,
        finalizedAt: status === 'final' ? (plan.finalizedAt ?? now) : plan.finalizedAt,
        updatedAt: now,
      };
      if (plan.status === 'draft' && status === 'archived') {
        // Archiving a draft can be undone; finalizing cannot (the planner is told so before).
        await ctx.edit(planId, historyLabel('archivePlan'), (edit) => edit.put('plans', updated));
      } else if (plan.status === 'archived' && status === 'draft') {
        await db.transaction('rw', db.plans, db.history, async () => {
          await db.plans.put(updated);
          await addHistoryStep(ctx, planId, historyLabel('restorePlan'), {
            changes: [{ table: 'plans', key: planId, before: plan, after: updated }],
          });
        });
        ctx.changed(planId, 'plans', 'history');
      } else {
        await db.plans.put(updated);
      }
      // Undo and redo depend on the status: a final plan offers neither.
      ctx.changed(planId, 'plans', 'history');
      return updated;
    },
  };
}

/**
 * Targets and forecasts: the forecast sheet (targets rolled up with mismatch flags, achieved and pipeline from the
 * plan's deals), target edits and top-down distribution, each an undoable step.
 */
import type { ForecastSheet } from '../../shared/api/targets';
import type { targetCalls } from '../../shared/api/targets';
import type { Plan, Target, Territory } from '../../shared/domain';
import { historyLabel } from '../../shared/history';
import { ModelError } from '../../shared/errors';
import { childrenByParent } from '../../shared/hierarchy';
import { slotsOf, sumBySubtree, territoryTree } from '../engine/figures';
import type { Assignment } from '../engine/rules/assignment';
import {
  distribute,
  fiscalPeriodOf,
  fiscalPeriods,
  fiscalYearOfDate,
  fiscalYearsOfDates,
  rollUpTargets,
} from '../engine/targets';
import type { RecordTable } from '../records/recordTable';
import type { Handlers, ModelContext } from './context';
import { requireTerritory as territoryOf } from './territoryLookup';
import { planAssignments } from './planAssignments';

interface DealFigures {
  achieved: Map<string, Float64Array>;
  pipeline: Map<string, Float64Array>;
}

function dealFigures(
  plan: Plan,
  territories: readonly Territory[],
  deals: RecordTable,
  assignment: Assignment,
  periods: readonly string[],
  weighted: boolean,
): DealFigures {
  const tree = territoryTree(territories);
  const width = periods.length;
  const slotOf = new Map(periods.map((p, i) => [p, i]));
  const column = (key: string) => deals.columns.get(key);
  const amount = column('amount');
  const close = column('closeDate');
  const status = column('status');
  const probability = column('probability');
  const empty = new Float64Array(territories.length * width);
  const perTerritory = (sums: Float64Array) =>
    new Map(territories.map((t) => [t.id, new Float64Array(slotsOf(sums, tree, t.id, width))]));
  if (amount?.type !== 'number' || close?.type !== 'number' || status?.type !== 'text') {
    return { achieved: perTerritory(empty), pipeline: perTerritory(empty) };
  }
  const wonCode = status.values.indexOf('won');
  const openCode = status.values.indexOf('open');
  const periodOf = (row: number) => {
    const at = close.values[row];
    return at === at ? (slotOf.get(fiscalPeriodOf(at, plan.fiscalYearStartMonth, plan.targetPeriod)) ?? -1) : -1;
  };
  const live = (row: number) => deals.deleted[row] === 0;
  const achieved = sumBySubtree(
    tree,
    assignment,
    deals.rowCount,
    width,
    periodOf,
    (row) => amount.values[row],
    (row) => live(row) && status.codes[row] === wonCode,
  );
  const pipeline = sumBySubtree(
    tree,
    assignment,
    deals.rowCount,
    width,
    periodOf,
    (row) => {
      const p = probability?.type === 'number' ? probability.values[row] : NaN;
      return weighted && p === p ? (amount.values[row] * p) / 100 : amount.values[row];
    },
    (row) => live(row) && status.codes[row] === openCode,
  );
  return { achieved: perTerritory(achieved), pipeline: perTerritory(pipeline) };
}

const fiscalYearOf = (period: string) => Number(period.slice(0, 4));

export function targetHandlers(ctx: ModelContext): Handlers<typeof targetCalls> {
  const { db } = ctx;

  const requireTerritory = (planId: string, territoryId: string) => territoryOf(db, planId, territoryId);

  /** Weights of each sub-territory: 1 each, the potential of its accounts, or what it won the year before. */
  async function weightsOf(
    plan: Plan,
    children: Territory[],
    method: 'even' | 'potential' | 'history',
    fiscalYear: number,
  ) {
    if (method === 'even') return children.map(() => 1);
    const territories = await db.territories.where({ planId: plan.id }).toArray();
    if (method === 'potential') {
      const { assignment } = await planAssignments(ctx).currentOf(plan.id, 'account');
      const accounts = await ctx.planRecords(plan, 'account');
      const potential = accounts.columns.get('potential');
      if (!assignment || potential?.type !== 'number') return children.map(() => 0);
      const tree = territoryTree(territories);
      const sums = sumBySubtree(
        tree,
        assignment,
        accounts.rowCount,
        1,
        () => 0,
        (row) => potential.values[row],
        (row) => accounts.deleted[row] === 0,
      );
      return children.map((c) => slotsOf(sums, tree, c.id, 1)[0]);
    }
    const { assignment } = await planAssignments(ctx).currentOf(plan.id, 'deal');
    if (!assignment) return children.map(() => 0);
    const lastYear = fiscalPeriods(fiscalYear - 1, plan.targetPeriod);
    const { achieved } = dealFigures(
      plan,
      territories,
      await ctx.planRecords(plan, 'deal'),
      assignment,
      lastYear,
      false,
    );
    return children.map((c) => (achieved.get(c.id) ?? new Float64Array(0)).reduce((s, v) => s + v, 0));
  }

  /** Fiscal years the plan's deals close in (imported deals included), kept per deals table and start month. */
  function yearsWithDeals(deals: RecordTable, startMonth: number): number[] {
    const close = deals.columns.get('closeDate');
    if (close?.type !== 'number') return [];
    const cache = (ctx.caches.dealYears ??= new WeakMap());
    let byMonth = cache.get(deals);
    if (!byMonth) cache.set(deals, (byMonth = new Map()));
    let years = byMonth.get(startMonth);
    if (!years)
      byMonth.set(startMonth, (years = fiscalYearsOfDates(close.values, deals.deleted, deals.rowCount, startMonth)));
    return years;
  }

  return {
    async getForecast({ planId, fiscalYear, weighted }): Promise<ForecastSheet> {
      const plan = await ctx.requirePlan(planId);
      const periods = fiscalPeriods(fiscalYear, plan.targetPeriod);
      const [territories, targets] = await Promise.all([
        db.territories.where({ planId }).toArray(),
        db.targets.where({ planId }).toArray(),
      ]);
      const rolled = rollUpTargets(territories, targets, periods);
      const { assignment } = await planAssignments(ctx).currentOf(planId, 'deal');
      const deals = await ctx.planRecords(planId, 'deal');
      const figures = assignment ? dealFigures(plan, territories, deals, assignment, periods, weighted ?? false) : null;
      const zero = () => periods.map(() => 0);
      const periodIndex = new Map(periods.map((p, i) => [p, i]));
      const members = new Map<string, { territoryId: string; userId: string; target: (number | null)[] }>();
      for (const t of targets) {
        const i = periodIndex.get(t.period);
        if (t.userId === null || i === undefined) continue;
        const key = `${t.territoryId}/${t.userId}`;
        const row = members.get(key) ?? {
          territoryId: t.territoryId,
          userId: t.userId,
          target: periods.map(() => null),
        };
        row.target[i] = (row.target[i] ?? 0) + t.amount;
        members.set(key, row);
      }
      return {
        fiscalYear,
        periods,
        currency: plan.currency,
        dealsAssigned: figures !== null,
        yearsWithTargets: [...new Set(targets.map((t) => fiscalYearOf(t.period)))].sort(),
        yearsWithDeals: yearsWithDeals(deals, plan.fiscalYearStartMonth),
        currentFiscalYear: fiscalYearOfDate(Date.now(), plan.fiscalYearStartMonth),
        members: [...members.values()],
        rows: territories.map((t) => {
          const r = rolled.get(t.id)!;
          return {
            territoryId: t.id,
            target: r.own,
            childrenTarget: r.children,
            membersTarget: r.members,
            childMismatch: r.childMismatch,
            memberMismatch: r.memberMismatch,
            achieved: figures ? Array.from(figures.achieved.get(t.id)!) : zero(),
            pipeline: figures ? Array.from(figures.pipeline.get(t.id)!) : zero(),
          };
        }),
      };
    },

    setTarget: ({ planId, territoryId, userId, period, amount }) =>
      ctx.edit(planId, historyLabel('setTarget'), async (edit) => {
        await requireTerritory(planId, territoryId);
        const existing = (await db.targets.where({ planId, territoryId }).toArray()).filter(
          (t) => t.userId === userId && t.period === period,
        );
        // One target per territory, person and period: extra rows (from older data) are folded away.
        for (const extra of existing.slice(amount === null ? 0 : 1)) await edit.remove('targets', extra.id);
        if (amount === null) return undefined;
        const target: Target = existing[0]
          ? { ...existing[0], amount }
          : { id: ctx.newId(), planId, territoryId, userId, period, amount };
        await edit.put('targets', target);
        return undefined;
      }),

    distributeTarget: ({ planId, territoryId, periods, to, method }) =>
      ctx.edit(planId, historyLabel('distributeTarget'), async (edit) => {
        const plan = await ctx.requirePlan(planId);
        await requireTerritory(planId, territoryId);
        const all = await db.targets.where({ planId }).toArray();
        let receivers: { territoryId: string; userId: string | null }[];
        let weights: number[];
        if (to === 'children') {
          const territories = await db.territories.where({ planId }).toArray();
          const children = childrenByParent(territories).get(territoryId) ?? [];
          if (children.length === 0)
            throw new ModelError(
              'CONFLICT',
              'This territory has no sub-territories to distribute to',
              undefined,
              'noChildrenToDistribute',
            );
          receivers = children.map((c) => ({ territoryId: c.id, userId: null }));
          weights = await weightsOf(plan, children, method, fiscalYearOf(periods[0]));
        } else {
          const members = (await db.memberships.where({ planId, territoryId }).toArray()).filter(
            (m) => m.role === 'member',
          );
          if (members.length === 0)
            throw new ModelError(
              'CONFLICT',
              'This territory has no members to distribute to',
              undefined,
              'noMembersToDistribute',
            );
          receivers = members.map((m) => ({ territoryId, userId: m.userId }));
          weights = members.map(() => 1);
        }
        for (const period of periods) {
          const own = all.find((t) => t.territoryId === territoryId && t.userId === null && t.period === period);
          if (!own) continue;
          const parts = distribute(own.amount, weights);
          for (const [i, receiver] of receivers.entries()) {
            const existing = all.find(
              (t) => t.territoryId === receiver.territoryId && t.userId === receiver.userId && t.period === period,
            );
            await edit.put(
              'targets',
              existing
                ? { ...existing, amount: parts[i] }
                : { id: ctx.newId(), planId, period, amount: parts[i], ...receiver },
            );
          }
        }
        return undefined;
      }),
  };
}

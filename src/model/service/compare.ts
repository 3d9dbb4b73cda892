/** Plans side by side: per-territory figures, balance over the leaf territories, and the accounts that move. */
import type { compareCalls, ComparedPlan, ComparedTerritory, MovedAccount } from '../../shared/api/compare';
import type { Territory } from '../../shared/domain';
import { childrenByParent } from '../../shared/hierarchy';
import { balanceOf, movedRecords, territoryKeys } from '../engine/compare';
import { placementsOf, type Assignment } from '../engine/rules/assignment';
import { getCell } from '../records/recordTable';
import type { Handlers, ModelContext } from './context';
import { planAssignments } from './planAssignments';
import { figuresOf } from './rules';

interface Loaded {
  territories: Territory[];
  keys: Map<string, string>;
  assignment: Assignment | null;
}

export function compareHandlers(ctx: ModelContext): Handlers<typeof compareCalls> {
  return {
    async comparePlans({ planIds, tolerance = 0.05, movedLimit = 500 }) {
      const accounts = await ctx.records('account');
      const plans = await Promise.all(planIds.map((planId) => ctx.requirePlan(planId)));
      const loaded: Loaded[] = [];
      for (const plan of plans) {
        const territories = await ctx.db.territories.where({ planId: plan.id }).toArray();
        const { assignment } = await planAssignments(ctx).currentOf(plan.id, 'account');
        loaded.push({ territories, keys: territoryKeys(territories), assignment });
      }

      const rows = new Map<string, ComparedTerritory>();
      const comparedPlans: ComparedPlan[] = [];
      for (const [p, plan] of plans.entries()) {
        const { territories, keys, assignment } = loaded[p];
        const figures = figuresOf(assignment, accounts, territories);
        const targets = await ctx.db.targets.where({ planId: plan.id }).toArray();
        const targetOf = new Map<string, number>();
        for (const t of targets)
          if (t.userId === null) targetOf.set(t.territoryId, (targetOf.get(t.territoryId) ?? 0) + t.amount);
        const children = childrenByParent(territories);
        const depthOf = new Map<string, number>();
        const walk = (parentId: string | null, depth: number) => {
          for (const t of children.get(parentId) ?? []) {
            depthOf.set(t.id, depth);
            walk(t.id, depth + 1);
          }
        };
        walk(null, 0);
        const leaves = territories.filter((t) => t.parentId !== null && !children.has(t.id));
        const measure = (pick: (f: { accounts: number; revenue: number; potential: number }) => number) =>
          balanceOf(
            leaves.map((t) => pick(figures.byTerritory[t.id] ?? { accounts: 0, revenue: 0, potential: 0 })),
            tolerance,
          );
        const root = territories.find((t) => t.parentId === null);
        comparedPlans.push({
          planId: plan.id,
          name: plan.name,
          status: plan.status,
          territories: territories.length,
          leaves: leaves.length,
          assignedAccounts: root ? (figures.byTerritory[root.id]?.accounts ?? 0) : 0,
          unassignedAccounts: figures.unassignedAccounts,
          applied: figures.applied,
          // The organisation's own target, or what its top territories add up to.
          targetTotal:
            root && targetOf.has(root.id)
              ? targetOf.get(root.id)!
              : (children.get(root?.id ?? null) ?? []).reduce((s, t) => s + (targetOf.get(t.id) ?? 0), 0),
          balance: {
            accounts: measure((f) => f.accounts),
            revenue: measure((f) => f.revenue),
            potential: measure((f) => f.potential),
          },
        });
        for (const t of territories) {
          const key = keys.get(t.id)!;
          let row = rows.get(key);
          if (!row) {
            row = {
              key,
              name: t.name,
              path: key.startsWith('#') ? t.name : key,
              depth: depthOf.get(t.id) ?? 0,
              color: t.color,
              isLeaf: !children.has(t.id),
              figures: plans.map(() => null),
            };
            rows.set(key, row);
          }
          const f = figures.byTerritory[t.id];
          row.figures[p] = {
            accounts: f?.accounts ?? 0,
            revenue: f?.revenue ?? 0,
            potential: f?.potential ?? 0,
            target: targetOf.get(t.id) ?? 0,
          };
        }
      }

      // Moves against the first plan, by territory key, so the same territory in a duplicate is not a move.
      const keysOf = (p: number) => (row: number) => {
        const { assignment, keys } = loaded[p];
        if (!assignment || row >= assignment.rowCount) return [];
        return placementsOf(assignment, row)
          .map((x) => keys.get(x.territoryId) ?? '?')
          .sort();
      };
      const namesOf = (p: number, row: number) => {
        const { assignment, territories } = loaded[p];
        if (!assignment || row >= assignment.rowCount) return [];
        const name = new Map(territories.map((t) => [t.id, t.name]));
        return placementsOf(assignment, row).map((x) => name.get(x.territoryId) ?? '?');
      };
      const moved = new Set<number>();
      for (let p = 1; p < plans.length; p++) {
        for (const row of movedRecords(accounts.rowCount, keysOf(0), keysOf(p))) {
          if (accounts.deleted[row] === 0) moved.add(row);
        }
      }
      const sortedMoves = [...moved].sort((a, b) => a - b);
      const list: MovedAccount[] = sortedMoves.slice(0, movedLimit).map((row) => ({
        recordId: row,
        externalId: String(getCell(accounts, 'externalId', row) ?? ''),
        name: String(getCell(accounts, 'name', row) ?? ''),
        territories: plans.map((_, p) => namesOf(p, row)),
      }));

      // The organisation first, then territories in the first plan's tree order, then those only in later plans.
      const order = new Map<string, number>();
      loaded.forEach(({ territories, keys }) => {
        const children = childrenByParent(territories);
        const walk = (parentId: string | null) => {
          for (const t of children.get(parentId) ?? []) {
            const key = keys.get(t.id)!;
            if (!order.has(key)) order.set(key, order.size);
            walk(t.id);
          }
        };
        walk(null);
      });
      const territoriesOut = [...rows.values()].sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
      return { plans: comparedPlans, territories: territoriesOut, movedCount: moved.size, moved: list };
    },
  };
}

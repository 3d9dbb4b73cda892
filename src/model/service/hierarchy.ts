import type { hierarchyCalls } from '../../shared/api/hierarchy';
import { emptyGeography, type Territory } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import { moveProblem, moveTerritory, nextSortOrder, planDeletion, type MoveProblem } from '../engine/hierarchy';
import type { Handlers, ModelContext } from './context';
import { historyState, stepHistory } from './history';

/** Colours given to new territories in turn: distinct on the map and readable under white text. */
export const territoryPalette = [
  '#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2',
  '#c026d3', '#65a30d', '#e11d48', '#0d9488', '#7c3aed', '#ca8a04',
];

const moveMessages: Record<MoveProblem, string> = {
  isRoot: 'The organisation is the root of the plan and cannot move',
  intoItself: 'A territory cannot be placed under itself',
  intoOwnSubtree: 'A territory cannot be placed under one of its own sub-territories',
  unknownTerritory: 'That territory does not exist in this plan',
};

export function hierarchyHandlers(ctx: ModelContext): Handlers<typeof hierarchyCalls> {
  const { db } = ctx;
  const territoriesOf = (planId: string) => db.territories.where({ planId }).toArray();

  async function requireTerritory(planId: string, territoryId: string): Promise<Territory> {
    const territory = await db.territories.get(territoryId);
    if (!territory || territory.planId !== planId) {
      throw new ModelError('NOT_FOUND', 'That territory does not exist in this plan', { planId, territoryId });
    }
    return territory;
  }

  async function requireUniqueCode(planId: string, code: string, exceptId?: string): Promise<void> {
    if (code === '') return;
    const clash = (await territoriesOf(planId)).find((t) => t.code === code && t.id !== exceptId);
    if (clash) {
      throw new ModelError('CONFLICT', `Code ${code} is already used by territory "${clash.name}"`, {
        field: 'code',
        territoryId: clash.id,
      });
    }
  }

  return {
    async listTerritories({ planId }) {
      await ctx.requirePlan(planId);
      return (await territoriesOf(planId)).sort((a, b) => a.sortOrder - b.sortOrder);
    },

    createTerritory: ({ planId, parentId, name, code, color, afterSiblingId }) =>
      ctx.edit(planId, 'Add territory', async (edit) => {
        await requireTerritory(planId, parentId);
        const territories = await territoriesOf(planId);
        await requireUniqueCode(planId, code ?? '');
        const territory: Territory = {
          id: ctx.newId(),
          planId,
          parentId,
          name,
          code: code ?? '',
          description: '',
          color: color ?? territoryPalette[territories.length % territoryPalette.length],
          typeLabel: '',
          sortOrder: nextSortOrder(territories, parentId, afterSiblingId),
          priority: territories.length,
          rulesWhenEmpty: 'inherit',
          geography: emptyGeography(),
        };
        await edit.put('territories', territory);
        return territory;
      }),

    updateTerritory: ({ planId, territoryId, patch }) =>
      ctx.edit(planId, 'Edit territory', async (edit) => {
        const territory = await requireTerritory(planId, territoryId);
        if (patch.code !== undefined) await requireUniqueCode(planId, patch.code, territoryId);
        const updated: Territory = { ...territory, ...patch, geography: patch.geography ?? territory.geography };
        await edit.put('territories', updated);
        return updated;
      }),

    moveTerritory: ({ planId, territoryId, newParentId, index }) =>
      ctx.edit(planId, 'Move territory', async (edit) => {
        const territories = await territoriesOf(planId);
        const problem = moveProblem(territories, territoryId, newParentId);
        if (problem) {
          throw new ModelError(problem === 'unknownTerritory' ? 'NOT_FOUND' : 'CONFLICT', moveMessages[problem], {
            reason: problem,
            territoryId,
            newParentId,
          });
        }
        const changed = moveTerritory(territories, territoryId, newParentId, index);
        for (const territory of changed) await edit.put('territories', territory);
        return changed;
      }),

    deleteTerritory: ({ planId, territoryId, policy }) =>
      ctx.edit(planId, 'Delete territory', async (edit) => {
        const territory = await requireTerritory(planId, territoryId);
        if (territory.parentId === null) {
          throw new ModelError('CONFLICT', 'The organisation is the root of the plan and cannot be deleted');
        }
        const territories = await territoriesOf(planId);
        const { deleted, moved } = planDeletion(territories, territoryId, policy);
        const byId = new Map(territories.map((t) => [t.id, t]));
        for (const move of moved) await edit.put('territories', { ...byId.get(move.id)!, ...move });
        const gone = new Set(deleted);
        for (const id of deleted) await edit.remove('territories', id);
        // What hung on the deleted territories goes with them; manual placements go up to the parent when the
        // children are kept, so no account the planner placed by hand silently falls out of the plan.
        for (const table of ['memberships', 'rules', 'targets'] as const) {
          const rows = await db[table].where({ planId }).toArray();
          for (const row of rows) if (gone.has(row.territoryId)) await edit.remove(table, row.id);
        }
        const manual = await db.manualAssignments.where({ planId }).toArray();
        for (const row of manual) {
          if (!gone.has(row.territoryId)) continue;
          if (policy === 'moveChildrenToParent') {
            await edit.put('manualAssignments', { ...row, territoryId: territory.parentId });
          } else {
            await edit.remove('manualAssignments', row.id);
          }
        }
        return undefined;
      }),

    async getHistory({ planId }) {
      await ctx.requirePlan(planId);
      return historyState(db, planId);
    },

    async undo({ planId }) {
      const topics = await stepHistory(ctx, planId, 'undo');
      ctx.changed(planId, ...topics, 'history');
      return historyState(db, planId);
    },

    async redo({ planId }) {
      const topics = await stepHistory(ctx, planId, 'redo');
      ctx.changed(planId, ...topics, 'history');
      return historyState(db, planId);
    },
  };
}

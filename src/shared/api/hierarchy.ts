import { z } from 'zod';
import { geographySchema, hexColor, id, territorySchema, type Territory } from '../domain';
import { call } from './contract';

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** What the next undo or redo would revert or replay, in the words of the change ("Move territory"). */
  undoLabel: string | null;
  redoLabel: string | null;
}

const territoryPatch = territorySchema
  .pick({
    name: true,
    code: true,
    description: true,
    color: true,
    typeLabel: true,
    priority: true,
    rulesWhenEmpty: true,
  })
  .extend({ geography: geographySchema })
  .partial();

export const hierarchyCalls = {
  listTerritories: call(z.object({ planId: id })).returns<Territory[]>(),
  createTerritory: call(
    z.object({
      planId: id,
      parentId: id,
      name: z.string().trim().min(1).max(200),
      code: z.string().trim().max(64).optional(),
      color: hexColor.optional(),
      /** Place it right after this sibling; at the end when absent. */
      afterSiblingId: id.optional(),
    }),
  ).returns<Territory>(),
  updateTerritory: call(z.object({ planId: id, territoryId: id, patch: territoryPatch })).returns<Territory>(),
  /** Moves a territory with its subtree; refuses with CONFLICT a move into its own subtree. */
  moveTerritory: call(
    z.object({ planId: id, territoryId: id, newParentId: id, index: z.number().int().min(0).optional() }),
  ).returns<Territory[]>(),
  deleteTerritory: call(
    z.object({ planId: id, territoryId: id, policy: z.enum(['moveChildrenToParent', 'deleteSubtree']) }),
  ).returns<void>(),

  getHistory: call(z.object({ planId: id })).returns<HistoryState>(),
  undo: call(z.object({ planId: id })).returns<HistoryState>(),
  redo: call(z.object({ planId: id })).returns<HistoryState>(),
};

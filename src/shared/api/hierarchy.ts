import { z } from 'zod';
import { geographySchema, hexColor, id, language, territorySchema, type RecordKind, type Territory } from '../domain';
import type { StoredHistoryLabel } from '../history';
import { call } from './contract';

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** What the next undo or redo would revert or replay: a key the UI words ("Move territory"), or older English. */
  undoLabel: StoredHistoryLabel | null;
  redoLabel: StoredHistoryLabel | null;
}

/** A rule of a territory in a few words, for the hierarchy's side panel (the rules view edits them). */
export interface TerritoryRuleSummary {
  id: string;
  recordKind: RecordKind;
  enabled: boolean;
  conditionCount: number;
  /** Fields the conditions test, each once, in order. */
  fields: string[];
  pattern: string;
}

/** What "start from data" would create, shown before the planner confirms. */
export interface HierarchyPreview {
  /** Territories per level, first level first. */
  perLevel: number[];
  total: number;
  /** The first level's groups (at most 100), with their accounts and how many sub-territories each would get. */
  groups: { label: string; accounts: number; children: number }[];
  /** More than the planner may create at once (MAX_GENERATED_TERRITORIES). */
  tooMany: boolean;
}

/** Most territories one "start from data" may create: beyond that the levels are too fine to be territories. */
export const MAX_GENERATED_TERRITORIES = 5_000;

/** One level of a generated hierarchy: an account field, cut in `bands` when it holds numbers. */
export const dataLevelSchema = z.strictObject({
  field: z.string().min(1).max(64),
  bands: z.number().int().min(2).max(20).optional(),
});
export type DataLevel = z.infer<typeof dataLevelSchema>;
/**
 * Most levels one "start from data" takes (country, region, industry, a revenue band): the dialog offers as many
 * as the contract accepts. The territories they make are bounded on their own (MAX_GENERATED_TERRITORIES).
 */
export const MAX_DATA_LEVELS = 4;
/** The levels of a generated hierarchy, first level first: what the preview shows is what generating accepts. */
const dataLevelsSchema = z.array(dataLevelSchema).min(1).max(MAX_DATA_LEVELS);

/** A territory of a tree added in one step, linked to its parent by a caller-chosen reference. */
const newTerritorySchema = z.strictObject({
  ref: z.string().min(1).max(64),
  /** null: a child of the call's parentId. */
  parentRef: z.string().min(1).max(64).nullable(),
  name: z.string().trim().min(1).max(200),
  code: z.string().trim().max(64).optional(),
  color: hexColor.optional(),
  typeLabel: z.string().max(64).optional(),
  description: z.string().max(5_000).optional(),
});

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
  listTerritories: call(z.strictObject({ planId: id })).returns<Territory[]>(),
  createTerritory: call(
    z.strictObject({
      planId: id,
      parentId: id,
      name: z.string().trim().min(1).max(200),
      code: z.string().trim().max(64).optional(),
      color: hexColor.optional(),
      /** Place it right after this sibling; at the end when absent. */
      afterSiblingId: id.optional(),
    }),
  ).returns<Territory>(),
  updateTerritory: call(z.strictObject({ planId: id, territoryId: id, patch: territoryPatch })).returns<Territory>(),
  /** Moves a territory with its subtree; refuses with CONFLICT a move into its own subtree. */
  moveTerritory: call(
    z.strictObject({ planId: id, territoryId: id, newParentId: id, index: z.number().int().min(0).optional() }),
  ).returns<Territory[]>(),
  /** Moves several territories (each with its subtree) under one parent, side by side, as one undoable step. */
  moveTerritories: call(
    z.strictObject({
      planId: id,
      territoryIds: z.array(id).min(1).max(20_000),
      newParentId: id,
      index: z.number().int().min(0).optional(),
    }),
  ).returns<Territory[]>(),
  /** Copies a territory and its subtree (details and geography; not people, rules or targets) right after it. */
  duplicateTerritory: call(
    z.strictObject({ planId: id, territoryId: id, name: z.string().trim().min(1).max(200).optional() }),
  ).returns<Territory[]>(),
  /** Adds a whole tree of territories under `parentId` in one undoable step (bulk creation, imports). */
  addTerritories: call(
    z.strictObject({ planId: id, parentId: id, territories: z.array(newTerritorySchema).min(1).max(20_000) }),
  ).returns<{ created: number; topIds: string[] }>(),
  deleteTerritory: call(
    z.strictObject({ planId: id, territoryId: id, policy: z.enum(['moveChildrenToParent', 'deleteSubtree']) }),
  ).returns<void>(),

  territoryRules: call(z.strictObject({ planId: id, territoryId: id })).returns<TerritoryRuleSummary[]>(),

  /** What generating a hierarchy from these account fields would create. */
  previewHierarchyFromData: call(
    z.strictObject({
      levels: dataLevelsSchema,
      /** With both: only the accounts the plan's last run placed in that territory or below it. */
      planId: id.optional(),
      parentId: id.optional(),
      /** Language of the territory names (countries and regions are named in it). */
      language: language.optional(),
    }),
  ).returns<HierarchyPreview>(),
  /**
   * Creates one territory per value (or band) of each level's account field, nested level by level under
   * `parentId`, optionally with the account rule that places each account there. One undoable step.
   */
  generateHierarchyFromData: call(
    z.strictObject({
      planId: id,
      parentId: id,
      levels: dataLevelsSchema,
      withRules: z.boolean(),
      language: language.optional(),
    }),
  ).returns<{ created: number; topIds: string[] }>(),

  getHistory: call(z.strictObject({ planId: id })).returns<HistoryState>(),
  undo: call(z.strictObject({ planId: id })).returns<HistoryState>(),
  redo: call(z.strictObject({ planId: id })).returns<HistoryState>(),
};

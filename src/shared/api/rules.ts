/**
 * Assignment rules (issue 5): the rules of each territory, runs that compute a preview, apply or discard, manual
 * assignments, "why is this record here", per-territory figures and the assignment CSV.
 */
import { z } from 'zod';
import {
  conditionSchema,
  id,
  recordKind,
  ruleSchema,
  type AssignmentSource,
  type Condition,
  type RecordKind,
  type Rule,
} from '../domain';
import { ruleKinds } from '../records';
import { call } from './contract';

/** Kinds that have rules (and manual assignments); contacts follow their account. */
export const ruleKind = z.enum(ruleKinds);
export type RuleKind = z.infer<typeof ruleKind>;

/** Something wrong with a rule as typed: a bad pattern (with where), or a condition that cannot run. */
export interface RuleProblemInfo {
  ruleId: string;
  territoryId: string;
  /** 1-based condition number, when the problem is in one condition. */
  conditionNumber?: number;
  /** Pattern codes (unknownCondition, unbalancedParenthesis, ...) or condition codes (unknownField, ...). */
  code: string;
  message: string;
  /** 0-based offset in the pattern, for pattern problems. */
  position?: number;
}

/** A rule as stored, with what is wrong with it against today's records (empty when it runs). */
export interface RuleWithProblems {
  rule: Rule;
  problems: RuleProblemInfo[];
}

const ruleBody = z.strictObject({
  conditions: ruleSchema.shape.conditions,
  pattern: ruleSchema.shape.pattern,
  enabled: z.boolean(),
});

/** Which records a run looks at. */
export const runScopeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('plan') }),
  /** Records that are in the territory (or below) now, or would be after the run. */
  z.strictObject({ type: z.literal('territory'), territoryId: id }),
  /** Records of one kind: given ones, or those matching a filter written like a rule. */
  z.strictObject({
    type: z.literal('records'),
    kind: ruleKind,
    recordIds: z.array(z.number().int().min(0)).max(2_000_000).optional(),
    filter: z
      .strictObject({ conditions: z.array(conditionSchema).min(1).max(50), pattern: z.string().max(2_000) })
      .optional(),
  }),
]);
export type RunScope = z.infer<typeof runScopeSchema>;

export interface TerritoryChange {
  territoryId: string;
  before: number;
  after: number;
  gained: number;
  lost: number;
}

export interface KindPreview {
  kind: RecordKind;
  /** Live records of the kind. */
  records: number;
  moved: number;
  unmatched: number;
  hitLimit: number;
  /** Records placed by hand: runs keep them where they are. */
  manual: number;
  /** Territories whose figures change, most changed first. */
  territories: TerritoryChange[];
}

export interface RulePreview {
  previewId: string;
  planId: string;
  scope: RunScope;
  createdAt: string;
  /** The plan changed since the run (rules, territories, records, assignments): run again before applying. */
  stale: boolean;
  /** Account first, then contact, lead, deal: the kinds the run computed. */
  kinds: KindPreview[];
  /** Rules that could not run (they matched nothing). */
  problems: RuleProblemInfo[];
  /** Manual assignments pointing at a deleted territory or record; they are ignored. */
  ignoredManual: number;
  /** Milliseconds the run took. */
  elapsedMs: number;
}

export const previewListSchema = z.enum(['moved', 'unmatched', 'hitLimit']);
export type PreviewList = z.infer<typeof previewListSchema>;

export interface PreviewRecord {
  recordId: number;
  externalId: string;
  name: string;
  /** Territory ids now and after the run. */
  from: string[];
  to: string[];
  manual: boolean;
}

export interface Page<T> {
  total: number;
  offset: number;
  rows: T[];
}

export interface ManualAssignmentRow {
  id: string;
  recordKind: RecordKind;
  recordId: number;
  externalId: string;
  name: string;
  territoryId: string;
  createdAt: string;
}

/** A record found by name or external id, with where the plan puts it. */
export interface RecordHit {
  kind: RecordKind;
  recordId: number;
  externalId: string;
  name: string;
  /** City and country, to tell namesakes apart. */
  place: string;
  territories: { territoryId: string; source: AssignmentSource }[];
}

export type CheckValue = string | number | null;

export interface ExplainCondition {
  number: number;
  condition: Condition;
  held: boolean;
  /** The record's values the condition read. */
  values: Record<string, CheckValue>;
}

export interface ExplainRule {
  ruleId: string;
  pattern: string;
  held: boolean;
  conditions: ExplainCondition[];
  firstFailed: number | null;
  problems: RuleProblemInfo[];
}

export interface ExplainStep {
  territoryId: string;
  name: string;
  outcome: 'matched' | 'inherited' | 'failed' | 'noRules' | 'brokenRule';
  rules: ExplainRule[];
}

export type ExplainReason =
  | 'manual'
  | 'manualElsewhere'
  | 'inheritedFromAccount'
  | 'accountNotHere'
  | 'noAccount'
  | 'rulesMatched'
  | 'deeperMatch'
  | 'notChosen'
  | 'ruleFailed'
  | 'ancestorFailed'
  | 'root'
  | 'unknownRecord'
  | 'unknownTerritory';

export interface TerritoryExplanation {
  territoryId: string;
  assigned: boolean;
  source: AssignmentSource | null;
  reason: ExplainReason;
  /** From the first level below the root down to the territory, stopping at the first that failed. */
  path: ExplainStep[];
  failedAt: ExplainStep | null;
  account?: { recordId: number; externalId: string; name: string | null; territoryIds: string[] };
  manualTerritoryIds: string[];
  /** One English line; the UI builds its own translated text from the fields. */
  summary: string;
}

export interface RecordExplanation {
  record: RecordHit;
  /** The asked territory, or each territory the record is in, or (none) each first-level territory. */
  explanations: TerritoryExplanation[];
}

/** Figures of the stored assignment, territories counting their sub-territories' records once each. */
export interface TerritoryFigures {
  accounts: number;
  revenue: number;
  potential: number;
  /** Accounts placed in the territory itself (not below). */
  ownAccounts: number;
}

export interface AssignmentFigures {
  byTerritory: Record<string, TerritoryFigures>;
  /** Live accounts in no territory. */
  unassignedAccounts: number;
  /** Whether rules were ever applied to this plan. */
  applied: boolean;
}

/**
 * What in a plan's hierarchy a planner should see (engine/warnings.ts): a sub-territory whose branch holds no
 * account, a territory without account rules of its own that takes its parent's match.
 */
export type TerritoryWarning =
  | { code: 'holdsNoAccounts'; territoryId: string }
  | {
      code: 'inheritsParent';
      territoryId: string;
      /** The parent whose matches it takes (the organisation for a top-level territory). */
      parentId: string;
      /** Live accounts placed in the territory itself. */
      accounts: number;
      /** Of those, the accounts also placed in a territory outside its own line (neither above nor below it). */
      alsoElsewhere: number;
    };

/** One value of a field with how many records have it: suggestions for the rule editor. */
export interface FieldValueCount {
  value: string;
  count: number;
}

export const ruleCalls = {
  /** Rules of a plan, optionally of one territory and kind, in their order. */
  listRules: call(z.strictObject({ planId: id, territoryId: id.optional(), recordKind: ruleKind.optional() })).returns<
    RuleWithProblems[]
  >(),
  /** Problems of a rule as typed, without saving it (the editor calls it as the planner types). */
  checkRule: call(
    z.strictObject({
      planId: id,
      territoryId: id,
      recordKind: ruleKind,
      conditions: ruleSchema.shape.conditions,
      pattern: z.string().max(2_000),
    }),
  ).returns<RuleProblemInfo[]>(),
  /** Adds a rule at the end of the territory's rules of that kind; refuses one with problems. Undoable. */
  createRule: call(
    z.strictObject({ planId: id, territoryId: id, recordKind: ruleKind }).extend(ruleBody.partial().shape),
  ).returns<RuleWithProblems>(),
  /** Changes a rule; refuses (INVALID_INPUT, details.problems) one that could not run. Undoable. */
  updateRule: call(z.strictObject({ planId: id, ruleId: id, patch: ruleBody.partial() })).returns<RuleWithProblems>(),
  deleteRule: call(z.strictObject({ planId: id, ruleId: id })).returns<void>(),
  /** Puts a territory's rules of a kind in this order. Undoable. */
  reorderRules: call(
    z.strictObject({ planId: id, territoryId: id, recordKind: ruleKind, ruleIds: z.array(id).min(1).max(1_000) }),
  ).returns<Rule[]>(),
  /** The most frequent values of a text field (for picking list values), optionally containing `search`. */
  fieldValues: call(
    z.strictObject({
      kind: recordKind,
      field: z.string().min(1).max(64),
      search: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
  ).returns<FieldValueCount[]>(),

  /**
   * Runs the plan's rules without changing anything and keeps the result as the plan's preview (one per plan,
   * replacing the previous one). `taskId` names the progress events and lets cancelTask stop it.
   */
  runRules: call(
    z.strictObject({ planId: id, scope: runScopeSchema, taskId: z.string().min(1).max(64).optional() }),
  ).returns<RulePreview>(),
  /** The plan's preview, if a run is waiting to be applied. */
  getPreview: call(z.strictObject({ planId: id })).returns<RulePreview | null>(),
  /** Records of the preview: moved, unmatched or at the limit, optionally only those a territory gains or loses. */
  listPreviewRecords: call(
    z.strictObject({
      previewId: id,
      kind: recordKind,
      list: previewListSchema,
      territoryId: id.optional(),
      change: z.enum(['gained', 'lost']).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1_000).default(50),
    }),
  ).returns<Page<PreviewRecord>>(),
  /** Stores the preview as the plan's assignment in one transaction; refuses a stale preview (CONFLICT). */
  applyPreview: call(z.strictObject({ previewId: id })).returns<{ moved: number; records: number }>(),
  discardPreview: call(z.strictObject({ previewId: id })).returns<void>(),

  /** Places records in a territory by hand ('add': beside their other manual territories). Undoable. */
  assignManually: call(
    z.strictObject({
      planId: id,
      kind: ruleKind,
      recordIds: z.array(z.number().int().min(0)).min(1).max(100_000),
      territoryId: id,
      mode: z.enum(['replace', 'add']).default('replace'),
    }),
  ).returns<{ assigned: number }>(),
  listManualAssignments: call(
    z.strictObject({
      planId: id,
      kind: ruleKind.optional(),
      territoryId: id.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1_000).default(100),
    }),
  ).returns<Page<ManualAssignmentRow>>(),
  /** Gives records back to the rules: by manual assignment ids, or every manual assignment of given records. Undoable. */
  releaseManual: call(
    z.strictObject({
      planId: id,
      ids: z.array(id).max(100_000).optional(),
      records: z.strictObject({ kind: ruleKind, recordIds: z.array(z.number().int().min(0)).max(100_000) }).optional(),
    }),
  ).returns<{ released: number }>(),

  /**
   * Records by name or external id (all of them with an empty search, first ones first), a page at a time: skip
   * `offset` hits, answer up to `limit` (ask one more than shown to know whether there are more).
   */
  findRecords: call(
    z.strictObject({
      planId: id,
      kind: recordKind,
      search: z.string().max(200),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(201).default(20),
    }),
  ).returns<RecordHit[]>(),
  /** Why the record is where it is (or, with a territory, why it is or is not there). */
  explainRecord: call(
    z.strictObject({ planId: id, kind: recordKind, recordId: z.number().int().min(0), territoryId: id.optional() }),
  ).returns<RecordExplanation>(),
  /** Territory ids of each record in the plan's assignment (manual ones included), in the order asked. */
  recordTerritories: call(
    z.strictObject({ planId: id, kind: recordKind, recordIds: z.array(z.number().int().min(0)).max(10_000) }),
  ).returns<string[][]>(),
  /** Accounts, revenue and potential per territory, from the stored assignment. */
  assignmentFigures: call(z.strictObject({ planId: id })).returns<AssignmentFigures>(),
  /** Hierarchy warnings: empty sub-territories, territories taking their parent's match for want of rules. */
  territoryWarnings: call(z.strictObject({ planId: id })).returns<TerritoryWarning[]>(),
};

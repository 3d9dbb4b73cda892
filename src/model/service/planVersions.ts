/**
 * A plan as it was before its last Apply, rebuilt from the persisted history (issue 14: compare inside one plan
 * over time). The last step that carries an applied assignment is found, and every step done since, that one
 * included, is reverted in memory (newest first): the rows the steps changed get their "before" back, and the
 * applied assignment is the blocks that Apply replaced. Nothing is written; the plan itself does not change.
 *
 * Kept in memory per plan until anything of that plan changes (any `changed` event for it drops it).
 */
import type { ChangeTopic } from '../../shared/api';
import type { PlanVersion } from '../../shared/api/compare';
import type { StoredForecastAssumptions } from '../../shared/api/forecast';
import type { ManualAssignment, Membership, Plan, RecordKind, Rule, Target, Territory } from '../../shared/domain';
import type { AssignmentBlockRow, HistoryRow, RowChange } from '../db/schema';
import type { Assignment } from '../engine/rules/assignment';
import { decodeAssignmentBlocks } from '../records/assignments';
import { loadStoredAssignment } from './assignmentStore';
import type { ModelContext } from './context';
import { regionShapesOf, shapeOnlyKeysOf } from './regionShapes';
import {
  assignmentOver,
  planAssignments,
  sortRules,
  type CurrentAssignment,
  type PlanRuleData,
} from './planAssignments';

/** Everything a comparison reads of one plan state. */
export interface PlanState {
  plan: Plan;
  version: PlanVersion;
  /** When the plan was in this state: null for now, else the time of the Apply it precedes. */
  asOf: string | null;
  territories: Territory[];
  memberships: Membership[];
  targets: Target[];
  assumptions: StoredForecastAssumptions | undefined;
  assignment: (kind: 'account' | 'deal') => Promise<Assignment | null>;
}

/** The rows of the tables a history step may change, keyed by id, for one plan. */
interface Rows {
  plans: Map<string, Plan>;
  territories: Map<string, Territory>;
  memberships: Map<string, Membership>;
  rules: Map<string, Rule>;
  targets: Map<string, Target>;
  manualAssignments: Map<string, ManualAssignment>;
  forecastAssumptions: Map<string, StoredForecastAssumptions>;
}

/**
 * Reverts `steps` (oldest first) on `rows`, newest step first and each step's changes in reverse: what undoing
 * them one by one would write. Pure over the maps.
 */
export function revertSteps(rows: Rows, steps: readonly Pick<HistoryRow, 'changes'>[]): void {
  for (let s = steps.length - 1; s >= 0; s--) {
    const changes: readonly RowChange[] = steps[s].changes;
    for (let c = changes.length - 1; c >= 0; c--) {
      const { table, key, before } = changes[c];
      const map = rows[table] as Map<string, unknown>;
      if (before === undefined) map.delete(key);
      else map.set(key, before);
    }
  }
}

/** The done steps from the last one that applied an assignment, oldest first (null: none kept in history). */
async function stepsSinceLastApply(ctx: ModelContext, planId: string): Promise<HistoryRow[] | null> {
  const keys = await ctx.db.history.where({ planId, undone: 0 }).primaryKeys();
  const steps: HistoryRow[] = [];
  // Newest first, one row at a time: older Apply steps (a million rows each) are never read.
  for (let i = keys.length - 1; i >= 0; i--) {
    const step = await ctx.db.history.get(keys[i]);
    if (!step) continue;
    steps.unshift(step);
    if (step.assignments?.length) return steps;
  }
  return null;
}

/** When the plan's last Apply still in its history happened (null: none). */
export async function lastApplyAt(ctx: ModelContext, planId: string): Promise<string | null> {
  const steps = await stepsSinceLastApply(ctx, planId);
  return steps ? steps[0].at : null;
}

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((r) => [r.id, r]));

async function rebuild(ctx: ModelContext, planId: string): Promise<PlanState | null> {
  const { db } = ctx;
  const steps = await stepsSinceLastApply(ctx, planId);
  if (!steps) return null;
  const plan = await ctx.requirePlan(planId);
  const [territories, memberships, rules, targets, manual, assumptions] = await Promise.all([
    db.territories.where({ planId }).toArray(),
    db.memberships.where({ planId }).toArray(),
    db.rules.where({ planId }).toArray(),
    db.targets.where({ planId }).toArray(),
    db.manualAssignments.where({ planId }).toArray(),
    db.forecastAssumptions.get(planId),
  ]);
  const rows: Rows = {
    plans: new Map([[plan.id, plan]]),
    territories: byId(territories),
    memberships: byId(memberships),
    rules: byId(rules),
    targets: byId(targets),
    manualAssignments: byId(manual),
    forecastAssumptions: new Map(assumptions ? [[assumptions.id, assumptions]] : []),
  };
  revertSteps(rows, steps);
  const mine = <T extends { planId: string }>(map: Map<string, T>) =>
    [...map.values()].filter((r) => r.planId === planId);
  const before = rows.plans.get(planId) ?? plan;
  const territoriesBefore = mine(rows.territories).sort((a, b) => a.sortOrder - b.sortOrder);
  const rulesBefore = mine(rows.rules);
  const data: PlanRuleData = {
    plan: before,
    territories: territoriesBefore,
    rules: sortRules(rulesBefore),
    manual: mine(rows.manualAssignments),
    regionShapes: await regionShapesOf(ctx, shapeOnlyKeysOf(territoriesBefore, rulesBefore)),
  };
  const apply = steps[0];
  const blocksBefore = new Map<RecordKind, AssignmentBlockRow[]>(
    (apply.assignments ?? []).map((change) => [change.kind, change.before]),
  );
  const current = new Map<RecordKind, Promise<CurrentAssignment>>();
  const assignmentOf = (kind: 'account' | 'deal'): Promise<CurrentAssignment> => {
    let found = current.get(kind);
    if (!found) {
      found = (async () => {
        const records = await ctx.planRecords(planId, kind);
        const blocks = blocksBefore.get(kind);
        // A kind the Apply did not write kept its blocks: they are still the stored ones.
        const stored =
          blocks === undefined
            ? await loadStoredAssignment(db, planId, kind, records)
            : blocks.length === 0
              ? null
              : decodeAssignmentBlocks(kind, blocks, records.rowCount, records.deleted);
        return assignmentOver(ctx, kind, data, stored, () => assignmentOf('account'));
      })();
      current.set(kind, found);
    }
    return found;
  };
  return {
    plan: before,
    version: 'beforeLastApply',
    asOf: apply.at,
    territories: data.territories,
    memberships: mine(rows.memberships),
    targets: mine(rows.targets),
    assumptions: rows.forecastAssumptions.get(planId),
    assignment: async (kind) => (await assignmentOf(kind)).assignment,
  };
}

type Piece = 'plan' | 'territories' | 'memberships' | 'targets' | 'assumptions';
const pieces: readonly Piece[] = ['plan', 'territories', 'memberships', 'targets', 'assumptions'];

/**
 * Which pieces of a plan as it is now a change makes stale. A deleted territory takes its memberships and
 * targets with it; forecast assumptions have their own topic. Topics a piece does not read (rules, records,
 * assignments: those go through planAssignments; history, settings) keep every piece.
 */
const stalePieces: Record<ChangeTopic, readonly Piece[]> = {
  plans: ['plan'],
  territories: ['territories', 'memberships', 'targets'],
  memberships: ['memberships'],
  people: ['memberships'],
  targets: ['targets'],
  assumptions: ['assumptions'],
  rules: [],
  assignments: [],
  records: [],
  settings: [],
  history: [],
};

interface NowPieces {
  plan?: Promise<Plan>;
  territories?: Promise<Territory[]>;
  memberships?: Promise<Membership[]>;
  targets?: Promise<Target[]>;
  assumptions?: Promise<StoredForecastAssumptions | undefined>;
}

/** Each plan's pieces now (read once, each dropped by the changes that concern it), and past versions. */
export interface PlanVersionCache {
  now: Map<string, NowPieces>;
  past: Map<string, Promise<PlanState | null>>;
}

/** The context's cache, made with its first use: from then on its own changes keep it right. */
function cacheOf(ctx: ModelContext): PlanVersionCache {
  let cache = ctx.caches.planVersions;
  if (!cache) {
    const made: PlanVersionCache = { now: new Map(), past: new Map() };
    ctx.caches.planVersions = cache = made;
    ctx.subscribe((event) => {
      if (event.type !== 'changed') return;
      if (event.planId === null) {
        // Records, people or settings: the past versions lay placements over today's records.
        made.past.clear();
        if (event.what.includes('people')) for (const p of made.now.values()) delete p.memberships;
        return;
      }
      made.past.delete(event.planId);
      const now = made.now.get(event.planId);
      if (!now) return;
      for (const topic of event.what) for (const piece of stalePieces[topic] ?? pieces) delete now[piece];
    });
  }
  return cache;
}

function piece<K extends Piece>(
  now: NowPieces,
  key: K,
  read: () => NonNullable<NowPieces[K]>,
): NonNullable<NowPieces[K]> {
  let found = now[key];
  if (!found) {
    const made = read();
    now[key] = made;
    made.catch(() => {
      if (now[key] === made) delete now[key];
    });
    found = made;
  }
  return found as NonNullable<NowPieces[K]>;
}

/**
 * The plan as it is now, its rows kept in memory piece by piece: a comparison asked again after one assumption
 * changed reads only the assumptions again, and gets the same territory and membership lists (so what
 * is cached on them holds).
 */
async function readNow(ctx: ModelContext, planId: string): Promise<PlanState> {
  const { db } = ctx;
  const { now: all } = cacheOf(ctx);
  let now = all.get(planId);
  if (!now) all.set(planId, (now = {}));
  const [plan, territories, memberships, targets, assumptions] = await Promise.all([
    piece(now, 'plan', () => ctx.requirePlan(planId)),
    piece(now, 'territories', () => db.territories.where({ planId }).toArray()),
    piece(now, 'memberships', () => db.memberships.where({ planId }).toArray()),
    piece(now, 'targets', () => db.targets.where({ planId }).toArray()),
    piece(now, 'assumptions', () => db.forecastAssumptions.get(planId)),
  ]);
  return {
    plan,
    version: 'current',
    asOf: null,
    territories,
    memberships,
    targets,
    assumptions,
    assignment: async (kind) => (await planAssignments(ctx).currentOf(planId, kind)).assignment,
  };
}

/** The plan as it is now, or as it was just before its last Apply (null: no Apply in its history). */
export function planState(ctx: ModelContext, planId: string, version: PlanVersion): Promise<PlanState | null> {
  if (version === 'current') return readNow(ctx, planId);
  const { past } = cacheOf(ctx);
  let found = past.get(planId);
  if (!found) {
    const made = rebuild(ctx, planId);
    past.set(planId, made);
    made.catch(() => {
      if (past.get(planId) === made) past.delete(planId);
    });
    found = made;
  }
  return found;
}

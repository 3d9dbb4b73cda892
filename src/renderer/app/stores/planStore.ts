/**
 * What the UI shows of the current plan: a projection of the query cache (data/), which the model's `changed` events
 * keep fresh through the one invalidation map.
 */
import { create } from 'zustand';
import type { HistoryState, InputOf, OutputOf } from '../../../shared/api';
import type { Membership, Plan, RecordKind, SalesUser, Territory } from '../../../shared/domain';
import { callModel, fetchModel, followModel, type QueryMethod } from '../data';

/** What the current assignment places in a territory (filled by the rules integration; empty until rules ran). */
export interface TerritoryStats {
  accounts: number;
  revenue: number;
  potential: number;
}

export interface PlanState {
  loaded: boolean;
  plans: Plan[];
  planId: string | null;
  territories: Territory[];
  memberships: Membership[];
  users: SalesUser[];
  history: HistoryState;
  recordCounts: Record<RecordKind, number>;
  /**
   * The selected territories, in the order picked: the one source of the selection for every view. The last is "the
   * selected territory" (the panel, the map, the rules edit it: `selectedTerritoryId`); the hierarchy selects several.
   */
  selection: readonly string[];
  /** Per territory id; a territory missing here has no figures yet. */
  territoryStats: Record<string, TerritoryStats>;
}

const noHistory: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };
const noRecords: Record<RecordKind, number> = { account: 0, contact: 0, lead: 0, deal: 0 };

export const usePlanStore = create<PlanState>(() => ({
  loaded: false,
  plans: [],
  planId: null,
  territories: [],
  memberships: [],
  users: [],
  history: noHistory,
  recordCounts: noRecords,
  selection: [],
  territoryStats: {},
}));

export const currentPlan = (state: PlanState): Plan | null => state.plans.find((p) => p.id === state.planId) ?? null;

const set = usePlanStore.setState;
const get = usePlanStore.getState;

/** Keeps one slice of the store equal to one model answer, for as long as the store follows it. */
function project<M extends QueryMethod>(
  method: M,
  input: InputOf<M>,
  apply: (value: OutputOf<M>) => Partial<PlanState>,
  onError?: () => Partial<PlanState>,
): () => void {
  return followModel(method, input, (result) => {
    if (result.data !== undefined) set(apply(result.data));
    else if (result.isError && onError) set(onError());
  });
}

let stopShared: (() => void)[] = [];
let stopPlan: (() => void)[] = [];

function followPlan(planId: string | null): void {
  for (const stop of stopPlan) stop();
  // Record counts are the plan's: it plans over some data sets only (the sample stays out of real plans).
  stopPlan = [project('countRecords', planId ? { planId } : {}, (recordCounts) => ({ recordCounts }))];
  if (!planId) return;
  stopPlan = [
    ...stopPlan,
    project('listTerritories', { planId }, (territories) => ({ territories })),
    project('listMemberships', { planId }, (memberships) => ({ memberships })),
    project('getHistory', { planId }, (history) => ({ history })),
    // Figures come from the plan's assignment, which territories, rules' runs and imports change.
    project(
      'assignmentFigures',
      { planId },
      (figures) => ({ territoryStats: figures.byTerritory }),
      () => ({ territoryStats: {} }),
    ),
  ];
}

/** The model answers the store shows for a plan, asked (or found in the cache) at once. */
function loadPlan(planId: string | null): Promise<unknown> {
  // A plan chosen since does not get this one's answers.
  const mine = () => get().planId === planId;
  // The same key as followPlan's: one call, shared through the cache.
  const counts = fetchModel('countRecords', planId ? { planId } : {}).then(
    (recordCounts) => mine() && set({ recordCounts }),
  );
  if (!planId) return counts;
  return Promise.all([
    counts,
    fetchModel('listTerritories', { planId }).then((territories) => mine() && set({ territories })),
    fetchModel('listMemberships', { planId }).then((memberships) => mine() && set({ memberships })),
    fetchModel('getHistory', { planId }).then((history) => mine() && set({ history })),
  ]);
}

/**
 * Loads everything at start and follows it from then on. The store is a projection of the query cache: the
 * model's events invalidate the answers (data/invalidation.ts) and the store takes the new ones.
 */
export async function startPlanStore(): Promise<void> {
  const [plans, settings, users] = await Promise.all([
    fetchModel('listPlans', {}),
    fetchModel('getSettings', {}),
    fetchModel('listUsers', {}),
  ]);
  const planId = plans.some((p) => p.id === settings.lastPlanId) ? settings.lastPlanId : (plans[0]?.id ?? null);
  set({ plans, planId, users });
  for (const stop of stopShared) stop();
  stopShared = [project('listPlans', {}, (plans) => ({ plans })), project('listUsers', {}, (users) => ({ users }))];
  await loadPlan(planId);
  followPlan(planId);
  set({ loaded: true });
}

export async function selectPlan(planId: string | null): Promise<void> {
  set({ planId, territories: [], memberships: [], history: noHistory, selection: [], territoryStats: {} });
  followPlan(planId);
  await callModel('updateSettings', { lastPlanId: planId });
  await loadPlan(get().planId);
}

/** The selected territory: the last one picked, or null. */
export const selectedTerritoryId = (state: PlanState): string | null => state.selection.at(-1) ?? null;

/** Selects territories, in the order picked (the last becomes the selected territory); the same list keeps its object. */
export function selectTerritories(ids: readonly string[]): void {
  const { selection } = get();
  if (ids.length !== selection.length || ids.some((id, i) => selection[i] !== id)) set({ selection: ids });
}

/** Selects one territory (or none) in every view. */
export function selectTerritory(territoryId: string | null): void {
  selectTerritories(territoryId === null ? [] : [territoryId]);
}

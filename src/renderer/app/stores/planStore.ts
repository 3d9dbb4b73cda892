/**
 * What the UI shows of the current plan, kept fresh by the model's `changed` events: each event reloads only the
 * slices it names.
 */
import { create } from 'zustand';
import type { ChangeTopic, HistoryState, ModelEvent } from '../../../shared/api';
import type { Membership, Plan, RecordKind, SalesUser, Territory } from '../../../shared/domain';
import { model } from '../bridge';

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
  /** Selected territory in the hierarchy (and elsewhere). */
  selectedTerritoryId: string | null;
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
  selectedTerritoryId: null,
  territoryStats: {},
}));

export const currentPlan = (state: PlanState): Plan | null => state.plans.find((p) => p.id === state.planId) ?? null;

const set = usePlanStore.setState;
const get = usePlanStore.getState;

async function reload(topics: readonly ChangeTopic[]): Promise<void> {
  const planId = get().planId;
  const want = (topic: ChangeTopic) => topics.includes(topic);
  const jobs: Promise<void>[] = [];
  if (want('plans')) jobs.push(model.listPlans({}).then((plans) => set({ plans })));
  if (want('people')) jobs.push(model.listUsers({}).then((users) => set({ users })));
  if (want('records')) jobs.push(model.countRecords({}).then((recordCounts) => set({ recordCounts })));
  if (planId) {
    if (want('territories')) jobs.push(model.listTerritories({ planId }).then((territories) => set({ territories })));
    if (want('memberships')) jobs.push(model.listMemberships({ planId }).then((memberships) => set({ memberships })));
    if (want('history')) jobs.push(model.getHistory({ planId }).then((history) => set({ history })));
    // Figures come from the plan's assignment, which territories, rules' runs and imports change.
    if (want('assignments') || want('territories') || want('records')) {
      jobs.push(
        model
          .assignmentFigures({ planId })
          .then((figures) => set({ territoryStats: figures.byTerritory }))
          .catch(() => set({ territoryStats: {} })),
      );
    }
  }
  await Promise.all(jobs);
}

const planTopics: ChangeTopic[] = ['territories', 'memberships', 'history', 'assignments'];

/** Loads everything at start and follows the model's events from then on. */
export async function startPlanStore(): Promise<void> {
  window.territory.onEvent((event: ModelEvent) => {
    if (event.type !== 'changed') return;
    if (event.planId !== null && event.planId !== get().planId && !event.what.includes('plans')) return;
    void reload(event.what);
  });
  const [plans, settings] = await Promise.all([model.listPlans({}), model.getSettings({})]);
  const planId = plans.some((p) => p.id === settings.lastPlanId) ? settings.lastPlanId : (plans[0]?.id ?? null);
  set({ plans, planId });
  await reload(['people', 'records', ...planTopics]);
  set({ loaded: true });
}

export async function selectPlan(planId: string | null): Promise<void> {
  set({ planId, territories: [], memberships: [], history: noHistory, selectedTerritoryId: null, territoryStats: {} });
  await model.updateSettings({ lastPlanId: planId });
  await reload(['plans', ...planTopics]);
}

export function selectTerritory(territoryId: string | null): void {
  set({ selectedTerritoryId: territoryId });
}

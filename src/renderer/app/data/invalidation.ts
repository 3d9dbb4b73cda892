/**
 * The one map from the model's `changed {planId, what}` events to the answers they make stale. Every read the UI
 * makes of the model is a query listed here with the topics its answer depends on; an event naming one of those
 * topics (for the query's plan, or for no plan in particular) invalidates it, and TanStack Query asks again for the
 * ones on screen. Adding a read call to the contract means adding one line here (the type checks it is listed).
 */
import { changeTopics, type ChangeTopic, type ChangedEvent, type ModelMethod } from '../../../shared/api';

/** A whole-plan answer (a comparison, a report) depends on everything but the app's settings. */
const allButSettings: readonly ChangeTopic[] = changeTopics.filter((topic) => topic !== 'settings');

/** Each read call of the model, with the topics whose change makes its answer stale. */
export const readsOf = {
  getInfo: [],
  getSettings: ['settings'],
  listPlans: ['plans'],
  getPlan: ['plans'],
  listTerritories: ['territories', 'plans'],
  territoryRules: ['territories', 'rules'],
  previewHierarchyFromData: ['territories', 'records'],
  getHistory: ['history'],
  listImportProfiles: ['records', 'people', 'settings'],
  listImportLog: ['records', 'people'],
  listUsers: ['people'],
  listMemberships: ['memberships', 'people', 'territories'],
  whoSees: ['memberships', 'people', 'territories', 'assignments', 'records'],
  listFields: ['records'],
  countRecords: ['records'],
  getRecordPoints: ['records', 'assignments', 'territories'],
  regionFigures: ['records', 'assignments', 'territories'],
  pointValues: ['records'],
  pointDetails: ['records', 'assignments', 'territories'],
  queryRecords: ['records', 'assignments', 'territories'],
  recordDetails: ['records', 'people', 'plans'],
  listRules: ['rules', 'territories'],
  checkRule: ['rules', 'records', 'territories'],
  fieldValues: ['records'],
  getPreview: ['rules', 'assignments', 'records', 'territories', 'plans'],
  listPreviewRecords: ['rules', 'assignments', 'records', 'territories'],
  listManualAssignments: ['assignments', 'territories', 'records'],
  findRecords: ['records', 'assignments', 'territories'],
  explainRecord: ['rules', 'assignments', 'records', 'territories'],
  recordTerritories: ['assignments', 'records', 'territories'],
  assignmentFigures: ['assignments', 'records', 'territories'],
  territoryWarnings: ['assignments', 'records', 'territories', 'rules', 'plans'],
  getForecast: ['targets', 'territories', 'memberships', 'people', 'records', 'assignments', 'plans'],
  comparePlans: allButSettings,
  planReport: allButSettings,
  finalizeChecklist: allButSettings,
  lastApply: ['history', 'assignments'],
  getForecastAssumptions: ['assumptions', 'records'],
  placeChoices: [],
  resolvePlace: [],
  placeNames: [],
  listDataSets: ['records', 'people', 'plans'],
  listDealStages: ['records', 'plans'],
  accountOwners: ['records', 'people', 'plans'],
  findDuplicates: ['records', 'plans'],
} as const satisfies Partial<Record<ModelMethod, readonly ChangeTopic[]>>;

/** A call of the model that only reads: the ones that may be cached as queries. */
export type QueryMethod = keyof typeof readsOf;

export const isQueryMethod = (name: unknown): name is QueryMethod =>
  typeof name === 'string' && Object.hasOwn(readsOf, name);

/** The plans a query's input is about, or null when it is not about one plan (records, users, the plan list). */
export function plansOf(input: unknown): readonly string[] | null {
  if (typeof input !== 'object' || input === null) return null;
  const { planId, planIds } = input as { planId?: unknown; planIds?: unknown };
  if (typeof planId === 'string') return [planId];
  if (Array.isArray(planIds)) return planIds.filter((id): id is string => typeof id === 'string');
  return null;
}

/** Whether a `changed` event makes the answer under this query key stale. */
export function isStaleAfter(queryKey: readonly unknown[], event: ChangedEvent): boolean {
  const [method, input] = queryKey;
  if (!isQueryMethod(method)) return false;
  const topics: readonly ChangeTopic[] = readsOf[method];
  if (!event.what.some((topic) => topics.includes(topic))) return false;
  if (event.planId === null) return true;
  const plans = plansOf(input);
  return plans === null || plans.includes(event.planId);
}

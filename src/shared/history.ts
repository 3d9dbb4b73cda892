/**
 * What an undo step is called. The model stores a key and its parameters; the UI words it in the planner's
 * language (i18n `history.<key>`). Steps saved before keys existed carry their English words as a plain string.
 */
export const historyLabelKeys = [
  'addTerritory',
  'addTerritories',
  'editTerritory',
  'moveTerritory',
  'moveTerritories',
  'duplicateTerritory',
  'deleteTerritory',
  'generateTerritories',
  'setManager',
  'addMember',
  'removeMember',
  'setTarget',
  'distributeTarget',
  'addRule',
  'editRule',
  'deleteRule',
  'reorderRules',
  'assignByHand',
  'releaseToRules',
  'applyRules',
  'editPlanSettings',
  'renamePlan',
  'archivePlan',
  'restorePlan',
  'deleteRecords',
  'importRecords',
  'importPeople',
  'mergeRecords',
  'editForecastAssumptions',
] as const;
export type HistoryLabelKey = (typeof historyLabelKeys)[number];

export interface HistoryLabel {
  key: HistoryLabelKey;
  /** Filled into the words: counts (`count`, for plurals), names as they were at the time. */
  params?: Record<string, string | number>;
}

/** A label as stored: a key, or (older steps) English words. */
export type StoredHistoryLabel = HistoryLabel | string;

export const historyLabel = (key: HistoryLabelKey, params?: HistoryLabel['params']): HistoryLabel =>
  params ? { key, params } : { key };

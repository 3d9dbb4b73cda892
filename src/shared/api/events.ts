/** What the model host pushes to every connected window. */

/** The parts of a plan (or of the shared records) that changed, so stores refresh only what they show. */
export const changeTopics = [
  'plans',
  'territories',
  'people',
  'memberships',
  'rules',
  'assignments',
  'targets',
  /** A plan's what-if forecast assumptions (win probabilities, uplift, ramp): forecasts and Compare, not targets. */
  'assumptions',
  'records',
  'settings',
  'history',
] as const;
export type ChangeTopic = (typeof changeTopics)[number];

export interface ChangedEvent {
  type: 'changed';
  /** null for changes not tied to one plan (records, users, settings). */
  planId: string | null;
  what: ChangeTopic[];
}

export interface ProgressEvent {
  type: 'progress';
  taskId: string;
  /** "parse", "geocode", "commit", "rules"... */
  phase: string;
  done: number;
  /** 0 when not known yet. */
  total: number;
}

export type ModelEvent = ChangedEvent | ProgressEvent;

/**
 * The app's settings and what the model holds: the first calls the UI makes at start, answered by a small area of
 * the model service that loads before the others (src/model/service/settings.ts).
 */
import { z } from 'zod';
import { id, language, type Language } from '../domain';
import { call } from './contract';

export interface ModelInfo {
  schemaVersion: number;
  /** Records of each kind, shared by all plans. */
  recordCounts: Record<'account' | 'contact' | 'lead' | 'deal', number>;
  planCount: number;
  userCount: number;
}

export interface AppSettings {
  language: Language | null;
  /** Set once the planner chose the sample or an empty plan at first launch. */
  onboarded: boolean;
  lastPlanId: string | null;
}

export const settingsCalls = {
  getInfo: call(z.strictObject({})).returns<ModelInfo>(),
  getSettings: call(z.strictObject({})).returns<AppSettings>(),
  updateSettings: call(
    z.strictObject({ language: language.nullable(), onboarded: z.boolean(), lastPlanId: id.nullable() }).partial(),
  ).returns<AppSettings>(),
};

/**
 * The app's settings and what the model holds (src/shared/api/settings.ts). Kept apart from the plans so the
 * first call of every start (the settings, for the UI's language) loads only this module.
 */
import type { AppSettings, settingsCalls } from '../../shared/api/settings';
import { recordKinds } from '../../shared/domain';
import { SCHEMA_VERSION } from '../db/schema';
import type { Handlers, ModelContext } from './context';

const defaultSettings: AppSettings = { language: null, onboarded: false, lastPlanId: null };

export function settingsHandlers(ctx: ModelContext): Handlers<typeof settingsCalls> {
  const { db } = ctx;

  async function readSettings(): Promise<AppSettings> {
    const rows = await db.settings.toArray();
    const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    return { ...defaultSettings, ...stored } as AppSettings;
  }

  return {
    async getInfo() {
      const counts = await Promise.all(recordKinds.map((kind) => db.recordMeta.get(kind)));
      return {
        schemaVersion: SCHEMA_VERSION,
        recordCounts: {
          account: counts[0]?.rowCount ?? 0,
          contact: counts[1]?.rowCount ?? 0,
          lead: counts[2]?.rowCount ?? 0,
          deal: counts[3]?.rowCount ?? 0,
        },
        planCount: await db.plans.count(),
        userCount: await db.users.count(),
      };
    },

    getSettings: readSettings,

    async updateSettings(patch) {
      await db.settings.bulkPut(Object.entries(patch).map(([key, value]) => ({ key, value })));
      ctx.changed(null, 'settings');
      return readSettings();
    },
  };
}

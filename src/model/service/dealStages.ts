/**
 * How CRM stage names map to deal status (won: achieved, open: pipeline, lost: neither). The import reads it from
 * the stage name in English, French or German ("Closed Won", "Fermé gagné", "Perdu", "Verloren"); the planner
 * sees the mapping and changes it per stage. A choice is kept in the settings and applies to every plan and to
 * later imports.
 */
import type { DealStageStatus, dealStageCalls } from '../../shared/api/dealStages';
import type { DealStatus } from '../../shared/records';
import { forkRecordTable } from '../import/commit';
import { textCode, type RecordTable } from '../records/recordTable';
import { saveRecordTable } from '../records/storage';
import type { Handlers, ModelContext } from './context';

const CHOSEN = 'dealStageStatus';

async function chosenStatuses(ctx: ModelContext): Promise<Record<string, DealStatus>> {
  const value = (await ctx.db.settings.get(CHOSEN))?.value;
  return value && typeof value === 'object' ? (value as Record<string, DealStatus>) : {};
}

/** Sets the status of every live deal of the given stages; answers the deals changed. Saves when any did. */
async function applyStatuses(ctx: ModelContext, statuses: Record<string, DealStatus>): Promise<number> {
  const base = await ctx.records('deal');
  const stage = base.columns.get('stage');
  if (stage?.type !== 'text' || Object.keys(statuses).length === 0) return 0;
  const table: RecordTable = forkRecordTable(base);
  let status = table.columns.get('status');
  if (status?.type !== 'text') return 0;
  const wanted = new Int32Array(stage.values.length).fill(-1);
  stage.values.forEach((value, code) => {
    const chosen = statuses[value];
    if (code !== 0 && chosen && status?.type === 'text') wanted[code] = textCode(status, chosen);
  });
  status = table.columns.get('status');
  if (status?.type !== 'text') return 0;
  let changed = 0;
  let first = -1;
  for (let row = 0; row < table.rowCount; row++) {
    const to = wanted[stage.codes[row]];
    if (to < 0 || table.deleted[row] !== 0 || status.codes[row] === to) continue;
    status.codes[row] = to;
    changed++;
    if (first < 0) first = row;
  }
  if (changed > 0) {
    await saveRecordTable(ctx.db, table, first);
    ctx.setRecords('deal', table);
  }
  return changed;
}

/** After an import of deals: the planner's choices hold for the new deals too. */
export async function reapplyDealStageChoices(ctx: ModelContext): Promise<void> {
  await applyStatuses(ctx, await chosenStatuses(ctx));
}

export function dealStageHandlers(ctx: ModelContext): Handlers<typeof dealStageCalls> {
  return {
    async listDealStages({ planId }) {
      const deals = planId ? await ctx.planRecords(planId, 'deal') : await ctx.records('deal');
      const stage = deals.columns.get('stage');
      const status = deals.columns.get('status');
      const amount = deals.columns.get('amount');
      if (stage?.type !== 'text' || status?.type !== 'text') return [];
      const chosen = await chosenStatuses(ctx);
      const n = stage.values.length;
      const counts = new Map<number, { open: number; won: number; lost: number; amount: number }>();
      for (let row = 0; row < deals.rowCount; row++) {
        const code = stage.codes[row];
        if (code === 0 || deals.deleted[row] !== 0) continue;
        let c = counts.get(code);
        if (!c) counts.set(code, (c = { open: 0, won: 0, lost: 0, amount: 0 }));
        const s = status.values[status.codes[row]];
        if (s === 'won' || s === 'lost' || s === 'open') c[s]++;
        const a = amount?.type === 'number' ? amount.values[row] : NaN;
        if (a === a) c.amount += a;
      }
      const out: DealStageStatus[] = [];
      for (let code = 1; code < n; code++) {
        const c = counts.get(code);
        if (!c) continue;
        const name = stage.values[code];
        const majority: DealStatus = c.won >= c.open && c.won >= c.lost ? 'won' : c.lost > c.open ? 'lost' : 'open';
        out.push({
          stage: name,
          status: chosen[name] ?? majority,
          deals: c.open + c.won + c.lost,
          amount: c.amount,
          chosen: name in chosen,
        });
      }
      return out.sort((a, b) => b.deals - a.deals || a.stage.localeCompare(b.stage));
    },

    async setDealStageStatus({ stage, status }) {
      const chosen = { ...(await chosenStatuses(ctx)), [stage]: status };
      await ctx.db.settings.put({ key: CHOSEN, value: chosen });
      const deals = await applyStatuses(ctx, { [stage]: status });
      ctx.changed(null, 'records');
      for (const plan of await ctx.db.plans.toArray()) ctx.changed(plan.id, 'records', 'targets');
      return { deals };
    },
  };
}

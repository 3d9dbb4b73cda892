/**
 * Compare inside one plan over time (issue 14): the plan before its last Apply, rebuilt from the persisted
 * history, against the plan now. Checked against a second reading: the records' territories asked of the plan
 * before the Apply (recordTerritories), and a copy of the plan taken at that moment.
 */
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import { defaultForecastAssumptions } from '../../src/shared/api/forecast';
import { swapRegion } from './ruleEdits';
import { openTestModel } from './testDb';

const FY = 2027;
const forecast = { fiscalYear: FY };
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

async function accountTerritories(api: ModelApi, planId: string, count: number): Promise<string[][]> {
  const recordIds = Array.from({ length: count }, (_, i) => i);
  return api.recordTerritories({ planId, kind: 'account', recordIds });
}

describe('compare a plan with itself before its last apply', () => {
  it('shows what the last Apply moved, with the assumptions and hand placements of each moment', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const plan = await api.duplicatePlan({ planId: sample.id, name: 'FY27 v2' });
    // A copy starts without history: nothing to compare with yet, and the model says so.
    expect(await api.lastApply({ planId: plan.id })).toBeNull();
    await expect(
      api.comparePlans({ planIds: [plan.id, plan.id], versions: ['beforeLastApply', 'current'] }),
    ).rejects.toMatchObject({ key: 'noApplyInHistory' });

    // Bretagne leaves France Nord's rule for France Sud's; the rules run and are applied.
    const territories = await api.listTerritories({ planId: plan.id });
    const north = territories.find((t) => t.code === 'FR-N')!;
    const south = territories.find((t) => t.code === 'FR-S')!;
    const rules = (await api.listRules({ planId: plan.id })).map((r) => r.rule);
    const northRule = rules.find((r) => r.territoryId === north.id)!;
    const southRule = rules.find((r) => r.territoryId === south.id)!;
    expect(JSON.stringify(northRule.conditions)).toContain('FR-BRE');
    await api.updateRule({
      planId: plan.id,
      ruleId: northRule.id,
      patch: { conditions: swapRegion(northRule.conditions, 'FR-BRE', []) },
    });
    await api.updateRule({
      planId: plan.id,
      ruleId: southRule.id,
      patch: { conditions: swapRegion(southRule.conditions, 'FR-ARA', ['FR-ARA', 'FR-BRE']) },
    });
    const info = await api.getInfo({});
    const count = info.recordCounts.account;
    const before = await accountTerritories(api, plan.id, count);
    // A snapshot of the plan at this moment, to check the rebuilt version against.
    const snapshot = await api.duplicatePlan({ planId: plan.id, name: 'Snapshot' });
    const preview = await api.runRules({ planId: plan.id, scope: { type: 'plan' } });
    await api.applyPreview({ previewId: preview.previewId });
    const after = await accountTerritories(api, plan.id, count);
    const changed = before.map((b, i) => (b.join() !== after[i].join() ? i : -1)).filter((i) => i >= 0);
    expect(changed.length).toBeGreaterThan(0);

    const applied = await api.lastApply({ planId: plan.id });
    expect(applied).not.toBeNull();
    const overTime = () =>
      api.comparePlans({
        planIds: [plan.id, plan.id],
        versions: ['beforeLastApply', 'current'],
        forecast,
        movedLimit: 5000,
      });
    let c = await overTime();
    expect(c.plans.map((p) => [p.version, p.asOf])).toEqual([
      ['beforeLastApply', applied!.at],
      ['current', null],
    ]);
    // Exactly the accounts the Apply moved, read "before -> now".
    expect(c.movedCount).toBe(changed.length);
    expect(c.moved.map((m) => m.recordId).sort((a, b) => a - b)).toEqual(changed);
    const northToSouth = c.flows.find((f) => f.from === north.name && f.to === south.name);
    expect(northToSouth?.accounts).toBeGreaterThan(0);
    // Deals follow their accounts: the plan's totals hold, North's pipeline went South.
    const [then, now] = c.plans;
    expect(close(then.forecast!.totals.projected, now.forecast!.totals.projected)).toBe(true);
    const southRow = c.territories.find((t) => t.key === '#FR-S')!;
    const northRow = c.territories.find((t) => t.key === '#FR-N')!;
    expect(southRow.forecast[1]!.pipeline).toBeGreaterThan(southRow.forecast[0]!.pipeline);
    expect(northRow.forecast[1]!.pipeline).toBeLessThan(northRow.forecast[0]!.pipeline);
    expect(now.balance.accounts.count).toBe(then.balance.accounts.count);

    // The rebuilt version is the plan as it was: the same as the copy taken just before the Apply.
    const vsSnapshot = await api.comparePlans({
      planIds: [snapshot.id, plan.id],
      versions: ['current', 'beforeLastApply'],
      forecast,
    });
    expect(vsSnapshot.movedCount).toBe(0);
    expect(vsSnapshot.plans[1].forecast!.totals).toEqual(vsSnapshot.plans[0].forecast!.totals);
    for (const row of vsSnapshot.territories) expect(row.figures[1]).toEqual(row.figures[0]);

    // An assumption changed after the Apply belongs to "now" only.
    await api.setForecastAssumptions({
      planId: plan.id,
      assumptions: { ...defaultForecastAssumptions(), upliftPercent: { [south.id]: 40 } },
    });
    c = await overTime();
    expect(c.plans[0].forecast!.assumptions).toEqual(defaultForecastAssumptions());
    expect(c.plans[1].forecast!.assumptions.upliftPercent).toEqual({ [south.id]: 40 });
    expect(c.plans[1].forecast!.totals.projected).toBeGreaterThan(c.plans[0].forecast!.totals.projected);

    // A hand placement after the Apply moves accounts "now" only; undoing it takes them back.
    const inNorth = after.map((t, i) => (t.includes(north.id) ? i : -1)).filter((i) => i >= 0);
    await api.assignManually({ planId: plan.id, kind: 'account', recordIds: inNorth, territoryId: south.id });
    c = await overTime();
    expect(c.movedCount).toBe(changed.length + inNorth.length);
    expect(row(c, '#FR-N').figures[1]!.accounts).toBe(0);
    expect(row(c, '#FR-N').figures[0]!.accounts).toBe(inNorth.length + changed.length);
    await api.undo({ planId: plan.id });
    c = await overTime();
    expect(c.movedCount).toBe(changed.length);

    // Undoing the Apply itself: the last Apply is gone from the done history.
    await api.undo({ planId: plan.id }); // the assumptions
    await api.undo({ planId: plan.id }); // the Apply
    expect(await api.lastApply({ planId: plan.id })).toBeNull();
  });
});

function row(c: Awaited<ReturnType<ModelApi['comparePlans']>>, key: string) {
  const found = c.territories.find((t) => t.key === key);
  if (!found) throw new Error(`no territory ${key}`);
  return found;
}

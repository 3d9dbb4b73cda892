import { describe, expect, it } from 'vitest';
import { PlannerDb, schemaSteps } from '../../src/model/db/schema';
import type { PlanComparison } from '../../src/shared/api/compare';
import { defaultForecastAssumptions } from '../../src/shared/api/forecast';
import { openTestModel } from './testDb';

const FY = 2027;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

function row(c: PlanComparison, code: string) {
  const found = c.territories.find((t) => t.key === `#${code}`);
  if (!found) throw new Error(`no territory ${code}`);
  return found;
}

describe('forecast comparison', () => {
  it('agrees with the Forecasts sheet, moves deals with their accounts, and follows assumptions and undo', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const copy = await api.duplicatePlan({ planId: sample.id, name: 'What-if' });
    const forecast = { fiscalYear: FY };
    let c = await api.comparePlans({ planIds: [sample.id, copy.id], forecast });
    const [ref, other] = c.plans;
    expect(ref.forecast?.dealsAssigned).toBe(true);

    // Second implementation: the Forecasts sheet of the same plan, year and deals.
    const sheet = await api.getForecast({ planId: sample.id, fiscalYear: FY });
    const weighted = await api.getForecast({ planId: sample.id, fiscalYear: FY, weighted: true });
    const territories = await api.listTerritories({ planId: sample.id });
    const root = territories.find((t) => t.parentId === null)!;
    const sum = (list: number[]) => list.reduce((s, v) => s + v, 0);
    const sheetRoot = sheet.rows.find((r) => r.territoryId === root.id)!;
    const weightedRoot = weighted.rows.find((r) => r.territoryId === root.id)!;
    const totals = ref.forecast!.totals;
    expect(totals.pipeline).toBeGreaterThan(0);
    expect(close(totals.won, sum(sheetRoot.achieved))).toBe(true);
    expect(close(totals.pipeline, sum(sheetRoot.pipeline))).toBe(true);
    expect(close(totals.weighted, sum(weightedRoot.pipeline))).toBe(true);
    expect(close(totals.projected, totals.won + totals.weighted)).toBe(true);
    expect(totals.target).toBeGreaterThan(0);
    // The sample's deals were won in the years before: FY2026 has won amounts, the sheet agrees.
    const last = await api.comparePlans({ planIds: [sample.id, copy.id], forecast: { fiscalYear: FY - 1 } });
    const lastSheet = await api.getForecast({ planId: sample.id, fiscalYear: FY - 1 });
    expect(last.plans[0].forecast!.totals.won).toBeGreaterThan(0);
    expect(
      close(last.plans[0].forecast!.totals.won, sum(lastSheet.rows.find((r) => r.territoryId === root.id)!.achieved)),
    ).toBe(true);
    expect(totals.attainment).toBeCloseTo(totals.won / totals.target!, 9);
    // A copy forecasts the same, nothing moves, nobody changes owner.
    expect(other.forecast!.totals).toEqual(totals);
    expect(c.movedCount).toBe(0);
    expect(other.ownerChangeShare).toBe(0);
    expect(ref.balance.projectedAttainment.count).toBe(ref.forecast!.withTarget);
    expect(ref.balance.accounts.gini).toBeGreaterThanOrEqual(0);

    // Move every account of one leaf territory (and so its deals) to another by hand.
    const copyTerritories = await api.listTerritories({ planId: copy.id });
    const leaves = c.territories.filter((t) => t.isLeaf && t.depth > 1 && (t.forecast[0]?.pipeline ?? 0) > 0);
    const [fromRow, toRow] = [leaves[0], leaves[leaves.length - 1]];
    const from = copyTerritories.find((t) => `#${t.code}` === fromRow.key)!;
    const to = copyTerritories.find((t) => `#${t.code}` === toRow.key)!;
    const total = ref.assignedAccounts + ref.unassignedAccounts;
    const ids = Array.from({ length: total }, (_, i) => i);
    const placed = await api.recordTerritories({ planId: copy.id, kind: 'account', recordIds: ids });
    const accounts = ids.filter((i) => placed[i].includes(from.id)).map((recordId) => ({ recordId }));
    expect(accounts.length).toBe(fromRow.figures[1]!.accounts);
    await api.assignManually({
      planId: copy.id,
      kind: 'account',
      recordIds: accounts.map((a) => a.recordId),
      territoryId: to.id,
    });
    c = await api.comparePlans({ planIds: [sample.id, copy.id], forecast });
    expect(c.movedCount).toBe(accounts.length);
    const fromAfter = row(c, from.code).forecast;
    const toAfter = row(c, to.code).forecast;
    expect(fromAfter[1]!.pipeline).toBe(0);
    expect(fromAfter[1]!.projected).toBe(0);
    expect(close(toAfter[1]!.projected, toAfter[0]!.projected + fromAfter[0]!.projected)).toBe(true);
    // Plan totals do not change when deals change territory.
    expect(close(c.plans[1].forecast!.totals.projected, totals.projected)).toBe(true);
    // The flow from -> to carries the moved accounts and their money.
    const flow = c.flows.find((f) => f.from === fromRow.name && f.to === toRow.name)!;
    expect(flow.accounts).toBe(accounts.length);
    expect(close(flow.revenue, sum(c.moved.map((m) => m.revenue)))).toBe(true);
    expect(close(flow.pipeline, fromAfter[0]!.pipeline)).toBe(true);
    expect(close(c.movedPipeline, flow.pipeline)).toBe(true);
    expect(c.plans[1].ownerChangeShare).toBeGreaterThan(0);

    // An uplift on the receiving territory raises its projection by uplift x weighted pipeline.
    const info = await api.getForecastAssumptions({ planId: copy.id });
    expect(info.assumptions).toEqual(defaultForecastAssumptions());
    expect(info.stages.map((s) => s.stage)).toContain('Proposal');
    expect(info.overallWinRate).toBeGreaterThan(0);
    await api.setForecastAssumptions({
      planId: copy.id,
      assumptions: { ...info.assumptions, upliftPercent: { [to.id]: 50 } },
    });
    const lifted = await api.comparePlans({ planIds: [sample.id, copy.id], forecast });
    const toLifted = row(lifted, to.code).forecast[1]!;
    expect(toLifted.ownUpliftPercent).toBe(50);
    expect(close(toLifted.projected, toAfter[1]!.won + 1.5 * toAfter[1]!.weighted)).toBe(true);
    expect(lifted.plans[1].forecast!.totals.projected).toBeGreaterThan(totals.projected);
    expect(lifted.plans[0].forecast!.totals.projected).toBe(totals.projected);

    // History as the probability source: weighted pipeline at the overall win rate (closed deals end "Closed ...").
    await api.setForecastAssumptions({
      planId: copy.id,
      assumptions: { ...defaultForecastAssumptions(), probabilitySource: 'history' },
    });
    const byHistory = await api.comparePlans({ planIds: [sample.id, copy.id], forecast });
    expect(close(byHistory.plans[1].forecast!.totals.weighted, (totals.pipeline * info.overallWinRate!) / 100)).toBe(
      true,
    );

    // Undo steps back through the assumptions.
    await api.undo({ planId: copy.id });
    expect((await api.getForecastAssumptions({ planId: copy.id })).assumptions.upliftPercent).toEqual({
      [to.id]: 50,
    });
    await api.undo({ planId: copy.id });
    expect((await api.getForecastAssumptions({ planId: copy.id })).assumptions).toEqual(defaultForecastAssumptions());

    // The moved accounts as CSV.
    const csv = await api.exportMovedAccounts({ planIds: [sample.id, copy.id], forecast });
    expect(csv.rows).toBe(accounts.length);
    expect(csv.csv.split('\r\n')[0]).toContain('territories in Sample plan (reference)');
  });

  it('ramps territories whose manager is new in the plan, and copies assumptions with the plan', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const copy = await api.duplicatePlan({ planId: sample.id, name: 'New managers' });
    const territories = await api.listTerritories({ planId: copy.id });
    const memberships = await api.listMemberships({ planId: copy.id });
    const c0 = await api.comparePlans({ planIds: [sample.id, copy.id], forecast: { fiscalYear: FY } });
    const target = c0.territories.find((t) => t.isLeaf && t.depth > 1 && (t.forecast[1]?.weighted ?? 0) > 0)!;
    const territory = territories.find((t) => `#${t.code}` === target.key)!;
    const member = memberships.find((m) => m.territoryId === territory.id && m.role === 'member')!;
    await api.setMembership({ planId: copy.id, territoryId: territory.id, userId: member.userId, role: 'manager' });
    await api.setForecastAssumptions({
      planId: copy.id,
      assumptions: { ...defaultForecastAssumptions(), rampPercent: 50 },
    });
    const c = await api.comparePlans({ planIds: [sample.id, copy.id], forecast: { fiscalYear: FY } });
    const f = c.territories.find((t) => t.key === target.key)!.forecast[1]!;
    expect(f.ramping).toBe(true);
    expect(close(f.projected, f.won + 0.5 * f.weighted)).toBe(true);
    expect(c.plans[1].forecast!.rampingTerritories).toBeGreaterThanOrEqual(1);
    expect(c.plans[0].forecast!.rampingTerritories).toBe(0);

    const again = await api.duplicatePlan({ planId: copy.id, name: 'Copy of new managers' });
    expect((await api.getForecastAssumptions({ planId: again.id })).assumptions.rampPercent).toBe(50);
  });

  it('opens a database of version 1 at version 6 with its data, and stores assumptions there', async () => {
    const name = `forecast-migration-${Date.now()}`;
    const v1 = new PlannerDb(
      name,
      undefined,
      schemaSteps.filter((s) => s.version === 1),
    );
    await v1.open();
    await v1.settings.put({ key: 'kept', value: 42 });
    v1.close();
    // Up to version 6 (later steps, such as 7's canonical places, are theirs to test).
    const v6 = new PlannerDb(
      name,
      undefined,
      schemaSteps.filter((s) => s.version <= 6),
    );
    await v6.open();
    expect(v6.verno).toBe(6);
    expect((await v6.settings.get('kept'))?.value).toBe(42);
    await v6.forecastAssumptions.put({ ...defaultForecastAssumptions(), id: 'p', planId: 'p' });
    expect(await v6.forecastAssumptions.where({ planId: 'p' }).count()).toBe(1);
    v6.close();
  });
});

import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/shared/errors';
import { openTestModel } from './testDb';

describe('targets and forecasts', () => {
  it('opens the sample with targets that add up at every level', async () => {
    const { api } = await openTestModel();
    const plan = await api.createSamplePlan({});
    const sheet = await api.getForecast({ planId: plan.id, fiscalYear: 2027 });
    expect(sheet.periods).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    expect(sheet.yearsWithTargets).toEqual([2027]);
    const withTarget = sheet.rows.filter((r) => r.target.some((v) => v !== null));
    expect(withTarget.length).toBeGreaterThan(20);
    expect(sheet.rows.some((r) => r.childMismatch.some(Boolean) || r.memberMismatch.some(Boolean))).toBe(false);
    expect(sheet.members.length).toBeGreaterThan(20);
  });

  it('sets, clears and distributes targets as undoable steps, flagging a mismatch until the children add up', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'P' });
    const [root] = await api.listTerritories({ planId: plan.id });
    const north = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'North' });
    const south = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'South' });
    await api.setTarget({ planId: plan.id, territoryId: root.id, userId: null, period: '2027-Q1', amount: 1000 });
    await api.setTarget({ planId: plan.id, territoryId: north.id, userId: null, period: '2027-Q1', amount: 300 });
    const row = async (id: string) =>
      (await api.getForecast({ planId: plan.id, fiscalYear: 2027 })).rows.find((r) => r.territoryId === id)!;
    expect((await row(root.id)).childMismatch[0]).toBe(true);
    expect((await row(root.id)).childrenTarget[0]).toBe(300);

    await api.distributeTarget({
      planId: plan.id,
      territoryId: root.id,
      periods: ['2027-Q1'],
      to: 'children',
      method: 'even',
    });
    expect((await row(north.id)).target[0]).toBe(500);
    expect((await row(south.id)).target[0]).toBe(500);
    expect((await row(root.id)).childMismatch[0]).toBe(false);
    expect((await api.getHistory({ planId: plan.id })).undoLabel).toEqual({ key: 'distributeTarget' });

    await api.undo({ planId: plan.id });
    expect((await row(north.id)).target[0]).toBe(300);
    expect((await row(south.id)).target[0]).toBeNull();

    await api.setTarget({ planId: plan.id, territoryId: north.id, userId: null, period: '2027-Q1', amount: null });
    expect((await row(north.id)).target[0]).toBeNull();
    expect((await row(root.id)).childrenTarget[0]).toBeNull();
  });

  it('refuses to distribute to members of a territory that has none', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'P' });
    const [root] = await api.listTerritories({ planId: plan.id });
    const error = await api
      .distributeTarget({ planId: plan.id, territoryId: root.id, periods: ['2027-Q1'], to: 'members', method: 'even' })
      .catch((e: unknown) => e);
    expect((error as ModelError).code).toBe('CONFLICT');
  });
});

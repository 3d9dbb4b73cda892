import { describe, expect, it } from 'vitest';
import { balanceOf, territoryKeys } from '../../src/model/engine/compare';
import { openTestModel } from './testDb';

describe('balance', () => {
  it('measures spread, tolerance share and max/min over territories', () => {
    const b = balanceOf([100, 100, 104, 50], 0.05);
    expect(b.mean).toBeCloseTo(88.5);
    expect(b.maxOverMin).toBeCloseTo(2.08);
    expect(b.withinTolerance).toBe(0); // mean 88.5: none of them within ±5 %
    expect(balanceOf([10, 10, 10], 0.05)).toMatchObject({
      coefficientOfVariation: 0,
      withinTolerance: 1,
      maxOverMin: 1,
    });
    expect(balanceOf([0, 5], 0.05).maxOverMin).toBe(Infinity);
  });

  it('recognises a territory across plans by code, else by its path of names', () => {
    const keys = territoryKeys([
      { id: 'r', parentId: null, name: 'Org', code: 'ORG' },
      { id: 'a', parentId: 'r', name: 'North', code: 'N' },
      { id: 'b', parentId: 'a', name: 'Lakes', code: '' },
    ]);
    expect([...keys.values()]).toEqual(['', '#N', 'North / Lakes']);
  });
});

describe('comparing plans', () => {
  it('finds no move between a plan and its copy, then exactly the account placed elsewhere by hand', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const copy = await api.duplicatePlan({ planId: sample.id, name: 'What-if' });
    let comparison = await api.comparePlans({ planIds: [sample.id, copy.id] });
    expect(comparison.plans.map((p) => p.name)).toEqual(['Sample plan', 'What-if']);
    expect(comparison.movedCount).toBe(0);
    const leaves = comparison.territories.filter((t) => t.isLeaf && t.depth > 0);
    expect(leaves.length).toBeGreaterThan(15);
    expect(leaves.every((t) => t.figures[0]?.accounts === t.figures[1]?.accounts)).toBe(true);
    expect(comparison.plans[0].balance.accounts.count).toBe(leaves.length);

    const italy = (await api.listTerritories({ planId: copy.id })).find((t) => t.code === 'ITA')!;
    const [record] = await api.findRecords({ planId: copy.id, kind: 'account', search: 'ACC-00001', limit: 1 });
    await api.assignManually({ planId: copy.id, kind: 'account', recordIds: [record.recordId], territoryId: italy.id });
    comparison = await api.comparePlans({ planIds: [sample.id, copy.id] });
    expect(comparison.movedCount).toBe(1);
    expect(comparison.moved[0].externalId).toBe('ACC-00001');
    expect(comparison.moved[0].territories[1]).toContain('Italy');
  });
});

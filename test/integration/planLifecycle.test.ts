import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/shared/errors';
import { openTestModel } from './testDb';

const codeOf = (e: unknown) => (e as ModelError).code;

describe('plan lifecycle', () => {
  it('makes a final plan read-only, archivable, never a draft again, and duplicable into a draft', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'FY27' });
    const [root] = await api.listTerritories({ planId: plan.id });
    await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'North' });
    const final = await api.setPlanStatus({ planId: plan.id, status: 'final' });
    expect(final.finalizedAt).not.toBeNull();

    expect(codeOf(await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'X' }).catch((e) => e))).toBe(
      'READ_ONLY',
    );
    expect(codeOf(await api.updatePlan({ planId: plan.id, patch: { name: 'Y' } }).catch((e) => e))).toBe('READ_ONLY');
    expect(codeOf(await api.undo({ planId: plan.id }).catch((e) => e))).toBe('READ_ONLY');
    expect(codeOf(await api.setPlanStatus({ planId: plan.id, status: 'draft' }).catch((e) => e))).toBe('CONFLICT');

    const archived = await api.setPlanStatus({ planId: plan.id, status: 'archived' });
    expect(archived.status).toBe('archived');
    expect(await api.listTerritories({ planId: plan.id })).toHaveLength(2); // archiving deletes nothing
    expect(codeOf(await api.setPlanStatus({ planId: plan.id, status: 'draft' }).catch((e) => e))).toBe('CONFLICT');
    expect((await api.setPlanStatus({ planId: plan.id, status: 'final' })).status).toBe('final');

    const copy = await api.duplicatePlan({ planId: plan.id, name: 'FY27 v2' });
    expect(copy).toMatchObject({ status: 'draft', basedOnPlanId: plan.id, finalizedAt: null });
    const copied = await api.listTerritories({ planId: copy.id });
    expect(copied.map((t) => t.name).sort()).toEqual(['FY27', 'North']);
    const originalIds = new Set((await api.listTerritories({ planId: plan.id })).map((t) => t.id));
    expect(copied.every((t) => !originalIds.has(t.id))).toBe(true);
    const copiedRoot = copied.find((t) => t.parentId === null)!;
    expect(copied.find((t) => t.name === 'North')!.parentId).toBe(copiedRoot.id);
  });

  it('duplicates people and targets with the plan, and deleting a plan removes only its own rows', async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const copy = await api.duplicatePlan({ planId: sample.id, name: 'Copy' });
    const count = async (planId: string) => ({
      territories: await db.territories.where({ planId }).count(),
      memberships: await db.memberships.where({ planId }).count(),
      rules: await db.rules.where({ planId }).count(),
      targets: await db.targets.where({ planId }).count(),
    });
    const original = await count(sample.id);
    expect(original.territories).toBeGreaterThan(20);
    expect(original.rules).toBe(original.territories - 1);
    expect(await count(copy.id)).toEqual(original);
    await api.deletePlan({ planId: copy.id });
    expect(await count(copy.id)).toEqual({ territories: 0, memberships: 0, rules: 0, targets: 0 });
    expect(await count(sample.id)).toEqual(original);
    expect((await api.countRecords({})).account).toBe(3000);
  });

  it('adds the sample records only once, however many sample plans are made', async () => {
    const { api } = await openTestModel();
    await api.createSamplePlan({});
    await api.createSamplePlan({ name: 'Second sample' });
    expect(await api.countRecords({})).toEqual({
      account: 3000,
      contact: expect.any(Number),
      lead: 0,
      deal: expect.any(Number),
    });
    expect((await api.listUsers({})).length).toBeGreaterThan(30);
    const points = await api.getRecordPoints({ kind: 'account' });
    expect(points.recordIds.length).toBe(3000);
    expect(points.lonLat.length).toBe(6000);
  });

  it('keeps one manager per territory', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'P' });
    const [root] = await api.listTerritories({ planId: plan.id });
    const ann = await api.createUser({ name: 'Ann' });
    const bob = await api.createUser({ name: 'Bob' });
    await api.setMembership({ planId: plan.id, territoryId: root.id, userId: ann.id, role: 'manager' });
    await api.setMembership({ planId: plan.id, territoryId: root.id, userId: bob.id, role: 'manager' });
    const roles = Object.fromEntries((await api.listMemberships({ planId: plan.id })).map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ [ann.id]: 'member', [bob.id]: 'manager' });
  });
});

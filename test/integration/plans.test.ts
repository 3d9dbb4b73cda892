import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/shared/errors';
import { openTestModel } from './testDb';

describe('plans', () => {
  it('creates a plan with the organisation as root, lists and renames it', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'FY27' });
    const territories = await api.listTerritories({ planId: plan.id });
    expect(territories).toHaveLength(1);
    expect(territories[0].parentId).toBeNull();
    await api.updatePlan({ planId: plan.id, patch: { name: 'FY27 draft' } });
    expect((await api.listPlans({})).map((p) => p.name)).toEqual(['FY27 draft']);
  });

  it('rejects invalid input with a typed error naming the field', async () => {
    const { api } = await openTestModel();
    const error = await api.createPlan({ name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('INVALID_INPUT');
    expect((error as ModelError).message).toContain('name');
  });
});

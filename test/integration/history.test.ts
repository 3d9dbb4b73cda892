import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/shared/errors';
import { openTestModel } from './testDb';

describe('undo and redo of plan edits', () => {
  it('undoes and redoes create, rename, move and delete, in order', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'P' });
    const [root] = await api.listTerritories({ planId: plan.id });
    const a = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'A' });
    const b = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'B' });
    await api.updateTerritory({ planId: plan.id, territoryId: a.id, patch: { name: 'A2' } });
    await api.moveTerritory({ planId: plan.id, territoryId: b.id, newParentId: a.id });
    const names = async () =>
      (await api.listTerritories({ planId: plan.id }))
        .map(
          (t) =>
            `${t.name}<${t.parentId === null ? '' : t.parentId === root.id ? 'root' : t.parentId === a.id ? 'A' : '?'}`,
        )
        .sort();

    expect(await names()).toEqual(['A2<root', 'B<A', 'P<']);
    let history = await api.undo({ planId: plan.id });
    expect(await names()).toEqual(['A2<root', 'B<root', 'P<']);
    expect(history).toMatchObject({
      canUndo: true,
      canRedo: true,
      undoLabel: { key: 'editTerritory' },
      redoLabel: { key: 'moveTerritory' },
    });
    await api.undo({ planId: plan.id });
    expect(await names()).toEqual(['A<root', 'B<root', 'P<']);
    await api.redo({ planId: plan.id });
    await api.redo({ planId: plan.id });
    expect(await names()).toEqual(['A2<root', 'B<A', 'P<']);
    history = await api.getHistory({ planId: plan.id });
    expect(history.canRedo).toBe(false);

    // Deleting a subtree and undoing it brings back every territory.
    await api.deleteTerritory({ planId: plan.id, territoryId: a.id, policy: 'deleteSubtree' });
    expect(await names()).toEqual(['P<']);
    await api.undo({ planId: plan.id });
    expect(await names()).toEqual(['A2<root', 'B<A', 'P<']);
  });

  it('forgets the redo steps once a new edit is made', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'P' });
    const [root] = await api.listTerritories({ planId: plan.id });
    await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'A' });
    await api.undo({ planId: plan.id });
    await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'B' });
    expect((await api.getHistory({ planId: plan.id })).canRedo).toBe(false);
    const error = await api.redo({ planId: plan.id }).catch((e: unknown) => e);
    expect((error as ModelError).code).toBe('CONFLICT');
  });

  it('refuses a move into the territory’s own subtree and changes nothing', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'P' });
    const [root] = await api.listTerritories({ planId: plan.id });
    const a = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'A' });
    const b = await api.createTerritory({ planId: plan.id, parentId: a.id, name: 'B' });
    const error = (await api
      .moveTerritory({ planId: plan.id, territoryId: a.id, newParentId: b.id })
      .catch((e: unknown) => e)) as ModelError;
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ reason: 'intoOwnSubtree' });
    expect((await api.listTerritories({ planId: plan.id })).find((t) => t.id === a.id)?.parentId).toBe(root.id);
    expect((await api.getHistory({ planId: plan.id })).undoLabel).toMatchObject({ key: 'addTerritory' });
  });
});

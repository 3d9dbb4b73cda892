/** The hierarchy and people calls over the Dexie schema, undo and redo included. */
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import type { Territory } from '../../src/shared/domain';
import { ModelError } from '../../src/shared/errors';
import { childrenByParent } from '../../src/shared/hierarchy';
import { openTestModel } from './testDb';

async function planWithTree(api: ModelApi) {
  const plan = await api.createPlan({ name: 'FY27' });
  const [org] = await api.listTerritories({ planId: plan.id });
  await api.addTerritories({
    planId: plan.id,
    parentId: org.id,
    territories: [
      { ref: 'emea', parentRef: null, name: 'EMEA', code: 'EMEA' },
      { ref: 'fr', parentRef: 'emea', name: 'France', code: 'FR' },
      { ref: 'idf', parentRef: 'fr', name: 'Île-de-France', code: 'IDF' },
      { ref: 'de', parentRef: 'emea', name: 'Germany', code: 'DE' },
      { ref: 'na', parentRef: null, name: 'North America', code: 'NA' },
      { ref: 'us', parentRef: 'na', name: 'United States', code: 'US' },
    ],
  });
  const territories = await api.listTerritories({ planId: plan.id });
  const named = (name: string) => territories.find((t) => t.name === name)!;
  return { planId: plan.id, org, named };
}

const parentName = (territories: Territory[], name: string) => {
  const t = territories.find((x) => x.name === name)!;
  return territories.find((x) => x.id === t.parentId)?.name ?? null;
};
const childNames = (territories: Territory[], name: string) => {
  const t = territories.find((x) => x.name === name)!;
  return (childrenByParent(territories).get(t.id) ?? []).map((c) => c.name);
};

async function errorOf(work: Promise<unknown>): Promise<ModelError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

describe('hierarchy calls', () => {
  it('adds a tree in one step, parents before children whatever the order, and refuses circles', async () => {
    const { api } = await openTestModel();
    const { planId, org } = await planWithTree(api);
    const all = await api.listTerritories({ planId });
    expect(all).toHaveLength(7);
    expect(childNames(all, 'EMEA')).toEqual(['France', 'Germany']);
    expect((await api.getHistory({ planId })).undoLabel).toMatchObject({ key: 'addTerritories' });

    const reversed = await api.addTerritories({
      planId,
      parentId: org.id,
      territories: [
        { ref: 'b', parentRef: 'a', name: 'Child first' },
        { ref: 'a', parentRef: null, name: 'Parent after' },
      ],
    });
    expect(reversed.created).toBe(2);
    expect(parentName(await api.listTerritories({ planId }), 'Child first')).toBe('Parent after');

    const circle = await errorOf(
      api.addTerritories({
        planId,
        parentId: org.id,
        territories: [
          { ref: 'x', parentRef: 'y', name: 'X' },
          { ref: 'y', parentRef: 'x', name: 'Y' },
        ],
      }),
    );
    expect(circle.code).toBe('CONFLICT');
    const unknown = await errorOf(
      api.addTerritories({ planId, parentId: org.id, territories: [{ ref: 'x', parentRef: 'nope', name: 'X' }] }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    // Existing codes are not reused.
    const again = await api.addTerritories({
      planId,
      parentId: org.id,
      territories: [{ ref: 'f', parentRef: null, name: 'F', code: 'FR' }],
    });
    expect((await api.listTerritories({ planId })).find((t) => t.id === again.topIds[0])!.code).toBe('FR-2');
  });

  it('moves a territory with its subtree, refuses a cycle, and undoes and redoes the move', async () => {
    const { api } = await openTestModel();
    const { planId, named } = await planWithTree(api);
    const moved = await api.moveTerritory({
      planId,
      territoryId: named('France').id,
      newParentId: named('North America').id,
    });
    expect(moved.map((t) => t.name)).toEqual(['France']);
    let all = await api.listTerritories({ planId });
    expect(parentName(all, 'France')).toBe('North America');
    expect(parentName(all, 'Île-de-France')).toBe('France');

    const cycle = await errorOf(
      api.moveTerritory({ planId, territoryId: named('North America').id, newParentId: named('Île-de-France').id }),
    );
    expect(cycle.code).toBe('CONFLICT');
    expect(cycle.details).toMatchObject({ reason: 'intoOwnSubtree' });

    await api.undo({ planId });
    all = await api.listTerritories({ planId });
    expect(parentName(all, 'France')).toBe('EMEA');
    await api.redo({ planId });
    expect(parentName(await api.listTerritories({ planId }), 'France')).toBe('North America');
  });

  it('reorders siblings with a move under the same parent', async () => {
    const { api } = await openTestModel();
    const { planId, named } = await planWithTree(api);
    await api.moveTerritory({ planId, territoryId: named('Germany').id, newParentId: named('EMEA').id, index: 0 });
    expect(childNames(await api.listTerritories({ planId }), 'EMEA')).toEqual(['Germany', 'France']);
  });

  it('moves several territories in one undoable step', async () => {
    const { api } = await openTestModel();
    const { planId, org, named } = await planWithTree(api);
    const target = await api.createTerritory({ planId, parentId: org.id, name: 'Global accounts' });
    await api.moveTerritories({
      planId,
      // Île-de-France goes along with France.
      territoryIds: [named('France').id, named('United States').id, named('Île-de-France').id],
      newParentId: target.id,
    });
    let all = await api.listTerritories({ planId });
    expect(childNames(all, 'Global accounts')).toEqual(['France', 'United States']);
    expect(parentName(all, 'Île-de-France')).toBe('France');
    const history = await api.getHistory({ planId });
    expect(history.undoLabel).toMatchObject({ key: 'moveTerritories' });

    await api.undo({ planId });
    all = await api.listTerritories({ planId });
    expect(parentName(all, 'France')).toBe('EMEA');
    expect(parentName(all, 'United States')).toBe('North America');
    expect(childNames(all, 'Global accounts')).toEqual([]);
    expect((await api.getHistory({ planId })).undoLabel).toMatchObject({ key: 'addTerritory' });

    await api.redo({ planId });
    expect(childNames(await api.listTerritories({ planId }), 'Global accounts')).toEqual(['France', 'United States']);

    const refused = await errorOf(
      api.moveTerritories({
        planId,
        territoryIds: [named('EMEA').id, target.id],
        newParentId: named('Île-de-France').id,
      }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(childNames(await api.listTerritories({ planId }), 'Global accounts')).toEqual(['France', 'United States']);
  });

  it('duplicates a subtree right after the original, and undoes and redoes it', async () => {
    const { api } = await openTestModel();
    const { planId, named } = await planWithTree(api);
    const copies = await api.duplicateTerritory({ planId, territoryId: named('France').id, name: 'France (copy)' });
    expect(copies.map((t) => [t.name, t.code])).toEqual([
      ['France (copy)', 'FR-2'],
      ['Île-de-France', 'IDF-2'],
    ]);
    let all = await api.listTerritories({ planId });
    expect(all).toHaveLength(9);
    expect(childNames(all, 'EMEA')).toEqual(['France', 'France (copy)', 'Germany']);
    expect(childNames(all, 'France (copy)')).toEqual(['Île-de-France']);

    await api.undo({ planId });
    all = await api.listTerritories({ planId });
    expect(all).toHaveLength(7);
    expect(childNames(all, 'EMEA')).toEqual(['France', 'Germany']);
    await api.redo({ planId });
    expect(await api.listTerritories({ planId })).toHaveLength(9);

    const root = await errorOf(
      api.duplicateTerritory({
        planId,
        territoryId: (await api.listTerritories({ planId })).find((t) => t.parentId === null)!.id,
      }),
    );
    expect(root.code).toBe('CONFLICT');
  });

  it('deletes a territory keeping its children, or with its subtree, and what hangs on them', async () => {
    const { api } = await openTestModel();
    const { planId, named } = await planWithTree(api);
    const user = await api.createUser({ name: 'Ada Martin' });
    await api.setMembership({ planId, territoryId: named('Île-de-France').id, userId: user.id, role: 'manager' });

    await api.deleteTerritory({ planId, territoryId: named('France').id, policy: 'moveChildrenToParent' });
    let all = await api.listTerritories({ planId });
    expect(childNames(all, 'EMEA')).toEqual(['Germany', 'Île-de-France']);
    expect(await api.listMemberships({ planId })).toHaveLength(1);

    await api.deleteTerritory({ planId, territoryId: named('EMEA').id, policy: 'deleteSubtree' });
    all = await api.listTerritories({ planId });
    expect(all.map((t) => t.name).sort()).toEqual(['FY27', 'North America', 'United States']);
    expect(await api.listMemberships({ planId })).toHaveLength(0);

    await api.undo({ planId });
    await api.undo({ planId });
    all = await api.listTerritories({ planId });
    expect(all).toHaveLength(7);
    expect(parentName(all, 'Île-de-France')).toBe('France');
    expect(await api.listMemberships({ planId })).toHaveLength(1);
  });

  it('summarises the rules of a territory', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const territories = await api.listTerritories({ planId: sample.id });
    const france = territories.find((t) => t.code === 'FR')!;
    const rules = await api.territoryRules({ planId: sample.id, territoryId: france.id });
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ recordKind: 'account', enabled: true, fields: ['countryCode'] });
  });
});

describe('start from data', () => {
  it('previews and generates Country → revenue band territories with their rules, in one undoable step', async () => {
    const { api } = await openTestModel();
    await api.createSamplePlan({});
    const plan = await api.createPlan({ name: 'From data' });
    // A new plan leaves the sample out (issue #15): this one plans over it.
    await api.updatePlan({ planId: plan.id, patch: { excludedDataSetIds: [] } });
    const [org] = await api.listTerritories({ planId: plan.id });
    const levels = [{ field: 'country' }, { field: 'annualRevenue', bands: 3 }];

    const preview = await api.previewHierarchyFromData({ levels });
    expect(preview.groups.map((g) => g.label)).toContain('France');
    expect(preview.groups.reduce((sum, g) => sum + g.accounts, 0)).toBe(3000);
    expect(preview.tooMany).toBe(false);

    const result = await api.generateHierarchyFromData({ planId: plan.id, parentId: org.id, levels, withRules: true });
    expect(result.created).toBe(preview.total);
    const all = await api.listTerritories({ planId: plan.id });
    expect(all).toHaveLength(preview.total + 1);
    const france = all.find((t) => t.name === 'France')!;
    expect(france.code).toBe('FR');
    expect(france.typeLabel).toBe('country');
    const bands = all.filter((t) => t.parentId === france.id);
    expect(bands.length).toBeGreaterThanOrEqual(2);
    expect(bands.every((b) => b.code.startsWith('FR-'))).toBe(true);
    const rules = await api.territoryRules({ planId: plan.id, territoryId: france.id });
    expect(rules).toEqual([expect.objectContaining({ fields: ['countryCode'], conditionCount: 1 })]);
    expect((await api.getHistory({ planId: plan.id })).undoLabel).toMatchObject({ key: 'generateTerritories' });

    await api.undo({ planId: plan.id });
    expect(await api.listTerritories({ planId: plan.id })).toHaveLength(1);
  });

  it('refuses fields that are not there or cannot make territories', async () => {
    const { api } = await openTestModel();
    await api.createSamplePlan({});
    expect((await errorOf(api.previewHierarchyFromData({ levels: [{ field: 'nope' }] }))).code).toBe('NOT_FOUND');
    expect((await errorOf(api.previewHierarchyFromData({ levels: [{ field: 'latitude' }] }))).code).toBe('CONFLICT');
  });
});

describe('people', () => {
  it('tells who sees what: the territories of a person and everything below them', async () => {
    const { api, db } = await openTestModel();
    const { planId, named } = await planWithTree(api);
    const ada = await api.createUser({ name: 'Ada Martin' });
    await api.setMembership({ planId, territoryId: named('EMEA').id, userId: ada.id, role: 'manager' });
    await api.setMembership({ planId, territoryId: named('France').id, userId: ada.id, role: 'member' });
    let seen = await api.whoSees({ planId, userId: ada.id });
    expect(seen.accounts).toBeNull();
    expect(new Set(seen.territoryIds)).toEqual(
      new Set(['EMEA', 'France', 'Île-de-France', 'Germany'].map((n) => named(n).id)),
    );

    // Once rules have run, the distinct accounts of those territories: row 0 is in France and EMEA, counted once.
    await db.assignmentBlocks.put({
      planId,
      kind: 'account',
      block: 0,
      offsets: Uint32Array.from([0, 2, 3, 3, 4]),
      territories: Uint32Array.from([0, 1, 2, 0]),
      sources: new Uint8Array(4),
      territoryIds: [named('France').id, named('EMEA').id, named('United States').id],
    });
    seen = await api.whoSees({ planId, userId: ada.id });
    expect(seen.accounts).toBe(2);
  });
});

describe('at scale', () => {
  it('moves and renames in a 10,000-territory plan without reading the whole plan', async () => {
    const { api, db } = await openTestModel();
    const plan = await api.createPlan({ name: 'Big' });
    const [org] = await api.listTerritories({ planId: plan.id });
    const territories = [];
    for (let r = 0; r < 10; r++) {
      territories.push({ ref: `r${r}`, parentRef: null, name: `Region ${r}` });
      for (let a = 0; a < 33; a++) {
        territories.push({ ref: `r${r}a${a}`, parentRef: `r${r}`, name: `Area ${r}.${a}` });
        for (let t = 0; t < 30; t++)
          territories.push({ ref: `r${r}a${a}t${t}`, parentRef: `r${r}a${a}`, name: `T ${r}.${a}.${t}` });
      }
    }
    await api.addTerritories({ planId: plan.id, parentId: org.id, territories });
    const all = await api.listTerritories({ planId: plan.id });
    expect(all.length).toBeGreaterThan(10_000);
    const area = all.find((t) => t.name === 'Area 3.4')!;
    const region = all.find((t) => t.name === 'Region 7')!;

    // Count the rows a move reads: a handful, not 10,000.
    let read = 0;
    const table = db.territories;
    const hook = () => {
      read++;
    };
    table.hook('reading', (row) => {
      hook();
      return row;
    });
    await db.territories.where({ planId: plan.id }).toArray();
    expect(read).toBeGreaterThan(10_000); // the count works
    read = 0;
    await api.moveTerritory({ planId: plan.id, territoryId: area.id, newParentId: region.id });
    expect(read).toBeLessThan(200);
    read = 0;
    await api.updateTerritory({ planId: plan.id, territoryId: area.id, patch: { name: 'Area 3.4 (moved)' } });
    expect(read).toBeLessThan(10);
    expect(parentName(await api.listTerritories({ planId: plan.id }), 'Area 3.4 (moved)')).toBe('Region 7');

    // The list is kept in memory between edits: reading it again costs no database read, and stays right.
    read = 0;
    await api.listTerritories({ planId: plan.id });
    expect(read).toBe(0);
    await api.undo({ planId: plan.id });
    await api.undo({ planId: plan.id });
    expect(parentName(await api.listTerritories({ planId: plan.id }), 'Area 3.4')).toBe('Region 3');
  }, 120_000);
});

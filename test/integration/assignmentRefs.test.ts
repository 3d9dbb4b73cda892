/**
 * Copy-on-write applied assignments (schema version 10, issue 14): a duplicate refers to its source's blocks
 * instead of copying them. Checked against a second reading: each account's territories named by code, asked of
 * a fresh model on the same database (no cache), before and after the source, the copy or a copy of the copy
 * change or go.
 */
import { describe, expect, it } from 'vitest';
import { createModelService } from '../../src/model/service';
import { createModelClient } from '../../src/shared/bridge';
import type { ModelApi } from '../../src/shared/api';
import type { PlannerDb } from '../../src/model/db/schema';
import { swapRegion } from './ruleEdits';
import { openTestModel, testDeps } from './testDb';

/** A fresh model over the same database: what is stored, not what a model remembers. */
function freshApi(db: PlannerDb): ModelApi {
  const service = createModelService(db, testDeps);
  return createModelClient({
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  });
}

/** Each account's territories, by code, sorted: comparable across plans. */
async function codesPerAccount(db: PlannerDb, planId: string): Promise<string[]> {
  const api = freshApi(db);
  const codeOf = new Map((await api.listTerritories({ planId })).map((t) => [t.id, t.code]));
  const count = (await api.getInfo({})).recordCounts.account;
  const ids = await api.recordTerritories({
    planId,
    kind: 'account',
    recordIds: Array.from({ length: count }, (_, i) => i),
  });
  return ids.map((list) =>
    list
      .map((id) => codeOf.get(id) ?? `?${id}`)
      .sort()
      .join('|'),
  );
}

/** Bretagne moves from France Nord's rule to France Sud's, and the rules are applied. */
async function moveBretagneAndApply(api: ModelApi, planId: string): Promise<void> {
  const territories = await api.listTerritories({ planId });
  const north = territories.find((t) => t.code === 'FR-N')!;
  const south = territories.find((t) => t.code === 'FR-S')!;
  const rules = (await api.listRules({ planId })).map((r) => r.rule);
  const northRule = rules.find((r) => r.territoryId === north.id)!;
  const southRule = rules.find((r) => r.territoryId === south.id)!;
  await api.updateRule({
    planId,
    ruleId: northRule.id,
    patch: { conditions: swapRegion(northRule.conditions, 'FR-BRE', []) },
  });
  await api.updateRule({
    planId,
    ruleId: southRule.id,
    patch: { conditions: swapRegion(southRule.conditions, 'FR-ARA', ['FR-ARA', 'FR-BRE']) },
  });
  const preview = await api.runRules({ planId, scope: { type: 'plan' } });
  await api.applyPreview({ previewId: preview.previewId });
}

describe('a duplicate holds its applied assignment by reference', () => {
  it('copies no block, reads the same territories, and keeps them when the source changes or goes', async () => {
    const { db, api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const original = await codesPerAccount(db, sample.id);
    expect(original.filter((c) => c !== '').length).toBeGreaterThan(100);
    const sourceBlocks = await db.assignmentBlocks.where({ planId: sample.id }).count();
    expect(sourceBlocks).toBeGreaterThan(0);

    const copy = await api.duplicatePlan({ planId: sample.id, name: 'What-if' });
    expect(await db.assignmentBlocks.where({ planId: copy.id }).count()).toBe(0);
    const refs = await db.assignmentRefs.where({ planId: copy.id }).toArray();
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((r) => r.sourcePlanId === sample.id)).toBe(true);
    expect(await codesPerAccount(db, copy.id)).toEqual(original);

    // A copy of the copy refers to the plan that holds the blocks, through both renamings.
    const copyOfCopy = await api.duplicatePlan({ planId: copy.id, name: 'What-if 2' });
    const refs2 = await db.assignmentRefs.where({ planId: copyOfCopy.id }).toArray();
    expect(refs2.map((r) => r.sourcePlanId)).toEqual(refs.map(() => sample.id));
    expect(await codesPerAccount(db, copyOfCopy.id)).toEqual(original);

    // The source's Apply copies its blocks off to both first: they keep what they had.
    await moveBretagneAndApply(api, sample.id);
    const changed = await codesPerAccount(db, sample.id);
    expect(changed).not.toEqual(original);
    expect(changed.filter((c, i) => c !== original[i]).every((c) => c.includes('FR-S'))).toBe(true);
    expect(await db.assignmentRefs.count()).toBe(0);
    expect(await db.assignmentBlocks.where({ planId: copy.id }).count()).toBe(sourceBlocks);
    expect(await codesPerAccount(db, copy.id)).toEqual(original);
    expect(await codesPerAccount(db, copyOfCopy.id)).toEqual(original);

    // A new copy of the changed source, then the source deleted: the copy keeps the changed territories.
    const late = await api.duplicatePlan({ planId: sample.id, name: 'Late copy' });
    expect(await db.assignmentBlocks.where({ planId: late.id }).count()).toBe(0);
    await api.deletePlan({ planId: sample.id });
    expect(await db.assignmentBlocks.where({ planId: sample.id }).count()).toBe(0);
    expect(await codesPerAccount(db, late.id)).toEqual(changed);
  });

  it('a copy applying its own rules owns its blocks; undo puts back what it referred to, the source untouched', async () => {
    const { db, api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const original = await codesPerAccount(db, sample.id);
    const copy = await api.duplicatePlan({ planId: sample.id, name: 'What-if' });

    await moveBretagneAndApply(api, copy.id);
    expect(await db.assignmentRefs.where({ planId: copy.id }).count()).toBe(0);
    const applied = await codesPerAccount(db, copy.id);
    expect(applied).not.toEqual(original);
    expect(await codesPerAccount(db, sample.id)).toEqual(original);

    await api.undo({ planId: copy.id });
    expect(await codesPerAccount(db, copy.id)).toEqual(original);
    await api.redo({ planId: copy.id });
    expect(await codesPerAccount(db, copy.id)).toEqual(applied);
    expect(await codesPerAccount(db, sample.id)).toEqual(original);
  });

  it('undo on the source copies its blocks off to the copy before they change', async () => {
    const { db, api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    await moveBretagneAndApply(api, sample.id);
    const applied = await codesPerAccount(db, sample.id);
    const copy = await api.duplicatePlan({ planId: sample.id, name: 'After the move' });
    await api.undo({ planId: sample.id });
    expect(await codesPerAccount(db, sample.id)).not.toEqual(applied);
    expect(await codesPerAccount(db, copy.id)).toEqual(applied);
    expect(await db.assignmentRefs.count()).toBe(0);
  });
});

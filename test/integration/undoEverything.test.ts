/**
 * Undo covers every change to a plan: Apply (the assignment blocks), plan settings, archive and restore; steps are
 * stored with a label key the UI words, survive a reopen of the database, and old English labels still read.
 */
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import type { RecordKind } from '../../src/shared/domain';
import { ModelError } from '../../src/shared/errors';
import { coreFieldDefs } from '../../src/shared/records';
import { PlannerDb } from '../../src/model/db/schema';
import { createModelService } from '../../src/model/service';
import { ASSIGNMENT_STEPS_LIMIT } from '../../src/model/service/history';
import { appendRow, createRecordTable, type CellValue } from '../../src/model/records/recordTable';
import { saveRecordTable } from '../../src/model/records/storage';
import { createModelClient } from '../../src/shared/bridge';
import { openTestModel, testDeps } from './testDb';

const accounts: Record<string, CellValue>[] = [
  { externalId: 'A1', name: 'Alpha Paris', country: 'FR', city: 'Paris' },
  { externalId: 'A2', name: 'Beta Lyon', country: 'FR', city: 'Lyon' },
  { externalId: 'A3', name: 'Gamma Berlin', country: 'DE', city: 'Berlin' },
  { externalId: 'A4', name: 'Delta Hamburg', country: 'DE', city: 'Hamburg' },
];

function clientOf(db: PlannerDb): ModelApi {
  const service = createModelService(db, testDeps);
  return createModelClient({
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  });
}

async function setup() {
  const model = await openTestModel();
  const { api, db } = model;
  const table = createRecordTable('account', coreFieldDefs('account'));
  for (const row of accounts) appendRow(table, row);
  await saveRecordTable(db, table);
  const plan = await api.createPlan({ name: 'FY27' });
  const [root] = await api.listTerritories({ planId: plan.id });
  const france = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'France' });
  const germany = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'Germany' });
  const franceRule = await api.createRule({
    planId: plan.id,
    territoryId: france.id,
    recordKind: 'account',
    conditions: [{ field: 'country', operator: 'is', value: 'FR' }],
  });
  await api.createRule({
    planId: plan.id,
    territoryId: germany.id,
    recordKind: 'account',
    conditions: [{ field: 'country', operator: 'is', value: 'DE' }],
  });
  return { ...model, planId: plan.id, france, germany, franceRuleId: franceRule.rule.id };
}

async function apply(api: ModelApi, planId: string) {
  const preview = await api.runRules({ planId, scope: { type: 'plan' } });
  return api.applyPreview({ previewId: preview.previewId });
}

/** Accounts per territory name, counted from each record's territories (not from the figures under test). */
async function countsOf(api: ModelApi, planId: string, kind: RecordKind = 'account') {
  const names = new Map((await api.listTerritories({ planId })).map((t) => [t.id, t.name]));
  const rows = await api.recordTerritories({ planId, kind, recordIds: accounts.map((_, i) => i) });
  const counts: Record<string, number> = {};
  for (const ids of rows) for (const id of ids) counts[names.get(id)!] = (counts[names.get(id)!] ?? 0) + 1;
  return counts;
}

describe('undo covers every change', () => {
  it('undoes and redoes Apply, restoring the previous assignment, also after the database is reopened', async () => {
    const { api, db, planId, franceRuleId } = await setup();
    expect(await countsOf(api, planId)).toEqual({});
    await apply(api, planId);
    const first = await countsOf(api, planId);
    expect(first).toEqual({ France: 2, Germany: 2 });
    expect((await api.getHistory({ planId })).undoLabel).toEqual({ key: 'applyRules', params: { count: 4 } });

    // France now takes Paris only; the second Apply moves Lyon out.
    await api.updateRule({
      planId,
      ruleId: franceRuleId,
      patch: { conditions: [{ field: 'city', operator: 'is', value: 'Paris' }] },
    });
    await apply(api, planId);
    expect(await countsOf(api, planId)).toEqual({ France: 1, Germany: 2 });

    let history = await api.undo({ planId });
    expect(history.undoLabel).toEqual({ key: 'editRule' });
    expect(history.redoLabel).toMatchObject({ key: 'applyRules' });
    expect(await countsOf(api, planId)).toEqual(first);

    // A restart: a new model over the same database keeps the steps and their labels.
    const name = db.name;
    db.close();
    const reopened = new PlannerDb(name);
    await reopened.open();
    const again = clientOf(reopened);
    expect(await countsOf(again, planId)).toEqual(first);
    history = await again.getHistory({ planId });
    expect(history).toMatchObject({ canUndo: true, canRedo: true, redoLabel: { key: 'applyRules' } });
    await again.redo({ planId });
    expect(await countsOf(again, planId)).toEqual({ France: 1, Germany: 2 });
    await again.undo({ planId });
    await again.undo({ planId }); // the rule edit
    await again.undo({ planId }); // the first Apply: nothing applied any more
    expect(await countsOf(again, planId)).toEqual({});
    expect((await again.assignmentFigures({ planId })).applied).toBe(false);
    reopened.close();
  });

  it('keeps the assignment of the last few Apply steps only, and never lets undo skip one', async () => {
    const { api, db, planId } = await setup();
    for (let i = 0; i < ASSIGNMENT_STEPS_LIMIT + 2; i++) await apply(api, planId);
    const steps = await db.history.where({ planId }).toArray();
    expect(steps.filter((s) => s.assignments?.length)).toHaveLength(ASSIGNMENT_STEPS_LIMIT);
    // Everything before the oldest kept Apply went with the dropped ones.
    expect(steps[0].assignments?.length).toBeGreaterThan(0);
    for (let i = 0; i < ASSIGNMENT_STEPS_LIMIT; i++) await api.undo({ planId });
    expect((await api.getHistory({ planId })).canUndo).toBe(false);
  });

  it('undoes plan settings and a rename, with their labels', async () => {
    const { api, planId } = await setup();
    await api.updatePlan({ planId, patch: { fiscalYearStartMonth: 4, currency: 'USD' } });
    await api.updatePlan({ planId, patch: { name: 'FY28' } });
    expect((await api.getHistory({ planId })).undoLabel).toEqual({ key: 'renamePlan', params: { name: 'FY28' } });
    await api.undo({ planId });
    expect((await api.getPlan({ planId })).name).toBe('FY27');
    expect((await api.getHistory({ planId })).undoLabel).toEqual({ key: 'editPlanSettings' });
    await api.undo({ planId });
    expect(await api.getPlan({ planId })).toMatchObject({ fiscalYearStartMonth: 1, currency: 'EUR' });
    await api.redo({ planId });
    expect(await api.getPlan({ planId })).toMatchObject({ fiscalYearStartMonth: 4, currency: 'USD' });
  });

  it('undoes archiving a draft; a final plan offers no undo and refuses it in words the UI can translate', async () => {
    const { api, planId } = await setup();
    await api.setPlanStatus({ planId, status: 'archived' });
    let history = await api.getHistory({ planId });
    expect(history).toMatchObject({ canUndo: true, undoLabel: { key: 'archivePlan' } });
    await api.undo({ planId });
    expect((await api.getPlan({ planId })).status).toBe('draft');
    await api.redo({ planId });
    expect((await api.getPlan({ planId })).status).toBe('archived');
    await api.setPlanStatus({ planId, status: 'draft' });
    expect((await api.getHistory({ planId })).undoLabel).toEqual({ key: 'restorePlan' });

    await api.setPlanStatus({ planId, status: 'final' });
    history = await api.getHistory({ planId });
    expect(history).toMatchObject({ canUndo: false, undoLabel: null });
    const error = (await api.undo({ planId }).catch((e: unknown) => e)) as ModelError;
    expect(error).toBeInstanceOf(ModelError);
    expect(error.code).toBe('READ_ONLY');
    expect(error.key).toBe('planReadOnly');
    expect(error.details).toMatchObject({ name: 'FY27', status: 'final' });
  });

  it('shows steps stored before label keys as their words', async () => {
    const { api, db, planId } = await setup();
    await db.history.add({ planId, label: 'Edit rule', at: new Date().toISOString(), undone: 0, changes: [] });
    expect((await api.getHistory({ planId })).undoLabel).toBe('Edit rule');
  });

  it('gives every refusal a key and its parameters', async () => {
    const { api, planId } = await setup();
    const error = (await api
      .createTerritory({ planId, parentId: 'nope', name: 'X' })
      .catch((e: unknown) => e)) as ModelError;
    expect(error.key).toBe('territoryMissing');
    const conflict = (await api.redo({ planId }).catch((e: unknown) => e)) as ModelError;
    expect({ code: conflict.code, key: conflict.key }).toEqual({ code: 'CONFLICT', key: 'nothingToRedo' });
  });
});

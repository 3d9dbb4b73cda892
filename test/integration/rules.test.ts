/**
 * The rules service over the real Dexie schema (fake-indexeddb): rule editing with undo, runs with preview, apply
 * (all or nothing), manual overrides that runs never touch, explanations, figures and the CSV export.
 */
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import type { Condition, RecordKind } from '../../src/shared/domain';
import { coreFieldDefs } from '../../src/shared/records';
import { ModelError } from '../../src/shared/errors';
import { appendRow, createRecordTable, type CellValue } from '../../src/model/records/recordTable';
import { saveRecordTable } from '../../src/model/records/storage';
import { openTestModel } from './testDb';

type Row = Record<string, CellValue>;

const accounts: Row[] = [
  {
    externalId: 'A1',
    name: 'Alpha Paris',
    country: 'FR',
    city: 'Paris',
    annualRevenue: 100,
    potential: 10,
    latitude: 48.85,
    longitude: 2.35,
  },
  { externalId: 'A2', name: 'Beta Lyon', country: 'FR', city: 'Lyon', annualRevenue: 200, potential: 20 },
  {
    externalId: 'A3',
    name: 'Gamma Berlin',
    country: 'DE',
    city: 'Berlin',
    annualRevenue: 300,
    potential: 30,
    latitude: 52.52,
    longitude: 13.4,
  },
  { externalId: 'A4', name: 'Delta Madrid', country: 'ES', city: 'Madrid', annualRevenue: 400, potential: 40 },
  {
    externalId: '-42',
    name: '=HYPERLINK("http://evil","x")',
    country: 'DE',
    city: 'München',
    annualRevenue: 5,
    potential: 1,
  },
];
const contacts: Row[] = [
  { externalId: 'C1', accountExternalId: 'A1', firstName: 'Léa', lastName: 'Martin' },
  { externalId: 'C2', accountExternalId: 'A3', firstName: 'Jonas', lastName: 'Weber' },
];
const deals: Row[] = [{ externalId: 'D1', accountExternalId: 'A2', name: '@SUM(1)', amount: 1000, status: 'open' }];

const is = (field: string, value: string): Condition => ({ field, operator: 'is', value });

async function seed(db: Awaited<ReturnType<typeof openTestModel>>['db'], kind: RecordKind, rows: Row[]) {
  const table = createRecordTable(kind, coreFieldDefs(kind));
  for (const row of rows) appendRow(table, row);
  await saveRecordTable(db, table);
}

/** A plan: Europe > France (country FR) and Germany (country DE), each with an account rule. */
async function setup() {
  const model = await openTestModel();
  const { api, db } = model;
  await seed(db, 'account', accounts);
  await seed(db, 'contact', contacts);
  await seed(db, 'deal', deals);
  const plan = await api.createPlan({ name: 'FY27' });
  const [root] = await api.listTerritories({ planId: plan.id });
  const europe = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'Europe', code: 'EU' });
  const france = await api.createTerritory({ planId: plan.id, parentId: europe.id, name: 'France', code: 'FR' });
  const germany = await api.createTerritory({ planId: plan.id, parentId: europe.id, name: 'Germany', code: 'DE' });
  await api.createRule({
    planId: plan.id,
    territoryId: europe.id,
    recordKind: 'account',
    conditions: [{ field: 'country', operator: 'isAnyOf', value: ['FR', 'DE', 'ES'] }],
  });
  const franceRule = await api.createRule({
    planId: plan.id,
    territoryId: france.id,
    recordKind: 'account',
    conditions: [is('country', 'FR')],
  });
  await api.createRule({
    planId: plan.id,
    territoryId: germany.id,
    recordKind: 'account',
    conditions: [is('country', 'DE')],
  });
  return { ...model, planId: plan.id, root, europe, france, germany, franceRule: franceRule.rule };
}

async function runAndApply(api: ModelApi, planId: string) {
  const preview = await api.runRules({ planId, scope: { type: 'plan' } });
  await api.applyPreview({ previewId: preview.previewId });
  return preview;
}

const territoriesOf = (api: ModelApi, planId: string, kind: RecordKind, recordIds: number[]) =>
  api.recordTerritories({ planId, kind, recordIds });

describe('rules: editing', () => {
  it('refuses a bad pattern with where it is, and checks a rule as typed', async () => {
    const { api, planId, france } = await setup();
    const problems = await api.checkRule({
      planId,
      territoryId: france.id,
      recordKind: 'account',
      conditions: [is('country', 'FR'), is('city', 'Paris')],
      pattern: '(1 AND 2',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'unbalancedParenthesis', position: 0 });
    const unknown = await api.checkRule({
      planId,
      territoryId: france.id,
      recordKind: 'account',
      conditions: [is('colour', 'red')],
      pattern: '',
    });
    expect(unknown[0]).toMatchObject({ code: 'unknownField', conditionNumber: 1 });

    const error = (await api
      .createRule({
        planId,
        territoryId: france.id,
        recordKind: 'account',
        conditions: [is('country', 'FR')],
        pattern: '1 OR 3',
      })
      .catch((e: unknown) => e)) as ModelError;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('Unknown condition 3');
    expect((error.details as { problems: { position: number }[] }).problems[0].position).toBe(5);
  });

  it('lists, reorders and deletes rules, each step undoable', async () => {
    const { api, planId, france, franceRule } = await setup();
    const second = await api.createRule({
      planId,
      territoryId: france.id,
      recordKind: 'account',
      conditions: [is('city', 'Paris')],
    });
    let listed = await api.listRules({ planId, territoryId: france.id, recordKind: 'account' });
    expect(listed.map((r) => r.rule.id)).toEqual([franceRule.id, second.rule.id]);
    expect(listed.every((r) => r.problems.length === 0)).toBe(true);

    await api.reorderRules({
      planId,
      territoryId: france.id,
      recordKind: 'account',
      ruleIds: [second.rule.id, franceRule.id],
    });
    listed = await api.listRules({ planId, territoryId: france.id, recordKind: 'account' });
    expect(listed.map((r) => r.rule.id)).toEqual([second.rule.id, franceRule.id]);

    await api.updateRule({ planId, ruleId: franceRule.id, patch: { conditions: [is('country', 'DE')] } });
    expect((await api.getHistory({ planId })).undoLabel).toEqual({ key: 'editRule' });
    await api.undo({ planId });
    listed = await api.listRules({ planId, territoryId: france.id });
    expect(listed.find((r) => r.rule.id === franceRule.id)?.rule.conditions).toEqual([is('country', 'FR')]);

    await api.deleteRule({ planId, ruleId: second.rule.id });
    expect(await api.listRules({ planId, territoryId: france.id })).toHaveLength(1);
    await api.undo({ planId });
    expect(await api.listRules({ planId, territoryId: france.id })).toHaveLength(2);
  });

  it('suggests the values of a field, most frequent first', async () => {
    const { api } = await setup();
    const values = await api.fieldValues({ kind: 'account', field: 'country' });
    expect(values[0]).toEqual({ value: 'DE', count: 2 });
    expect(await api.fieldValues({ kind: 'account', field: 'city', search: 'munc' })).toEqual([
      { value: 'München', count: 1 },
    ]);
  });
});

describe('rules: run, preview, apply', () => {
  it('previews gains, moves (with names), unmatched records, and applies them', async () => {
    const { api, planId, europe, france, germany } = await setup();
    const preview = await api.runRules({ planId, scope: { type: 'plan' } });
    const ofAccounts = preview.kinds.find((k) => k.kind === 'account')!;
    expect(ofAccounts).toMatchObject({ records: 5, moved: 5, unmatched: 0, manual: 0 });
    const change = (id: string) => ofAccounts.territories.find((t) => t.territoryId === id);
    expect(change(france.id)).toMatchObject({ before: 0, after: 2, gained: 2, lost: 0 });
    expect(change(germany.id)).toMatchObject({ after: 2, gained: 2 });
    // Madrid matches Europe but neither child: Europe is its deepest match.
    expect(change(europe.id)).toMatchObject({ after: 1, gained: 1 });
    expect(preview.kinds.map((k) => k.kind)).toEqual(['account', 'contact', 'deal']);

    // Nothing is written before Apply.
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[]]);
    expect((await api.assignmentFigures({ planId })).applied).toBe(false);

    const moved = await api.listPreviewRecords({
      previewId: preview.previewId,
      kind: 'account',
      list: 'moved',
      offset: 0,
      limit: 2,
    });
    expect(moved.total).toBe(5);
    expect(moved.rows[0]).toMatchObject({
      recordId: 0,
      externalId: 'A1',
      name: 'Alpha Paris',
      from: [],
      to: [france.id],
      manual: false,
    });
    const gained = await api.listPreviewRecords({
      previewId: preview.previewId,
      kind: 'account',
      list: 'moved',
      territoryId: germany.id,
      change: 'gained',
    });
    expect(gained.rows.map((r) => r.externalId)).toEqual(['A3', '-42']);

    await api.applyPreview({ previewId: preview.previewId });
    expect(await territoriesOf(api, planId, 'account', [0, 2, 3])).toEqual([[france.id], [germany.id], [europe.id]]);
    expect(await territoriesOf(api, planId, 'contact', [0, 1])).toEqual([[france.id], [germany.id]]);
    expect(await territoriesOf(api, planId, 'deal', [0])).toEqual([[france.id]]);
    expect(await api.getPreview({ planId })).toBeNull();

    const figures = await api.assignmentFigures({ planId });
    expect(figures.applied).toBe(true);
    expect(figures.byTerritory[france.id]).toMatchObject({ accounts: 2, revenue: 300, potential: 30, ownAccounts: 2 });
    // Europe counts its own account and those of its sub-territories, each once.
    expect(figures.byTerritory[europe.id]).toMatchObject({ accounts: 5, revenue: 1005, ownAccounts: 1 });

    // The same rules again move nothing.
    const again = await api.runRules({ planId, scope: { type: 'plan' } });
    expect(again.kinds.every((k) => k.moved === 0)).toBe(true);
  });

  it('runs one territory: only records in it (now or after) can move', async () => {
    const { api, planId, france, germany, franceRule } = await setup();
    await runAndApply(api, planId);
    // France now takes every Lyon account, Germany stops taking Munich: only the France run is asked for.
    await api.updateRule({ planId, ruleId: franceRule.id, patch: { conditions: [is('city', 'Lyon')] } });
    const germanyRule = (await api.listRules({ planId, territoryId: germany.id }))[0].rule;
    await api.updateRule({ planId, ruleId: germanyRule.id, patch: { conditions: [is('city', 'Berlin')] } });
    const preview = await api.runRules({ planId, scope: { type: 'territory', territoryId: france.id } });
    const ofAccounts = preview.kinds.find((k) => k.kind === 'account')!;
    expect(ofAccounts.moved).toBe(1);
    const moved = await api.listPreviewRecords({ previewId: preview.previewId, kind: 'account', list: 'moved' });
    expect(moved.rows.map((r) => r.externalId)).toEqual(['A1']);
  });

  it('runs a filtered set of records', async () => {
    const { api, planId, france } = await setup();
    const preview = await api.runRules({
      planId,
      scope: { type: 'records', kind: 'account', filter: { conditions: [is('city', 'paris')], pattern: '' } },
    });
    const ofAccounts = preview.kinds.find((k) => k.kind === 'account')!;
    expect(ofAccounts.moved).toBe(1);
    await api.applyPreview({ previewId: preview.previewId });
    expect(await territoriesOf(api, planId, 'account', [0, 1])).toEqual([[france.id], []]);
    // Contacts follow the accounts the run placed.
    expect(await territoriesOf(api, planId, 'contact', [0])).toEqual([[france.id]]);
  });

  it('refuses a stale preview and one already applied', async () => {
    const { api, planId, franceRule } = await setup();
    const preview = await api.runRules({ planId, scope: { type: 'plan' } });
    await api.updateRule({ planId, ruleId: franceRule.id, patch: { enabled: false } });
    expect((await api.getPreview({ planId }))?.stale).toBe(true);
    const stale = (await api.applyPreview({ previewId: preview.previewId }).catch((e: unknown) => e)) as ModelError;
    expect(stale.code).toBe('CONFLICT');
    const fresh = await api.runRules({ planId, scope: { type: 'plan' } });
    await api.applyPreview({ previewId: fresh.previewId });
    const gone = (await api.applyPreview({ previewId: fresh.previewId }).catch((e: unknown) => e)) as ModelError;
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('applies all kinds or none: a failure half-way leaves the stored assignment as it was', async () => {
    const { api, db, planId, france, franceRule } = await setup();
    await runAndApply(api, planId);
    const before = await db.assignmentBlocks.where({ planId }).toArray();
    await api.updateRule({ planId, ruleId: franceRule.id, patch: { conditions: [is('country', 'ES')] } });
    const preview = await api.runRules({ planId, scope: { type: 'plan' } });
    // The third kind's write fails, after accounts and contacts were written in the same transaction.
    const table = db.assignmentBlocks;
    const original = table.bulkPut.bind(table);
    let writes = 0;
    table.bulkPut = ((...args: Parameters<typeof original>) => {
      if (++writes === 3) return Promise.reject(new Error('disk full'));
      return original(...args);
    }) as typeof original;
    const error = (await api.applyPreview({ previewId: preview.previewId }).catch((e: unknown) => e)) as ModelError;
    table.bulkPut = original;
    expect(error).toBeInstanceOf(ModelError);
    expect(await db.assignmentBlocks.where({ planId }).toArray()).toEqual(before);
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[france.id]]);
    // The preview is still there and applies once the disk has room again.
    await api.applyPreview({ previewId: preview.previewId });
    expect(await territoriesOf(api, planId, 'account', [0, 3])).toEqual([
      [(await api.listTerritories({ planId })).find((t) => t.name === 'Europe')!.id],
      [france.id],
    ]);
  });

  it('reports rules that cannot run', async () => {
    const { api, db, planId, germany } = await setup();
    // Stored before a field was dropped: rules saved through the API are always valid.
    await db.rules.add({
      id: 'broken',
      planId,
      territoryId: germany.id,
      recordKind: 'account',
      conditions: [is('colour', 'red')],
      pattern: '',
      enabled: true,
    });
    const preview = await api.runRules({ planId, scope: { type: 'plan' } });
    expect(preview.problems).toEqual([
      expect.objectContaining({ ruleId: 'broken', code: 'unknownField', territoryId: germany.id }),
    ]);
  });
});

describe('rules: manual assignments', () => {
  it('survive a run, are flagged, listable, undoable, and can be released back to rules', async () => {
    const { api, planId, france, germany } = await setup();
    await runAndApply(api, planId);
    // Paris (row 0) goes to Germany by hand, against its rule.
    await api.assignManually({ planId, kind: 'account', recordIds: [0], territoryId: germany.id });
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[germany.id]]);
    // Its contact follows at once.
    expect(await territoriesOf(api, planId, 'contact', [0])).toEqual([[germany.id]]);
    expect((await api.assignmentFigures({ planId })).byTerritory[germany.id].accounts).toBe(3);

    const listed = await api.listManualAssignments({ planId });
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toMatchObject({
      recordKind: 'account',
      recordId: 0,
      externalId: 'A1',
      name: 'Alpha Paris',
      territoryId: germany.id,
    });

    // A run keeps it where the planner put it, and says so.
    const preview = await api.runRules({ planId, scope: { type: 'plan' } });
    const ofAccounts = preview.kinds.find((k) => k.kind === 'account')!;
    expect(ofAccounts.manual).toBe(1);
    expect(ofAccounts.moved).toBe(0);
    await api.applyPreview({ previewId: preview.previewId });
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[germany.id]]);
    const hit = (await api.findRecords({ planId, kind: 'account', search: 'alpha' }))[0];
    expect(hit.territories).toEqual([{ territoryId: germany.id, source: 'manual' }]);

    // Release: back to its rules straight away, without a run; undo puts it back by hand.
    await api.releaseManual({ planId, ids: [listed.rows[0].id] });
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[france.id]]);
    expect((await api.getHistory({ planId })).undoLabel).toEqual({ key: 'releaseToRules', params: { count: 1 } });
    await api.undo({ planId });
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[germany.id]]);
    // Then the Apply (which moved nothing): undoing it keeps the placement by hand.
    expect((await api.getHistory({ planId })).undoLabel).toEqual({ key: 'applyRules', params: { count: 0 } });
    await api.undo({ planId });
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[germany.id]]);
    // Undo of the assignment itself gives it back to the rules.
    expect((await api.getHistory({ planId })).undoLabel).toEqual({
      key: 'assignByHand',
      params: { count: 1, territory: 'Germany' },
    });
    await api.undo({ planId });
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[france.id]]);
    await api.redo({ planId });
    expect(await territoriesOf(api, planId, 'account', [0])).toEqual([[germany.id]]);
  });

  it('adds beside or replaces other manual territories, and refuses the organisation', async () => {
    const { api, planId, root, france, germany } = await setup();
    await api.assignManually({ planId, kind: 'account', recordIds: [3], territoryId: france.id });
    await api.assignManually({ planId, kind: 'account', recordIds: [3], territoryId: germany.id, mode: 'add' });
    expect((await territoriesOf(api, planId, 'account', [3]))[0].sort()).toEqual([france.id, germany.id].sort());
    await api.assignManually({ planId, kind: 'account', recordIds: [3], territoryId: germany.id });
    expect(await territoriesOf(api, planId, 'account', [3])).toEqual([[germany.id]]);
    const error = (await api
      .assignManually({ planId, kind: 'account', recordIds: [3], territoryId: root.id })
      .catch((e: unknown) => e)) as ModelError;
    expect(error.code).toBe('CONFLICT');
    const missing = (await api
      .assignManually({ planId, kind: 'account', recordIds: [99], territoryId: france.id })
      .catch((e: unknown) => e)) as ModelError;
    expect(missing.code).toBe('NOT_FOUND');
    await api.releaseManual({ planId, records: { kind: 'account', recordIds: [3] } });
    expect(await territoriesOf(api, planId, 'account', [3])).toEqual([[]]);
  });

  it('sends a deleted territory’s records back to the rules', async () => {
    const { api, planId, europe, germany } = await setup();
    await runAndApply(api, planId);
    await api.deleteTerritory({ planId, territoryId: germany.id, policy: 'deleteSubtree' });
    expect(await territoriesOf(api, planId, 'account', [2])).toEqual([[europe.id]]);
  });
});

describe('rules: explain', () => {
  it('explains rules that held (with values), the first failed condition elsewhere, manual and inherited', async () => {
    const { api, planId, europe, france, germany } = await setup();
    await runAndApply(api, planId);
    const here = await api.explainRecord({ planId, kind: 'account', recordId: 0 });
    expect(here.record).toMatchObject({ externalId: 'A1', name: 'Alpha Paris', place: 'Paris, FR' });
    expect(here.explanations).toHaveLength(1);
    expect(here.explanations[0]).toMatchObject({
      territoryId: france.id,
      assigned: true,
      source: 'rule',
      reason: 'rulesMatched',
    });
    expect(here.explanations[0].path.map((s) => s.territoryId)).toEqual([europe.id, france.id]);
    expect(here.explanations[0].path[1].rules[0].conditions[0]).toMatchObject({
      number: 1,
      held: true,
      values: { country: 'FR' },
    });

    const elsewhere = await api.explainRecord({ planId, kind: 'account', recordId: 0, territoryId: germany.id });
    expect(elsewhere.explanations[0]).toMatchObject({ assigned: false, reason: 'ruleFailed' });
    expect(elsewhere.explanations[0].failedAt?.rules[0]).toMatchObject({ firstFailed: 1 });

    const contact = await api.explainRecord({ planId, kind: 'contact', recordId: 1 });
    expect(contact.explanations[0]).toMatchObject({
      reason: 'inheritedFromAccount',
      account: { externalId: 'A3', name: 'Gamma Berlin' },
    });

    await api.assignManually({ planId, kind: 'account', recordIds: [0], territoryId: germany.id });
    const manual = await api.explainRecord({ planId, kind: 'account', recordId: 0 });
    expect(manual.explanations[0]).toMatchObject({ territoryId: germany.id, reason: 'manual', source: 'manual' });
  });

  it('explains a record in no territory at the first level', async () => {
    const { api, planId, europe } = await setup();
    const ofFirstLevel = await api.explainRecord({ planId, kind: 'account', recordId: 0 });
    expect(ofFirstLevel.explanations.map((e) => e.territoryId)).toEqual([europe.id]);
    expect(ofFirstLevel.explanations[0].assigned).toBe(false);
  });
});

describe('rules: other views', () => {
  it('fills the Accounts table’s territories and colours the map’s points', async () => {
    const { api, planId, france, germany } = await setup();
    const before = await api.queryRecords({ kind: 'account', planId, offset: 0, limit: 10 });
    expect(before.rows[0].territories).toBeUndefined();
    await runAndApply(api, planId);
    const page = await api.queryRecords({ kind: 'account', planId, offset: 0, limit: 10 });
    expect(page.rows.map((r) => r.territories)).toEqual([['France'], ['France'], ['Germany'], ['Europe'], ['Germany']]);

    const points = await api.getRecordPoints({ kind: 'account', planId });
    expect(Array.from(points.recordIds)).toEqual([0, 2]);
    const ids = points.territoryIds!;
    expect(Array.from(points.territoryOfPoint!, (t) => ids[t])).toEqual([france.id, germany.id]);
    expect(points.territoryColors![ids.indexOf(france.id)]).toBe(france.color);
    // Without a plan, points only.
    expect((await api.getRecordPoints({ kind: 'account' })).territoryOfPoint).toBeUndefined();
  });
});

describe('rules: the sample plan', () => {
  it('opens assigned', async () => {
    const { api } = await openTestModel();
    const plan = await api.createSamplePlan({});
    const figures = await api.assignmentFigures({ planId: plan.id });
    expect(figures.applied).toBe(true);
    const territories = await api.listTerritories({ planId: plan.id });
    const root = territories.find((t) => t.parentId === null)!;
    expect(figures.byTerritory[root.id].accounts).toBeGreaterThan(2900);
    const nord = territories.find((t) => t.name === 'France Nord')!;
    expect(figures.byTerritory[nord.id].accounts).toBeGreaterThan(0);
  }, 60_000);
});

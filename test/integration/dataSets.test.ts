// Issue #15: records have a home. The sample lives in "Sample data", each import in a set named after its file;
// a new plan leaves the sample out, and deleting a set (or some records) says what goes first.
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import { fixture } from '../unit/import/helpers';
import { openTestModel } from './testDb';

let tasks = 0;

async function importFile(api: ModelApi, name: string, kind: 'account' | 'user', bytes = fixture(name)) {
  const analysis = await api.analyzeImportFile({ fileName: name, bytes, kind });
  await api.checkImport({ importId: analysis.importId, taskId: `c${tasks++}`, mapping: analysis.mapping });
  return api.commitImport({ importId: analysis.importId, taskId: `m${tasks++}`, onlyValidRows: false });
}

const accountsOf = async (api: ModelApi, planId?: string) =>
  (await api.queryRecords({ kind: 'account', offset: 0, limit: 1000, ...(planId && { planId }) })).total;

describe('data sets', () => {
  it('keeps the sample out of a new plan, its Accounts and its export', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    await importFile(api, 'e2e-accounts.csv', 'account');
    const sets = await api.listDataSets({});
    const sampleSet = sets.find((s) => s.origin === 'sample')!;
    const imported = sets.find((s) => s.origin === 'import')!;
    expect(sampleSet).toMatchObject({ name: 'Sample data', records: { account: 3000 } });
    expect(sampleSet.users).toBeGreaterThan(0);
    expect(imported).toMatchObject({ name: 'e2e-accounts.csv', records: { account: 15, contact: 0 } });

    const plan = await api.createPlan({ name: 'Real work' });
    expect(plan.excludedDataSetIds).toEqual([sampleSet.id]);
    expect(await accountsOf(api, plan.id)).toBe(15);
    // The sample plan plans over everything.
    expect(await accountsOf(api, sample.id)).toBe(3015);
    const inPlan = await api.listDataSets({ planId: plan.id });
    expect(inPlan.map((s) => [s.origin, s.inPlan])).toEqual([
      ['sample', false],
      ['import', true],
    ]);
    const exported = await api.exportPlan({ planId: plan.id, what: 'assignments', layout: 'perRecord' });
    const text = new TextDecoder().decode(exported.files[0].bytes);
    expect(text).toContain('E-001');
    expect(text).not.toContain('ACC-00001');

    // Planning over the sample too is a plan setting, undoable.
    await api.updatePlan({ planId: plan.id, patch: { excludedDataSetIds: [] } });
    expect(await accountsOf(api, plan.id)).toBe(3015);
    await api.undo({ planId: plan.id });
    expect(await accountsOf(api, plan.id)).toBe(15);
  });

  it('deletes the sample after saying what goes, and no plan sees it again', async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const fr = (await api.listTerritories({ planId: sample.id })).find((t) => t.parentId !== null)!;
    await api.assignManually({
      planId: sample.id,
      kind: 'account',
      recordIds: [0, 1],
      territoryId: fr.id,
      mode: 'add',
    });
    const sampleSet = (await api.listDataSets({})).find((s) => s.origin === 'sample')!;
    const impact = await api.dataSetDeletionImpact({ dataSetId: sampleSet.id });
    expect(impact.records.account).toBe(3000);
    expect(impact.records.contact).toBeGreaterThan(3000);
    expect(impact.records.deal).toBeGreaterThan(1000);
    expect(impact.users).toBe(sampleSet.users);
    const [inSample] = impact.plans;
    expect(inSample).toMatchObject({ planId: sample.id, manual: 2 });
    expect(inSample.placed).toBeGreaterThan(2900);
    expect(inSample.memberships).toBeGreaterThan(0);

    const deleted = await api.deleteDataSet({ dataSetId: sampleSet.id });
    expect(deleted.records.account).toBe(3000);
    expect(await api.countRecords({})).toEqual({ account: 0, contact: 0, lead: 0, deal: 0 });
    expect(await api.listUsers({})).toEqual([]);
    expect(await db.manualAssignments.count()).toBe(0);
    expect(await db.memberships.count()).toBe(0);
    expect(await api.listDataSets({})).toEqual([]);
    const plan = await api.createPlan({ name: 'After the sample' });
    expect(await accountsOf(api, plan.id)).toBe(0);
    // Opening the sample again brings it back, in a "Sample data" set again.
    await api.createSamplePlan({});
    expect((await api.listDataSets({})).map((s) => [s.name, s.records.account])).toEqual([['Sample data', 3000]]);
    expect(await accountsOf(api, plan.id)).toBe(0);
  });

  it('deletes an import batch, a selection, or what a filter matches', async () => {
    const { api } = await openTestModel();
    const first = await importFile(api, 'e2e-accounts.csv', 'account');
    const second = await importFile(
      api,
      'more-accounts.csv',
      'account',
      new TextEncoder().encode(
        'Account ID,Account Name,Billing Country\nX-1,Extra One,France\nX-2,Extra Two,Germany\n',
      ),
    );
    expect(first.dataSetId).not.toBe(second.dataSetId);
    const plan = await api.createPlan({ name: 'Plan' });
    expect(await accountsOf(api, plan.id)).toBe(17);

    const byFilter = {
      kind: 'account' as const,
      planId: plan.id,
      filters: [{ field: 'countryCode', operator: 'is' as const, value: 'FR' }],
    };
    const impact = await api.recordDeletionImpact(byFilter);
    const frenchBefore = impact.records.account;
    expect(frenchBefore).toBeGreaterThan(1);
    await api.deleteRecords(byFilter);
    expect(await accountsOf(api, plan.id)).toBe(17 - frenchBefore);

    await api.deleteDataSet({ dataSetId: second.dataSetId! });
    const left = await api.listDataSets({});
    expect(left.map((s) => s.name)).toEqual(['e2e-accounts.csv']);
    const page = await api.queryRecords({ kind: 'account', offset: 0, limit: 100, planId: plan.id });
    expect(page.rows.every((r) => String(r.values.externalId).startsWith('E-'))).toBe(true);

    const one = page.rows[0].id;
    await api.deleteRecords({ kind: 'account', recordIds: [one] });
    expect(await accountsOf(api, plan.id)).toBe(page.total - 1);
  });
});

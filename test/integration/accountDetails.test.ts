// Issue #15: the Accounts view filters by territory (with its sub-territories) and by "in no territory", deletes
// exactly the shown records, and a record's details say its owner (a sales person matched by ID), its data set
// and how many contacts and deals it has.
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import { fixture } from '../unit/import/helpers';
import { openTestModel } from './testDb';

let tasks = 0;
async function importFile(api: ModelApi, name: string, kind: 'account' | 'deal' | 'user', text?: string) {
  const bytes = text ? new TextEncoder().encode(text) : fixture(name);
  const analysis = await api.analyzeImportFile({ fileName: name, bytes, kind });
  await api.checkImport({ importId: analysis.importId, taskId: `c${tasks++}`, mapping: analysis.mapping });
  return api.commitImport({ importId: analysis.importId, taskId: `m${tasks++}`, onlyValidRows: false });
}

describe('accounts by territory, and one account in full', () => {
  it('filters by territory and by no territory, and deletes only what is shown', async () => {
    const { api } = await openTestModel();
    await importFile(api, 'e2e-accounts.csv', 'account');
    const plan = await api.createPlan({ name: 'Plan' });
    const all = await api.queryRecords({ kind: 'account', offset: 0, limit: 100, planId: plan.id });
    const [root] = (await api.listTerritories({ planId: plan.id })).filter((t) => t.parentId === null);
    const europe = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'Europe' });
    const france = await api.createTerritory({ planId: plan.id, parentId: europe.id, name: 'France' });
    const ids = (ext: string[]) => all.rows.filter((r) => ext.includes(String(r.values.externalId))).map((r) => r.id);
    for (const [territory, ext] of [
      [france, ['E-001', 'E-004']],
      [europe, ['E-005']],
    ] as const) {
      await api.assignManually({
        planId: plan.id,
        kind: 'account',
        recordIds: ids([...ext]),
        territoryId: territory.id,
        mode: 'add',
      });
    }
    const shown = async (inTerritory: string | null) =>
      (await api.queryRecords({ kind: 'account', offset: 0, limit: 100, planId: plan.id, inTerritory })).rows
        .map((r) => r.values.externalId)
        .sort();
    expect(await shown(france.id)).toEqual(['E-001', 'E-004']);
    // A territory shows its sub-territories' accounts too.
    expect(await shown(europe.id)).toEqual(['E-001', 'E-004', 'E-005']);
    const nowhere = await shown(null);
    expect(nowhere).toHaveLength(all.total - 3);
    expect(nowhere).not.toContain('E-001');
    // Against a plain count: every account is in exactly one of "Europe" (or below) and "no territory".
    expect(nowhere.length + (await shown(europe.id)).length).toBe(all.total);

    // "Delete the shown" with the territory filter deletes those, not every account.
    const impact = await api.recordDeletionImpact({ kind: 'account', planId: plan.id, inTerritory: france.id });
    expect(impact.records.account).toBe(2);
    await api.deleteRecords({ kind: 'account', planId: plan.id, inTerritory: france.id });
    expect((await api.queryRecords({ kind: 'account', offset: 0, limit: 100, planId: plan.id })).total).toBe(
      all.total - 2,
    );
  });

  it('gives a record in full: fields, owner, data set, contacts and deals', async () => {
    const { api } = await openTestModel();
    await importFile(api, 'users.csv', 'user');
    await importFile(api, 'e2e-accounts.csv', 'account');
    await importFile(
      api,
      'deals.csv',
      'deal',
      'Deal ID,Deal Name,Account ID,Amount,Stage,Close Date\nD-1,Renewal,E-001,500,Closed Won,2026-03-01\nD-2,Upsell,E-001,900,Negotiation,2026-09-01\n',
    );
    const page = await api.queryRecords({ kind: 'account', offset: 0, limit: 100, search: 'Société Générale' });
    const details = await api.recordDetails({ kind: 'account', recordId: page.rows[0].id });
    expect(details.values.externalId).toBe('E-001');
    expect(details.values.city).toBe('Paris');
    expect(details.owner).toMatchObject({ value: 'u-1', name: 'Marie Curie', email: 'marie@example.invalid' });
    expect(details.dataSet).toBe('e2e-accounts.csv');
    expect([details.contacts, details.deals]).toEqual([0, 2]);
    await expect(api.recordDetails({ kind: 'account', recordId: 10_000 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

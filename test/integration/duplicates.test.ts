// Issue #15: duplicates across imports. A French Zoho export of some of the same companies under other IDs:
// same name (legal form, case and accents aside) and postal code, an old ID kept in another column; the pairs
// are found, one merged (contacts, deals and placements follow), one kept apart.
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import { companyKey, domainKey } from '../../src/model/engine/duplicates';
import { fixture } from '../unit/import/helpers';
import { openTestModel, reopenTestModel, storedState } from './testDb';

let tasks = 0;
async function importFile(api: ModelApi, name: string, kind: 'account' | 'deal', bytes = fixture(name)) {
  const analysis = await api.analyzeImportFile({ fileName: name, bytes, kind });
  await api.checkImport({ importId: analysis.importId, taskId: `c${tasks++}`, mapping: analysis.mapping });
  return api.commitImport({ importId: analysis.importId, taskId: `m${tasks++}`, onlyValidRows: false });
}

/** Two exports of some of the same companies under other IDs, and a deal of one of the second export's. */
async function importTwoExports(api: ModelApi) {
  await importFile(api, 'e2e-accounts.csv', 'account');
  await importFile(api, 'duplicates-zoho-fr.csv', 'account');
  const deals = 'Deal ID,Deal Name,Account ID,Amount,Stage,Close Date\nD-1,Renewal,Z-1,500,Closed Won,2026-03-01\n';
  await importFile(api, 'deals.csv', 'deal', new TextEncoder().encode(deals));
}

describe('duplicates across imports', () => {
  it('normalises company names and domains', () => {
    expect(companyKey('SOCIETE GENERALE S.A.')).toBe(companyKey('Société Générale'));
    expect(companyKey('Maple Leaf Limited')).toBe(companyKey('Maple Leaf Ltd'));
    expect(companyKey('Acme Corp')).toBe('acme');
    expect(companyKey('Acme Corp')).not.toBe(companyKey('Acme Tools'));
    expect(domainKey('https://www.Acme.com/about')).toBe('acme.com');
    expect(domainKey('sales@acme.com')).toBe('acme.com');
    expect(domainKey('not a site')).toBe('');
  });

  it('finds pairs across two exports, merges one and keeps another apart', async () => {
    const { api, db } = await openTestModel();
    await importTwoExports(api);
    const plan = await api.createPlan({ name: 'Plan' });

    const found = await api.findDuplicates({ planId: plan.id });
    const pairs = found.groups.map((g) => [g.accounts.map((a) => a.externalId).sort(), g.reasons]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [['E-001', 'Z-1'], ['nameAndPlace']],
        [['E-004', 'Z-2'], ['externalId']],
        [['E-003', 'Z-3'], ['nameAndPlace']],
      ]),
    );
    expect(found.total).toBe(3);
    expect(JSON.stringify(found)).not.toContain('Z-4');

    // Merge Z-1 into E-001: E-001 takes its website, its deal; Z-1 is gone.
    const group = found.groups.find((g) => g.accounts.some((a) => a.externalId === 'Z-1'))!;
    const keep = group.accounts.find((a) => a.externalId === 'E-001')!;
    const other = group.accounts.find((a) => a.externalId === 'Z-1')!;
    const [territory] = (await api.listTerritories({ planId: plan.id })).filter((t) => t.parentId === null);
    const child = await api.createTerritory({ planId: plan.id, parentId: territory.id, name: 'Paris' });
    await api.assignManually({
      planId: plan.id,
      kind: 'account',
      recordIds: [other.id],
      territoryId: child.id,
      mode: 'add',
    });
    expect(await api.mergeAccounts({ keepId: keep.id, mergeIds: [other.id] })).toEqual({
      merged: 1,
      contacts: 0,
      deals: 1,
      undoable: false,
    });
    const page = await api.queryRecords({ kind: 'account', offset: 0, limit: 100, planId: plan.id });
    expect(page.total).toBe(18);
    const kept = page.rows.find((r) => r.values.externalId === 'E-001')!;
    expect(Object.values(kept.values)).toContain('https://www.societegenerale.fr');
    const deal = (await api.queryRecords({ kind: 'deal', offset: 0, limit: 10 })).rows[0];
    expect(deal.values.accountExternalId).toBe('E-001');
    expect((await db.manualAssignments.toArray()).map((m) => m.recordId)).toEqual([keep.id]);

    // Maple Leaf Ltd and Maple Leaf Limited are kept apart: no longer proposed.
    const maple = found.groups.find((g) => g.accounts.some((a) => a.externalId === 'Z-3'))!;
    await api.keepApart({ ids: maple.accounts.map((a) => a.id) });
    const left = await api.findDuplicates({ planId: plan.id });
    expect(left.groups.map((g) => g.accounts.map((a) => a.externalId).sort())).toEqual([['E-004', 'Z-2']]);
  });

  it('undoes a merge made from a draft plan, after a reload too, and redoes it', async () => {
    const { api, db } = await openTestModel();
    await importTwoExports(api);
    const plan = await api.createPlan({ name: 'Plan' });
    const other = await api.createPlan({ name: 'Other' });
    const found = await api.findDuplicates({ planId: plan.id });
    const group = found.groups.find((g) => g.accounts.some((a) => a.externalId === 'Z-1'))!;
    const keep = group.accounts.find((a) => a.externalId === 'E-001')!;
    const gone = group.accounts.find((a) => a.externalId === 'Z-1')!;
    // Both accounts placed by hand in the same territory of one plan, the merged one alone in another plan's.
    for (const [planId, ids] of [
      [plan.id, [keep.id, gone.id]],
      [other.id, [gone.id]],
    ] as const) {
      const [root] = await api.listTerritories({ planId });
      const child = await api.createTerritory({ planId, parentId: root.id, name: 'Paris' });
      await api.assignManually({ planId, kind: 'account', recordIds: [...ids], territoryId: child.id, mode: 'add' });
    }
    const before = await storedState(db);

    const merged = await api.mergeAccounts({ keepId: keep.id, mergeIds: [gone.id], planId: plan.id });
    expect(merged).toEqual({ merged: 1, contacts: 0, deals: 1, undoable: true });
    expect(await api.getHistory({ planId: plan.id })).toMatchObject({
      undoLabel: { key: 'mergeRecords', params: { count: 1 } },
    });
    const after = await storedState(db);
    expect(after.records.account.some((r) => r.externalId === 'Z-1')).toBe(false);
    expect(after.records.deal[0]).toMatchObject({ accountExternalId: 'E-001' });
    expect(after.manual.map((m) => [m.planId, m.recordId])).toEqual(
      expect.arrayContaining([
        [plan.id, keep.id],
        [other.id, keep.id],
      ]),
    );
    expect(after.manual).toHaveLength(2);

    await api.undo({ planId: plan.id });
    expect(await storedState(db)).toEqual(before);
    expect((await api.findDuplicates({ planId: plan.id })).total).toBe(found.total);

    db.close();
    const reloaded = await reopenTestModel(db.name);
    await reloaded.api.redo({ planId: plan.id });
    expect(await storedState(reloaded.db)).toEqual(after);
    await reloaded.api.undo({ planId: plan.id });
    expect(await storedState(reloaded.db)).toEqual(before);
  });
});

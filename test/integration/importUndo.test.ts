// Issue #15: an import made from a draft plan is a step of its history. Undo takes away what it created (records,
// sales people, their data set, and what other plans placed on them since) and writes back what it updated, in one
// transaction; redo brings it all back, also after a reload. The tables are compared with snapshots read before
// and after, straight from the stored tables (not through the undo code). Real Dexie schema over fake-indexeddb.
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import type { ImportKind } from '../../src/shared/imports';
import { openTestModel, reopenTestModel, storedState } from './testDb';

let tasks = 0;

async function importText(api: ModelApi, planId: string, kind: ImportKind, fileName: string, text: string) {
  const analysis = await api.analyzeImportFile({ fileName, bytes: new TextEncoder().encode(text), kind });
  await api.checkImport({ importId: analysis.importId, taskId: `c${tasks++}`, mapping: analysis.mapping, planId });
  return api.commitImport({ importId: analysis.importId, taskId: `m${tasks++}`, onlyValidRows: false, planId });
}

const accountsFile = [
  'Account ID,Account Name,City,Country,Annual Revenue,Tier',
  // Two sample accounts updated (a new name, city and revenue, and a column the sample does not have)...
  'ACC-00001,Renamed One,Lyon,France,1234567,Gold',
  'ACC-00002,Renamed Two,Marseille,France,7654321,Silver',
  // ...and three new ones.
  'NEW-1,Nouvelle Une,Paris,France,100000,Bronze',
  'NEW-2,Nouvelle Deux,Lille,France,200000,Gold',
  'NEW-3,Nouvelle Trois,Nantes,France,300000,',
].join('\n');

describe('undoing an import', () => {
  it('takes back the records it created and updated, after a reload too, and redoes it', async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const other = await api.duplicatePlan({ planId: sample.id, name: 'Other' });
    const before = await storedState(db);
    const accountsBefore = (await api.countRecords({})).account;

    const result = await importText(api, sample.id, 'account', 'crm.csv', accountsFile);
    expect(result).toMatchObject({ created: 3, updated: 2, undoable: true });
    expect(await api.getHistory({ planId: sample.id })).toMatchObject({
      canUndo: true,
      undoLabel: { key: 'importRecords', params: { count: 5, fileName: 'crm.csv' } },
    });
    // Another plan places a new account by hand meanwhile: the undo takes that placement with the account.
    const newRow = accountsBefore; // row ids are never reused: the first new record comes after the sample's
    const [territory] = (await api.listTerritories({ planId: other.id })).filter((t) => t.parentId !== null);
    await api.assignManually({
      planId: other.id,
      kind: 'account',
      recordIds: [newRow],
      territoryId: territory.id,
      mode: 'add',
    });
    const after = await storedState(db);
    expect(after.records.account.find((r) => r.row === newRow)).toMatchObject({ externalId: 'NEW-1' });
    expect(after.records.account.find((r) => r.externalId === 'ACC-00001')).toMatchObject({
      name: 'Renamed One',
      city: 'Lyon',
      tier: 'Gold',
    });
    expect(after.dataSets.map((s) => s.name)).toContain('crm.csv');

    await api.undo({ planId: sample.id });
    expect(await storedState(db)).toEqual(before);
    expect((await api.countRecords({})).account).toBe(accountsBefore);
    expect(await api.getHistory({ planId: sample.id })).toMatchObject({
      canRedo: true,
      redoLabel: { key: 'importRecords', params: { count: 5, fileName: 'crm.csv' } },
    });

    // A reload: a new model over the same database redoes it, placement by hand included.
    db.close();
    const reloaded = await reopenTestModel(db.name);
    await reloaded.api.redo({ planId: sample.id });
    expect(await storedState(reloaded.db)).toEqual(after);
    expect((await reloaded.api.countRecords({})).account).toBe(accountsBefore + 3);
    await reloaded.api.undo({ planId: sample.id });
    expect(await storedState(reloaded.db)).toEqual(before);
  });

  it('takes back the sales people it created and the managers it changed', async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const [someone] = (await api.listUsers({})).filter((u) => u.managerUserId !== null);
    const before = await storedState(db);
    const file = [
      'Employee ID,Full Name,Email,Title,Reports To',
      // An existing person gets a new title and a manager from the same file.
      `${someone.externalId},${someone.name},${someone.email},Regional Director,Claire Martin`,
      'E1,Claire Martin,claire.martin@acme.fr,VP Sales,',
      'E2,Hugo Petit,hugo.petit@acme.fr,Account Executive,E1',
    ].join('\n');
    const result = await importText(api, sample.id, 'user', 'team.csv', file);
    expect(result).toMatchObject({ created: 2, updated: 1, undoable: true });
    expect((await api.getHistory({ planId: sample.id })).undoLabel).toEqual({
      key: 'importPeople',
      params: { count: 3, fileName: 'team.csv' },
    });
    const after = await storedState(db);
    const claire = after.users.find((u) => u.name === 'Claire Martin')!;
    expect(after.users.find((u) => u.id === someone.id)).toMatchObject({
      title: 'Regional Director',
      managerUserId: claire.id,
    });

    await api.undo({ planId: sample.id });
    expect(await storedState(db)).toEqual(before);
    await api.redo({ planId: sample.id });
    expect(await storedState(db)).toEqual(after);
  });

  it('is not a step of a final plan, nor of no plan', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    await api.setPlanStatus({ planId: sample.id, status: 'final' });
    const result = await importText(api, sample.id, 'account', 'crm.csv', accountsFile);
    expect(result).toMatchObject({ created: 3, undoable: false });
    expect((await api.getHistory({ planId: sample.id })).canUndo).toBe(false);
  });
});

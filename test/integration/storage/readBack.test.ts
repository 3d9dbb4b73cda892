/**
 * What is read back from storage is validated: a plan, a territory or record metadata that does not hold its
 * shape answers a typed STORAGE error (storedDataInvalid, naming table and key) instead of flowing into the UI or
 * crashing the model host (a rowCount of billions used to be allocated as is).
 */
import { describe, expect, it } from 'vitest';
import type { ModelError } from '../../../src/shared/errors';
import { coreFieldDefs } from '../../../src/shared/records';
import { appendRow, createRecordTable } from '../../../src/model/records/recordTable';
import { saveRecordTable } from '../../../src/model/records/storage';
import { openTestModel, testDeps } from '../testDb';

const refusal = (promise: Promise<unknown>) => promise.then(() => null).catch((e: unknown) => e as ModelError);

describe('validated reads', () => {
  it('refuses a stored plan that lost its name, with the plan’s id', async () => {
    const { api, db } = await openTestModel();
    const plan = await api.createPlan({ name: 'FY27' });
    await db.plans.toCollection().modify((row) => {
      (row as { name: unknown }).name = 42;
    });
    const error = await refusal(api.getPlan({ planId: plan.id }));
    expect(error).toMatchObject({ code: 'STORAGE', key: 'storedDataInvalid' });
    expect(error?.details).toMatchObject({ table: 'plans', key: plan.id });
    expect(await refusal(api.listPlans({}))).toMatchObject({ code: 'STORAGE', key: 'storedDataInvalid' });
  });

  it('refuses a stored territory whose geography is not a geography', async () => {
    const { api, db } = await openTestModel();
    const plan = await api.createPlan({ name: 'FY27' });
    const [root] = await api.listTerritories({ planId: plan.id });
    const france = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'France', code: 'FR' });
    // Another model (a fresh start) reads it from storage, not from the first one's cache.
    await db.territories
      .where('id')
      .equals(france.id)
      .modify((row) => {
        (row as { geography: unknown }).geography = 'everywhere';
      });
    const { api: restarted } = await reopen(db.name);
    const error = await refusal(restarted.listTerritories({ planId: plan.id }));
    expect(error).toMatchObject({ code: 'STORAGE', key: 'storedDataInvalid' });
    expect(error?.details).toMatchObject({ table: 'territories', key: france.id });
  });

  it('refuses record metadata claiming more rows than are stored, before allocating them', async () => {
    const { db } = await openTestModel();
    const accounts = createRecordTable('account', coreFieldDefs('account'));
    appendRow(accounts, { externalId: 'A1', name: 'Alpha', country: 'FR' });
    await saveRecordTable(db, accounts);
    await db.recordMeta.update('account', { rowCount: 5_000_000_000 });
    const { api } = await reopen(db.name);
    const tooMany = await refusal(api.countRecords({}));
    expect(tooMany).toMatchObject({ code: 'STORAGE', key: 'storedDataInvalid' });
    expect(tooMany?.details).toMatchObject({ table: 'recordMeta', key: 'account' });

    // Within bounds but not what the blocks hold: found when the rows are read (counts come from the stored ones).
    await db.recordMeta.update('account', { rowCount: 7 });
    const { api: again } = await reopen(db.name);
    const mismatch = await refusal(again.queryRecords({ kind: 'account', search: 'Alpha', offset: 0, limit: 10 }));
    expect(mismatch).toMatchObject({ code: 'STORAGE', key: 'storedDataInvalid' });
    expect(mismatch?.message).toMatch(/rowCount 7 but 1 rows stored/);

    // Put right, the records read again.
    await db.recordMeta.update('account', { rowCount: 1 });
    const { api: fixed } = await reopen(db.name);
    expect((await fixed.countRecords({})).account).toBe(1);
  });
});

async function reopen(name: string) {
  const { PlannerDb } = await import('../../../src/model/db/schema');
  const { createModelService } = await import('../../../src/model/service');
  const { createModelClient } = await import('../../../src/shared/bridge');
  const db = new PlannerDb(name);
  await db.open();
  const service = createModelService(db, testDeps);
  return {
    db,
    api: createModelClient({
      call: (method, input) => service.call(method, input) as never,
      onEvent: (listener) => service.subscribe(listener),
    }),
  };
}

// Issue #15: deleting records can be undone. Made from a draft plan, a deletion is a step of that plan's history
// holding what it took: the rows, the manual placements of every plan, the sales people of a deleted set with their
// memberships and manager links, and the set itself. Undo puts it all back in one transaction, also after a
// restart of the model over the same database; redo deletes it again. Real Dexie schema over fake-indexeddb.
import { describe, expect, it } from 'vitest';
import { PlannerDb } from '../../src/model/db/schema';
import type { ModelApi } from '../../src/shared/api';
import { openTestModel, reopenTestModel } from './testDb';

/** Everything a deletion touches, read through the API and the tables (not through the undo code). */
async function snapshot(api: ModelApi, db: PlannerDb, planIds: string[]) {
  const perPlan = [];
  for (const planId of planIds) {
    const figures = await api.assignmentFigures({ planId });
    perPlan.push({
      counts: await api.countRecords({ planId }),
      byTerritory: Object.fromEntries(Object.entries(figures.byTerritory).map(([id, f]) => [id, f.accounts])),
      unassigned: figures.unassignedAccounts,
      manual: (await api.listManualAssignments({ planId, kind: 'account' })).total,
    });
  }
  const users = await api.listUsers({});
  return {
    counts: await api.countRecords({}),
    sets: (await api.listDataSets({})).map((s) => [s.id, s.name, s.records.account]),
    users: users.map((u) => [u.id, u.managerUserId]).sort(),
    memberships: (await db.memberships.toArray()).map((m) => m.id).sort(),
    manual: (await db.manualAssignments.toArray()).map((m) => m.id).sort(),
    perPlan,
  };
}

describe('undoing a deletion of records', () => {
  it('puts back the sample data set and all it touched, after a reload too, and redoes it', async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    // A second plan over the sample, with placements by hand of its own: the deletion touches it too.
    const other = await api.duplicatePlan({ planId: sample.id, name: 'Other' });
    const [first] = (await api.listTerritories({ planId: other.id })).filter((t) => t.parentId !== null);
    for (const planId of [sample.id, other.id]) {
      const territory = (await api.listTerritories({ planId })).find((t) => t.name === first.name)!;
      await api.assignManually({
        planId,
        kind: 'account',
        recordIds: [0, 1, 2],
        territoryId: territory.id,
        mode: 'add',
      });
    }
    const before = await snapshot(api, db, [sample.id, other.id]);
    expect(before.counts.account).toBe(3000);
    expect(before.memberships.length).toBeGreaterThan(0);
    expect(before.users.some(([, manager]) => manager !== null)).toBe(true);

    const sampleSet = (await api.listDataSets({})).find((s) => s.origin === 'sample')!;
    const deleted = await api.deleteDataSet({ dataSetId: sampleSet.id, planId: sample.id });
    expect(deleted.undoable).toBe(true);
    expect(await api.countRecords({})).toEqual({ account: 0, contact: 0, lead: 0, deal: 0 });
    expect(await db.manualAssignments.count()).toBe(0);
    expect(await api.getHistory({ planId: sample.id })).toMatchObject({
      canUndo: true,
      undoLabel: {
        key: 'deleteRecords',
        params: { count: deleted.records.account + deleted.records.contact + deleted.records.deal },
      },
    });

    // A reload: a new model over the same database undoes it.
    db.close();
    const reloaded = await reopenTestModel(db.name);
    await reloaded.api.undo({ planId: sample.id });
    expect(await snapshot(reloaded.api, reloaded.db, [sample.id, other.id])).toEqual(before);

    // Redo deletes it all again; undo once more brings it back.
    await reloaded.api.redo({ planId: sample.id });
    expect(await reloaded.api.countRecords({})).toEqual({ account: 0, contact: 0, lead: 0, deal: 0 });
    expect(await reloaded.db.memberships.count()).toBe(0);
    expect((await reloaded.api.listDataSets({})).some((s) => s.origin === 'sample')).toBe(false);
    await reloaded.api.undo({ planId: sample.id });
    expect(await snapshot(reloaded.api, reloaded.db, [sample.id, other.id])).toEqual(before);
  });

  it('puts back the records a filter deleted, with their contacts, deals and placements by hand', async () => {
    const { api, db } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const france = (await api.listTerritories({ planId: sample.id })).find((t) => t.parentId !== null)!;
    await api.assignManually({
      planId: sample.id,
      kind: 'account',
      recordIds: [5],
      territoryId: france.id,
      mode: 'add',
    });
    const before = await snapshot(api, db, [sample.id]);
    const selection = {
      kind: 'account' as const,
      planId: sample.id,
      filters: [{ field: 'annualRevenue', operator: 'ge' as const, value: 10_000_000 }],
    };
    const impact = await api.recordDeletionImpact(selection);
    expect(impact.records.account).toBeGreaterThan(0);
    const deleted = await api.deleteRecords(selection);
    expect(deleted).toMatchObject({ undoable: true, records: impact.records });
    expect((await api.countRecords({})).account).toBe(before.counts.account - impact.records.account);

    await api.undo({ planId: sample.id });
    expect(await snapshot(api, db, [sample.id])).toEqual(before);
  });

  it('is not a step of a final plan: said before, and nothing to undo after', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    await api.setPlanStatus({ planId: sample.id, status: 'final' });
    const deleted = await api.deleteRecords({ kind: 'account', planId: sample.id, recordIds: [0] });
    expect(deleted.undoable).toBe(false);
    expect((await api.getHistory({ planId: sample.id })).canUndo).toBe(false);
  });
});

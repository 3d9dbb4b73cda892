// Schema version 8 (issue #15): records and people stored by version 7 get a data set; plans other than the
// sample's leave the sample out.
import { describe, expect, it } from 'vitest';
import { PlannerDb, SCHEMA_VERSION, schemaSteps } from '../../src/model/db/schema';
import { SAMPLE_DATA_SET_ID, LEGACY_DATA_SET_ID } from '../../src/model/records/dataSetsUpgrade';
import { createRecordTable, ensureCapacity, setCell } from '../../src/model/records/recordTable';
import { loadRecordTable, saveRecordTable } from '../../src/model/records/storage';
import type { Plan } from '../../src/shared/domain';
import { coreFieldDefs } from '../../src/shared/records';
import { geoSource } from '../unit/import/helpers';

const beforeDataSets = schemaSteps.filter((s) => s.version < 8);

const plan = (id: string, notes: string): Plan => ({
  id,
  name: id,
  status: 'draft',
  basedOnPlanId: null,
  fiscalYearStartMonth: 1,
  targetPeriod: 'quarter',
  currency: 'EUR',
  matchMode: 'allDeepest',
  maxTerritoriesPerRecord: 10,
  notes,
  finalizedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('schema version 8: data sets', () => {
  it('puts version 7 records and people in "Sample data" or "Imported", over several blocks', async () => {
    const name = `datasets-upgrade-${Date.now()}`;
    const v7 = new PlannerDb(name, undefined, beforeDataSets, { geoSource });
    await v7.open();
    expect(v7.verno).toBe(7);
    const table = createRecordTable('account', coreFieldDefs('account'));
    const rows = 12_000;
    ensureCapacity(table, rows);
    for (let r = 0; r < rows; r++) {
      table.rowCount = r + 1;
      // Every third row is the sample's (ACC-00001 ...), the others a CRM's own IDs (one looks alike but is not).
      const id = r % 3 === 0 ? `ACC-${String(r + 1).padStart(5, '0')}` : r === 1 ? 'ACC-1' : `0015g00000${r}`;
      setCell(table, 'externalId', r, id);
    }
    table.deleted[4] = 1;
    await saveRecordTable(v7, table);
    // The v7 blocks carry no data set column: written as version 7 wrote them.
    const blocks = await v7.recordBlocks.toArray();
    await v7.recordBlocks.bulkPut(blocks.map(({ dataSet: _gone, ...block }) => block));
    await v7.users.bulkAdd([
      {
        id: 'u1',
        externalId: 'S1',
        name: 'Sam Ple',
        email: 'sam.ple@sample-corp.example',
        title: '',
        managerUserId: null,
      },
      { id: 'u2', externalId: '005A', name: 'Claire Martin', email: 'claire@acme.fr', title: '', managerUserId: null },
    ]);
    await v7.plans.bulkAdd([plan('sample', 'Generated sample data'), plan('real', 'FY27 EMEA')]);
    v7.close();

    const v8 = new PlannerDb(name, undefined, schemaSteps, { geoSource });
    await v8.open();
    expect(v8.verno).toBe(SCHEMA_VERSION);
    const sets = await v8.dataSets.orderBy('code').toArray();
    expect(sets.map((s) => [s.id, s.name, s.origin])).toEqual([
      [SAMPLE_DATA_SET_ID, 'Sample data', 'sample'],
      [LEGACY_DATA_SET_ID, 'Imported', 'legacy'],
    ]);
    const [sample, legacy] = sets.map((s) => s.code);
    const upgraded = await loadRecordTable(v8, 'account');
    expect(upgraded.rowCount).toBe(rows);
    for (const r of [0, 1, 2, 3, 4999, 5001, 11_999]) {
      expect(upgraded.dataSet[r], `row ${r}`).toBe(r % 3 === 0 ? sample : legacy);
    }
    expect(upgraded.deleted[4]).toBe(1);
    expect((await v8.users.get('u1'))?.dataSetId).toBe(SAMPLE_DATA_SET_ID);
    expect((await v8.users.get('u2'))?.dataSetId).toBe(LEGACY_DATA_SET_ID);
    expect((await v8.plans.get('sample'))?.excludedDataSetIds).toEqual([]);
    expect((await v8.plans.get('real'))?.excludedDataSetIds).toEqual([SAMPLE_DATA_SET_ID]);
    v8.close();
  });
});

import { describe, expect, it } from 'vitest';
import { PlannerDb, SCHEMA_VERSION, schemaSteps, type SchemaStep } from '../../src/model/db/schema';
import { createRecordTable, ensureCapacity, getCell, setCell } from '../../src/model/records/recordTable';
import { loadRecordTable, saveRecordTable } from '../../src/model/records/storage';
import { encodeAssignmentBlocks } from '../../src/model/records/assignments';
import { createModelService } from '../../src/model/service';
import { loadStoredAssignment } from '../../src/model/service/assignmentStore';
import { defaultForecastAssumptions } from '../../src/shared/api/forecast';
import { canonicalPlaceKeys } from '../../src/shared/places';
import { coreFieldDefs } from '../../src/shared/records';
import { geoSource } from '../unit/import/helpers';

/** A plan row as versions before 8 stored it (no data sets). */
const storedPlan = {
  id: 'p1',
  name: 'FY27',
  status: 'draft' as const,
  basedOnPlanId: null,
  fiscalYearStartMonth: 1,
  targetPeriod: 'quarter' as const,
  currency: 'EUR',
  matchMode: 'allDeepest' as const,
  maxTerritoriesPerRecord: 10,
  notes: '',
  finalizedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

describe('schema versions', () => {
  it('opens at the latest version with every table of the domain', async () => {
    const db = new PlannerDb(`migrations-${Date.now()}`);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'assignmentBlocks',
        'assignmentRefs',
        'dataSets',
        'forecastAssumptions',
        'history',
        'importLog',
        'importProfiles',
        'manualAssignments',
        'memberships',
        'planRevisions',
        'plans',
        'recordBlocks',
        'recordDicts',
        'recordMeta',
        'rules',
        'settings',
        'targets',
        'territories',
        'users',
      ].sort(),
    );
    db.close();
  });

  it('upgrades data written by the previous version through the next step', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = new PlannerDb(name);
    await v1.open();
    await v1.territories.add({
      id: 't1',
      planId: 'p1',
      parentId: null,
      name: 'Org',
      code: 'ORG',
      description: '',
      color: '#475569',
      typeLabel: '',
      sortOrder: 0,
      priority: 0,
      rulesWhenEmpty: 'inherit',
      geography: { regions: [], postalPrefixes: [], areas: [] },
    });
    v1.close();

    // A next version as a future change would write it: a new index, and an upgrade that fills a new field.
    const next: SchemaStep = {
      version: SCHEMA_VERSION + 1,
      stores: { territories: 'id, planId, [planId+parentId], code' },
      upgrade: async (tx) => {
        await tx
          .table('territories')
          .toCollection()
          .modify((t: { code: string; codeUpper?: string }) => {
            t.codeUpper = t.code.toUpperCase();
          });
      },
    };
    const v2 = new PlannerDb(name, undefined, [...schemaSteps, next]);
    await v2.open();
    expect(v2.verno).toBe(SCHEMA_VERSION + 1);
    const upgraded = (await v2.territories.where('code').equals('ORG').first()) as unknown as {
      codeUpper: string;
      name: string;
    };
    expect(upgraded.name).toBe('Org');
    expect(upgraded.codeUpper).toBe('ORG');
    v2.close();
  });
});

describe('schema version 7: canonical places', () => {
  // Every step before the canonical places one: the database as version 6 left it.
  const beforePlaces = schemaSteps.filter((s) => s.version < 7);

  it('numbers the canonical places step after every earlier step', () => {
    const versions = schemaSteps.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(beforePlaces[beforePlaces.length - 1].version).toBe(6);
    expect(schemaSteps.find((s) => s.version === 7)?.upgrade).toBeDefined();
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(8);
  });

  it('gives records stored by version 6 their canonical places, resolved from their text', async () => {
    const name = `places-upgrade-${Date.now()}`;
    const v1 = new PlannerDb(name, undefined, beforePlaces);
    await v1.open();
    expect(v1.verno).toBe(6);
    // A version 6 row (forecast assumptions) comes through the upgrade untouched.
    await v1.forecastAssumptions.add({ id: 'p1', planId: 'p1', ...defaultForecastAssumptions(), rampPercent: 80 });
    // Accounts as version 6 stored them: the place text and the precision, no canonical columns.
    const v1Fields = coreFieldDefs('account').filter((f) => !(canonicalPlaceKeys as readonly string[]).includes(f.key));
    const table = createRecordTable('account', v1Fields);
    const rows: [string, string, string, string, string, string][] = [
      // externalId, country, region, postalCode, city, geoPrecision
      ['A-1', 'Germany', 'Bayern', '80331', 'München', 'city'],
      ['A-2', 'Deutschland', 'BY', '', '', 'region'],
      ['A-3', 'Allemagne', 'Bavière', '', '', 'region'],
      ['A-4', 'United States', 'DE', '19901-1234', 'Dover', 'postal'],
      ['A-5', 'France', '', '75008', 'Paris', 'city'],
      ['A-6', 'USA', 'AE', '09012', 'APO', 'none'],
      ['A-7', '', 'DE', '', '', 'none'],
      ['A-8', 'Belgique', 'Wallonie', '1000', 'Bruxelles', 'city'],
    ];
    ensureCapacity(table, rows.length * 1500);
    // Enough rows for several blocks (5,000 rows each), the same addresses over and over.
    for (let r = 0; r < rows.length * 1500; r++) {
      const row = rows[r % rows.length];
      table.rowCount = r + 1;
      ['externalId', 'country', 'region', 'postalCode', 'city', 'geoPrecision'].forEach((key, i) =>
        setCell(table, key, r, i === 0 ? `${row[0]}-${r}` : row[i]),
      );
    }
    await saveRecordTable(v1, table);
    v1.close();

    const v2 = new PlannerDb(name, undefined, schemaSteps, { geoSource });
    await v2.open();
    expect(v2.verno).toBe(SCHEMA_VERSION);
    const upgraded = await loadRecordTable(v2, 'account');
    expect(upgraded.rowCount).toBe(rows.length * 1500);
    for (const key of canonicalPlaceKeys) expect(upgraded.fields.map((f) => f.key)).toContain(key);
    const canonical = (r: number) =>
      canonicalPlaceKeys.map((key) => getCell(upgraded, key, r)).map((v) => (v === null ? '' : v));
    const expected = [
      ['DE', 'DE-BY', '', '80331', 'city', ''],
      ['DE', 'DE-BY', '', '', 'region', ''],
      ['DE', 'DE-BY', '', '', 'region', ''],
      ['US', 'US-DE', '', '19901', 'postal', ''],
      ['FR', 'FR-IDF', 'FR-75C', '75008', 'city', ''],
      ['US', '', '', '09012', 'none', 'military'],
      ['', '', '', '', 'none', ''],
      ['BE', 'BE-WAL', '', '1000', 'city', ''],
    ];
    // Every block was upgraded, the last one too.
    for (const r of [0, 1, 2, 3, 4, 5, 6, 7, 5000, 5003, 11999 - 7, 11999]) {
      expect(canonical(r), `row ${r}`).toEqual(expected[r % rows.length]);
    }
    // The text is kept as it was.
    expect(getCell(upgraded, 'country', 2)).toBe('Allemagne');
    expect(await v2.forecastAssumptions.get('p1')).toMatchObject({ id: 'p1', planId: 'p1', rampPercent: 80 });
    v2.close();
  });

  it('opens an empty version 6 database without reading any place data', async () => {
    const name = `places-empty-${Date.now()}`;
    const v1 = new PlannerDb(name, undefined, beforePlaces);
    await v1.open();
    expect(v1.verno).toBe(6);
    v1.close();
    const v2 = new PlannerDb(name, undefined, schemaSteps, {
      geoSource: () => Promise.reject(new Error('not needed')),
    });
    await v2.open();
    expect(v2.verno).toBe(SCHEMA_VERSION);
    v2.close();
  });
});

describe('schema version 9: stored plan revisions', () => {
  // A version 7 database: it runs version 8 (data sets) and 9 on opening.
  const beforeRevisions = schemaSteps.filter((s) => s.version < 8);

  it('upgrades a version 7 database: each plan and the every-plan row start at revision 1, data untouched', async () => {
    const name = `revisions-upgrade-${Date.now()}`;
    const v7 = new PlannerDb(name, undefined, beforeRevisions);
    await v7.open();
    expect(v7.verno).toBe(7);
    expect(v7.tables.some((t) => t.name === 'planRevisions')).toBe(false);
    const plan = storedPlan;
    await v7.plans.bulkAdd([plan, { ...plan, id: 'p2', name: 'FY28' }]);
    v7.close();

    const v9 = new PlannerDb(name);
    await v9.open();
    expect(v9.verno).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    expect((await v9.planRevisions.toArray()).sort((a, b) => a.planId.localeCompare(b.planId))).toEqual([
      { planId: '*', revision: 1 },
      { planId: 'p1', revision: 1 },
      { planId: 'p2', revision: 1 },
    ]);
    // Version 8 only says which data sets the plan leaves out (the sample).
    expect(await v9.plans.get('p1')).toEqual({ ...plan, excludedDataSetIds: ['sample-data'] });
    // From now on a write bumps its plan's row in the same transaction, and only that plan's.
    await v9.plans.update('p1', { notes: 'after the upgrade' });
    expect((await v9.planRevisions.get('p1'))?.revision).toBe(2);
    expect((await v9.planRevisions.get('p2'))?.revision).toBe(1);
    v9.close();
  });
});

describe('schema version 10: applied assignments held by reference', () => {
  const beforeRefs = schemaSteps.filter((s) => s.version < 10);

  it('upgrades a version 9 database: blocks untouched, no reference; a duplicate then refers to them', async () => {
    const name = `refs-upgrade-${Date.now()}`;
    const v9 = new PlannerDb(name, undefined, beforeRefs);
    await v9.open();
    expect(v9.verno).toBe(9);
    const plan = { ...storedPlan, excludedDataSetIds: [] };
    const territory = (id: string, parentId: string | null) => ({
      id,
      planId: 'p1',
      parentId,
      name: id,
      code: id.toUpperCase(),
      description: '',
      color: '#475569',
      typeLabel: '',
      sortOrder: 0,
      priority: 0,
      rulesWhenEmpty: 'inherit' as const,
      geography: { regions: [], postalPrefixes: [], areas: [] },
    });
    // 12,000 accounts over three blocks: row r in t1 or t2 by parity, every tenth also in the organisation.
    const rows = 12_000;
    const offsets = new Uint32Array(rows + 1);
    const entries: number[] = [];
    for (let r = 0; r < rows; r++) {
      entries.push(1 + (r % 2));
      if (r % 10 === 0) entries.push(0);
      offsets[r + 1] = entries.length;
    }
    const stored = {
      kind: 'account' as const,
      rowCount: rows,
      territoryIds: ['t0', 't1', 't2'],
      offsets,
      territories: Uint32Array.from(entries),
      sources: new Uint8Array(entries.length),
      unmatched: new Uint8Array(rows),
      hitLimit: new Uint8Array(rows),
    };
    const blocks = encodeAssignmentBlocks('p1', stored);
    await v9.plans.add(plan);
    await v9.territories.bulkAdd([territory('t0', null), territory('t1', 't0'), territory('t2', 't0')]);
    await v9.assignmentBlocks.bulkAdd(blocks);
    v9.close();

    const v10 = new PlannerDb(name);
    await v10.open();
    expect(v10.verno).toBe(SCHEMA_VERSION);
    expect(await v10.assignmentRefs.count()).toBe(0);
    expect(await v10.assignmentBlocks.where({ planId: 'p1' }).toArray()).toEqual(blocks);
    const records = createRecordTable('account', coreFieldDefs('account'));
    records.rowCount = rows;
    records.deleted = new Uint8Array(rows);
    const read = await loadStoredAssignment(v10, 'p1', 'account', records);
    expect(read?.offsets).toEqual(offsets);

    // A duplicate made after the upgrade refers to the blocks, its territories renamed.
    const service = createModelService(v10, { geoSource });
    const answer = await service.call('duplicatePlan', { planId: 'p1', name: 'Copy' });
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    const copyId = (answer.value as { id: string }).id;
    expect(await v10.assignmentBlocks.where({ planId: copyId }).count()).toBe(0);
    const copyTerritories = await v10.territories.where({ planId: copyId }).toArray();
    const copyIdOfCode = new Map(copyTerritories.map((t) => [t.code, t.id]));
    const copied = await loadStoredAssignment(v10, copyId, 'account', records);
    expect(copied?.offsets).toEqual(offsets);
    const codeOfCopy = new Map(copyTerritories.map((t) => [t.id, t.code]));
    for (const r of [0, 1, 4_999, 5_000, 11_999]) {
      const expected = [1 + (r % 2), ...(r % 10 === 0 ? [0] : [])].map((i) => `T${i}`);
      const got = Array.from(copied!.territories.subarray(copied!.offsets[r], copied!.offsets[r + 1])).map((i) =>
        codeOfCopy.get(copied!.territoryIds[i]),
      );
      expect(got).toEqual(expected);
    }
    expect(copyIdOfCode.size).toBe(3);
    await service.flush();
    v10.close();
  });
});

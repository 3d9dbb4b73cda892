import { describe, expect, it } from 'vitest';
import { PlannerDb, SCHEMA_VERSION, schemaSteps, type SchemaStep } from '../../src/model/db/schema';

describe('schema versions', () => {
  it('opens at the latest version with every table of the domain', async () => {
    const db = new PlannerDb(`migrations-${Date.now()}`);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'assignmentBlocks',
        'forecastAssumptions',
        'history',
        'importLog',
        'importProfiles',
        'manualAssignments',
        'memberships',
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

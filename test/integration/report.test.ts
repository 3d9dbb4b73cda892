/**
 * The plan report over the real Dexie schema (fake-indexeddb): its figures checked against the fixture counted by
 * hand, its people and targets, the default fiscal year, and its map shapes against the shipped boundaries (a point
 * in Paris falls in France's drawn regions, Berlin in Germany's, not the other way round).
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { multiPolygon, point } from '@turf/helpers';
import { describe, expect, it } from 'vitest';
import type { RecordKind } from '../../src/shared/domain';
import { coreFieldDefs } from '../../src/shared/records';
import { appendRow, createRecordTable, type CellValue } from '../../src/model/records/recordTable';
import { saveRecordTable } from '../../src/model/records/storage';
import { openTestModel } from './testDb';

type Row = Record<string, CellValue>;
const accounts: Row[] = [
  { externalId: 'A1', name: 'Alpha Paris', country: 'FR', postalCode: '75001', annualRevenue: 100 },
  { externalId: 'A2', name: 'Beta Lyon', country: 'FR', postalCode: '69001', annualRevenue: 200 },
  { externalId: 'A3', name: 'Gamma Berlin', country: 'DE', postalCode: '10115', annualRevenue: 300 },
  { externalId: 'A4', name: 'Delta Madrid', country: 'ES', postalCode: '28001', annualRevenue: 400 },
  { externalId: 'A5', name: 'Epsilon Dresden', country: 'DE', postalCode: '01067', annualRevenue: 5 },
  { externalId: 'A6', name: 'Zeta Paris', country: 'FR', postalCode: '75002', annualRevenue: 1 },
];

async function seed(db: Awaited<ReturnType<typeof openTestModel>>['db'], kind: RecordKind, rows: Row[]) {
  const table = createRecordTable(kind, coreFieldDefs(kind));
  for (const row of rows) appendRow(table, row);
  await saveRecordTable(db, table);
}

async function setup() {
  const model = await openTestModel();
  const { api, db } = model;
  await seed(db, 'account', accounts);
  const plan = await api.createPlan({ name: 'FY27 – EMEA' });
  const planId = plan.id;
  const [root] = await api.listTerritories({ planId });
  const europe = await api.createTerritory({ planId, parentId: root.id, name: 'Europe', code: 'EU' });
  const france = await api.createTerritory({ planId, parentId: europe.id, name: 'France', code: 'FR' });
  const germany = await api.createTerritory({ planId, parentId: europe.id, name: 'Germany', code: 'DE' });
  for (const [territory, values] of [
    [europe, ['FR', 'DE']],
    [france, ['FR']],
    [germany, ['DE']],
  ] as const) {
    await api.createRule({
      planId,
      territoryId: territory.id,
      recordKind: 'account',
      conditions: [{ field: 'country', operator: 'isAnyOf', value: [...values] }],
    });
  }
  await api.setTerritoryGeography({
    planId,
    territoryId: france.id,
    geography: { regions: ['FR'], postalPrefixes: [], areas: [] },
  });
  await api.setTerritoryGeography({
    planId,
    territoryId: germany.id,
    geography: { regions: ['DE'], postalPrefixes: [], areas: [] },
  });
  const anne = await api.createUser({ name: 'Anne Leroy', externalId: 'U1', email: 'anne@example.com' });
  const bert = await api.createUser({ name: 'Bert Vogel', externalId: 'U2', email: 'bert@example.com' });
  await api.setMembership({ planId, territoryId: france.id, userId: anne.id, role: 'manager' });
  await api.setMembership({ planId, territoryId: germany.id, userId: bert.id, role: 'member' });
  await api.setTarget({ planId, territoryId: france.id, userId: null, period: '2026-Q1', amount: 50 });
  await api.setTarget({ planId, territoryId: france.id, userId: null, period: '2027-Q1', amount: 400 });
  await api.setTarget({ planId, territoryId: germany.id, userId: null, period: '2027-Q2', amount: 600 });
  const preview = await api.runRules({ planId, scope: { type: 'plan' } });
  await api.applyPreview({ previewId: preview.previewId });
  return { ...model, planId, europe, france, germany };
}

describe('plan report', () => {
  it('gives the figures, people and targets of each territory in tree order', async () => {
    const { api, planId, europe, france, germany } = await setup();
    const report = await api.planReport({ planId });
    // The last fiscal year with targets, by default.
    expect(report.fiscalYear).toBe(2027);
    expect(report.territories.map((t) => t.name)).toEqual([report.territories[0].name, 'Europe', 'France', 'Germany']);
    const by = new Map(report.territories.map((t) => [t.id, t]));
    // Counted by hand from the fixture: FR A1 A2 A6, DE A3 A5, Madrid in none.
    expect(by.get(france.id)).toMatchObject({ accounts: 3, revenue: 301, managers: ['Anne Leroy'], members: [] });
    expect(by.get(germany.id)).toMatchObject({ accounts: 2, revenue: 305, managers: [], members: ['Bert Vogel'] });
    expect(by.get(europe.id)).toMatchObject({ accounts: 5, revenue: 606, depth: 1, isLeaf: false });
    expect(by.get(france.id)!.forecast?.target).toBe(400);
    expect(by.get(germany.id)!.forecast?.target).toBe(600);
    // Europe has no target of its own: its sub-territories' add up.
    expect(by.get(europe.id)!.forecast?.target).toBe(1000);
    expect(report.summary).toMatchObject({ assignedAccounts: 5, unassignedAccounts: 1, leaves: 2, applied: true });

    const earlier = await api.planReport({ planId, fiscalYear: 2026 });
    expect(earlier.territories.find((t) => t.id === france.id)!.forecast?.target).toBe(50);
  });

  it('draws each territory’s regions from the shipped boundaries (none left undrawn)', async () => {
    const { api, planId, france, germany } = await setup();
    const report = await api.planReport({ planId });
    const shapeOf = (id: string) => report.shapes.find((s) => s.territoryId === id)!;
    const paris = point([2.35, 48.86]);
    const berlin = point([13.4, 52.52]);
    const fr = multiPolygon(shapeOf(france.id).polygons);
    const de = multiPolygon(shapeOf(germany.id).polygons);
    expect(booleanPointInPolygon(paris, fr)).toBe(true);
    expect(booleanPointInPolygon(berlin, fr)).toBe(false);
    expect(booleanPointInPolygon(berlin, de)).toBe(true);
    expect(booleanPointInPolygon(paris, de)).toBe(false);
    expect(report.regionsWithoutShape).toEqual([]);
  });
});

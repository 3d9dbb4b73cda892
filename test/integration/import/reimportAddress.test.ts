// Issue #15: a re-import that changes a record's address places the record from its NEW address, as a new record
// would be: the old region, postal code and geocoded coordinates do not stay beside a new city and country. Stored
// coordinates that came from a file are kept, with a warning when the new address is in another country. The
// import's undo brings the old place back. Real Dexie schema over fake-indexeddb, through the typed client.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../../src/shared/api';
import { openTestModel, storedState } from '../testDb';
import type { PlannerDb } from '../../../src/model/db/schema';

let tasks = 0;

async function importText(api: ModelApi, planId: string, fileName: string, text: string) {
  const analysis = await api.analyzeImportFile({ fileName, bytes: new TextEncoder().encode(text), kind: 'account' });
  const check = await api.checkImport({
    importId: analysis.importId,
    taskId: `c${tasks++}`,
    mapping: analysis.mapping,
    planId,
  });
  const result = await api.commitImport({
    importId: analysis.importId,
    taskId: `m${tasks++}`,
    onlyValidRows: false,
    planId,
  });
  return { check, result };
}

async function account(db: PlannerDb, externalId: string) {
  const state = await storedState(db);
  return state.records.account.find((r) => r.externalId === externalId)!;
}

// Montréal, Old Montreal (H2Y), as a planner's CRM gives it.
const MONTREAL = { lat: [45.3, 45.8], lon: [-74.0, -73.3] };
// Lyon: 45.76 N, 4.84 E.
const LYON = { lat: [45.6, 45.9], lon: [4.7, 5.0] };

function expectNear(record: Record<string, unknown>, box: { lat: number[]; lon: number[] }) {
  expect(record.latitude).toBeGreaterThan(box.lat[0]);
  expect(record.latitude).toBeLessThan(box.lat[1]);
  expect(record.longitude).toBeGreaterThan(box.lon[0]);
  expect(record.longitude).toBeLessThan(box.lon[1]);
}

/** A new model with a draft plan, into which the accounts of `lines` (a CSV) were imported. */
async function planWithAccounts(lines: string[]) {
  const { api, db } = await openTestModel();
  const plan = await api.createPlan({ name: 'Plan' });
  await importText(api, plan.id, 'crm.csv', lines.join('\n'));
  return { api, db, plan };
}

const reimport = ['Account ID,Account Name,City,Country', 'ACC-1,Atelier,Lyon,France'].join('\n');

describe('re-importing an account with a new address', () => {
  it('places it from the new address, clears the old country’s region and postal code, and undo brings them back', async () => {
    const { api, db, plan } = await planWithAccounts([
      'Account ID,Account Name,City,State,Postal Code,Country',
      'ACC-1,Atelier,Montréal,QC,H2Y 1C6,Canada',
    ]);
    const before = await account(db, 'ACC-1');
    expect(before).toMatchObject({ countryCode: 'CA', regionCode: 'CA-QC', postalCode: 'H2Y 1C6' });
    expect(before.geoPrecision).not.toBe('exact');
    expectNear(before, MONTREAL);

    const { check, result } = await importText(api, plan.id, 'crm-2.csv', reimport);
    expect(result).toMatchObject({ created: 0, updated: 1 });
    // The region and postal code of Canada are not kept for an address in France, and the check step says so.
    const cleared = check.problems.filter((p) => p.code === 'placeCleared');
    expect(cleared.map((p) => [p.row, p.column, p.value, p.detail, p.severity])).toEqual([
      [2, 'Country', 'QC', 'region', 'notice'],
      [2, 'Country', 'H2Y 1C6', 'postalCode', 'notice'],
    ]);
    expect(check.problems.some((p) => p.code === 'coordinatesElsewhere')).toBe(false);

    const after = await account(db, 'ACC-1');
    expect(after).toMatchObject({ city: 'Lyon', country: 'France', countryCode: 'FR', regionCode: 'FR-ARA' });
    expect(after.region).toBeUndefined();
    expect(after.postalCode).toBeUndefined();
    expect(after.postalKey).toBeUndefined();
    expect(after.geoPrecision).toBe('city');
    expect(after.placeConfidence).toBe('city');
    expectNear(after, LYON);

    await api.undo({ planId: plan.id });
    const undone = await account(db, 'ACC-1');
    expect(undone).toMatchObject({
      city: 'Montréal',
      country: 'Canada',
      region: 'QC',
      postalCode: 'H2Y 1C6',
      countryCode: 'CA',
      regionCode: 'CA-QC',
      geoPrecision: before.geoPrecision,
      latitude: before.latitude,
      longitude: before.longitude,
    });
  });

  it('keeps coordinates the file gave, with a warning when the new address is in another country', async () => {
    const { api, db, plan } = await planWithAccounts([
      'Account ID,Account Name,City,State,Postal Code,Country,Latitude,Longitude',
      'ACC-1,Atelier,Montréal,QC,H2Y 1C6,Canada,45.5048,-73.5560',
      'ACC-2,Boutique,Québec,QC,G1R 4P5,Canada,46.8123,-71.2145',
    ]);
    const { check } = await importText(
      api,
      plan.id,
      'crm-2.csv',
      ['Account ID,Account Name,City,Country', 'ACC-1,Atelier,Lyon,France', 'ACC-2,Boutique,Montréal,Canada'].join(
        '\n',
      ),
    );
    const warned = check.problems.filter((p) => p.code === 'coordinatesElsewhere');
    expect(warned.map((p) => [p.row, p.column, p.value, p.detail, p.severity])).toEqual([
      [2, 'Country', 'CA', 'FR', 'warning'],
    ]);
    expect(warned[0].message).toContain('Canada');
    expect(warned[0].message).toContain('France');

    const moved = await account(db, 'ACC-1');
    expect(moved).toMatchObject({
      latitude: 45.5048,
      longitude: -73.556,
      geoPrecision: 'exact',
      countryCode: 'FR',
    });
    // As for a new record with coordinates and no region column: the address is not geocoded, so no region is
    // guessed; the Canadian one is not kept.
    expect(moved.regionCode).toBeUndefined();
    expect(moved.region).toBeUndefined();
    // The same country: its region and postal code stay, its coordinates too, and nothing is said.
    const stayed = await account(db, 'ACC-2');
    expect(stayed).toMatchObject({
      city: 'Montréal',
      region: 'QC',
      postalCode: 'G1R 4P5',
      countryCode: 'CA',
      regionCode: 'CA-QC',
      latitude: 46.8123,
      geoPrecision: 'exact',
    });
  });
});

/**
 * Finalize and export over the real Dexie schema (fake-indexeddb): the checklist, assignments as CSV and XLSX read
 * back to the same assignments (checked against recordTerritories, a second way to read them), CRM files, GeoJSON,
 * and the plan file out and in again, identical, with bad files refused and nothing written.
 */
import { gunzipSync, gzipSync, strFromU8, strToU8, unzipSync } from 'fflate';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { multiPolygon, point } from '@turf/helpers';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import type { ModelEvent } from '../../src/shared/api/events';
import type { Condition, RecordKind } from '../../src/shared/domain';
import { ModelError } from '../../src/shared/errors';
import { coreFieldDefs } from '../../src/shared/records';
import { undefuseCell } from '../../src/model/export/csv';
import { readXlsxRows } from '../../src/model/import/xlsx';
import { appendRow, createRecordTable, type CellValue } from '../../src/model/records/recordTable';
import { saveRecordTable } from '../../src/model/records/storage';
import { openTestModel } from './testDb';

type Row = Record<string, CellValue>;
const accounts: Row[] = [
  {
    externalId: 'A1',
    name: 'Alpha Paris',
    country: 'FR',
    postalCode: '75001',
    annualRevenue: 100,
    ownerExternalId: 'U1',
  },
  { externalId: 'A2', name: 'Beta Lyon', country: 'FR', postalCode: '69001', annualRevenue: 200 },
  { externalId: 'A3', name: 'Gamma Berlin', country: 'DE', postalCode: '10115', annualRevenue: 300 },
  { externalId: 'A4', name: 'Delta Madrid', country: 'ES', postalCode: '28001', annualRevenue: 400 },
  { externalId: '-42', name: '=HYPERLINK("http://evil","x")', country: 'DE', postalCode: '01067', annualRevenue: 5 },
  { externalId: 'A6', name: 'Alpha Paris', country: 'FR', postalCode: '75001', annualRevenue: 1 },
];
const contacts: Row[] = [
  { externalId: 'C1', accountExternalId: 'A1', firstName: 'Léa', lastName: 'Martin' },
  { externalId: 'C2', accountExternalId: 'A3', firstName: 'Jonas', lastName: 'Weber' },
];
const deals: Row[] = [{ externalId: 'D1', accountExternalId: 'A2', name: '@SUM(1)', amount: 1000, status: 'open' }];
const is = (field: string, value: string): Condition => ({ field, operator: 'is', value });

async function seed(db: Awaited<ReturnType<typeof openTestModel>>['db'], kind: RecordKind, rows: Row[]) {
  const table = createRecordTable(kind, coreFieldDefs(kind));
  for (const row of rows) appendRow(table, row);
  await saveRecordTable(db, table);
}

async function setup(withRecords = true) {
  const model = await openTestModel();
  const { api, db } = model;
  if (withRecords) {
    await seed(db, 'account', accounts);
    await seed(db, 'contact', contacts);
    await seed(db, 'deal', deals);
  }
  const plan = await api.createPlan({ name: 'FY27 – EMEA' });
  const [root] = await api.listTerritories({ planId: plan.id });
  const europe = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'Europe', code: 'EU' });
  const france = await api.createTerritory({ planId: plan.id, parentId: europe.id, name: 'France', code: '-F-016' });
  const germany = await api.createTerritory({ planId: plan.id, parentId: europe.id, name: 'Germany', code: 'DE' });
  await api.createRule({
    planId: plan.id,
    territoryId: europe.id,
    recordKind: 'account',
    conditions: [{ field: 'country', operator: 'isAnyOf', value: ['FR', 'DE'] }],
  });
  await api.createRule({
    planId: plan.id,
    territoryId: france.id,
    recordKind: 'account',
    conditions: [is('country', 'FR')],
  });
  await api.createRule({
    planId: plan.id,
    territoryId: germany.id,
    recordKind: 'account',
    conditions: [is('country', 'DE')],
  });
  const anne = await api.createUser({ name: 'Anne Leroy', externalId: 'U1', email: 'anne@example.com' });
  const bert = await api.createUser({ name: 'Bert Vogel', externalId: 'U2', email: 'bert@example.com' });
  await api.setMembership({ planId: plan.id, territoryId: france.id, userId: anne.id, role: 'manager' });
  await api.setMembership({ planId: plan.id, territoryId: germany.id, userId: bert.id, role: 'member' });
  await api.setTarget({ planId: plan.id, territoryId: europe.id, userId: null, period: '2027-Q1', amount: 1000 });
  await api.setTarget({ planId: plan.id, territoryId: france.id, userId: null, period: '2027-Q1', amount: 400 });
  await api.setTarget({ planId: plan.id, territoryId: france.id, userId: anne.id, period: '2027-Q1', amount: 400 });
  return { ...model, plan, planId: plan.id, root, europe, france, germany, anne, bert };
}

async function apply(api: ModelApi, planId: string) {
  const preview = await api.runRules({ planId, scope: { type: 'plan' } });
  await api.applyPreview({ previewId: preview.previewId });
}

/** Papaparse drops the byte order mark itself; check it is there first. */
const csvRows = (bytes: Uint8Array, delimiter = ',') => {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return Papa.parse<string[]>(strFromU8(bytes), { delimiter, skipEmptyLines: true }).data;
};

async function xlsxRows(bytes: Uint8Array) {
  const rows: string[][] = [];
  await readXlsxRows(bytes, 'x.xlsx', { onRow: (cells) => void rows.push(cells) });
  return rows;
}

/** The assignments as recordTerritories answers them: (kind, external ID, territory code), unassigned as "". */
async function expectedPairs(api: ModelApi, planId: string) {
  const territories = await api.listTerritories({ planId });
  const codeOf = new Map(territories.map((t) => [t.id, t.code]));
  const pairs: string[] = [];
  const sets: [RecordKind, Row[]][] = [
    ['account', accounts],
    ['contact', contacts],
    ['deal', deals],
  ];
  for (const [kind, rows] of sets) {
    const ids = await api.recordTerritories({ planId, kind, recordIds: rows.map((_, i) => i) });
    rows.forEach((row, i) => {
      if (ids[i].length === 0) pairs.push(`${kind}|${row.externalId}|`);
      for (const id of ids[i]) pairs.push(`${kind}|${row.externalId}|${codeOf.get(id)}`);
    });
  }
  return pairs.sort();
}

describe('export: assignments', () => {
  it('CSV and XLSX read back to the same assignments, unassigned records included', async () => {
    const { api, planId, france } = await setup();
    await apply(api, planId);
    await api.assignManually({ planId, kind: 'account', recordIds: [3], territoryId: france.id });
    const expected = await expectedPairs(api, planId);

    const csv = await api.exportPlan({ planId, what: 'assignments' });
    expect(csv.files[0].fileName).toBe('FY27 – EMEA (draft) - assignments.csv');
    const rows = csvRows(csv.files[0].bytes);
    const header = rows[0];
    expect(header).toEqual([
      'record kind',
      'external ID',
      'name',
      'country',
      'postal code',
      'territory code',
      'territory name',
      'territory path',
      'source',
      'rule',
      'territory manager',
      'territory members',
      'owner external ID',
      'owner',
      'plan status',
    ]);
    const col = (name: string) => header.indexOf(name);
    const pairsOf = (data: string[][]) =>
      data
        .slice(1)
        .map((r) => `${r[col('record kind')]}|${undefuseCell(r[col('external ID')])}|${r[col('territory code')]}`)
        .sort();
    expect(pairsOf(rows)).toEqual(expected);
    expect(csv.rows).toBe(rows.length - 1);

    const alpha = rows.find((r) => r[1] === 'A1')!;
    expect(alpha.slice(5)).toEqual([
      '-F-016',
      'France',
      'Europe > France',
      'rule',
      'country is FR',
      'Anne Leroy',
      '',
      'U1',
      'Anne Leroy',
      'draft',
    ]);
    expect(rows.find((r) => r[1] === 'A4')!.slice(5, 9)).toEqual(['-F-016', 'France', 'Europe > France', 'manual']);
    expect(rows.find((r) => r[1] === '-42')![2]).toBe(`'=HYPERLINK("http://evil","x")`);
    // The contact follows its account and shows its account's owner.
    expect(rows.find((r) => r[1] === 'C1')!.slice(8, 14)).toEqual([
      'inherited',
      '',
      'Anne Leroy',
      '',
      'U1',
      'Anne Leroy',
    ]);

    const xlsx = await api.exportPlan({ planId, what: 'assignments', format: 'xlsx' });
    expect(xlsx.files[0].fileName).toBe('FY27 – EMEA (draft) - assignments.xlsx');
    const fromXlsx = await xlsxRows(xlsx.files[0].bytes);
    expect(pairsOf(fromXlsx)).toEqual(expected);
    // XLSX cells are never formulas, so they keep their text as is.
    expect(fromXlsx.find((r) => r[1] === '-42')![2]).toBe('=HYPERLINK("http://evil","x")');
  });

  it('writes one row per record with territories joined, chosen columns, and French CSV', async () => {
    const { api, planId, germany } = await setup();
    await apply(api, planId);
    await api.assignManually({ planId, kind: 'account', recordIds: [0], territoryId: germany.id });
    const out = await api.exportPlan({
      planId,
      what: 'assignments',
      layout: 'perRecord',
      kinds: ['account'],
      columns: ['externalId', 'territoryCode', 'source'],
      csvStyle: 'french',
    });
    const rows = csvRows(out.files[0].bytes, ';');
    expect(rows[0]).toEqual(['external ID', 'territory code', 'source']);
    expect(rows).toHaveLength(accounts.length + 1);
    expect(rows.find((r) => r[0] === 'A4')).toEqual(['A4', '', 'none']);
    expect(rows.find((r) => r[0] === 'A1')![1]).toBe('DE');
    expect(out.files[0].fileName).toBe('FY27 – EMEA (draft) - assignments by record.csv');
  });

  it('says a plan was never run instead of exporting nothing', async () => {
    const { api, planId } = await setup();
    const out = await api.exportPlan({ planId, what: 'assignments', kinds: ['account'] });
    expect(out.notes.map((n) => n.code)).toContain('neverApplied');
    // Every record is there, in no territory, so a CRM load clears what it had.
    expect(
      csvRows(out.files[0].bytes)
        .slice(1)
        .map((r) => r[8]),
    ).toEqual(accounts.map(() => 'none'));
  });

  it('a final plan’s files carry no "draft"', async () => {
    const { api, planId } = await setup();
    await apply(api, planId);
    await api.setPlanStatus({ planId, status: 'final' });
    const out = await api.exportPlan({ planId, what: 'territories' });
    expect(out.files[0].fileName).toBe('FY27 – EMEA - territories.csv');
    const rows = csvRows(out.files[0].bytes);
    expect(rows.map((r) => r[0])).toEqual(['code', 'EU', '-F-016', 'DE']);
    expect(rows[2].at(-1)).toBe('final');
  });
});

describe('export: Stop while a file is being written', () => {
  /** Exports the plan's 120,000 accounts; `stopAfter` rows written, a Stop arrives (as a message would: later). */
  async function exportBig(what: 'assignments' | 'workbook', stopAfter: number | null) {
    const model = await openTestModel();
    const rows: Row[] = Array.from({ length: 120_000 }, (_, i) => ({ externalId: `A${i}`, name: `Account ${i}` }));
    await seed(model.db, 'account', rows);
    const plan = await model.api.createPlan({ name: 'Big' });
    const taskId = `export-${what}`;
    const seen: number[] = [];
    model.service.subscribe((event: ModelEvent) => {
      if (event.type !== 'progress' || event.taskId !== taskId || event.phase !== 'export') return;
      seen.push(event.done);
      if (stopAfter !== null && event.done >= stopAfter && event.done < event.total)
        setTimeout(() => model.service.context.cancelTask(taskId), 0);
    });
    const run = model.api.exportPlan({ planId: plan.id, what, format: 'csv', taskId, kinds: ['account'] });
    return { run, seen };
  }

  it('stops a CSV midway: the call fails as cancelled and hands on no file, not even part of one', async () => {
    const { run, seen } = await exportBig('assignments', 50_000);
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('CANCELLED');
    // The Stop landed while the file was being written, not before it started.
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(50_000);
    expect(Math.max(...seen)).toBeLessThan(120_000);
  });

  it('stops a workbook midway the same way; without Stop the same export writes the whole file', async () => {
    const stopped = await exportBig('workbook', 30_000);
    expect(((await stopped.run.catch((e: unknown) => e)) as ModelError).code).toBe('CANCELLED');
    const whole = await exportBig('workbook', null);
    const result = await whole.run;
    expect(result.rows).toBeGreaterThanOrEqual(120_000);
    expect((await xlsxRows(result.files[0].bytes)).length).toBe(120_001);
  });
});

describe('export: territories, memberships, targets, workbook, CRM files, GeoJSON', () => {
  it('writes each table and a workbook with all of them', async () => {
    const { api, planId } = await setup();
    await apply(api, planId);
    const memberships = csvRows((await api.exportPlan({ planId, what: 'memberships' })).files[0].bytes);
    expect(memberships.slice(1).map((r) => [r[0], r[3], r[5]])).toEqual([
      ['-F-016', 'Anne Leroy', 'manager'],
      ['DE', 'Bert Vogel', 'member'],
    ]);
    const targets = csvRows(
      (await api.exportPlan({ planId, what: 'targets', csvStyle: 'french' })).files[0].bytes,
      ';',
    );
    expect(targets.slice(1).map((r) => [r[0], r[1], r[4], r[5], r[6]])).toEqual([
      ['2027-Q1', 'EU', '', '1000', 'EUR'],
      ['2027-Q1', '-F-016', '', '400', 'EUR'],
      ['2027-Q1', '-F-016', 'Anne Leroy', '400', 'EUR'],
    ]);
    const workbook = await api.exportPlan({ planId, what: 'workbook' });
    expect(workbook.files[0].fileName).toBe('FY27 – EMEA (draft) - plan.xlsx');
    const parts = unzipSync(workbook.files[0].bytes);
    const names = [...strFromU8(parts['xl/workbook.xml']).matchAll(/name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['Assignments', 'Territories', 'Memberships', 'Targets', 'About']);
  });

  it('writes Salesforce ETM and Zoho CRM files', async () => {
    const { api, planId } = await setup();
    await apply(api, planId);
    const sf = await api.exportPlan({ planId, what: 'salesforce' });
    expect(sf.files[0].fileName).toBe('FY27 – EMEA (draft) - Salesforce territories.zip');
    const files = unzipSync(sf.files[0].bytes);
    expect(Object.keys(files).sort()).toEqual([
      'ObjectTerritory2Association.csv',
      'Territory2.csv',
      'Territory2Type.csv',
      'UserTerritory2Association.csv',
    ]);
    const territories = csvRows(files['Territory2.csv']);
    expect(territories[0].slice(0, 5)).toEqual([
      'DeveloperName',
      'Name',
      'Territory2Model.DeveloperName',
      'Territory2Type.DeveloperName',
      'ParentTerritory2.DeveloperName',
    ]);
    expect(territories.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ['EU', 'Europe', 'FY27_EMEA', ''],
      ['F_016', 'France', 'FY27_EMEA', 'EU'],
      ['DE', 'Germany', 'FY27_EMEA', 'EU'],
    ]);
    const objects = csvRows(files['ObjectTerritory2Association.csv']);
    expect(
      objects
        .slice(1)
        .map((r) => r.join(' '))
        .sort(),
    ).toEqual([
      '-42 DE Territory2Manual',
      'A1 F_016 Territory2Manual',
      'A2 F_016 Territory2Manual',
      'A3 DE Territory2Manual',
      'A6 F_016 Territory2Manual',
    ]);
    expect(csvRows(files['UserTerritory2Association.csv']).slice(1)).toEqual([
      ['F_016', 'anne@example.com', 'Manager'],
      ['DE', 'bert@example.com', 'Member'],
    ]);
    const zoho = unzipSync((await api.exportPlan({ planId, what: 'zoho' })).files[0].bytes);
    const zohoTerritories = csvRows(zoho['Territories.csv']);
    expect(zohoTerritories[2].slice(0, 3)).toEqual(['France', 'Europe', 'anne@example.com']);
    expect(csvRows(zoho['Accounts - Territories.csv'])).toContainEqual(['A3', 'Gamma Berlin', 'Germany']);
  });

  it('writes territories as GeoJSON with drawn areas and region codes', async () => {
    const { api, planId, france } = await setup();
    const square = [
      [
        [2, 48],
        [3, 48],
        [3, 49],
        [2, 48],
      ],
    ] as [number, number][][];
    await api.updateTerritory({
      planId,
      territoryId: france.id,
      patch: { geography: { regions: ['FR'], postalPrefixes: ['75'], areas: [square] } },
    });
    await apply(api, planId);
    const out = await api.exportPlan({ planId, what: 'geojson' });
    const geo = JSON.parse(strFromU8(out.files[0].bytes));
    expect(geo.type).toBe('FeatureCollection');
    const fr = geo.features.find((f: { properties: { code: string } }) => f.properties.code === '-F-016');
    // France's regions and drawn area dissolved: the square lies inside France, so the geometry is France's
    // boundary (mainland and islands), which holds Paris and not Berlin.
    expect(fr.geometry.type).toBe('MultiPolygon');
    expect(fr.geometry.coordinates.length).toBeGreaterThan(1);
    const inside = (lon: number, lat: number) =>
      booleanPointInPolygon(point([lon, lat]), multiPolygon(fr.geometry.coordinates));
    expect(inside(2.35, 48.86)).toBe(true);
    expect(inside(2.9, 48.2)).toBe(true);
    expect(inside(13.4, 52.52)).toBe(false);
    // Europe has no geography of its own: the union of France's and Germany's (Germany has none here).
    const eu = geo.features.find((f: { properties: { code: string } }) => f.properties.code === 'EU');
    expect(eu.geometry).toEqual(fr.geometry);
    expect(fr.properties).toMatchObject({
      name: 'France',
      manager: 'Anne Leroy',
      regions: ['FR'],
      accounts: 3,
      revenue: 301,
    });
  });
});

describe('finalize checklist', () => {
  it('lists what is left before finalizing, and clears as it is fixed', async () => {
    const { api, planId, europe, germany, bert } = await setup();
    const codes = (items: { code: string; count: number; kind?: string }[]) =>
      Object.fromEntries(items.map((i) => [`${i.code}${i.kind ? `:${i.kind}` : ''}`, i.count]));
    const before = await api.finalizeChecklist({ planId });
    expect(before.clean).toBe(false);
    expect(codes(before.items)).toMatchObject({ rulesNeverApplied: 1, 'recordsInNoTerritory:account': 6 });
    await apply(api, planId);
    const after = codes((await api.finalizeChecklist({ planId })).items);
    expect(after).toMatchObject({
      rulesNeverApplied: 0,
      rulesNotApplied: 0,
      'recordsInNoTerritory:account': 1,
      territoriesWithoutManager: 2,
      territoriesWithoutCode: 0,
      // Europe's 1000 is not what France's 400 adds up to; France's own 400 is its member's.
      targetMismatches: 1,
      'duplicateAccounts:account': 1,
    });
    // A rule changed since the last apply: records would move.
    await api.createRule({
      planId,
      territoryId: germany.id,
      recordKind: 'account',
      conditions: [is('city', 'Nowhere')],
    });
    const changed = (await api.finalizeChecklist({ planId })).items.find((i) => i.code === 'rulesNotApplied')!;
    // Two German accounts would go up to Europe, and the contact of one follows it.
    expect(changed.count).toBe(3);
    expect(changed.examples).toContain('Gamma Berlin (A3)');
    await api.setMembership({ planId, territoryId: europe.id, userId: bert.id, role: 'manager' });
    await api.updateTerritory({ planId, territoryId: germany.id, patch: { code: '' } });
    const fixed = (await api.finalizeChecklist({ planId })).items;
    expect(codes(fixed)).toMatchObject({ territoriesWithoutManager: 1, territoriesWithoutCode: 1 });
    expect(fixed.find((i) => i.code === 'territoriesWithoutCode')!.territoryIds).toEqual([germany.id]);
  });
});

describe('plan file', () => {
  const strip = (bytes: Uint8Array) => {
    const json = JSON.parse(strFromU8(bytes[0] === 0x1f ? gunzipSync(bytes) : bytes));
    delete json.exportedAt;
    return json;
  };

  it('round trips: out, into a fresh profile with its records, out again, identical', async () => {
    const { api, planId, france } = await setup();
    await apply(api, planId);
    await api.assignManually({ planId, kind: 'account', recordIds: [3], territoryId: france.id });
    await api.setPlanStatus({ planId, status: 'final' });
    const out = await api.exportPlan({ planId, what: 'planFile', includeRecords: true, gzip: true });
    expect(out.files[0].fileName).toBe('FY27 – EMEA - plan.territory.json.gz');

    const fresh = await openTestModel();
    const opened = await fresh.api.openPlanFile({ fileName: out.files[0].fileName, bytes: out.files[0].bytes });
    expect(opened).toMatchObject({ renamedIds: false, recordsAdded: 9, assignmentsSkipped: 0 });
    expect(opened.plan.id).toBe(planId);
    const again = await fresh.api.exportPlan({ planId, what: 'planFile', includeRecords: true, gzip: true });
    expect(strip(again.files[0].bytes)).toEqual(strip(out.files[0].bytes));
    // The same assignments, read the other way.
    expect(await expectedPairs(fresh.api, planId)).toEqual(await expectedPairs(api, planId));
    expect((await fresh.api.getPlan({ planId })).status).toBe('final');
  });

  it('records stay behind: assignments land on the records with the same external IDs', async () => {
    const { api, planId } = await setup();
    await apply(api, planId);
    const out = await api.exportPlan({ planId, what: 'planFile' });
    const other = await openTestModel();
    await seed(other.db, 'account', [accounts[2], accounts[0]]);
    const opened = await other.api.openPlanFile({ fileName: 'p.territory.json', bytes: out.files[0].bytes });
    expect(opened.recordsAdded).toBe(0);
    expect(opened.assignmentsSkipped).toBeGreaterThan(0);
    const territories = await other.api.listTerritories({ planId });
    const ids = await other.api.recordTerritories({ planId, kind: 'account', recordIds: [0, 1] });
    expect(ids.map((list) => list.map((id) => territories.find((t) => t.id === id)!.code))).toEqual([
      ['DE'],
      ['-F-016'],
    ]);
  });

  it('opened twice on one machine, the second copy gets new ids', async () => {
    const { api, planId } = await setup();
    await apply(api, planId);
    const out = await api.exportPlan({ planId, what: 'planFile' });
    const opened = await api.openPlanFile({ fileName: 'p.territory.json', bytes: out.files[0].bytes });
    expect(opened.renamedIds).toBe(true);
    expect(opened.plan.id).not.toBe(planId);
    expect(await expectedPairs(api, opened.plan.id)).toEqual(await expectedPairs(api, planId));
    expect((await api.listTerritories({ planId: opened.plan.id })).map((t) => t.code).sort()).toEqual(
      (await api.listTerritories({ planId })).map((t) => t.code).sort(),
    );
  });

  it('refuses bad, truncated, foreign and future-version files with a message, writing nothing', async () => {
    const { api, planId } = await setup();
    await apply(api, planId);
    const bytes = (await api.exportPlan({ planId, what: 'planFile' })).files[0].bytes;
    const json = JSON.parse(strFromU8(bytes));
    const refusal = async (file: Uint8Array) => {
      const error = (await api
        .openPlanFile({ fileName: 'bad.territory.json', bytes: file })
        .catch((e) => e)) as ModelError;
      expect(error).toBeInstanceOf(ModelError);
      expect(error.code).toBe('BAD_FILE');
      return { reason: (error.details as { reason: string }).reason, message: error.message };
    };
    const plans = (await api.listPlans({})).length;
    expect(await refusal(bytes.subarray(0, bytes.length - 10))).toMatchObject({ reason: 'unreadable' });
    expect(await refusal(gzipSync(bytes).subarray(0, 200))).toMatchObject({ reason: 'unreadable' });
    expect(await refusal(strToU8('{"hello":"world"}'))).toMatchObject({ reason: 'notPlanFile' });
    const future = await refusal(strToU8(JSON.stringify({ ...json, version: 2 })));
    expect(future.reason).toBe('newerVersion');
    expect(future.message).toContain('newer Territory Planner');
    const noName = structuredClone(json);
    delete noName.territories[1].name;
    const schema = await refusal(strToU8(JSON.stringify(noName)));
    expect(schema.reason).toBe('schema');
    expect(schema.message).toContain('territories.1.name');
    const orphan = structuredClone(json);
    orphan.territories[1].parentId = 'nowhere';
    expect(await refusal(strToU8(JSON.stringify(orphan)))).toMatchObject({ reason: 'inconsistent' });
    expect((await api.listPlans({})).length).toBe(plans);
  });
});

/**
 * The map's geography calls over the real Dexie schema: regions picked and undone, drawn areas checked (a
 * self-intersecting one refused, nothing stored), rules that read the geography, accounts per region, colours.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordKind } from '../../src/shared/domain';
import { ModelError } from '../../src/shared/errors';
import { coreFieldDefs } from '../../src/shared/records';
import { boundaryKeyOf } from '../../src/shared/regionAliases';
import { colourDistance, LOOK_ALIKE } from '../../src/model/engine/geo/colouring';
import { appendRow, createRecordTable, type CellValue } from '../../src/model/records/recordTable';
import { saveRecordTable } from '../../src/model/records/storage';
import { withPlaces } from '../unit/rules/helpers';
import { openTestModel } from './testDb';

type Row = Record<string, CellValue>;

const accounts: Row[] = [
  { externalId: 'A1', name: 'Paris SA', country: 'FR', region: 'FR-IDF', latitude: 48.85, longitude: 2.35 },
  { externalId: 'A2', name: 'Lyon SARL', country: 'FR', region: 'FR-ARA', latitude: 45.76, longitude: 4.83 },
  { externalId: 'A3', name: 'Marseille SAS', country: 'FR', region: 'FR-PAC', latitude: 43.3, longitude: 5.37 },
  { externalId: 'A4', name: 'Munich GmbH', country: 'DE', region: 'DE-BY', latitude: 48.14, longitude: 11.58 },
  { externalId: 'A5', name: 'Suva Ltd', country: 'FJ', region: '', latitude: -18.14, longitude: 178.44 },
  { externalId: 'A6', name: 'Taveuni Ltd', country: 'FJ', region: '', latitude: -16.8, longitude: -179.9 },
];

async function setup() {
  const model = await openTestModel();
  const { api, db } = model;
  const table = createRecordTable('account' as RecordKind, coreFieldDefs('account'));
  // Stored as an import would: with the canonical places resolved, which 'is in regions' reads.
  for (const row of accounts) appendRow(table, withPlaces('account', row));
  await saveRecordTable(db, table);
  const plan = await api.createPlan({ name: 'FY27' });
  const [root] = await api.listTerritories({ planId: plan.id });
  const north = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'North', code: 'N' });
  const pacific = await api.createTerritory({ planId: plan.id, parentId: root.id, name: 'Pacific', code: 'P' });
  return { ...model, planId: plan.id, root, north, pacific };
}

async function errorOf(work: Promise<unknown>): Promise<ModelError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

describe('geography calls', () => {
  it('adds and removes picked regions as undoable steps, refusing what is not a region key', async () => {
    const { api, planId, north } = await setup();
    let t = await api.changeTerritoryRegions({
      planId,
      territoryId: north.id,
      add: ['fr-idf', 'DE-BY', 'FR-IDF'],
      remove: [],
    });
    expect(t.geography.regions).toEqual(['FR-IDF', 'DE-BY']);
    expect((await api.getHistory({ planId })).undoLabel).toBe('Add regions');
    t = await api.changeTerritoryRegions({ planId, territoryId: north.id, add: [], remove: ['DE-BY'] });
    expect(t.geography.regions).toEqual(['FR-IDF']);
    await api.undo({ planId });
    expect((await api.listTerritories({ planId })).find((x) => x.id === north.id)!.geography.regions).toEqual([
      'FR-IDF',
      'DE-BY',
    ]);
    const bad = await errorOf(
      api.changeTerritoryRegions({ planId, territoryId: north.id, add: ['France'], remove: [] }),
    );
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.details).toMatchObject({ reason: 'unknownRegionKey', key: 'France' });
  });

  it('refuses a self-intersecting area with where it crosses, and stores nothing', async () => {
    const { api, planId, north } = await setup();
    const error = await errorOf(
      api.setTerritoryGeography({
        planId,
        territoryId: north.id,
        geography: {
          regions: [],
          postalPrefixes: [],
          areas: [
            [
              [
                [0, 0],
                [4, 4],
                [4, 0],
                [0, 4],
                [0, 0],
              ],
            ],
          ],
        },
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ reason: 'selfIntersection', area: 0, at: [2, 2] });
    expect(error.message).toMatch(/crosses itself/);
    expect((await api.listTerritories({ planId })).find((x) => x.id === north.id)!.geography.areas).toEqual([]);
    expect((await api.getHistory({ planId })).undoLabel).not.toBe('Change geography');
  });

  it('runs rules on regions and on a drawn area across the antimeridian', async () => {
    const { api, planId, north, pacific } = await setup();
    await api.setTerritoryGeography({
      planId,
      territoryId: north.id,
      geography: { regions: ['FR-IDF', 'DE-BY'], postalPrefixes: [' 75 ', '75'], areas: [] },
    });
    // Drawn eastwards over the date line, as a planner clicks it: 175°E to 175°W around Fiji.
    const fiji = await api.setTerritoryGeography({
      planId,
      territoryId: pacific.id,
      geography: {
        regions: [],
        postalPrefixes: [],
        areas: [
          [
            [
              [175, -20],
              [-175, -20],
              [-175, -15],
              [175, -15],
            ],
          ],
        ],
      },
    });
    expect(fiji.geography.areas[0][0]).toEqual([
      [175, -20],
      [185, -20],
      [185, -15],
      [175, -15],
      [175, -20],
    ]);
    await api.createRule({
      planId,
      territoryId: north.id,
      recordKind: 'account',
      conditions: [{ field: '', operator: 'inRegions', value: [] }],
    });
    await api.createRule({
      planId,
      territoryId: pacific.id,
      recordKind: 'account',
      conditions: [{ field: '', operator: 'withinArea', value: null }],
    });
    const preview = await api.runRules({ planId, scope: { type: 'plan' } });
    await api.applyPreview({ previewId: preview.previewId });
    const placed = await api.recordTerritories({ planId, kind: 'account', recordIds: [0, 1, 2, 3, 4, 5] });
    expect(placed).toEqual([[north.id], [], [], [north.id], [pacific.id], [pacific.id]]);

    const figures = new Map((await api.regionFigures({ planId })).map((f) => [f.key, f]));
    expect(figures.get('FR')).toEqual({ key: 'FR', accounts: 3, unassigned: 2 });
    expect(figures.get('FR-ARA')).toEqual({ key: 'FR-ARA', accounts: 1, unassigned: 1 });
    expect(figures.get('DE-BY')).toEqual({ key: 'DE-BY', accounts: 1, unassigned: 0 });
  });

  it("answers the hover card and revenue per located account, in the map points' order", async () => {
    const { api, planId } = await setup();
    const points = await api.getRecordPoints({ kind: 'account', planId });
    const values = await api.pointValues({ field: 'latitude' });
    expect(values).toBeInstanceOf(Float32Array);
    expect(Array.from(values)).toEqual(Array.from(points.lonLat).filter((_, i) => i % 2 === 1));
    const card = await api.pointDetails({ planId, recordId: 3 });
    expect(card).toMatchObject({ recordId: 3, name: 'Munich GmbH', country: 'DE', region: 'DE-BY', territories: [] });
    const missing = await errorOf(api.pointValues({ field: 'nope' }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('answers values for the accounts a plan plans over, aligned with its points when it leaves a data set out', async () => {
    const model = await openTestModel();
    const { api, db } = model;
    await db.dataSets.put({
      id: 'other',
      code: 91,
      name: 'Other',
      origin: 'import',
      fileName: 'other.csv',
      createdAt: new Date().toISOString(),
    });
    const table = createRecordTable('account' as RecordKind, coreFieldDefs('account'));
    // Rows of the two data sets interleaved: the left-out ones sit between those the plan keeps.
    accounts.forEach((row, i) => {
      appendRow(table, withPlaces('account', row));
      appendRow(table, withPlaces('account', { ...row, externalId: `O${i}`, latitude: -(row.latitude as number) }), 91);
    });
    await saveRecordTable(db, table);
    const plan = await api.createPlan({ name: 'Without the other set' });
    await api.updatePlan({ planId: plan.id, patch: { excludedDataSetIds: ['other'] } });
    const points = await api.getRecordPoints({ kind: 'account', planId: plan.id });
    expect(points.recordIds.length).toBe(accounts.length);
    const values = await api.pointValues({ field: 'latitude', planId: plan.id });
    expect(Array.from(values)).toEqual(Array.from(points.lonLat).filter((_, i) => i % 2 === 1));
    // Without a plan: every account, the other set's too (the map asked so, and then sized nothing).
    expect((await api.pointValues({ field: 'latitude' })).length).toBe(2 * accounts.length);
  });

  it('recolours neighbours that look alike, once, as an undoable step', async () => {
    const { api, planId, north, pacific } = await setup();
    await api.updateTerritory({ planId, territoryId: north.id, patch: { color: '#9333ea' } });
    await api.updateTerritory({ planId, territoryId: pacific.id, patch: { color: '#9234e8' } });
    expect(await api.recolourTerritories({ planId, neighbours: [[north.id, pacific.id]], locked: [north.id] })).toEqual(
      { changed: 1 },
    );
    const colours = new Map((await api.listTerritories({ planId })).map((t) => [t.id, t.color]));
    expect(colours.get(north.id)).toBe('#9333ea');
    expect(colourDistance(colours.get(north.id)!, colours.get(pacific.id)!)).toBeGreaterThanOrEqual(LOOK_ALIKE);
    expect(await api.recolourTerritories({ planId, neighbours: [[north.id, pacific.id]] })).toEqual({ changed: 0 });
    expect((await api.getHistory({ planId })).undoLabel).toBe('Recolour territories');
  });
});

describe('map edits on a final plan', () => {
  it('refuses picking regions, drawing, recolouring and placing by hand, and stores nothing', async () => {
    const { api, planId, north, pacific } = await setup();
    await api.changeTerritoryRegions({ planId, territoryId: north.id, add: ['FR-IDF'], remove: [] });
    await api.setPlanStatus({ planId, status: 'final' });
    const before = await api.listTerritories({ planId });
    const square = [
      [
        [2, 48],
        [3, 48],
        [3, 49],
        [2, 48],
      ],
    ] as [number, number][][];
    const bowtie = [
      [
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ],
    ] as [number, number][][];
    const refusals = [
      api.changeTerritoryRegions({ planId, territoryId: north.id, add: ['DE-BY'], remove: ['FR-IDF'] }),
      // Even an input that is wrong in itself is answered "read only" first.
      api.changeTerritoryRegions({ planId, territoryId: north.id, add: ['not a region'], remove: [] }),
      api.setTerritoryGeography({
        planId,
        territoryId: north.id,
        geography: { regions: [], postalPrefixes: [], areas: [square] },
      }),
      api.setTerritoryGeography({
        planId,
        territoryId: north.id,
        geography: { regions: [], postalPrefixes: [], areas: [bowtie] },
      }),
      api.recolourTerritories({ planId, neighbours: [[north.id, pacific.id]] }),
      api.assignManually({ planId, kind: 'account', recordIds: [0, 1], territoryId: pacific.id, mode: 'replace' }),
    ];
    for (const work of refusals) {
      const error = await errorOf(work);
      expect(error.code).toBe('READ_ONLY');
      expect(error.key).toBe('planReadOnly');
      expect(error.details).toMatchObject({ planId, status: 'final' });
    }
    expect(await api.listTerritories({ planId })).toEqual(before);
    expect((await api.listTerritories({ planId })).find((t) => t.id === north.id)?.geography.regions).toEqual([
      'FR-IDF',
    ]);
  });
});

describe('territories made from places cover them on the map', () => {
  it('Start from data gives a Country territory its country and a Region territory its subdivision', async () => {
    const { api, planId, root } = await setup();
    await api.generateHierarchyFromData({
      planId,
      parentId: root.id,
      levels: [{ field: 'country' }, { field: 'region' }],
      withRules: true,
    });
    const all = await api.listTerritories({ planId });
    const regionsOf = (code: string) => all.find((t) => t.code === code)?.geography.regions;
    expect(regionsOf('FR')).toEqual(['FR']);
    expect(regionsOf('DE')).toEqual(['DE']);
    expect(regionsOf('FR-IDF')).toEqual(['FR-IDF']);
    expect(regionsOf('DE-BY')).toEqual(['DE-BY']);
    // Accounts without a region make an "Unspecified" territory: no place to cover.
    const unspecified = all.filter((t) => t.name === 'Unspecified');
    expect(unspecified.length).toBeGreaterThan(0);
    for (const t of unspecified) expect(t.geography.regions).toEqual([]);
  });

  it("Spain's single-province communities: Start from data and a map pick give the map's keys, covering the province", async () => {
    const { api, db } = await openTestModel();
    const table = createRecordTable('account' as RecordKind, coreFieldDefs('account'));
    const spanish: Row[] = [
      // Navarre's province (ES-NA), in its community (ES-NC); and an account known only by the community.
      { externalId: 'S1', name: 'Pamplona SL', country: 'ES', region: 'ES-NA' },
      { externalId: 'S2', name: 'Tudela SL', country: 'ES', region: 'Comunidad Foral de Navarra' },
      { externalId: 'S3', name: 'Murcia SA', country: 'ES', region: 'Región de Murcia' },
      { externalId: 'S4', name: 'Palma SL', country: 'ES', region: 'Illes Balears' },
      { externalId: 'S5', name: 'Logroño SA', country: 'ES', region: 'La Rioja' },
    ];
    for (const row of spanish) appendRow(table, withPlaces('account', row));
    await saveRecordTable(db, table);
    const plan = await api.createPlan({ name: 'Spain' });
    const planId = plan.id;
    const [root] = await api.listTerritories({ planId });
    await api.generateHierarchyFromData({
      planId,
      parentId: root.id,
      levels: [{ field: 'country' }, { field: 'region' }],
      withRules: false,
    });
    const communities = (await api.listTerritories({ planId }))
      .filter((t) => t.parentId !== root.id && t.id !== root.id)
      .flatMap((t) => t.geography.regions)
      .sort();
    expect(communities).toEqual(['ES-IB', 'ES-MC', 'ES-NC', 'ES-RI']);
    // Each is a shape of the map's first level, so the map shades it there.
    const boundaries = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../resources/geo/boundaries.topo.json'), 'utf8'),
    ) as { objects: { regions: { geometries: { id: string }[] } } };
    const mapRegions = new Set(boundaries.objects.regions.geometries.map((g) => g.id));
    for (const key of communities) expect(mapRegions.has(key), key).toBe(true);
    const figures = new Map((await api.regionFigures({ planId })).map((f) => [f.key, f.accounts]));
    expect([figures.get('ES-NC'), figures.get('ES-NA'), figures.get('ES')]).toEqual([2, 1, 5]);

    // Picking the community on the map covers its province's account; picking the province, only that one.
    const navarre = await api.createTerritory({ planId, parentId: root.id, name: 'Navarre', code: 'NAV' });
    await api.changeTerritoryRegions({ planId, territoryId: navarre.id, add: ['ES-NC'], remove: [] });
    await api.createRule({
      planId,
      territoryId: navarre.id,
      recordKind: 'account',
      conditions: [{ field: '', operator: 'inRegions', value: [] }],
    });
    const placedBy = async (pick: string) => {
      const current = (await api.listTerritories({ planId })).find((t) => t.id === navarre.id)!.geography.regions;
      await api.changeTerritoryRegions({ planId, territoryId: navarre.id, add: [pick], remove: current });
      const preview = await api.runRules({ planId, scope: { type: 'territory', territoryId: navarre.id } });
      await api.applyPreview({ previewId: preview.previewId });
      const placed = await api.recordTerritories({ planId, kind: 'account', recordIds: [0, 1, 2, 3, 4] });
      return placed.map((ids) => ids.includes(navarre.id));
    };
    expect(await placedBy('ES-NC')).toEqual([true, true, false, false, false]);
    expect(await placedBy('ES-NA')).toEqual([true, false, false, false, false]);
  });

  it("Poland's voivodeships: territories hold today's codes (PL-14...), the map shades and counts its old-keyed shapes, a map pick covers them", async () => {
    const { api, db } = await openTestModel();
    const table = createRecordTable('account' as RecordKind, coreFieldDefs('account'));
    const polish: Row[] = [
      { externalId: 'P1', name: 'Warszawa Sp. z o.o.', country: 'PL', region: 'Mazowieckie' },
      { externalId: 'P2', name: 'Radom S.A.', country: 'PL', region: 'PL-14' },
      { externalId: 'P3', name: 'Wrocław S.A.', country: 'PL', region: 'Dolnośląskie' },
      { externalId: 'P4', name: 'Katowice Sp. z o.o.', country: 'PL', region: 'Śląskie' },
    ];
    for (const row of polish) appendRow(table, withPlaces('account', row));
    await saveRecordTable(db, table);
    const { id: planId } = await api.createPlan({ name: 'Poland' });
    const [root] = await api.listTerritories({ planId });
    await api.generateHierarchyFromData({
      planId,
      parentId: root.id,
      levels: [{ field: 'country' }, { field: 'region' }],
      withRules: false,
    });
    const voivodeships = (await api.listTerritories({ planId }))
      .filter((t) => t.parentId !== root.id && t.id !== root.id)
      .flatMap((t) => t.geography.regions)
      .sort();
    expect(voivodeships).toEqual(['PL-02', 'PL-14', 'PL-24']);
    // The map draws them under Natural Earth's old letter codes; shading looks each up by boundaryKeyOf.
    const boundaries = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../resources/geo/boundaries.topo.json'), 'utf8'),
    ) as { objects: { regions: { geometries: { id: string }[] } } };
    const mapRegions = new Set(boundaries.objects.regions.geometries.map((g) => g.id));
    expect(voivodeships.map(boundaryKeyOf)).toEqual(['PL-DS', 'PL-MZ', 'PL-SL']);
    for (const key of voivodeships) expect(mapRegions.has(boundaryKeyOf(key)), key).toBe(true);
    // Accounts per region (the map's orphan marks and hover figures) land on the same shapes.
    const figures = new Map((await api.regionFigures({ planId })).map((f) => [boundaryKeyOf(f.key), f.accounts]));
    expect([figures.get('PL-MZ'), figures.get('PL-DS'), figures.get('PL-SL'), figures.get('PL')]).toEqual([2, 1, 1, 4]);

    // Picking Masovia on the map (its key PL-MZ) stores PL-14, and an "is in regions" rule covers its accounts.
    const masovia = await api.createTerritory({ planId, parentId: root.id, name: 'Masovia', code: 'MAZ' });
    const picked = await api.changeTerritoryRegions({ planId, territoryId: masovia.id, add: ['PL-MZ'], remove: [] });
    expect(picked.geography.regions).toEqual(['PL-14']);
    await api.createRule({
      planId,
      territoryId: masovia.id,
      recordKind: 'account',
      conditions: [{ field: '', operator: 'inRegions', value: [] }],
    });
    const preview = await api.runRules({ planId, scope: { type: 'territory', territoryId: masovia.id } });
    await api.applyPreview({ previewId: preview.previewId });
    const placed = await api.recordTerritories({ planId, kind: 'account', recordIds: [0, 1, 2, 3] });
    expect(placed.map((ids) => ids.includes(masovia.id))).toEqual([true, true, false, false]);
  });

  it("the sample's place-only leaves cover their places; parents and leaves with other conditions cover none", async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const all = await api.listTerritories({ planId: sample.id });
    const regionsOf = (code: string) => all.find((t) => t.code === code)?.geography.regions;
    expect(regionsOf('FR-N')).toEqual(['FR-IDF', 'FR-HDF', 'FR-GES', 'FR-BRE', 'FR-PDL']);
    expect(regionsOf('ALP')).toEqual(['AT', 'CH']);
    expect(regionsOf('FR')).toEqual([]);
    expect(regionsOf('EMEA')).toEqual([]);
    // "England South" is London, Bristol and Birmingham: cities, not a place the map can shade.
    expect(regionsOf('UK-S')).toEqual([]);
    // Every shaded key is claimed once: no parent repeats a child's place.
    const keys = all.flatMap((t) => t.geography.regions);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(20);
  });
});

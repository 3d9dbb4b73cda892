// Issue #8 end to end over the model: an English Salesforce-style and a French Zoho-style export (";",
// Windows-1252) of the same companies, "Start from data" by country and by region, and a DACH rule.
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import { fixture } from '../unit/import/helpers';
import { openTestModel } from './testDb';

let tasks = 0;

async function importAccounts(api: ModelApi, name: string) {
  const analysis = await api.analyzeImportFile({ fileName: name, bytes: fixture(name), kind: 'account' });
  const check = await api.checkImport({
    importId: analysis.importId,
    taskId: `c${tasks++}`,
    mapping: analysis.mapping,
  });
  await api.commitImport({ importId: analysis.importId, taskId: `m${tasks++}`, onlyValidRows: false });
  return check;
}

async function bothFiles() {
  const model = await openTestModel();
  const { api } = model;
  const en = await importAccounts(api, 'places-salesforce-en.csv');
  const fr = await importAccounts(api, 'places-zoho-fr.csv');
  const plan = await api.createPlan({ name: 'Places' });
  const [org] = await api.listTerritories({ planId: plan.id });
  return { ...model, en, fr, planId: plan.id, org };
}

async function runAndApply(api: ModelApi, planId: string) {
  const preview = await api.runRules({ planId, scope: { type: 'plan' } });
  await api.applyPreview({ previewId: preview.previewId });
}

/** External IDs of the accounts in each territory (by name), after a run. */
async function accountsByTerritory(api: ModelApi, planId: string) {
  const page = await api.queryRecords({ kind: 'account', offset: 0, limit: 100 });
  const ids = page.rows.map((r) => r.id);
  const placed = await api.recordTerritories({ planId, kind: 'account', recordIds: ids });
  const names = new Map((await api.listTerritories({ planId })).map((t) => [t.id, t.name]));
  const out = new Map<string, string[]>();
  page.rows.forEach((row, i) => {
    for (const t of placed[i]) {
      const name = names.get(t)!;
      out.set(name, [...(out.get(name) ?? []), String(row.values.externalId)].sort());
    }
  });
  return out;
}

describe('places, not text', () => {
  it('resolves both files to the same countries and regions, whatever the language', async () => {
    const { en, fr } = await bothFiles();
    for (const check of [en, fr]) {
      const countries = check.places!.columns.find((c) => c.field === 'country')!;
      expect(countries.notFound).toBe(0);
      const regions = check.places!.columns.find((c) => c.field === 'region')!;
      expect(regions.notFound).toBe(0);
    }
  });

  it('Start from data → Country: one territory per real country, each with both files’ accounts', async () => {
    const { api, planId, org } = await bothFiles();
    const preview = await api.previewHierarchyFromData({ levels: [{ field: 'country' }] });
    expect(preview.groups.map((g) => g.label).sort()).toEqual(
      ['Austria', 'Belgium', 'France', 'Germany', 'Switzerland', 'United States'].sort(),
    );
    await api.generateHierarchyFromData({ planId, parentId: org.id, levels: [{ field: 'country' }], withRules: true });
    const territories = await api.listTerritories({ planId });
    expect(
      territories
        .filter((t) => t.parentId === org.id)
        .map((t) => t.code)
        .sort(),
    ).toEqual(['AT', 'BE', 'CH', 'DE', 'FR', 'US'].sort());
    await runAndApply(api, planId);
    const placed = await accountsByTerritory(api, planId);
    expect(placed.get('Germany')).toEqual(['001A000002', '001A000010', 'Z-1002', 'Z-1010']);
    expect(placed.get('Belgium')).toEqual(['001A000009', 'Z-1009']);
    expect(placed.get('United States')).toHaveLength(8);
  });

  it('Start from data → Region under one country: only that country’s states, named, coded by ISO', async () => {
    const { api, planId, org } = await bothFiles();
    await api.generateHierarchyFromData({ planId, parentId: org.id, levels: [{ field: 'country' }], withRules: true });
    // No run or apply in between: the accounts under "United States" are those its new rule would place there.
    const us = (await api.listTerritories({ planId })).find((t) => t.code === 'US')!;
    const preview = await api.previewHierarchyFromData({
      levels: [{ field: 'region' }],
      planId,
      parentId: us.id,
      language: 'fr',
    });
    // Named in French: CLDR or Natural Earth names where they differ from the English ones.
    expect(preview.groups.map((g) => g.label).sort()).toEqual([
      'Californie',
      'Delaware',
      'Illinois',
      'État de New York',
    ]);
    expect(preview.groups.reduce((sum, g) => sum + g.accounts, 0)).toBe(8);
    await api.generateHierarchyFromData({
      planId,
      parentId: us.id,
      levels: [{ field: 'region' }],
      withRules: true,
      language: 'en',
    });
    const states = (await api.listTerritories({ planId })).filter((t) => t.parentId === us.id);
    expect(states.map((t) => t.code).sort()).toEqual(['US-CA', 'US-DE', 'US-IL', 'US-NY']);
    await runAndApply(api, planId);
    const placed = await accountsByTerritory(api, planId);
    expect(placed.get('Delaware')).toEqual(['001A000001', 'Z-1001']);
    expect(placed.get('Illinois')).toEqual(['001A000008', 'Z-1008']);
  });

  it('"is in regions DE, AT, CH" holds for Germany, Deutschland and Allemagne, never for Delaware', async () => {
    const { api, planId, org } = await bothFiles();
    const [dach] = await api
      .addTerritories({
        planId,
        parentId: org.id,
        territories: [{ ref: 'dach', parentRef: null, name: 'DACH' }],
      })
      .then((r) => r.topIds);
    await api.createRule({
      planId,
      territoryId: dach,
      recordKind: 'account',
      conditions: [{ field: '', operator: 'inRegions', value: ['DE', 'AT', 'CH'] }],
      pattern: '',
      enabled: true,
    });
    await runAndApply(api, planId);
    const placed = await accountsByTerritory(api, planId);
    expect(placed.get('DACH')).toEqual(
      ['001A000002', '001A000003', '001A000004', '001A000010', 'Z-1002', 'Z-1003', 'Z-1004', 'Z-1010'].sort(),
    );
  });
});

// The wizard's Places step as the UI drives it, over the real Dexie schema: the place report per column (country,
// region, postal code, city), fix-ups applied to every row holding a value and remembered by the mapping profile,
// and the place calls the pickers read (names in the UI language, codes stored).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../../src/shared/api';
import type { PlaceFix } from '../../../src/shared/places';
import { openTestModel } from '../testDb';
import { utf8 } from '../../unit/import/helpers';

let tasks = 0;

const csv = [
  'Account ID,Account Name,Street,City,State,Zip,Country',
  'A1,Globex,Leopoldstraße 12,Munich,Oberbayern,80802,Germany',
  'A2,Globex Nord,Hafenstraße 1,Hamburg,,20095,Allemagne',
  'A3,Initech,Bahnhofstrasse 5,Zurich,ZH,8001,Helvetia',
  'A4,Cyberdyne,Rue de la Loi 16,Brussels,,1000,Belgique',
  'A5,Acme,1 Market St,Dover,DE,19901-4321,United States',
  'A6,Hooli,PO Box 42,Springfield,,,USA',
  'A7,Fort,Unit 2050 Box 4190,APO,AE,09096,United States',
  'A8,Nowhere Ltd,1 High St,Qwxzzy,,ZZZ ZZZ,Germany',
  'A9,Helvetia Bank,Paradeplatz 8,Zurich,Zurich,8001,Helvetia',
].join('\n');

async function check(api: ModelApi, placeFixes?: PlaceFix[]) {
  const analysis = await api.analyzeImportFile({ fileName: 'crm.csv', bytes: utf8(csv), kind: 'account' });
  const checked = await api.checkImport({
    importId: analysis.importId,
    taskId: `c${tasks++}`,
    mapping: analysis.mapping,
    placeFixes: placeFixes ?? analysis.profile?.placeFixes,
  });
  return { analysis, checked };
}

const columnOf = (checked: Awaited<ReturnType<typeof check>>['checked'], field: string) =>
  checked.places!.columns.find((c) => c.field === field)!;

describe('the import wizard’s Places step', () => {
  it('reports each place column’s values found, not found and ambiguous, with their rows', async () => {
    const { api } = await openTestModel();
    const { checked } = await check(api);
    expect(checked.places!.columns.map((c) => [c.field, c.header])).toEqual([
      ['country', 'Country'],
      ['region', 'State'],
      ['postalCode', 'Zip'],
      ['city', 'City'],
    ]);
    const countries = columnOf(checked, 'country');
    // Germany, Allemagne, Belgique, United States, USA found; Helvetia (Latin) is not a name the data knows.
    expect(countries).toMatchObject({ found: 5, notFound: 1, ambiguous: 0 });
    expect(countries.values[0]).toEqual({
      value: 'Helvetia',
      status: 'notFound',
      code: '',
      candidates: [],
      rows: 2,
      firstRows: [4, 10],
    });
    expect(countries.values.find((v) => v.value === 'Allemagne')).toMatchObject({ status: 'found', code: 'DE' });
    const regions = columnOf(checked, 'region');
    expect(regions.values.find((v) => v.value === 'Oberbayern')).toMatchObject({ status: 'notFound', firstRows: [2] });
    // "DE" beside a US country is Delaware.
    expect(regions.values.find((v) => v.value === 'DE')).toMatchObject({ status: 'found', code: 'US-DE' });
    const postal = columnOf(checked, 'postalCode');
    expect(postal.values.find((v) => v.value === '19901-4321')).toMatchObject({ status: 'found', code: '19901' });
    expect(postal.values.find((v) => v.value === 'ZZZ ZZZ')).toMatchObject({ status: 'notFound', firstRows: [9] });
    const cities = columnOf(checked, 'city');
    expect(cities.values.find((v) => v.value === 'Qwxzzy')).toMatchObject({ status: 'notFound', firstRows: [9] });
    expect(cities.values.find((v) => v.value === 'Hamburg')).toMatchObject({ status: 'found' });
    expect(checked.places!.flaggedRows).toEqual({ military: 1, poBox: 1 });
    expect(checked.places!.guessedRows).toBeGreaterThanOrEqual(1);
  });

  it('applies the planner’s fix-ups to every row holding the value and remembers them with the mapping', async () => {
    const model = await openTestModel();
    const { api } = model;
    const fixes: PlaceFix[] = [
      { field: 'country', value: 'Helvetia', code: 'CH' },
      { field: 'region', value: 'Oberbayern', code: 'DE-BY' },
    ];
    const { analysis, checked } = await check(api, fixes);
    expect(columnOf(checked, 'country').values.find((v) => v.value === 'Helvetia')).toMatchObject({
      status: 'fixed',
      code: 'CH',
      rows: 2,
    });
    expect(columnOf(checked, 'region').values.find((v) => v.value === 'Oberbayern')).toMatchObject({
      status: 'fixed',
      code: 'DE-BY',
    });
    // With Helvetia known as Switzerland, "ZH" and "Zurich" resolve within it.
    expect(columnOf(checked, 'region').values.find((v) => v.value === 'ZH')).toMatchObject({ code: 'CH-ZH' });
    await api.commitImport({
      importId: analysis.importId,
      taskId: `m${tasks++}`,
      onlyValidRows: false,
      profileName: 'CRM export',
    });
    const page = await api.queryRecords({ kind: 'account', offset: 0, limit: 20 });
    const byId = new Map(page.rows.map((r) => [String(r.values.externalId), r.values]));
    expect(byId.get('A3')).toMatchObject({ countryCode: 'CH', regionCode: 'CH-ZH' });
    expect(byId.get('A9')).toMatchObject({ countryCode: 'CH', regionCode: 'CH-ZH' });
    expect(byId.get('A1')).toMatchObject({ countryCode: 'DE', regionCode: 'DE-BY' });
    expect(byId.get('A6')).toMatchObject({ placeFlag: 'poBox' });
    expect(byId.get('A7')).toMatchObject({ placeFlag: 'military' });

    // The next file of the same shape: the profile brings the fix-ups back, and a check with them resolves all.
    const next = await check(api);
    expect(next.analysis.profile).toMatchObject({ name: 'CRM export', placeFixes: fixes });
    expect(columnOf(next.checked, 'country').notFound).toBe(0);
    expect(columnOf(next.checked, 'region').values.find((v) => v.value === 'Oberbayern')?.code).toBe('DE-BY');
  });

  it('"not a place" leaves a value unresolved without reporting it as unknown', async () => {
    const { api } = await openTestModel();
    const { checked } = await check(api, [{ field: 'country', value: 'helvetia', code: '' }]);
    expect(columnOf(checked, 'country').values.find((v) => v.value === 'Helvetia')).toMatchObject({
      status: 'fixed',
      code: '',
    });
  });
});

describe('place names and choices for the pickers', () => {
  it('names countries and subdivisions in the UI language and lists a country’s regions', async () => {
    const { api } = await openTestModel();
    const countries = await api.placeChoices({ language: 'fr' });
    expect(countries.length).toBeGreaterThan(200);
    expect(countries.find((c) => c.code === 'DE')).toMatchObject({ name: 'Allemagne', level: 0 });
    expect(countries.find((c) => c.code === 'DE')!.aliases).toContain('Germany');
    const english = await api.placeChoices({ language: 'en' });
    expect(english.find((c) => c.code === 'BE')?.name).toBe('Belgium');
    const states = await api.placeChoices({ language: 'en', country: 'US' });
    expect(states.find((s) => s.code === 'US-DE')).toMatchObject({ name: 'Delaware', level: 1 });
    expect(states.every((s) => s.code.startsWith('US-'))).toBe(true);
    const german = await api.placeChoices({ language: 'en', country: 'DE' });
    expect(german.find((s) => s.code === 'DE-BY')).toMatchObject({ name: 'Bavaria', aliases: ['Bayern', 'Bavière'] });
    // In French, a subdivision is named in French where it has a French name, else by its local name.
    const allemand = await api.placeChoices({ language: 'fr', country: 'DE' });
    expect(allemand.find((s) => s.code === 'DE-BY')).toMatchObject({ name: 'Bavière', aliases: ['Bayern', 'Bavaria'] });
    expect(allemand.find((s) => s.code === 'DE-BE')?.name).toBe('Berlin');
    // Level 1 before level 2.
    const french = await api.placeChoices({ language: 'fr', country: 'FR' });
    const levels = french.map((s) => s.level);
    expect(levels).toEqual([...levels].sort());
    expect(french.find((s) => s.code === 'FR-IDF')?.name).toBe('Île-de-France');
    // CLDR's footnote marks ("Île-de-France²") are not part of a name.
    const inEnglish = await api.placeChoices({ language: 'en', country: 'FR' });
    expect(inEnglish.find((s) => s.code === 'FR-IDF')?.name).toBe('Île-de-France');
    expect(inEnglish.every((s) => !/[\u00b9\u00b2\u00b3]/.test(s.name))).toBe(true);
  });

  it('resolves typed text the way the import does: countries in any language, regions within a country', async () => {
    const { api } = await openTestModel();
    for (const text of ['Germany', 'Deutschland', 'Allemagne', 'DEU', 'de'])
      expect((await api.resolvePlace({ language: 'en', field: 'country', text })).map((c) => c.code)).toEqual(['DE']);
    expect(await api.resolvePlace({ language: 'en', field: 'country', text: 'Atlantis' })).toEqual([]);
    const delaware = await api.resolvePlace({ language: 'en', field: 'region', text: 'DE', country: 'US' });
    expect(delaware.map((c) => [c.code, c.name])).toEqual([['US-DE', 'Delaware']]);
    // Without a country, a bare "DE" is no region at all; an ISO 3166-2 code is.
    expect(await api.resolvePlace({ language: 'en', field: 'region', text: 'DE' })).toEqual([]);
    expect((await api.resolvePlace({ language: 'en', field: 'region', text: 'de-by' })).map((c) => c.code)).toEqual([
      'DE-BY',
    ]);
    expect(
      (await api.resolvePlace({ language: 'fr', field: 'region', text: 'ile de france', country: 'FR' }))[0],
    ).toMatchObject({ code: 'FR-IDF', name: 'Île-de-France' });
    expect(await api.placeNames({ language: 'fr', codes: ['DE', 'US-DE', 'FR-IDF', 'XX'] })).toEqual({
      DE: 'Allemagne',
      'US-DE': 'Delaware',
      'FR-IDF': 'Île-de-France',
    });
  });
});

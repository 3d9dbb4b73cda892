/**
 * Issue #8 as a planner meets it: an English Salesforce-style export and a French Zoho-style export (";",
 * Windows-1252) of the same companies imported through the wizard, whose Places step shows how the places were
 * understood and takes fix-ups ("Helvetia" -> Switzerland); "Start from data → Country" then "→ Region" under one
 * country make exactly one territory per real country or state, each holding both files' accounts; a rule "is in
 * regions Germany, Österreich, CH" (stored as DE, AT, CH) holds for "Germany", "Deutschland" and "Allemagne" and not
 * for the US account in Delaware ("DE").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelMethod } from '../../src/shared/api';
import { serveAppForTests } from './support/app';
import { expectNoViolations } from './support/axe';
import { launchApp, screenshot } from './support/browser';

const app = serveAppForTests();
const fixture = (name: string) => path.resolve('test/fixtures/import', name);
const scratch = mkdtempSync(path.join(tmpdir(), 'places-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * The French export with one more company, written the way a French CRM user might: its country in Latin
 * ("Helvetia") and its canton in French ("Saint-Gall"), neither of which the shipped data knows.
 */
function frenchExport(): string {
  const bytes = readFileSync(fixture('places-zoho-fr.csv'));
  const extra = Buffer.from(
    'Z-1011;Helvetia Versicherungen;Assurance;4 000 000,00;Dufourstrasse 40;Saint-Gall;Saint-Gall;9001;Helvetia\r\n',
    'latin1',
  );
  const ends = bytes.subarray(-2).toString('latin1');
  const file = path.join(scratch, 'comptes-zoho.csv');
  writeFileSync(file, Buffer.concat([bytes, Buffer.from(ends.endsWith('\n') ? '' : '\r\n', 'latin1'), extra]));
  return file;
}

interface TestWindow {
  territory: { call(method: ModelMethod, input: unknown): Promise<{ ok: boolean; value?: unknown }> };
}

/** A model call through the page's bridge, to read what the UI did. */
async function ask<T>(page: Page, method: ModelMethod, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const result = await (window as unknown as TestWindow).territory.call(m as ModelMethod, i);
      if (!result.ok) throw new Error(`${String(m)} failed: ${JSON.stringify(result)}`);
      return result.value;
    },
    [method, input] as const,
  ) as Promise<T>;
}

async function chooseFile(page: Page, button: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

/** The row of one value in a column's table of the Places step. */
const valueRow = (within: Locator, value: string) =>
  within.getByRole('row').filter({ has: within.page().getByRole('rowheader', { name: value, exact: true }) });

const wizard = (page: Page, title: string) => page.getByRole('dialog', { name: title });

describe('places, not text: two CRM exports through the wizard, territories and a DACH rule', () => {
  it('imports both exports, fixes what is unknown, builds territories from the places and rules on codes', async () => {
    const { context, page } = await launchApp(app.profile);
    try {
      await page.goto(app.url);
      await page.getByLabel('Plan name').fill('Places');
      await page.getByRole('button', { name: 'Create an empty plan' }).click();
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();

      // ---- The English Salesforce export: every place is found; the Places step says how.
      await page.getByRole('button', { name: 'Import accounts…' }).click();
      const en = wizard(page, 'Import a spreadsheet');
      await chooseFile(page, 'Choose a file…', fixture('places-salesforce-en.csv'));
      await en.getByRole('button', { name: 'Next' }).click();
      // axe over each later step of the wizard, here in English and below in French (a11y.e2e.ts has the others).
      await expectNoViolations(page, 'en wizard map');
      await en.getByRole('button', { name: 'Check the file' }).click();
      await en.getByRole('heading', { name: 'What was found' }).waitFor({ timeout: 60_000 });
      await en.getByText('Places: every value was found').waitFor();
      await expectNoViolations(page, 'en wizard check');
      await en.getByRole('button', { name: 'Review the places' }).click();
      await en.getByRole('heading', { name: 'How the places were understood' }).waitFor();
      const enCountries = en.getByRole('region', { name: 'Country — column “Billing Country”' });
      await enCountries.getByRole('checkbox', { name: 'Only the values to check' }).check();
      await enCountries.getByRole('checkbox', { name: 'Only the values to check' }).uncheck();
      const enValues = enCountries.getByRole('region', { name: 'Values of the column Billing Country' });
      // Three spellings of one country, each understood as US.
      for (const spelling of ['United States', 'USA', 'U.S.A.', 'United States of America'])
        expect(await valueRow(enValues, spelling).textContent()).toContain('United States (US)');
      const enRegions = en.getByRole('region', { name: 'Region or state — column “Billing State/Province”' });
      await enRegions.getByRole('checkbox', { name: 'Only the values to check' }).uncheck();
      // "DE" beside "United States" is Delaware; Bavaria is Germany's Bayern.
      expect(await valueRow(enRegions, 'DE').textContent()).toContain('Delaware (US-DE)');
      expect(await valueRow(enRegions, 'Bavaria').textContent()).toContain('Bavaria (DE-BY)');
      await screenshot(page, 'places-01-wizard-place-step-en');
      await expectNoViolations(page, 'en wizard places');
      await en.getByRole('button', { name: 'Import 10 rows' }).click();
      await en.getByRole('heading', { name: 'Import done' }).waitFor({ timeout: 60_000 });
      await expectNoViolations(page, 'en wizard done');
      await en.getByRole('button', { name: 'Done' }).click();

      // ---- The French Zoho export, in French: "Helvetia" and "Saint-Gall" are unknown until fixed.
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await page.getByRole('button', { name: 'Importer…' }).click();
      const fr = wizard(page, 'Importer un tableur');
      await chooseFile(page, 'Choisir un fichier…', frenchExport());
      expect(await fr.getByLabel('Séparateur de colonnes').inputValue()).toBe(';');
      expect(await fr.getByLabel('Encodage du texte').inputValue()).toBe('windows-1252');
      await fr.getByRole('button', { name: 'Suivant' }).click();
      await expectNoViolations(page, 'fr wizard map');
      await fr.getByRole('button', { name: 'Vérifier le fichier' }).click();
      await fr.getByRole('heading', { name: 'Ce qui a été trouvé' }).waitFor({ timeout: 60_000 });
      await fr.getByText('Lieux : 2 valeurs à vérifier').waitFor();
      await expectNoViolations(page, 'fr wizard check');
      await fr.getByRole('button', { name: 'Voir les lieux' }).click();
      const frCountries = fr.getByRole('region', { name: 'Pays — colonne « Pays de facturation »' });
      const helvetia = valueRow(frCountries, 'Helvetia');
      expect(await helvetia.textContent()).toContain('Introuvable');
      // The rows holding it, by their number in the file.
      expect(await helvetia.textContent()).toContain('12');
      await screenshot(page, 'places-02-wizard-place-step-fr-unknown');
      await expectNoViolations(page, 'fr wizard places');
      await frCountries.getByLabel('Correction de « Helvetia »').selectOption('CH');
      const frRegions = fr.getByRole('region', { name: 'Région ou État — colonne « État de facturation »' });
      await frRegions.getByLabel('Pays de « Saint-Gall »').selectOption('CH');
      await frRegions.getByLabel('Correction de « Saint-Gall »').selectOption('CH-SG');
      await fr.getByRole('button', { name: 'Vérifier à nouveau avec les corrections' }).click();
      await expect
        .poll(() => valueRow(frCountries, 'Helvetia').textContent(), { timeout: 60_000 })
        .toContain('Corrigée par vous');
      await frCountries.getByRole('checkbox', { name: 'Seulement les valeurs à vérifier' }).uncheck();
      expect(await valueRow(frCountries, 'Allemagne').textContent()).toContain('Allemagne (DE)');
      expect(await valueRow(frCountries, 'États-Unis').textContent()).toContain('États-Unis (US)');
      await screenshot(page, 'places-03-wizard-place-step-fr-fixed');
      // Subdivisions are named in French too: "Bayern" is understood as Bavière, "Wien" as Vienne.
      await frRegions.getByRole('checkbox', { name: 'Seulement les valeurs à vérifier' }).uncheck();
      expect(await valueRow(frRegions, 'Bayern').textContent()).toContain('Bavière (DE-BY)');
      expect(await valueRow(frRegions, 'Wien').textContent()).toContain('Vienne (AT-9)');
      expect(await valueRow(frRegions, 'Californie').textContent()).toContain('Californie (US-CA)');
      await valueRow(frRegions, 'Bayern').scrollIntoViewIfNeeded();
      await screenshot(page, 'places-03b-wizard-place-step-fr-regions');
      await fr.getByRole('button', { name: 'Importer 11 lignes' }).click();
      await fr.getByRole('heading', { name: 'Import terminé' }).waitFor({ timeout: 60_000 });
      await expectNoViolations(page, 'fr wizard done');
      await fr.getByRole('button', { name: 'Terminé' }).click();

      // The fix-ups were saved with the mapping and reused on the next file of that shape.
      const profiles = await ask<{ placeFixes?: { field: string; value: string; code: string }[] }[]>(
        page,
        'listImportProfiles',
        { kind: 'account' },
      );
      expect(profiles.flatMap((p) => p.placeFixes ?? [])).toEqual(
        expect.arrayContaining([
          { field: 'country', value: 'Helvetia', code: 'CH' },
          { field: 'region', value: 'Saint-Gall', code: 'CH-SG' },
        ]),
      );

      // ---- Start from data → Pays (in French): one territory per real country, named in French, coded by ISO.
      await page.getByRole('button', { name: 'Hiérarchie', exact: true }).click();
      await page.getByRole('combobox', { name: 'Trouver un territoire' }).fill('Places');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Partir des données…' }).click();
      const generateFr = page.getByRole('dialog', { name: 'Partir des données' });
      await generateFr.getByLabel('Champ du niveau 1').selectOption('country');
      await expect.poll(() => generateFr.getByRole('status').textContent()).toContain('Crée 6 territoires');
      for (const name of ['Allemagne', 'Autriche', 'Belgique', 'États-Unis', 'France', 'Suisse'])
        await generateFr.getByText(name, { exact: true }).waitFor();
      await screenshot(page, 'places-04-start-from-data-country-fr');
      await generateFr.getByRole('button', { name: 'Créer 6 territoires' }).click();
      await expect.poll(() => page.getByRole('treeitem').count()).toBe(7);
      // No run in between: "→ Region" under a country reads where the country rules just written place accounts.
      await page.getByRole('button', { name: 'Hiérarchie', exact: true }).click();

      // ---- Start from data → Region under the United States only (in English): one territory per state.
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
      // Its territories keep the French names they were created with.
      await page.getByRole('combobox', { name: 'Find a territory' }).fill('États-Unis');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Start from data…' }).click();
      const generateEn = page.getByRole('dialog', { name: 'Start from data' });
      await generateEn.getByLabel('Field of level 1').selectOption('region');
      await expect.poll(() => generateEn.getByRole('status').textContent()).toContain('Creates 4 territories');
      for (const name of ['California', 'Delaware', 'Illinois', 'New York'])
        await generateEn.getByText(name, { exact: true }).waitFor();
      await screenshot(page, 'places-05-start-from-data-region-en');
      await generateEn.getByRole('button', { name: 'Create 4 territories' }).click();
      await expect.poll(() => page.getByRole('treeitem').count()).toBe(11);

      // ---- The rules Start from data wrote, run and applied.
      await page.getByRole('button', { name: 'Rules', exact: true }).click();
      await page.getByRole('button', { name: 'Run rules', exact: true }).click();
      await page.getByRole('button', { name: 'Apply' }).click();
      const planId = (await ask<{ lastPlanId: string }>(page, 'getSettings', {})).lastPlanId;
      type Territory = { id: string; parentId: string | null; code: string; name: string };
      const territories = await ask<Territory[]>(page, 'listTerritories', { planId });
      const root = territories.find((t) => t.parentId === null)!;
      const us = territories.find((t) => t.code === 'US')!;
      const codesUnder = (parent: Territory) =>
        territories
          .filter((t) => t.parentId === parent.id)
          .map((t) => t.code)
          .sort();
      // Exactly one territory per real country, and per state under the United States only.
      expect(codesUnder(root)).toEqual(['AT', 'BE', 'CH', 'DE', 'FR', 'US']);
      expect(codesUnder(us)).toEqual(['US-CA', 'US-DE', 'US-IL', 'US-NY']);
      const placed = async () => {
        const page1 = await ask<{ rows: { id: number; values: Record<string, unknown> }[] }>(page, 'queryRecords', {
          kind: 'account',
          offset: 0,
          limit: 100,
        });
        const ids = page1.rows.map((r) => r.id);
        const of = await ask<string[][]>(page, 'recordTerritories', { planId, kind: 'account', recordIds: ids });
        const byCode = new Map<string, string[]>();
        const codeOf = new Map(
          (await ask<Territory[]>(page, 'listTerritories', { planId })).map((t) => [t.id, t.code]),
        );
        page1.rows.forEach((row, i) => {
          for (const id of of[i]) {
            const code = codeOf.get(id)!;
            byCode.set(code, [...(byCode.get(code) ?? []), String(row.values.externalId)].sort());
          }
        });
        return byCode;
      };
      await expect
        .poll(async () => (await placed()).get('DE'))
        .toEqual(['001A000002', '001A000010', 'Z-1002', 'Z-1010']);
      const byCode = await placed();
      // Each territory holds both files' accounts: the same companies, written two ways.
      for (const code of ['AT', 'BE', 'CH', 'DE', 'FR', 'US', 'US-CA', 'US-DE', 'US-IL', 'US-NY']) {
        // A territory holds its sub-territories' accounts: the United States, its states'.
        const ids = [...byCode].filter(([c]) => c === code || c.startsWith(`${code}-`)).flatMap(([, a]) => a);
        expect(
          ids.some((id) => id.startsWith('001A')),
          code,
        ).toBe(true);
        expect(
          ids.some((id) => id.startsWith('Z-')),
          code,
        ).toBe(true);
      }
      expect(byCode.get('US-DE')).toEqual(['001A000001', 'Z-1001']);
      expect(byCode.get('CH')).toEqual(['001A000003', 'Z-1003', 'Z-1011']);

      // ---- A DACH territory whose rule is picked by name: "Germany", "Österreich", "CH" are stored as codes.
      await ask(page, 'createTerritory', { planId, parentId: root.id, name: 'DACH', code: 'DACH' });
      await page.getByRole('option', { name: /^DACH/ }).click();
      await page.getByRole('button', { name: 'Add a rule' }).click();
      const rule = page.getByRole('region', { name: 'Rule 1' });
      await rule.getByLabel('Field of Condition 1').selectOption('');
      await rule.getByLabel('Operator of Condition 1').selectOption('inRegions');
      const add = rule.getByLabel('Add a value to Value of Condition 1');
      await add.fill('Germany, Österreich, CH');
      await add.press('Enter');
      const chosen = rule.getByRole('list', { name: 'Value of Condition 1' });
      await expect
        .poll(() => chosen.getByRole('listitem').allTextContents())
        .toEqual(['Germany DE', 'Austria AT', 'Switzerland CH']);
      // A state is never a country: "Delaware" alone names no country and no region without one.
      await add.fill('Delaware');
      await add.press('Enter');
      await expect.poll(() => rule.getByRole('alert').textContent()).toContain('No place named “Delaware”');
      await add.fill('');
      // The rule reads back by place names, not codes.
      await rule.getByText('Germany, Austria, Switzerland').waitFor();
      await screenshot(page, 'places-06-rule-place-picker-en');
      await rule.getByRole('button', { name: 'Save rule' }).click();
      await expect.poll(() => page.getByRole('button', { name: /^Undo / }).count()).toBe(1);
      // In French, the same rule reads in French names.
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      const ruleFr = page.getByRole('region', { name: 'Règle 1' });
      await ruleFr.getByText('Allemagne, Autriche, Suisse').waitFor();
      await ruleFr.scrollIntoViewIfNeeded();
      await screenshot(page, 'places-06b-rule-summary-fr');
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
      const dach = (await ask<Territory[]>(page, 'listTerritories', { planId })).find((t) => t.code === 'DACH')!;
      const rules = await ask<{ rule: { conditions: { operator: string; value: unknown }[] } }[]>(page, 'listRules', {
        planId,
        territoryId: dach.id,
      });
      const dachRule = rules[0].rule;
      expect(dachRule.conditions[0].value).toEqual(['DE', 'AT', 'CH']);
      await page.getByRole('button', { name: 'Run rules', exact: true }).click();
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(async () => (await placed()).get('DACH'))
        .toEqual([
          '001A000002',
          '001A000003',
          '001A000004',
          '001A000010',
          'Z-1002',
          'Z-1003',
          'Z-1004',
          'Z-1010',
          'Z-1011',
        ]);
      // The Delaware account ("DE" beside "United States") is not in DACH.
      expect((await placed()).get('DACH')).not.toContain('001A000001');

      // ---- After the import, the rows placed by a guess are found by the Place filter.
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('combobox', { name: 'Place' }).selectOption('guessed');
      const accounts = page.getByRole('table', { name: 'accounts table' });
      // The Places steps said: none in the English file, one in the French file (the Saint-Gall company, whose
      // city the shipped data does not know).
      await expect.poll(() => accounts.getByRole('row').count()).toBe(2);
      expect(await accounts.getByRole('row').nth(1).textContent()).toContain('Helvetia Versicherungen');
      await screenshot(page, 'places-07-accounts-place-filter');
    } finally {
      await context.close();
    }
  });
});

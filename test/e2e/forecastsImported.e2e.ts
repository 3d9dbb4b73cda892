/**
 * Issue #15, "forecasts that see imported deals": accounts and deals imported from CRM exports (stage names in
 * French and English, deals closing next quarter) show in Won and Pipeline for that quarter; the fiscal years
 * come from the data; the stage mapping and the plan's fiscal settings are visible. EN and FR screenshots.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveStatic, type StaticServer } from './support/server';

let server: StaticServer;

beforeAll(async () => {
  server = await serveStatic();
});

afterAll(async () => {
  await server.close();
});

const wizard = (page: Page) => page.getByRole('dialog', { name: /Import a spreadsheet|Importer un tableur/ });

/** Mid-month of the calendar quarter after today's, and its quarter number (fiscal year = calendar year). */
function nextQuarter() {
  const now = new Date();
  const q = Math.floor(now.getMonth() / 3);
  const date = new Date(Date.UTC(now.getFullYear(), (q + 1) * 3, 15));
  return {
    iso: date.toISOString().slice(0, 10),
    year: date.getUTCFullYear(),
    quarter: Math.floor(date.getUTCMonth() / 3) + 1,
  };
}

async function importThrough(page: Page, file: string, rows: number) {
  const chooser = page.waitForEvent('filechooser');
  await wizard(page).getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
  await wizard(page).getByRole('button', { name: 'Next' }).click();
  await wizard(page).getByRole('button', { name: 'Check the file' }).click();
  await wizard(page)
    .getByRole('button', { name: `Import ${rows} rows` })
    .click();
  await wizard(page).getByRole('heading', { name: 'Import done' }).waitFor();
  await wizard(page)
    .getByRole('button', { name: /^Show the / })
    .click();
  await expect.poll(() => wizard(page).count()).toBe(0);
}

describe('forecasts of imported deals', () => {
  it('shows imported deals closing next quarter in Won and Pipeline for that quarter', async () => {
    const profile = newProfileDir();
    const dir = mkdtempSync(path.join(tmpdir(), 'deals-'));
    const { iso, year, quarter } = nextQuarter();
    const dealsFile = path.join(dir, 'opportunites.csv');
    writeFileSync(
      dealsFile,
      [
        'Opportunity ID;Opportunity Name;Account ID;Amount;Stage;Close Date',
        `D-1;Renouvellement;E-001;1000;Fermé gagné;${iso}`,
        `D-2;Extension;E-002;2000;Closed Won;${iso}`,
        `D-3;Nouveau site;E-004;4000;Négociation;${iso}`,
        `D-4;Perdu d'avance;E-001;8000;Perdu;${iso}`,
        `D-5;Pilot;E-002;16000;Proposal/Price Quote;${iso}`,
      ].join('\n'),
    );
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await page.getByLabel('Plan name').fill('FY Deals');
      await page.getByRole('button', { name: 'Create an empty plan' }).click();
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('button', { name: 'Import accounts…' }).click();
      await importThrough(page, path.resolve('test/fixtures/import/e2e-accounts.csv'), 15);
      await page.getByRole('radio', { name: /^Deals/ }).click();
      await page.getByRole('button', { name: 'Import deals…' }).click();
      await importThrough(page, dealsFile, 5);

      // One territory per country, then the rules run and are applied: deals follow their account.
      await page.getByRole('button', { name: 'Hierarchy', exact: true }).click();
      await page.getByRole('combobox', { name: 'Find a territory' }).fill('FY Deals');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Start from data…' }).click();
      const generate = page.getByRole('dialog', { name: 'Start from data' });
      await generate.getByLabel('Field of level 1').selectOption('countryCode');
      await generate.getByRole('button', { name: /^Create \d+ territories$/ }).click();
      await expect.poll(() => generate.count()).toBe(0);
      await page.getByRole('button', { name: 'Rules', exact: true }).click();
      await page.getByRole('button', { name: 'Run rules', exact: true }).click();
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByRole('button', { name: /^Undo Apply rules/ }).waitFor();

      await page.getByRole('button', { name: 'Forecasts', exact: true }).click();
      const yearPicker = page.getByLabel('Fiscal year', { exact: true });
      await expect.poll(() => yearPicker.locator('option').allTextContents()).toContain(`FY${year}`);
      await yearPicker.selectOption(String(year));
      const note = page.getByRole('note', { name: `FY Deals ${year}-Q${quarter}: won €3,000, pipeline €20,000` });
      await note.waitFor();
      await screenshot(page, 'forecasts-imported-01-quarter-en');

      // The stage mapping: visible, and editable.
      await page.getByRole('button', { name: 'Deal stages…' }).click();
      const stages = page.getByRole('dialog', { name: 'Deal stages' });
      expect(await stages.getByLabel('Status of stage Fermé gagné').inputValue()).toBe('won');
      expect(await stages.getByLabel('Status of stage Perdu').inputValue()).toBe('lost');
      expect(await stages.getByLabel('Status of stage Négociation').inputValue()).toBe('open');
      await screenshot(page, 'forecasts-imported-02-stages-en');
      await stages.getByLabel('Status of stage Proposal/Price Quote').selectOption('won');
      await stages.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('note', { name: `FY Deals ${year}-Q${quarter}: won €19,000, pipeline €4,000` }).waitFor();

      // The plan's fiscal settings.
      await page.getByRole('button', { name: /^Plan ?:/ }).click();
      await page.getByRole('menuitem', { name: 'Plan settings…' }).click();
      const settings = page.getByRole('dialog', { name: 'Settings of “FY Deals”' });
      await settings.getByLabel('Fiscal year starts in').waitFor();
      await screenshot(page, 'forecasts-imported-03-settings-en');
      await settings.getByLabel('Currency').selectOption('USD');
      await settings.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('note', { name: `FY Deals ${year}-Q${quarter}: won $19,000, pipeline $4,000` }).waitFor();

      // In French.
      await page.getByLabel('Language').selectOption('fr');
      await page.getByRole('button', { name: 'Étapes des affaires…' }).waitFor();
      await screenshot(page, 'forecasts-imported-04-quarter-fr');
      await page.getByRole('button', { name: 'Étapes des affaires…' }).click();
      await page.getByRole('dialog', { name: 'Étapes des affaires' }).waitFor();
      await screenshot(page, 'forecasts-imported-05-stages-fr');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /^Plan ?:/ }).click();
      await page.getByRole('menuitem', { name: 'Paramètres du plan…' }).click();
      await page.getByRole('dialog', { name: 'Paramètres de « FY Deals »' }).waitFor();
      await screenshot(page, 'forecasts-imported-06-settings-fr');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});

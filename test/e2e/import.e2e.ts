// Importing spreadsheets through the wizard in the browser host, then finding the accounts in the Accounts table.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveAppForTests } from './support/app';
import { launchApp, screenshot } from './support/browser';

const app = serveAppForTests();
const fixture = (name: string) => path.resolve('test/fixtures/import', name);

/** Picks `file` in the file chooser the "Choose a file…" button opens. */
async function chooseFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
}

const wizard = (page: Page) => page.getByRole('dialog', { name: 'Import a spreadsheet' });
const currentStep = (page: Page) =>
  wizard(page).getByRole('list', { name: 'Import steps' }).locator('[aria-current="step"]').textContent();
const table = (page: Page) => page.getByRole('table', { name: 'accounts table' });

describe('import: a spreadsheet through the wizard into the Accounts table', () => {
  it('reads, maps, checks and imports accounts, then lists, searches, filters and sorts them', async () => {
    const { context, page } = await launchApp(app.profile);
    try {
      await page.goto(app.url);
      await page.getByLabel('Plan name').fill('FY27 Import');
      await page.getByRole('button', { name: 'Create an empty plan' }).click();
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
      await screenshot(page, 'import-00-accounts-empty');

      // Choose: what the file holds, then the file.
      await page.getByRole('button', { name: 'Import accounts…' }).click();
      expect(await currentStep(page)).toContain('Choose');
      expect(
        await wizard(page)
          .getByRole('radio', { name: /Accounts/ })
          .isChecked(),
      ).toBe(true);
      await screenshot(page, 'import-01-choose');
      await chooseFile(page, fixture('e2e-accounts.csv'));

      // Read: what was detected, and the first rows.
      await expect.poll(() => currentStep(page)).toContain('Read');
      expect(await wizard(page).getByLabel('Column delimiter').inputValue()).toBe(',');
      expect(await wizard(page).getByLabel('Text encoding').inputValue()).toBe('utf-8');
      await wizard(page)
        .getByRole('region', { name: 'First rows of the file' })
        .getByText('Lyonnaise des Eaux')
        .waitFor();
      await screenshot(page, 'import-02-read');
      await wizard(page).getByRole('button', { name: 'Next' }).click();

      // Map: CRM headers found their fields; the tier column is kept as a custom field.
      expect(await currentStep(page)).toContain('Map');
      expect(await wizard(page).getByLabel('Field for column Account Name').inputValue()).toBe('name');
      expect(await wizard(page).getByLabel('Field for column Billing Zip/Postal Code').inputValue()).toBe('postalCode');
      expect(await wizard(page).getByLabel('Field for column Customer Tier').inputValue()).toBe('__custom__');
      await screenshot(page, 'import-03-map');
      await wizard(page).getByRole('button', { name: 'Check the file' }).click();

      // Check: every row can go in; locations found offline, one place not found (a notice, not a problem).
      await wizard(page).getByRole('heading', { name: 'What was found' }).waitFor();
      expect(await wizard(page).getByRole('definition').allTextContents()).toEqual(['15', '15', '0', '0']);
      expect(await wizard(page).locator('p', { hasText: 'Located by' }).textContent()).toMatch(
        // By postal code: the four US ZIPs, the two Canadian FSAs, and 75009, 69002 and 80802 (France, Germany).
        /postal code 9 · city \d+/,
      );
      await wizard(page)
        .getByRole('table', { name: 'Problems by row and column' })
        .getByText(/No place found for Atlantis/)
        .waitFor();
      await screenshot(page, 'import-04-check');
      await wizard(page).getByRole('button', { name: 'Import 15 rows' }).click();

      // Import: the summary.
      await wizard(page).getByRole('heading', { name: 'Import done' }).waitFor();
      expect(await wizard(page).getByRole('definition').first().textContent()).toBe('15');
      await screenshot(page, 'import-05-done');
      await wizard(page).getByRole('button', { name: 'Show the accounts' }).click();
      await expect.poll(() => wizard(page).count()).toBe(0);

      // The table lists them; search, the precision filter, another filter and the sort narrow and order them.
      await expect.poll(() => table(page).getByRole('row').count()).toBe(16);
      await expect.poll(() => page.getByRole('status').filter({ hasText: '15 accounts' }).count()).toBe(1);
      await table(page).getByText('Société Générale').waitFor();
      await screenshot(page, 'import-06-table');

      await page.getByLabel('Search accounts').fill('lyon');
      await expect.poll(() => table(page).getByRole('row').count()).toBe(2);
      expect(await page.getByText('1 of 15 accounts').count()).toBe(1);
      await page.getByRole('button', { name: 'Clear search and filters' }).first().click();
      await expect.poll(() => table(page).getByRole('row').count()).toBe(16);

      await page.getByLabel('Location precision', { exact: true }).selectOption('none');
      await expect.poll(() => table(page).getByRole('row').count()).toBe(2);
      await table(page).getByText('Nowhere Trading').waitFor();
      await page.getByLabel('Location precision', { exact: true }).selectOption('');

      await page.getByRole('button', { name: 'Add a filter' }).click();
      await page.getByLabel('Filter field').selectOption('employees');
      await page.getByLabel('Comparison').selectOption('gt');
      await page.getByLabel('Value').fill('500');
      await page.getByRole('group', { name: 'Add a filter' }).getByRole('button', { name: 'Add' }).click();
      await expect.poll(() => table(page).getByRole('row').count()).toBe(5);
      await screenshot(page, 'import-07-table-filtered');
      await page.getByRole('button', { name: /Remove the filter Employees/ }).click();

      await page.getByRole('button', { name: 'Sort by Name' }).click();
      await expect
        .poll(() => table(page).getByRole('row').nth(1).locator('.records-open').textContent())
        .toBe('Acme Corp');
      await page.getByRole('button', { name: 'Sort by Name' }).click();
      await expect
        .poll(() => table(page).getByRole('row').nth(1).locator('.records-open').textContent())
        .toBe('Windy City Tools');
    } catch (error) {
      await screenshot(page, 'import-failed-1');
      throw error;
    } finally {
      await context.close();
    }
  });

  it('names the problems of a broken file by row and column, saves them as CSV, and imports only the valid rows', async () => {
    const { context, page } = await launchApp(app.profile);
    try {
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await expect.poll(() => table(page).getByRole('row').count(), { timeout: 30_000 }).toBe(16);

      // Ctrl+O opens the wizard, as File > Import… does in Electron.
      await page.keyboard.press('Control+O');
      await wizard(page).waitFor();
      // The imports made so far are listed first, so a planner sees what is already in.
      await wizard(page).getByRole('region', { name: 'Recent imports' }).getByText('e2e-accounts.csv').waitFor();
      await chooseFile(page, fixture('e2e-broken.csv'));
      await expect.poll(() => currentStep(page)).toContain('Read');
      await wizard(page).getByRole('button', { name: 'Next' }).click();
      await wizard(page).getByRole('button', { name: 'Check the file' }).click();

      const problems = wizard(page).getByRole('table', { name: 'Problems by row and column' });
      await problems.waitFor();
      const rows = problems.getByRole('row');
      await expect.poll(() => rows.count()).toBeGreaterThan(4);
      const texts = (await rows.allTextContents()).join('\n');
      expect(texts).toMatch(/3\s*Employees\s*“many” is not a number/);
      expect(texts).toMatch(/4\s*Account ID\s*No External ID/);
      expect(texts).toMatch(/5\s*Account ID\s*External ID “B-1” is already used on row 2/);
      expect(texts).toMatch(/6\s*whole row\s*Fewer cells than columns/);
      expect(
        await wizard(page)
          .getByRole('button', { name: /^Not a number 1$/ })
          .count(),
      ).toBe(1);
      await screenshot(page, 'import-08-check-problems');

      const download = page.waitForEvent('download');
      await wizard(page).getByRole('button', { name: 'Save the problem rows as CSV…' }).click();
      const saved = readFileSync((await (await download).path())!, 'utf8');
      expect(saved).toContain('Bad Number Inc');
      expect(saved).toContain('No Identifier SA');
      expect(saved).not.toContain('Good Again');

      await wizard(page).getByRole('button', { name: 'Import 2 rows' }).click();
      await wizard(page).getByRole('heading', { name: 'Import done' }).waitFor();
      expect(await wizard(page).getByRole('definition').allTextContents()).toEqual(['2', '0', '4']);
      await wizard(page).getByRole('button', { name: 'Done' }).click();
      await expect.poll(() => table(page).getByRole('row').count()).toBe(18);
    } catch (error) {
      await screenshot(page, 'import-failed-2');
      throw error;
    } finally {
      await context.close();
    }
  });

  it('shows progress with rows per second, and a cancelled check leaves the accounts as they were', async () => {
    // Large enough that reading takes several chunks: the cancel lands while rows are read.
    const dir = mkdtempSync(path.join(tmpdir(), 'import-e2e-'));
    const file = path.join(dir, 'large-accounts.csv');
    const lines = ['Account ID,Account Name,Billing Street,Billing City,Billing Country,Employees'];
    for (let i = 0; i < 400_000; i++)
      lines.push(`L-${i},Large Account ${i},${i % 500} Long Avenue,Paris,France,${i % 900}`);
    writeFileSync(file, lines.join('\n'));
    const { context, page } = await launchApp(app.profile);
    try {
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await expect.poll(() => table(page).getByRole('row').count(), { timeout: 30_000 }).toBe(18);
      await page.getByRole('button', { name: 'Import…' }).click();
      await chooseFile(page, file);
      await expect.poll(() => currentStep(page)).toContain('Read');
      await wizard(page).getByRole('button', { name: 'Next' }).click();
      await wizard(page).getByRole('button', { name: 'Check the file' }).click();
      await wizard(page).getByRole('progressbar', { name: 'Import progress' }).waitFor();
      await wizard(page)
        .getByText(/[\d,]+ rows\/s/)
        .waitFor();
      await screenshot(page, 'import-09-checking');
      // The window's own bar says how far as a share: while rows are read it counts the file's bytes, which read
      // as rows when shown as "11,533,694 / 24,840,907" under "Reading rows".
      await expect
        .poll(() => page.locator('.task-progress .task-bar-detail').first().textContent())
        .toMatch(/^\d{1,3}\s?%$/);
      await wizard(page).getByRole('button', { name: 'Cancel' }).click();
      await page.getByText('Import cancelled: nothing was changed.').waitFor();
      expect(await currentStep(page)).toContain('Map');
      // The cancelled task's bar is gone from the window too.
      await expect.poll(() => page.locator('.task-progress').count()).toBe(0);

      // Checked to the end this time, then imported: the progress of the import, then its summary.
      await wizard(page).getByRole('button', { name: 'Check the file' }).click();
      await wizard(page).getByRole('button', { name: 'Import 400,000 rows' }).click({ timeout: 60_000 });
      await screenshot(page, 'import-10-importing');
      await wizard(page).getByRole('heading', { name: 'Import done' }).waitFor({ timeout: 60_000 });
      expect(await wizard(page).getByRole('definition').first().textContent()).toBe('400,000');
      await wizard(page).getByRole('button', { name: 'Done' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '400,017 accounts' }).count()).toBe(1);
      await page.getByLabel('Search accounts').fill('large account 399999');
      await expect.poll(() => table(page).getByRole('row').count()).toBe(2);
      await screenshot(page, 'import-11-table-large');
    } catch (error) {
      await screenshot(page, 'import-failed-3');
      throw error;
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('speaks French: the wizard, its problems and the table', async () => {
    const { context, page } = await launchApp(app.profile, { locale: 'fr-FR' });
    try {
      await page.goto(app.url);
      await page.getByRole('combobox', { name: /^(Language|Langue)$/ }).selectOption('fr');
      await page.getByRole('button', { name: 'Comptes', exact: true }).click();
      const frenchTable = page.getByRole('table', { name: 'Tableau des comptes' });
      await expect.poll(() => frenchTable.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(10);
      await frenchTable.getByText('Ville', { exact: true }).first().waitFor();
      await screenshot(page, 'import-12-table-fr');
      await page.keyboard.press('Control+O');
      const dialog = page.getByRole('dialog', { name: 'Importer un tableur' });
      await dialog.getByRole('region', { name: 'Imports récents' }).waitFor();
      const chooser = page.waitForEvent('filechooser');
      await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
      await (await chooser).setFiles(fixture('e2e-broken.csv'));
      await dialog.getByRole('button', { name: 'Suivant' }).click();
      await dialog.getByRole('button', { name: 'Vérifier le fichier' }).click();
      const problems = dialog.getByRole('table', { name: 'Problèmes par ligne et par colonne' });
      await problems.getByText('« many » n’est pas un nombre ; la cellule est laissée vide').waitFor();
      await problems.getByText(/Moins de cellules que de colonnes \(2 cellules pour 5 colonnes\)/).waitFor();
      await screenshot(page, 'import-13-check-fr');
      await dialog.getByRole('button', { name: 'Fermer l’import' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
    } catch (error) {
      await screenshot(page, 'import-failed-4');
      throw error;
    } finally {
      await context.close();
    }
  });
});

/**
 * Issue #15, the import's check step on real exports: a HubSpot re-export of accounts already imported says how
 * many rows update existing accounts (and which) and how many create new ones, and flags the new accounts that
 * look like ones already there (or like another row of the file); a Salesforce deals export with a negative
 * amount, dollars in a euro plan, a 1900 placeholder date and a 150 % probability lists those values with row and
 * column and still imports them. EN and FR screenshots.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveAppForTests } from './support/app';
import { launchApp, screenshot } from './support/browser';
import { createEmptyPlan } from './support/plan';

const app = serveAppForTests();

const words = {
  en: {
    wizard: 'Import a spreadsheet',
    import: 'Import…',
    choose: 'Choose a file…',
    next: 'Next',
    check: 'Check the file',
  },
  fr: {
    wizard: 'Importer un tableur',
    import: 'Importer…',
    choose: 'Choisir un fichier…',
    next: 'Suivant',
    check: 'Vérifier le fichier',
  },
};

async function checkFile(page: Page, file: string, lang: 'en' | 'fr') {
  const w = words[lang];
  await page.getByRole('button', { name: w.import, exact: true }).first().click();
  const wizard = page.getByRole('dialog', { name: w.wizard });
  const chooser = page.waitForEvent('filechooser');
  await wizard.getByRole('button', { name: w.choose }).click();
  await (await chooser).setFiles(path.resolve('test/fixtures/import', file));
  await wizard.getByRole('button', { name: w.next }).click();
  await wizard.getByRole('button', { name: w.check }).click();
  return wizard;
}

async function importChecked(page: Page, lang: 'en' | 'fr') {
  const wizard = page.getByRole('dialog', { name: words[lang].wizard });
  await wizard.getByRole('button', { name: lang === 'en' ? /^Import \d+ rows?$/ : /^Importer \d+ lignes?$/ }).click();
  await wizard.getByRole('button', { name: lang === 'en' ? 'Done' : 'Terminé' }).click();
  await expect.poll(() => wizard.count()).toBe(0);
}

describe('the import check step', () => {
  it('says what updates and what is new, flags duplicates and values to question, in EN and FR', async () => {
    const { context, page } = await launchApp(app.profile);
    try {
      await page.goto(app.url);
      await createEmptyPlan(page, 'FY27 Real');
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await checkFile(page, 'e2e-accounts.csv', 'en');
      await importChecked(page, 'en');

      let wizard = await checkFile(page, 'reexport-hubspot-en.csv', 'en');
      const summary = wizard.getByRole('region', { name: 'What the import does to the records already there' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Creates 5 new records · updates 2 existing records');
      await summary.getByText('2 rows update existing records').click();
      const updated = summary.getByRole('list', { name: 'Rows that update existing records' });
      expect(await updated.textContent()).toContain('Row 2 E-002 Acme Corp');
      const dups = summary.getByRole('list', { name: 'Likely duplicates' });
      const dupText = (await dups.textContent()) ?? '';
      expect(dupText).toContain('Row 4 H-10 ACME Corporation looks like E-002 Acme Corp (same name and place');
      expect(dupText).toContain(
        'Row 6 H-12 Nordwind looks like H-11 Nordwind GmbH (same name and place, row 5 of this file)',
      );
      await screenshot(page, 'import-check-01-updates-duplicates-en');
      await wizard.getByRole('button', { name: 'Close the import' }).click();

      await page.getByLabel('Language').selectOption('fr');
      wizard = await checkFile(page, 'reexport-hubspot-en.csv', 'fr');
      const resume = wizard.getByRole('region', { name: 'Ce que l’import fait aux enregistrements existants' });
      await resume.waitFor();
      expect(await resume.textContent()).toContain(
        'Crée 5 nouveaux enregistrements · met à jour 2 enregistrements existants',
      );
      expect(await resume.textContent()).toContain('2 nouveaux comptes ressemblent à des comptes existants');
      await screenshot(page, 'import-check-02-updates-duplicates-fr');
      await importChecked(page, 'fr');

      // Deals in French: the values to question are listed with row and column, and imported.
      await page.getByRole('radio', { name: /^Affaires/ }).click();
      wizard = await checkFile(page, 'deals-flags-salesforce.csv', 'fr');
      await wizard.getByText('5 valeurs à vérifier', { exact: false }).waitFor();
      const problems = wizard.getByRole('table');
      const text = (await problems.textContent()) ?? '';
      expect(text).toContain('-1,200.00 est négatif');
      expect(text).toContain('$5,000 est en USD, pas dans la devise du plan');
      expect(text).toContain('1900-01-01 est loin dans le passé');
      expect(text).toContain('Probabilité 150 hors de 0 à 100 %');
      await screenshot(page, 'import-check-03-flagged-values-fr');
      await importChecked(page, 'fr');
      await expect.poll(() => page.getByRole('radio', { name: /^Affaires/ }).textContent()).toContain('5');

      await page.getByLabel('Langue').selectOption('en');
      wizard = await checkFile(page, 'deals-flags-salesforce.csv', 'en');
      await wizard.getByText('5 values to check', { exact: false }).waitFor();
      expect(await wizard.textContent()).toContain('updates 5 existing records');
      await screenshot(page, 'import-check-04-flagged-values-en');
    } finally {
      await context.close();
    }
  });
});

/**
 * Issue #15, "duplicates across imports": two exports of the same companies under other IDs; the Duplicates dialog
 * finds the pairs and one is merged. EN and FR screenshots.
 */
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

const wizard = (page: Page) => page.getByRole('dialog', { name: 'Import a spreadsheet' });

async function importAccounts(page: Page, file: string) {
  await page
    .getByRole('button', { name: /^Import( accounts)?…$/ })
    .first()
    .click();
  const chooser = page.waitForEvent('filechooser');
  await wizard(page).getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(path.resolve('test/fixtures/import', file));
  await wizard(page).getByRole('button', { name: 'Next' }).click();
  await wizard(page).getByRole('button', { name: 'Check the file' }).click();
  await wizard(page)
    .getByRole('button', { name: /^Import \d+ rows?$/ })
    .click();
  await wizard(page).getByRole('heading', { name: 'Import done' }).waitFor();
  await wizard(page).getByRole('button', { name: 'Show the accounts' }).click();
  await expect.poll(() => wizard(page).count()).toBe(0);
}

describe('duplicates across imports', () => {
  it('finds a duplicate pair and merges it', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await page.getByLabel('Plan name').fill('FY Clean');
      await page.getByRole('button', { name: 'Create an empty plan' }).click();
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await importAccounts(page, 'e2e-accounts.csv');
      await importAccounts(page, 'duplicates-zoho-fr.csv');
      await expect.poll(() => page.getByRole('status').filter({ hasText: '19 accounts' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Duplicates…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Likely duplicates' });
      await dialog.getByText('3 groups').waitFor();
      const group = dialog.getByRole('group').filter({ hasText: 'SOCIETE GENERALE' });
      expect(await group.textContent()).toContain('same name and place');
      // Made in a draft plan, a merge can be undone: said first, and the button is not the red of what cannot.
      await dialog.getByText('You can undo a merge, from plan “FY Clean” only (Undo, Ctrl+Z)').waitFor();
      const merge = group.getByRole('button', { name: 'Merge into the kept one' });
      expect(await merge.getAttribute('class')).toBe('primary');
      await screenshot(page, 'duplicates-01-found-en');
      await group.getByRole('radio', { name: 'Keep Société Générale (E-001)' }).check();
      await merge.click();
      await page.getByText('Merged 2 accounts into Société Générale. Undo takes it back.').waitFor();
      await dialog.getByText('2 groups').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '18 accounts' }).count()).toBe(1);

      // Undo brings the merged-away account back, and the pair with it; redo merges them again.
      await page.getByRole('button', { name: 'Undo Merge 1 duplicate' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '19 accounts' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Duplicates…' }).click();
      await dialog.getByText('3 groups').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Redo Merge 1 duplicate' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '18 accounts' }).count()).toBe(1);

      await page.getByLabel('Language').selectOption('fr');
      await page.getByRole('button', { name: 'Annuler : Fusion de 1 doublon' }).waitFor();
      await page.getByRole('button', { name: 'Doublons…' }).click();
      const dialogFr = page.getByRole('dialog', { name: 'Doublons probables' });
      await dialogFr.getByText('2 groupes').waitFor();
      await dialogFr.getByText('Vous pourrez annuler une fusion, depuis le plan « FY Clean » seulement').waitFor();
      await screenshot(page, 'duplicates-02-found-fr');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});

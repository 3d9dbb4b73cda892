/**
 * Issue #15, "undo that covers every change": an import made in a draft plan is a step of its history. A small
 * CSV imported in the UI, undone with Ctrl+Z and with the button (the Accounts count returns), redone, and redone
 * again after a reload. Screenshots of the import's end and of the undo button, in English and French.
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

const wizard = (page: Page) => page.getByRole('dialog', { name: /^(Import a spreadsheet|Importer un tableur)$/ });
const accountCount = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).count();

/** Imports a fixture through the wizard; `shot` names a screenshot of its last step. */
async function importAccounts(page: Page, file: string, shot?: string) {
  await page
    .getByRole('button', { name: /^(Import( accounts)?|Importer.*)…$/ })
    .first()
    .click();
  const chooser = page.waitForEvent('filechooser');
  await wizard(page)
    .getByRole('button', { name: /^(Choose a file|Choisir un fichier)…$/ })
    .click();
  await (await chooser).setFiles(path.resolve('test/fixtures/import', file));
  await wizard(page)
    .getByRole('button', { name: /^(Next|Suivant)$/ })
    .click();
  await wizard(page)
    .getByRole('button', { name: /^(Check the file|Vérifier le fichier)$/ })
    .click();
  await wizard(page)
    .getByRole('button', { name: /^Import(er)? \d+ (rows?|lignes?)$/ })
    .click();
  await wizard(page)
    .getByRole('heading', { name: /^(Import done|Import terminé)$/ })
    .waitFor();
  if (shot) await screenshot(page, shot);
  await wizard(page)
    .getByRole('button', { name: /^(Done|Terminé)$/ })
    .click();
  await expect.poll(() => wizard(page).count()).toBe(0);
}

describe('undoing an import', () => {
  it('undoes an import with Ctrl+Z and the button, and redoes it after a reload', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await page.getByLabel('Plan name').fill('FY Undo');
      await page.getByRole('button', { name: 'Create an empty plan' }).click();
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await importAccounts(page, 'e2e-accounts.csv');
      await expect.poll(() => accountCount(page, '15 accounts')).toBe(1);
      await importAccounts(page, 'duplicates-zoho-fr.csv', 'import-undo-01-done-en');
      await expect.poll(() => accountCount(page, '19 accounts')).toBe(1);

      const undo = page.getByRole('button', { name: 'Undo Import 4 records from duplicates-zoho-fr.csv' });
      await undo.waitFor();
      await screenshot(page, 'import-undo-02-undo-button-en');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Z');
      await expect.poll(() => accountCount(page, '15 accounts')).toBe(1);
      const redo = page.getByRole('button', { name: 'Redo Import 4 records from duplicates-zoho-fr.csv' });
      await redo.click();
      await expect.poll(() => accountCount(page, '19 accounts')).toBe(1);
      await undo.click();
      await expect.poll(() => accountCount(page, '15 accounts')).toBe(1);
      // The earlier import is next in line.
      await page.getByRole('button', { name: 'Undo Import 15 records from e2e-accounts.csv' }).waitFor();

      // A reload: the undone import stays undone and can be redone.
      await page.reload();
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await expect.poll(() => accountCount(page, '15 accounts'), { timeout: 30_000 }).toBe(1);
      await redo.click();
      await expect.poll(() => accountCount(page, '19 accounts')).toBe(1);
      expect(await page.getByRole('row', { name: /Totally New SARL/ }).count()).toBe(1);

      // In French, the step is worded in French.
      await page.getByLabel('Language').selectOption('fr');
      await page
        .getByRole('button', { name: 'Annuler : Import de 4 enregistrements depuis duplicates-zoho-fr.csv' })
        .waitFor();
      await screenshot(page, 'import-undo-03-undo-button-fr');
      await importAccounts(page, 'duplicates-zoho-fr.csv', 'import-undo-04-done-fr');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});

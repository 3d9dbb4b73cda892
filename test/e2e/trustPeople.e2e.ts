/**
 * Issue #15, "sales people": a team file whose managers are given by name (also "Last, First", without accents,
 * further down the file) is linked; the Hierarchy's people panel says whom each person reports to. EN and FR.
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

describe('sales people', () => {
  it('links managers given by name', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await page.getByLabel('Plan name').fill('FY Team');
      await page.getByRole('button', { name: 'Create an empty plan' }).click();
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('button', { name: 'Import accounts…' }).click();
      await wizard(page)
        .getByRole('radio', { name: /Sales people/ })
        .check({ force: true });
      const chooser = page.waitForEvent('filechooser');
      await wizard(page).getByRole('button', { name: 'Choose a file…' }).click();
      await (await chooser).setFiles(path.resolve('test/fixtures/import/team-managers-by-name.csv'));
      await wizard(page).getByRole('button', { name: 'Next' }).click();
      expect(await wizard(page).getByLabel('Field for column Reports To').inputValue()).toBe('managerExternalId');
      await wizard(page).getByRole('button', { name: 'Check the file' }).click();
      // No manager is reported unknown: all are found by name, e-mail or ID.
      await wizard(page).getByRole('heading', { name: 'What was found' }).waitFor();
      expect(
        await wizard(page)
          .getByText(/unknown manager|No sales person/i)
          .count(),
      ).toBe(0);
      await wizard(page).getByRole('button', { name: 'Import 5 rows' }).click();
      await wizard(page).getByRole('heading', { name: 'Import done' }).waitFor();
      await wizard(page).getByRole('button', { name: 'Show the sales people' }).click();
      await expect.poll(() => wizard(page).count()).toBe(0);

      await page.getByRole('button', { name: 'Hierarchy', exact: true }).click();
      await page.getByRole('tab', { name: /Sales people/ }).click();
      const person = (name: string) => page.locator('.people-list').getByRole('listitem', { name, exact: true });
      for (const name of ['Léa Dubois', 'Hugo Petit', 'Nina Roux']) {
        await expect.poll(() => person(name).textContent()).toContain('Reports to Claire Martin');
      }
      await expect.poll(() => person('Claire Martin').textContent()).toContain('Reports to Jean-Francois Lefevre');
      await screenshot(page, 'trust-people-01-managers-en');

      await page.getByLabel('Language').selectOption('fr');
      await expect.poll(() => person('Léa Dubois').textContent()).toContain('Rend compte à Claire Martin');
      await screenshot(page, 'trust-people-02-managers-fr');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});

/**
 * Issue #15, the Accounts view on the sample plan: filter by a territory and by "in no territory", open an
 * account's details (place with precision, territory and why, owner, contacts and deals, every field), in EN and
 * FR with screenshots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveAppForTests } from './support/app';
import { launchApp, screenshot } from './support/browser';
import { openSamplePlan } from './support/plan';

const app = serveAppForTests();

const countOf = async (page: Page) =>
  Number(((await page.locator('.records-count').textContent()) ?? '').split(/\s(?:of|sur)\s/)[0].replace(/\D/g, ''));

describe('accounts by territory, and an account in full', () => {
  it('filters by territory and no territory, and shows an account’s details in EN and FR', async () => {
    const { context, page } = await launchApp(app.profile);
    try {
      await page.goto(app.url);
      await openSamplePlan(page);
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await expect.poll(() => countOf(page), { timeout: 30_000 }).toBeGreaterThan(0);
      const total = await countOf(page);

      // A search made far down the table shows its first results, not the end of the list.
      const table = page.getByRole('table', { name: 'accounts table' });
      await table.evaluate((t) => (t.scrollTop = t.scrollHeight));
      await expect.poll(() => table.evaluate((t) => t.scrollTop)).toBeGreaterThan(1000);
      await page.getByRole('searchbox').first().fill('Paris');
      await expect.poll(() => countOf(page), { timeout: 30_000 }).toBeLessThan(total);
      await expect.poll(() => table.evaluate((t) => t.scrollTop)).toBe(0);
      await page.locator('[role="row"][aria-rowindex="2"]').waitFor();
      await page.getByRole('searchbox').first().fill('');
      await expect.poll(() => countOf(page), { timeout: 30_000 }).toBe(total);

      const filter = page.getByLabel('Territory', { exact: true });
      const options = await filter.locator('option').allTextContents();
      expect(options.slice(0, 2)).toEqual(['Any territory', 'In no territory']);
      const england = options.find((o) => o.trim() === 'England South')!;
      await filter.selectOption({ label: england });
      // The previous count stays on screen while the filtered one loads: wait for the new one.
      await expect.poll(() => countOf(page), { timeout: 30_000 }).toBeLessThan(total);
      const inEngland = await countOf(page);
      expect(inEngland).toBeGreaterThan(0);
      // Every row shown is in England South (cells: check box, name, ID, territories).
      const territoriesShown = await page.locator('.records-row [role="cell"]:nth-child(4)').allTextContents();
      expect(territoriesShown.filter(Boolean).length).toBeGreaterThan(0);
      for (const cell of territoriesShown.filter(Boolean)) expect(cell).toContain('England South');

      await filter.selectOption({ label: 'In no territory' });
      await expect.poll(() => countOf(page)).not.toBe(inEngland);
      const nowhere = await countOf(page);
      expect(nowhere).toBeLessThan(total);

      await filter.selectOption({ label: england });
      await expect.poll(() => countOf(page)).toBe(inEngland);
      const first = page.getByRole('button', { name: /^Details of / }).first();
      const name = ((await first.getAttribute('aria-label')) ?? '').replace('Details of ', '');
      await first.click();
      const panel = page.getByRole('complementary', { name: `Details of ${name}` });
      await panel.waitFor();
      await panel.getByText('England South').first().waitFor();
      const text = (await panel.textContent()) ?? '';
      expect(text).toContain('Territories in this plan');
      expect(text).toMatch(/\d+ contacts? · \d+ deals?/);
      expect(text).toContain('Owner:');
      expect(text).toContain('All fields');
      await screenshot(page, 'accounts-details-01-en');

      await page.getByLabel('Language').selectOption('fr');
      const panneau = page.getByRole('complementary', { name: `Détails de ${name}` });
      await panneau.getByText('Territoires dans ce plan').waitFor();
      expect(await panneau.textContent()).toMatch(/\d+ affaires?/);
      await screenshot(page, 'accounts-details-02-fr');
      await panneau.getByRole('button', { name: 'Fermer les détails' }).click();
      await expect.poll(() => panneau.count()).toBe(0);
      await page.getByLabel('Territoire', { exact: true }).selectOption({ label: 'Dans aucun territoire' });
      await expect.poll(() => countOf(page)).toBe(nowhere);
      await screenshot(page, 'accounts-no-territory-03-fr');
    } finally {
      await context.close();
    }
  });
});

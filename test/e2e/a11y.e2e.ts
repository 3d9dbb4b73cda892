import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/app/i18n/en';
import { fr } from '../../src/renderer/app/i18n/fr';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';
import { axeViolations, describeViolations } from './support/axe';

const app = serveAppForTests();

const languages = [
  { language: 'en', locale: 'en-US', words: en },
  { language: 'fr', locale: 'fr-FR', words: fr },
] as const;

const viewKeys = ['hierarchy', 'map', 'accounts', 'rules', 'forecasts', 'compare'] as const;

/** The scan of the page now, as lines naming `where` (empty when axe finds nothing). */
async function scan(page: Page, where: string): Promise<string> {
  return describeViolations(where, await axeViolations(page));
}

describe('accessibility', () => {
  for (const { language, locale, words } of languages) {
    it(`finds no axe violation (WCAG 2.2 A/AA and best practice) on the welcome screen and in every view of the sample plan, in ${language}`, async () => {
      const profile = newProfileDir();
      const { context, page } = await launchApp(profile, { locale });
      try {
        await page.goto(app.url);
        const sample = page.getByRole('button', { name: words.onboarding.sampleAction });
        await sample.waitFor();
        const found: string[] = [await scan(page, `${language} welcome`)];
        await sample.click();
        await expect
          .poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 30_000 })
          .toBe(1);
        for (const key of viewKeys) {
          await page.getByRole('button', { name: words.views[key], exact: true }).click();
          await page.waitForTimeout(1500);
          found.push(await scan(page, `${language} ${key}`));
          await screenshot(page, `80-a11y-${language}-${key}`);
        }

        // Every dialog, scanned open, then closed with Escape (the native <dialog>'s cancel), focus back on its opener.
        const dialog = page.getByRole('dialog');
        const planButton = page.getByRole('button', { name: /^Plan ?:/ });
        const scanDialog = async (name: string, open: () => Promise<void>) => {
          await open();
          await dialog.waitFor();
          await page.waitForTimeout(600);
          found.push(await scan(page, `${language} dialog ${name}`));
          await screenshot(page, `81-a11y-${language}-dialog-${name}`);
          await page.keyboard.press('Escape');
          await expect.poll(() => dialog.count()).toBe(0);
        };
        await page.getByRole('button', { name: words.views.hierarchy, exact: true }).click();
        await planButton.click();
        await page.getByRole('menu').waitFor();
        // The menu's own parts: the toolbar it covers while open is scanned with the view.
        found.push(describeViolations(`${language} plan menu`, await axeViolations(page, [], '.plan-switcher')));
        await planButton.click();

        const add = page.getByRole('button', { name: words.hierarchy.addChild, exact: true });
        await scanDialog('territory-name', () => add.click());
        // Focus went back to the button that opened the dialog.
        expect(await add.evaluate((element) => element === document.activeElement)).toBe(true);
        await scanDialog('start-from-data', () =>
          page.getByRole('button', { name: words.generate.open, exact: true }).click(),
        );
        await page.getByRole('treeitem', { name: 'EMEA' }).click();
        await scanDialog('balance', () => page.getByRole('button', { name: words.balance.open, exact: true }).click());
        await scanDialog('finalize', async () => {
          await planButton.click();
          await page.getByRole('menuitem', { name: words.plan.finalize }).click();
        });
        await scanDialog('confirm-delete-plan', async () => {
          await planButton.click();
          await page.getByRole('menuitem', { name: words.plan.delete }).click();
        });
        await scanDialog('export', () => page.keyboard.press('Control+E'));
        await scanDialog('import', () => page.keyboard.press('Control+O'));

        // Forced colours, 200 % zoom and reduced motion: a11yDisplay.e2e.ts.
        const report = found.filter(Boolean).join('\n');
        expect(report).toBe('');
      } finally {
        await context.close();
        removeProfile(profile);
      }
    });
  }
});

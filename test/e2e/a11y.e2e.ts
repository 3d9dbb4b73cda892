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
        const report = found.filter(Boolean).join('\n');
        expect(report).toBe('');
      } finally {
        await context.close();
        removeProfile(profile);
      }
    });
  }
});

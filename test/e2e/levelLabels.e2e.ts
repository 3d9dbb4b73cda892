/**
 * Issue #15: the sample plan's level labels ("Region", "District", "Territory") read in French in French, on the
 * Hierarchy's nodes and in the territory's panel. Screenshot in French.
 */
import { describe, expect, it } from 'vitest';
import { serveAppForTests } from './support/app';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { openSamplePlan } from './support/plan';

const server = serveAppForTests();

describe('level labels', () => {
  it('shows the sample’s levels in French', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile, { locale: 'fr-FR' });
    try {
      await page.goto(server.url);
      await openSamplePlan(page, 'fr');
      const emea = page.locator('.react-flow__node[aria-label="EMEA"]');
      await expect.poll(() => emea.count(), { timeout: 30_000 }).toBe(1);
      // Find zooms to a territory: close enough for nodes to show their level.
      await emea.click();
      await page.getByPlaceholder('Trouver un territoire (Ctrl+F)').fill('France');
      await page.keyboard.press('Enter');
      const levels = page.locator('.tn-type');
      await levels.first().waitFor();
      const shown = new Set(await levels.allTextContents());
      expect(shown.has('Zone') && shown.has('Territoire')).toBe(true);
      for (const english of ['Region', 'District', 'Territory']) expect(shown.has(english)).toBe(false);
      await screenshot(page, 'levels-01-hierarchy-fr');
      // The panel of a region shows its level in French too, without saving anything.
      await emea.click();
      await expect.poll(() => page.getByLabel('Niveau', { exact: true }).inputValue()).toBe('Région');
      await screenshot(page, 'levels-02-panel-fr');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});

/**
 * Hierarchy warnings (issue 15), as a planner meets them: a new sub-territory without rules holds no accounts yet
 * and will take its parent's, and says both on its node and in the side panel; told to take nothing, it says only
 * that it holds no accounts; the finalize checklist lists it. English, then French.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveAppForTests } from './support/app';
import { launchApp, screenshot } from './support/browser';
import { openSamplePlan } from './support/plan';

const app = serveAppForTests();

async function findTerritory(page: Page, name: string, label = 'Find a territory') {
  await page.getByRole('combobox', { name: label }).fill(name);
  await page.keyboard.press('Enter');
}

describe('hierarchy warnings', () => {
  it('marks a territory that takes its parent’s accounts, then one that holds none, and lists both', async () => {
    const { context, page } = await launchApp(app.profile);
    try {
      await page.goto(app.url);
      await openSamplePlan(page);
      // The sample's territories all have rules and accounts: no warning.
      await page.getByRole('treeitem', { name: 'France Nord' }).waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('.tn-warning').count()).toBe(0);

      await findTerritory(page, 'France Nord');
      await page.getByRole('button', { name: 'Add sub-territory: France Nord' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
      // New, it holds nothing yet (the rules have not run since) and, without rules, will take all France Nord takes.
      const mark = page.getByRole('img', { name: 'Warnings of New territory: No accounts, No rules of its own' });
      await mark.waitFor();
      const panel = page.getByRole('region', { name: 'Warnings' });
      await expect
        .poll(() => panel.textContent())
        .toContain('New territory has no account rules of its own: it takes every account France Nord takes.');
      await screenshot(page, 'warnings-01-inherits-en');

      // Told to take nothing, it no longer takes its parent's accounts, and still holds none.
      await panel.getByRole('button', { name: 'Write a rule for New territory' }).click();
      // The pick shows at once, in the frame after the click, not when the model's answer comes back.
      const nothing = page.getByRole('radio', { name: 'nothing' });
      const checkedNextFrame = await nothing.evaluate(async (el: HTMLInputElement) => {
        el.click();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return el.checked;
      });
      expect(checkedNextFrame).toBe(true);
      await nothing.check();
      await page.getByRole('button', { name: /^Undo Edit territory/ }).waitFor();
      await page.getByRole('button', { name: 'Hierarchy', exact: true }).click();
      await page.getByRole('img', { name: 'Warnings of New territory: No accounts' }).waitFor();
      await expect
        .poll(() => page.getByRole('region', { name: 'Warnings' }).textContent())
        .toContain('No account lands in New territory or below it.');
      await screenshot(page, 'warnings-02-holds-nothing-en');

      await page.getByRole('button', { name: /^Plan ?:/ }).click();
      await page.getByRole('menuitem', { name: 'Finalize plan' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.textContent()).toContain('1 territory holds no accounts');
      expect(await dialog.textContent()).toContain('France Nord > New territory');
      await screenshot(page, 'warnings-03-checklist-en');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await page.getByRole('img', { name: 'Avertissements de New territory : Aucun compte' }).waitFor();
      await expect
        .poll(() => page.getByRole('region', { name: 'Avertissements' }).textContent())
        .toContain('Aucun compte n’arrive dans New territory ni en dessous.');
      await screenshot(page, 'warnings-04-holds-nothing-fr');
      await page.getByRole('button', { name: /^Plan ?:/ }).click();
      await page.getByRole('menuitem', { name: 'Finaliser le plan' }).click();
      await expect
        .poll(() => page.getByRole('dialog').textContent())
        .toContain('1 territoire ne contient aucun compte');
      await screenshot(page, 'warnings-05-checklist-fr');
      await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();

      // French Rules: the toolbar fits on one line at 1440 px (the run button beside the title), no notice left over.
      await page.getByRole('button', { name: 'Règles', exact: true }).click();
      const title = page.getByRole('heading', { name: 'Règles d’affectation' });
      const run = page.getByRole('button', { name: 'Exécuter les règles', exact: true });
      await run.waitFor();
      const [titleBox, runBox] = [await title.boundingBox(), await run.boundingBox()];
      expect(Math.abs(titleBox!.y + titleBox!.height / 2 - (runBox!.y + runBox!.height / 2))).toBeLessThan(12);
      expect(await page.locator('.notices > *').count()).toBe(0);
      await screenshot(page, 'warnings-06-rules-fr');

      // French people panel: a placeholder that fits, the full words as its name.
      await page.getByRole('button', { name: 'Hiérarchie', exact: true }).click();
      await page.getByRole('tab', { name: /^Commerciaux/ }).click();
      const filter = page.getByRole('searchbox', { name: 'Filtrer les personnes' });
      expect(await filter.getAttribute('placeholder')).toBe('Filtrer…');
      await screenshot(page, 'warnings-07-people-fr');
    } finally {
      await context.close();
    }
  });
});

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
          await page.getByRole('menuitem', { name: words.commands.finalizePlan }).click();
        });
        await scanDialog('confirm-delete-plan', async () => {
          await planButton.click();
          await page.getByRole('menuitem', { name: words.commands.deletePlan }).click();
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
  for (const { language, locale, words } of languages) {
    it(`finds no axe violation in the panels and dialogs the sample plan reaches (rule editor, preview, why, shortcuts, distribute, move, backup, report, details, data sets, duplicates, settings, deal stages), in ${language}`, async () => {
      const profile = newProfileDir();
      const { context, page } = await launchApp(profile, { locale });
      try {
        await page.goto(app.url);
        await page.getByRole('button', { name: words.onboarding.sampleAction }).click();
        await expect
          .poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 })
          .toBe(1);
        const found: string[] = [];
        const view = async (key: (typeof viewKeys)[number]) => {
          await page.getByRole('button', { name: words.views[key], exact: true }).click();
        };
        const check = async (where: string) => {
          await page.waitForTimeout(500);
          found.push(await scan(page, `${language} ${where}`));
          await screenshot(page, `84-a11y-${language}-${where}`);
        };
        const dialog = page.getByRole('dialog');
        const planButton = page.getByRole('button', { name: /^Plan ?:/ });
        const fromMenu = async (item: string) => {
          await planButton.click();
          await page.getByRole('menuitem', { name: item }).click();
        };
        const scanDialog = async (name: string, open: () => Promise<void>) => {
          await open();
          await dialog.first().waitFor();
          await check(`dialog-${name}`);
          await page.keyboard.press('Escape');
          await expect.poll(() => dialog.count()).toBe(0);
        };

        // The Move dialog, from the hierarchy.
        await page.getByRole('treeitem', { name: 'France Nord' }).click();
        await scanDialog('move', () => page.keyboard.press('Control+Shift+M'));

        // Rules: a filled rule, the preview of a run, the records that move, and why one moves.
        await view('rules');
        await page.getByRole('option', { name: /^England South/ }).click();
        await page
          .getByRole('region', { name: words.rules.ruleN.replace('{{number}}', '1') })
          .first()
          .waitFor();
        await check('rule-filled');
        // Only the first condition: the rest of the United Kingdom comes to England South.
        const rule = page.getByRole('region', { name: words.rules.ruleN.replace('{{number}}', '1') });
        await rule.getByLabel(words.rules.pattern).fill('1');
        await rule.getByRole('button', { name: words.rules.saveRule }).click();
        await page.getByRole('button', { name: words.rules.runPlan, exact: true }).click();
        await page.locator('.rules-total').waitFor();
        await check('rule-preview');
        await page
          .getByRole('row', { name: /^England South/ })
          .first()
          .click();
        await page.locator('.rules-record-name').first().click();
        await page.locator('.rules-explanation').waitFor();
        await check('rule-why');
        // The keyboard shortcuts panel, Find greyed (aria-disabled) with its reason.
        await scanDialog('shortcuts', () => page.keyboard.press('Control+/'));

        // Forecasts: distribute a target; deal stages.
        await view('forecasts');
        await scanDialog('distribute', () =>
          page
            .getByRole('button', { name: words.forecasts.distributeTitle.replace('{{name}}', 'France'), exact: true })
            .click(),
        );
        await scanDialog('deal-stages', () => page.getByRole('button', { name: words.dealStages.open }).click());

        // Accounts: details of one, duplicates, data sets.
        await view('accounts');
        await page
          .getByRole('button', { name: /^(Details of|Détails de) / })
          .first()
          .click();
        await page.getByRole('button', { name: words.recordDetails.close }).waitFor();
        await check('account-details');
        await page.getByRole('button', { name: words.recordDetails.close }).click();
        await scanDialog('duplicates', () => page.getByRole('button', { name: words.duplicates.open }).click());
        await scanDialog('data-sets', () => fromMenu(words.dataSets.open));
        await scanDialog('plan-settings', () => fromMenu(words.planSettings.open));
        await scanDialog('backup', () => fromMenu(words.commands.backup));
        await scanDialog('report', async () => {
          await page.keyboard.press('Control+E');
          await page.getByRole('button', { name: words.report.open }).click();
          await page.getByRole('table', { name: words.report.hierarchy, exact: true }).waitFor({ timeout: 60_000 });
          await page.getByRole('img', { name: /\d/ }).first().waitFor();
        });

        const report = found.filter(Boolean).join('\n');
        expect(report).toBe('');
      } finally {
        await context.close();
        removeProfile(profile);
      }
    });
  }
});

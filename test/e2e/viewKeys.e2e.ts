/**
 * Every view's commands from its registry: the keys a planner presses run them (never while typing in a field),
 * and Help > Keyboard shortcuts (Ctrl+/) lists the shown view's keys and the app's, in English and in French.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveAppForTests } from './support/app';
import { launchApp, screenshot } from './support/browser';

const app = serveAppForTests();

/**
 * Keeps the commands the UI last said can run (what greys the native menu) in window.__commandStates, by
 * wrapping the host's `desktop.setCommandsEnabled` as the browser host sets it.
 */
const FOLLOW_COMMAND_STATES = `(() => {
  let desktop;
  Object.defineProperty(window, 'desktop', {
    configurable: true,
    get: () => desktop,
    set(value) {
      desktop = {
        ...value,
        setCommandsEnabled: (states) => ((window.__commandStates = states), value.setCommandsEnabled(states)),
      };
    },
  });
})();`;

/**
 * Holds back each Forecasts answer by window.__forecastDelay ms (0 until a step sets it), as a loaded machine does,
 * by wrapping the bridge's `call` as the browser host sets window.territory.
 */
const SLOW_FORECASTS = `(() => {
  let bridge;
  window.__forecastDelay = 0;
  Object.defineProperty(window, 'territory', {
    configurable: true,
    get: () => bridge,
    set(value) {
      bridge = {
        ...value,
        call: async (method, input) => {
          const answer = await value.call(method, input);
          if (method === 'getForecast' && window.__forecastDelay > 0) {
            await new Promise((resolve) => setTimeout(resolve, window.__forecastDelay));
          }
          return answer;
        },
      };
    },
  });
})();`;

const slowForecasts = (page: Page, ms: number) =>
  page.evaluate((delay) => ((window as unknown as { __forecastDelay: number }).__forecastDelay = delay), ms);

const findEnabled = (page: Page) =>
  page.evaluate(() => (window as unknown as { __commandStates?: { find: boolean } }).__commandStates?.find);

/** A command's row in the shortcuts panel, by the start of its label. */
const findRow = (panel: Locator, label: string) =>
  panel.locator('.shortcut-row').filter({ has: panel.page().locator('dt', { hasText: label }) });

/** Leaves any field: the views' keys wait while the focus is in one. */
const leaveFields = (page: Page) => page.locator('h1').first().click();

describe("the views' keys", () => {
  it('run each view’s commands and list them in the shortcuts panel, EN and FR', async () => {
    const { context, page } = await launchApp(app.profile);
    try {
      await context.addInitScript({ content: FOLLOW_COMMAND_STATES });
      await context.addInitScript({ content: SLOW_FORECASTS });
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Open the sample plan' }).click();

      // Find is offered only where there is something to find: not in the Leads table, which has none yet (it
      // says what to import instead), and Ctrl+F there moves nothing.
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('searchbox', { name: 'Search accounts' }).waitFor();
      await expect.poll(() => findEnabled(page)).toBe(true);
      await page.getByRole('radio', { name: /^Leads/ }).click();
      await page.getByRole('heading', { name: 'No leads yet' }).waitFor();
      await expect.poll(() => findEnabled(page)).toBe(false);
      const importLeads = page.getByRole('button', { name: 'Import leads…' });
      await importLeads.focus();
      await page.keyboard.press('Control+F');
      expect(await importLeads.evaluate((e) => e === document.activeElement)).toBe(true);
      await screenshot(page, 'accounts-empty-kind');
      // The shortcuts panel lists Find there greyed, and says why.
      await page.keyboard.press('Control+/');
      const emptyPanel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      const emptyFind = findRow(emptyPanel, 'Find…');
      expect(await emptyFind.getAttribute('aria-disabled')).toBe('true');
      expect(await emptyFind.textContent()).toContain('Nothing to search: no records of this kind yet');
      await screenshot(page, 'keys-find-greyed');
      await page.keyboard.press('Escape');
      await emptyPanel.waitFor({ state: 'detached' });
      await page.getByRole('radio', { name: /^Accounts/ }).click();
      await expect.poll(() => findEnabled(page)).toBe(true);

      // Accounts: Ctrl+F goes to the search field; Ctrl+Shift+X clears what narrows the table (not while typing).
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      const search = page.getByRole('searchbox', { name: 'Search accounts' });
      await search.waitFor();
      await page.keyboard.press('Control+F');
      await expect.poll(() => search.evaluate((e) => e === document.activeElement)).toBe(true);
      await page.keyboard.type('Paris');
      await page.keyboard.press('Control+Shift+X');
      expect(await search.inputValue()).toBe('Paris');
      await expect
        .poll(() => page.getByRole('button', { name: 'Clear search and filters' }).count())
        .toBeGreaterThan(0);
      await leaveFields(page);
      await page.keyboard.press('Control+Shift+X');
      await expect.poll(() => search.inputValue()).toBe('');

      // The shortcuts panel lists the Accounts view's keys and the app's.
      await page.keyboard.press('Control+/');
      const panel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await panel.waitFor();
      expect(await panel.getByRole('region', { name: 'Accounts view' }).textContent()).toContain(
        'Clear search and filtersCtrl+Shift+X',
      );
      expect(await panel.getByRole('region', { name: 'Everywhere' }).textContent()).toContain(
        'RedoCtrl+Shift+Z or Ctrl+Y',
      );
      expect(await findRow(panel, 'Find…').getAttribute('aria-disabled')).toBeNull();
      await screenshot(page, 'keys-accounts-panel');
      // Its keys wait while a dialog is open.
      await page.keyboard.press('Control+Shift+X');
      await page.getByRole('button', { name: 'Close' }).click();
      await panel.waitFor({ state: 'detached' });

      // Rules: F9 runs the plan's rules into a preview, Ctrl+Enter adds a rule card.
      await page.getByRole('button', { name: 'Rules', exact: true }).click();
      await page.getByRole('option', { name: /^England South/ }).click();
      await page.getByRole('region', { name: 'Rule 1' }).waitFor();
      await leaveFields(page);
      expect(await page.getByRole('button', { name: 'Run rules', exact: true }).getAttribute('title')).toBe(
        'Run rules (F9)',
      );
      await page.keyboard.press('F9');
      await expect.poll(() => page.locator('.rules-total').textContent()).toContain('Nothing would move');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('region', { name: 'Rule 2' }).waitFor();

      // Forecasts: Ctrl+Shift+← and → step through the fiscal years; Ctrl+Shift+E exports the targets. Each year's
      // figures come late here, as on a loaded machine: the first visit asks for today's year, then for the year it
      // chooses (the sample's targets' year). The picker shows the year asked for from the start, and the keys step
      // from it, not from the figures still on screen (dimmed, aria-busy, until their year comes).
      await slowForecasts(page, 1500);
      await page.getByRole('button', { name: 'Forecasts', exact: true }).click();
      const forecasts = page.getByRole('region', { name: 'Forecasts' });
      const year = page.getByRole('combobox', { name: 'Fiscal year' });
      await year.waitFor();
      const first = await year.inputValue();
      const years = await year
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      await expect.poll(() => forecasts.getAttribute('aria-busy')).toBeNull();
      expect(await year.inputValue()).toBe(first);
      await leaveFields(page);
      // Two quick presses while the first year's figures are still coming: two years back.
      await page.keyboard.press('Control+Shift+ArrowLeft');
      await page.keyboard.press('Control+Shift+ArrowLeft');
      await expect.poll(() => year.inputValue()).toBe(years[years.indexOf(first) - 2]);
      await page.keyboard.press('Control+Shift+ArrowRight');
      await page.keyboard.press('Control+Shift+ArrowRight');
      await expect.poll(() => year.inputValue()).toBe(first);
      await expect.poll(() => forecasts.getAttribute('aria-busy')).toBeNull();
      await slowForecasts(page, 0);
      await page.keyboard.press('Control+Shift+E');
      const exporting = page.getByRole('dialog', { name: 'Export' });
      await exporting.waitFor();
      expect(await exporting.getByRole('radio', { name: /Targets/ }).isChecked()).toBe(true);
      await page.keyboard.press('Escape');
      await exporting.waitFor({ state: 'detached' });

      // Compare: Ctrl+Shift+S makes the other plan the reference.
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await page.getByRole('button', { name: 'Duplicate this plan' }).click();
      await page.getByRole('dialog').getByLabel('Plan name').fill('What-if');
      await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
      const note = page.getByTestId('order-note');
      await expect.poll(() => note.textContent()).toContain('Sample plan');
      await leaveFields(page);
      await page.keyboard.press('Control+Shift+S');
      await expect.poll(() => note.textContent()).toContain('What-if');
      await page.keyboard.press('Control+Shift+ArrowRight');
      await expect.poll(() => page.getByRole('radio', { name: 'Revenue' }).getAttribute('aria-checked')).toBe('true');

      // Map: each mode has its key (the mode button says it), as does framing the accounts.
      await page.getByRole('button', { name: 'Map', exact: true }).click();
      await page.waitForFunction(() => 'territoryMap' in window, null, { timeout: 60_000 });
      const lassoMode = page.getByRole('button', { name: 'Lasso select' });
      expect(await lassoMode.getAttribute('title')).toBe('Lasso select (Ctrl+Shift+L)');
      await page.keyboard.press('Control+Shift+L');
      await expect.poll(() => lassoMode.getAttribute('aria-pressed')).toBe('true');
      await page.keyboard.press('Control+Shift+V');
      await expect
        .poll(() => page.getByRole('button', { name: 'Pick regions' }).getAttribute('aria-pressed'))
        .toBe('true');
      expect(await lassoMode.getAttribute('aria-pressed')).toBe('false');
      await page.keyboard.press('Control+/');
      const mapPanel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      expect(await mapPanel.getByRole('region', { name: 'Map view' }).textContent()).toContain(
        'Frame the plan’s accountsCtrl+Shift+F',
      );
      await screenshot(page, 'keys-map-panel');
      await page.keyboard.press('Escape');
      await mapPanel.waitFor({ state: 'detached' });

      // In French, the same panel in the planner's words.
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await page.getByRole('button', { name: 'Règles', exact: true }).click();
      await page.getByRole('region', { name: 'Règle 1' }).waitFor();
      await page.getByRole('button', { name: 'Raccourcis clavier' }).click();
      const panelFr = page.getByRole('dialog', { name: 'Raccourcis clavier' });
      await panelFr.waitFor();
      const rules = (await panelFr.getByRole('region', { name: 'Vue Règles' }).textContent()) ?? '';
      expect(rules).toContain('Exécuter les règlesF9');
      // Keys named as a French keyboard prints them.
      expect(rules).toContain('AppliquerCtrl+Maj+Entrée');
      expect(await panelFr.getByRole('region', { name: 'Partout' }).textContent()).toContain(
        'RétablirCtrl+Maj+Z ou Ctrl+Y',
      );
      // Find searches the hierarchy and the accounts: greyed in the Rules view, saying where it works.
      const findFr = findRow(panelFr, 'Rechercher…');
      expect(await findFr.getAttribute('aria-disabled')).toBe('true');
      expect(await findFr.textContent()).toContain('Cherche dans les vues Hiérarchie et Comptes');
      await screenshot(page, 'keys-rules-panel-fr');
      await page.keyboard.press('Escape');
      await panelFr.waitFor({ state: 'detached' });
      // Tooltips too: the hierarchy's Delete key is Suppr.
      await page.getByRole('button', { name: 'Hiérarchie', exact: true }).click();
      await expect
        .poll(() => page.getByRole('button', { name: 'Supprimer le territoire' }).first().getAttribute('title'))
        .toBe('Supprimer le territoire (Suppr)');
    } finally {
      await context.close();
    }
  });
});

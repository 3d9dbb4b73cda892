/**
 * A planner with only a keyboard (no pointer at all: page.keyboard, never click or mouse): opens the sample plan,
 * creates a territory in the hierarchy, moves it under another with "Move to…", writes a rule for it, runs the rules,
 * applies the result, and reads a forecast figure after setting a target. Every stop is reached with Tab (or a
 * shortcut the app documents), and the focus is visible and never lost to the page's body along the way.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();

interface Focused {
  /** The accessible name as a screen reader would mostly compute it (aria-label, labelledby, label, text). */
  name: string;
  role: string;
  tag: string;
  /** Whether the focus is drawn: an outline or a ring (box-shadow) while focused. */
  visible: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement)
      return { name: '', role: '', tag: 'body', visible: false };
    const byIds = (ids: string | null) =>
      ids
        ? ids
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '';
    const label = 'labels' in el ? ((el as HTMLInputElement).labels?.[0]?.textContent ?? '') : '';
    const name = (
      el.getAttribute('aria-label') ||
      byIds(el.getAttribute('aria-labelledby')) ||
      label ||
      el.textContent ||
      ''
    )
      .replace(/\s+/g, ' ')
      .trim();
    const style = getComputedStyle(el);
    const visible =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
      (style.boxShadow !== 'none' && style.boxShadow !== '');
    return { name, role: el.getAttribute('role') ?? el.tagName.toLowerCase(), tag: el.tagName.toLowerCase(), visible };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element fits; fails naming where the focus went instead. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string, max = 120, back = false) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    seen.push(`${now.role}:${now.name.slice(0, 40)}`);
    if (wanted(now)) {
      expect(now.visible, `focus on ${what} is visible (${now.tag} ${now.role} ${now.name})`).toBe(true);
      return now;
    }
  }
  await screenshot(page, '84-keyboard-lost');
  throw new Error(`Tab never reached ${what}; the focus went: ${seen.join(' → ')}`);
}

const named = (name: string | RegExp) => (f: Focused) =>
  typeof name === 'string' ? f.name === name : name.test(f.name);

describe('keyboard only', () => {
  it('creates a territory, moves it under another, writes a rule, runs and applies it, and reads a forecast', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Open the sample plan' }).waitFor();
      await tabTo(page, named('Open the sample plan'), 'the sample plan button');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);

      // The tree is one tab stop (roving tabindex): Tab lands on one territory, the arrows and Home move from it.
      await tabTo(page, (f) => f.role === 'treeitem', 'the hierarchy tree');
      expect(await page.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
      await page.keyboard.press('Home');
      const root = (await page.getByRole('treeitem').first().getAttribute('aria-label')) ?? '';
      await expect.poll(async () => (await focused(page)).name).toBe(root);

      // A new territory under the root: Ctrl+Enter asks its name, Enter creates it, focus goes to it.
      await page.keyboard.press('Control+Enter');
      await page.getByRole('dialog').waitFor();
      expect((await focused(page)).tag).toBe('input');
      await page.keyboard.type('Key Accounts');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).name).toBe('Key Accounts');
      const keyAccounts = page.getByRole('treeitem', { name: 'Key Accounts' });
      expect(await keyAccounts.getAttribute('aria-level')).toBe('2');
      await screenshot(page, '85-keyboard-created');

      // Move to… (Ctrl+Shift+M): a filtered list of where it may go; Enter moves it there.
      await page.keyboard.press('Control+Shift+M');
      const move = page.getByRole('dialog', { name: 'Move “Key Accounts” to…' });
      await move.waitFor();
      expect((await focused(page)).name).toBe('Find a territory');
      await page.keyboard.type('France');
      await expect.poll(() => move.locator('#move-to-chosen').textContent()).toMatch(/› France$/);
      await screenshot(page, '86-keyboard-move-to');
      await page.keyboard.press('Enter');
      await expect.poll(() => move.count()).toBe(0);
      await expect.poll(() => keyAccounts.getAttribute('aria-level')).toBe('4');
      // Focus is back on the moved territory, not lost to the page.
      await expect.poll(async () => (await focused(page)).name).toBe('Key Accounts');

      // Rules (Ctrl+4): the territory picked in the hierarchy is the one edited.
      await page.keyboard.press('Control+4');
      const editor = page.locator('.rules-main');
      await expect.poll(() => editor.locator('h2').textContent()).toBe('Key Accounts');
      // The territory list keeps the focus while the arrows walk it; a screen reader follows the selected option
      // through aria-activedescendant.
      const list = page.getByRole('listbox', { name: 'Territories' });
      const active = async () => {
        const id = await list.getAttribute('aria-activedescendant');
        return page.evaluate((id) => {
          const option = id ? document.getElementById(id) : null;
          return option
            ? `${option.getAttribute('aria-selected')} ${option.querySelector('.rules-territory-name')?.textContent}`
            : `none (${id})`;
        }, id);
      };
      await tabTo(page, (f) => f.role === 'listbox', 'the territory list', 40);
      await expect.poll(active).toBe('true Key Accounts');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => editor.locator('h2').textContent()).not.toBe('Key Accounts');
      const next = (await editor.locator('h2').textContent()) ?? '';
      await expect.poll(active).toBe(`true ${next}`);
      expect((await focused(page)).role).toBe('listbox');
      await page.keyboard.press('ArrowUp');
      await expect.poll(active).toBe('true Key Accounts');
      await expect.poll(() => editor.locator('h2').textContent()).toBe('Key Accounts');
      await tabTo(page, named('Add a rule'), 'Add a rule');
      await page.keyboard.press('Enter');
      // A new rule starts with one condition (on the country): it becomes "annual revenue at least 50 million".
      await tabTo(page, named('Field of Condition 1'), 'the field of condition 1', 30, true);
      await page.keyboard.type('Annual revenue');
      await expect
        .poll(() => page.getByLabel('Field of Condition 1').evaluate((s) => (s as HTMLSelectElement).value))
        .toBe('annualRevenue');
      await tabTo(page, named('Operator of Condition 1'), 'the operator of condition 1');
      // The operators of a number, in order: the keyboard picks "at least" by its place in the list.
      const operators = await page
        .getByLabel('Operator of Condition 1')
        .evaluate((s) => [...(s as HTMLSelectElement).options].map((o) => o.value));
      const current = await page.getByLabel('Operator of Condition 1').evaluate((s) => (s as HTMLSelectElement).value);
      for (let i = operators.indexOf(current); i < operators.indexOf('ge'); i++) await page.keyboard.press('ArrowDown');
      await expect
        .poll(() => page.getByLabel('Operator of Condition 1').evaluate((s) => (s as HTMLSelectElement).value))
        .toBe('ge');
      await tabTo(page, named('Value of Condition 1'), 'the value of condition 1');
      await page.keyboard.type('50000000');
      await tabTo(page, named('Save rule'), 'Save rule');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('button', { name: 'Undo Add rule' }).count()).toBe(1);
      await screenshot(page, '87-keyboard-rule');

      // Run the rules; the preview says what would move; Apply writes it.
      await tabTo(page, named('Run rules'), 'Run rules', 120, true);
      await page.keyboard.press('Enter');
      const gain = page.getByRole('row', { name: /^Key Accounts: \+\d+/ });
      await gain.waitFor({ timeout: 60_000 });
      const gained = Number(/\+(\d+)/.exec((await gain.getAttribute('aria-label')) ?? '')![1]);
      expect(gained).toBeGreaterThan(0);
      // The shell's polite live region told a screen-reader user what the run came to.
      const live = page.locator('.sr-only[aria-live="polite"]');
      await expect.poll(() => live.textContent()).toMatch(/^[\d,]+ records? would move$/);
      await tabTo(page, named('Apply'), 'Apply');
      await page.keyboard.press('Enter');
      const count = page.getByRole('option', { name: /^Key Accounts/ }).locator('.rules-territory-count');
      await expect.poll(async () => Number(((await count.textContent()) ?? '').replace(/\D/g, ''))).toBe(gained);
      await screenshot(page, '88-keyboard-applied');

      // Forecasts (Ctrl+5): a quarterly target typed in for the new territory, then its year figure read back.
      await page.keyboard.press('Control+5');
      await page.getByRole('table', { name: 'Forecasts' }).waitFor();
      const firstQuarter = await tabTo(
        page,
        named(/^Target of Key Accounts, /),
        'the first target of Key Accounts',
        600,
      );
      expect(firstQuarter.name).toMatch(/: —$/);
      await page.keyboard.press('Enter');
      expect((await focused(page)).tag).toBe('input');
      await page.keyboard.type('250000');
      await page.keyboard.press('Enter');
      // Focus stays on the cell, now showing the amount.
      await expect.poll(async () => (await focused(page)).name).toMatch(/^Target of Key Accounts, .*: €250K$/);
      const row = page.getByRole('row').filter({ has: page.getByText('Key Accounts', { exact: true }) });
      await expect.poll(() => row.locator('td.num.strong').textContent()).toBe('€250K');
      await screenshot(page, '89-keyboard-forecast');

      // The plan menu: Enter opens it on the current plan, the arrows walk it, a dialog it opens gives the focus
      // back to the plan button when it closes (the menu item that opened it is gone by then).
      const planButton = await tabTo(page, named(/^Plan: ?Sample plan/), 'the plan button', 200, true);
      expect(planButton.role).toBe('button');
      for (const item of ['Rename plan', 'Plan settings…', 'Data sets…']) {
        await page.keyboard.press('Enter');
        await page.getByRole('menu').waitFor();
        expect((await focused(page)).role).toBe('menuitemradio');
        for (let i = 0; i < 30 && (await focused(page)).name !== item; i++) await page.keyboard.press('ArrowDown');
        expect((await focused(page)).name).toBe(item);
        await page.keyboard.press('Enter');
        await page.getByRole('dialog').waitFor();
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
        await expect.poll(async () => `${item}: ${(await focused(page)).name}`).toMatch(/: Plan: ?Sample plan/);
      }
      // Escape closes the menu itself, with the focus on its button.
      await page.keyboard.press('Enter');
      await page.getByRole('menu').waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('menu').count()).toBe(0);
      expect((await focused(page)).name).toMatch(/^Plan: ?Sample plan/);
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});

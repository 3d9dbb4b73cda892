/**
 * Assignment rules in the browser host: open the sample (assigned at creation), write a rule in the editor, see a
 * bad pattern refused as typed, run the preview, apply it and see accounts move; explain a record, place it by
 * hand and release it; export the assignments as CSV.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';
import { openSamplePlan, territoryAccounts as accountsOf } from './support/plan';

const server = serveAppForTests();

describe('assignment rules', () => {
  it('writes a rule, previews and applies it, explains, assigns by hand and exports', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await openSamplePlan(page);

      await page.getByRole('button', { name: 'Rules', exact: true }).click();
      const englandSouth = page.getByRole('option', { name: /^England South/ });
      await englandSouth.waitFor();
      // The sample opens assigned: its rules ran when it was created.
      await expect.poll(() => accountsOf(page, 'England South')).toBeGreaterThan(0);
      const before = await accountsOf(page, 'England South');
      const ukBefore = await accountsOf(page, 'UK & Ireland');
      await englandSouth.click();

      const rule = page.getByRole('region', { name: 'Rule 1' });
      await rule.getByRole('listitem', { name: 'Condition 2' }).waitFor();
      // A third condition: only large accounts stay in England South.
      await rule.getByRole('button', { name: 'Add a condition' }).click();
      await rule.getByLabel('Field of Condition 3').selectOption('annualRevenue');
      await rule.getByLabel('Operator of Condition 3').selectOption('ge');
      await rule.getByLabel('Value of Condition 3').fill('25000000');

      // A pattern that mixes AND and OR is refused as typed, at its place.
      const pattern = rule.getByLabel('How conditions combine');
      await pattern.fill('1 AND 2 OR 3');
      await expect.poll(() => rule.getByRole('alert').textContent()).toContain('Add parentheses to mix AND and OR');
      expect(await rule.getByRole('button', { name: 'Save rule' }).isDisabled()).toBe(true);
      await screenshot(page, '40-rules-bad-pattern');
      await pattern.fill('1 AND 2 AND 3');
      await expect.poll(() => rule.getByRole('alert').count()).toBe(0);
      await expect.poll(() => rule.getByRole('button', { name: 'Save rule' }).isEnabled()).toBe(true);
      await rule.getByRole('button', { name: 'Save rule' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Undo Edit rule' }).count()).toBe(1);

      // The preview: nothing is written yet.
      await page.getByRole('button', { name: 'Run rules', exact: true }).click();
      const total = page.locator('.rules-total');
      await expect.poll(() => total.textContent()).toMatch(/record(s)? would move/);
      const row = page.getByRole('row', { name: /^England South: \+0 −\d+/ });
      await row.waitFor();
      // Accounts England South loses; contacts and deals follow them, counted on their own tabs.
      const moved = Number(/−(\d+)/.exec((await row.getAttribute('aria-label')) ?? '')![1]);
      expect(moved).toBeGreaterThan(0);
      expect(await accountsOf(page, 'England South')).toBe(before);
      await screenshot(page, '41-rules-preview');

      // Only England South's losses; the first of them is explained (it opens the "Why?" panel).
      await row.click();
      const list = page.getByRole('list', { name: 'Moving' });
      await list.getByRole('listitem').first().waitFor();
      await list.getByRole('listitem').first().locator('.rules-record-name').click();
      const explanation = page.locator('.rules-explanation');
      await expect
        .poll(() => explanation.textContent())
        .toContain('In England South since the last run, but the rules of England South no longer hold (condition 3)');
      const name = ((await explanation.locator('h3').textContent()) ?? '').trim();
      const externalId = ((await explanation.locator('header p').first().textContent()) ?? '').split(' · ')[0].trim();
      expect(externalId).toMatch(/^ACC-\d{5}$/);

      await page.getByRole('tab', { name: /Preview/ }).click();
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => accountsOf(page, 'England South')).toBe(before - moved);
      // They stay in UK & Ireland, now as its own accounts rather than England South's.
      expect(await accountsOf(page, 'UK & Ireland')).toBe(ukBefore);
      await screenshot(page, '42-rules-applied');

      // Why is that account where it is now, and why not in England South?
      await page.getByRole('tab', { name: /Why\?/ }).click();
      await expect.poll(() => explanation.textContent()).toContain('In UK & Ireland');
      await explanation.getByLabel('Explain for').selectOption({ label: 'England South' });
      await expect.poll(() => explanation.textContent()).toContain('Not in England South: condition 3 does not hold');
      await screenshot(page, '43-rules-explain');

      // By hand: the account goes back to England South whatever its rule says, then is released.
      await page.getByRole('tab', { name: /By hand/ }).click();
      await page.getByLabel('Find accounts by name or ID').fill(externalId);
      await page.getByRole('checkbox', { name: `Choose ${name}` }).check();
      await page.getByRole('button', { name: 'Assign 1 to England South' }).click();
      await expect.poll(() => accountsOf(page, 'England South')).toBe(before - moved + 1);
      const manual = page.getByRole('region', { name: 'Manual assignments' });
      await manual.getByRole('button', { name: `Release ${name} to the rules` }).waitFor();
      await screenshot(page, '44-rules-by-hand');
      // A run keeps it: nothing moves.
      await page.getByRole('button', { name: 'Run rules', exact: true }).click();
      await expect.poll(() => total.textContent()).toContain('Nothing would move');
      await page.getByRole('tab', { name: /By hand/ }).click();
      await manual.getByRole('button', { name: `Release ${name} to the rules` }).click();
      await expect.poll(() => accountsOf(page, 'England South')).toBe(before - moved);
      await page.keyboard.press('Control+Z');
      await expect.poll(() => accountsOf(page, 'England South')).toBe(before - moved + 1);

      // File > Export… (Ctrl+E): one row per record and territory, with the path and the source.
      const download = page.waitForEvent('download');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+E');
      await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Export', exact: true }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('Sample plan (draft) - assignments.csv');
      const csv = readFileSync((await file.path())!, 'utf8');
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/);
      expect(lines[0]).toMatch(
        /^record kind,external ID,name,country,postal code,territory code,territory name,territory path,source,/,
      );
      expect(
        lines.some(
          (line) =>
            line.startsWith(`account,${externalId},`) &&
            line.includes(',UK-S,England South,EMEA > UK & Ireland > England South,manual,'),
        ),
      ).toBe(true);
      expect(lines.some((line) => line.startsWith('contact,') && line.includes(',inherited,'))).toBe(true);

      // The map colours each account by its territory.
      await page.getByRole('button', { name: 'Map', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'accounts located' }).waitFor();
      await page.waitForTimeout(1500);
      await screenshot(page, '45-rules-map-coloured');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});

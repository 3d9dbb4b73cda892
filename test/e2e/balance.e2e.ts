import { describe, expect, it } from 'vitest';
import { launchApp, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();

const cvOf = async (text: string | null) => Number((text ?? '').replace(/[^\d,.]/g, '').replace(',', '.'));

describe('balance', () => {
  it("balances the sample's North America into a new plan whose spread is lower in Compare", async () => {
    const { context, page } = await launchApp(app.profile);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await expect.poll(() => page.getByRole('treeitem', { name: 'North America' }).count(), { timeout: 30_000 }).toBe(1);

    await page.keyboard.press('Control+f');
    await page.getByRole('combobox', { name: 'Find a territory' }).fill('North America');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.territory-panel h2').textContent()).toBe('North America');
    await page.getByRole('button', { name: 'Balance…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Balance North America' });
    await expect.poll(() => dialog.count()).toBe(1);
    await dialog.getByRole('combobox', { name: /^Balance/ }).selectOption('accounts');
    await dialog.getByRole('combobox', { name: /^What moves/ }).selectOption('account');
    await expect
      .poll(() => dialog.getByRole('checkbox', { name: 'Keep each territory one connected area' }).isChecked())
      .toBe(true);
    await screenshot(page, '70-balance-dialog');
    // A cleared name falls back to the default, which the UI words (the model names nothing itself).
    await dialog.getByRole('textbox', { name: 'Name of the new plan' }).fill('');
    await dialog.getByRole('button', { name: 'Balance', exact: true }).click();

    const summary = page.getByRole('dialog', { name: 'Sample plan – balanced is ready' });
    await expect.poll(() => summary.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => summary.getByText('Every territory is one connected area').count()).toBe(1);
    const cvRow = summary.getByRole('row', { name: /Coefficient of variation/ }).first();
    const [before, afterCell] = await cvRow.getByRole('cell').allTextContents();
    const after = afterCell.split(' (')[0];
    expect(await cvOf(after)).toBeLessThan(await cvOf(before));
    // The drop is green, and also written with its sign and in words (never by colour alone).
    const drop = /\(−([\d.,]+) pts, more even\)$/.exec(afterCell);
    expect(drop, afterCell).not.toBeNull();
    expect(Math.abs(Number(drop![1].replace(',', '.')) - ((await cvOf(before)) - (await cvOf(after))))).toBeLessThan(
      0.15,
    );
    await screenshot(page, '71-balance-summary');

    // Compare opens on the balanced plan beside the one it came from: its spread of accounts is lower.
    await summary.getByRole('button', { name: 'Compare with this plan' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Plan:/ }).textContent()).toContain('balanced');
    await expect.poll(() => page.locator('.compare-cards').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, '72-balance-compare');
    // The first row of cards is the balance of each plan (the forecast cards follow).
    const cards = page.locator('.compare-cards').first().locator('> .compare-card');
    await expect.poll(() => cards.count()).toBe(2);
    const cvs: number[] = [];
    for (const card of await cards.all()) {
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/Coefficient of variation/);
      cvs.push(await cvOf(/Coefficient of variation\s*([\d.,]+)/.exec(text)?.[1] ?? ''));
    }
    const names = await cards.allTextContents();
    const balanced = names.findIndex((n) => n.includes('balanced'));
    expect(balanced).toBeGreaterThanOrEqual(0);
    expect(cvs[balanced]).toBeLessThan(cvs[1 - balanced]);

    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await page.waitForTimeout(3000);
    await screenshot(page, '73-balance-map');
    await context.close();
  });
});

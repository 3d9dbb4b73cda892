import { describe, expect, it } from 'vitest';
import { launchApp, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();

describe('forecasts', () => {
  it('edits a target, flags the mismatch with the parent, undoes it and redoes it with Ctrl+Y', async () => {
    const { context, page } = await launchApp(app.profile);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await page.getByRole('button', { name: 'Forecasts', exact: true }).click();
    const cell = page.getByRole('button', { name: 'Target of France Nord, 2027-Q1' });
    await cell.waitFor();
    expect(await page.getByRole('img', { name: 'Target mismatch' }).count()).toBe(0);
    await screenshot(page, '30-forecasts');

    await cell.click();
    await page.keyboard.type('900000');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell.textContent()).toBe('€900K');
    // France Nord no longer matches its members, and France no longer matches its sub-territories.
    await expect.poll(() => page.getByRole('img', { name: 'Target mismatch' }).count()).toBe(2);
    await screenshot(page, '31-forecasts-mismatch');

    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('img', { name: 'Target mismatch' }).count()).toBe(0);
    expect(await cell.textContent()).not.toBe('€900K');
    // Ctrl+Y redoes as Ctrl+Shift+Z does (the window's own key; the menu's stand-in binds only the first).
    await page.keyboard.press('Control+y');
    await expect.poll(() => cell.textContent()).toBe('€900K');
    await expect.poll(() => page.getByRole('button', { name: /^Redo/ }).isDisabled()).toBe(true);
    await context.close();
  });
});

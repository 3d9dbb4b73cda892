import { describe, expect, it } from 'vitest';
import { launchApp, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();

describe('compare', () => {
  it('duplicates the sample into a what-if and compares the two side by side', async () => {
    const { context, page } = await launchApp(app.profile);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('button', { name: 'Duplicate this plan' }).click();
    await page.getByRole('dialog').getByLabel('Plan name').fill('What-if');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Plan:/ }).textContent()).toContain('What-if');

    // The copy against its source: same territories, same accounts, nothing moves.
    await expect.poll(() => page.getByText('0 accounts move').count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Compare Sample plan' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Revenue' }).click();
    await screenshot(page, '40-compare');
    await context.close();
  });
});

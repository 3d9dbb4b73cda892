import { describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
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

  it('says there is no balance to measure in a plan with nothing assigned, instead of a perfect score', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('button', { name: 'Compare with the plan before its last apply' }).click();
    const figure = (plan: RegExp, label: string) =>
      page
        .locator('.compare-card')
        .filter({ has: page.getByText(plan) })
        .locator('dl > div')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('dd')
        .textContent();
    // Before its first apply the sample held no accounts: nothing is balanced or unbalanced.
    await expect.poll(() => figure(/before last apply/, 'Gini'), { timeout: 30_000 }).toBe('—');
    expect(await figure(/before last apply/, 'Within ±5 % of the mean')).toBe('—');
    // The applied plan has real figures.
    expect(await figure(/^Sample plan$/, 'Gini')).toMatch(/^0[.,]\d+$/);
    // The past version's card speaks of that moment, not of the plan: it has been applied since, as its picker says.
    const pastCards = page.locator('.compare-card').filter({ has: page.getByText(/before last apply/) });
    expect(await pastCards.filter({ hasText: 'No rules were applied yet at that point' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.compare-card').filter({ hasText: 'never applied' }).count()).toBe(0);
    expect(await page.getByText(/^as it was before the apply of /).count()).toBe(1);
    await context.close();
    removeProfile(profile);
  });
});

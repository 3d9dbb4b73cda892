import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveStatic, type StaticServer } from './support/server';

let server: StaticServer;
let profile: string;

beforeAll(async () => {
  server = await serveStatic();
  profile = newProfileDir();
});

afterAll(async () => {
  await server.close();
  removeProfile(profile);
});

describe('compare', () => {
  it('duplicates the sample into a what-if and compares the two side by side', async () => {
    const { context, page } = await launchApp(profile);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('button', { name: 'Duplicate this plan' }).click();
    await page.getByRole('dialog').getByLabel('Plan name').fill('What-if');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Plan' }).textContent()).toContain('What-if');

    // The copy against its source: same territories, same accounts, nothing moves.
    await expect.poll(() => page.getByText('0 accounts move').count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Compare Sample plan' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Revenue' }).click();
    await screenshot(page, '40-compare');
    await context.close();
  });
});

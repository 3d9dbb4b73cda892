import { describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();

describe('foundation: plans and territories persist in the browser host', () => {
  it('creates a plan and territories, and finds them after a reload and a relaunch', async () => {
    let { context, page } = await launchApp(app.profile);
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Welcome to Territory Planner' }).waitFor();
    await screenshot(page, '00-onboarding');

    // First launch offers the sample or an empty plan.
    await page.getByLabel('Plan name').fill('FY27 Europe');
    await page.getByRole('button', { name: 'Create an empty plan' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Plan:/ }).textContent()).toContain('FY27 Europe');

    // Two territories under the organisation, one under the other.
    await page.getByRole('button', { name: 'Add sub-territory' }).first().click();
    await page.getByRole('dialog').getByLabel('Territory name').fill('France');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByRole('treeitem', { name: 'France' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Add sub-territory: France' }).click();
    await page.getByRole('dialog').getByLabel('Territory name').fill('Île-de-France');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByRole('treeitem', { name: 'Île-de-France' }).count()).toBe(1);
    await screenshot(page, '01-hierarchy');

    // Undo removes the last territory, redo brings it back.
    await page.getByRole('button', { name: 'Undo Add territory' }).click();
    await expect.poll(() => page.getByRole('treeitem', { name: 'Île-de-France' }).count()).toBe(0);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => page.getByRole('treeitem', { name: 'Île-de-France' }).count()).toBe(1);

    await page.reload();
    // A reload starts the model worker again: give it the time a cold start takes.
    await expect.poll(() => page.getByRole('treeitem', { name: 'Île-de-France' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('button', { name: /^Plan:/ }).textContent()).toContain('FY27 Europe');

    // A relaunch of the browser (the profile on disk) still has it.
    await context.close();
    ({ context, page } = await launchApp(app.profile));
    await page.goto(app.url);
    await expect
      .poll(() => page.getByRole('treeitem', { name: 'France', exact: true }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => page.getByRole('treeitem', { name: 'Île-de-France' }).count()).toBe(1);

    for (const [i, view] of ['Map', 'Accounts', 'Rules', 'Forecasts', 'Compare'].entries()) {
      await page.getByRole('button', { name: view, exact: true }).click();
      // Each view is its own chunk, loaded when first shown: the screenshot waits for it (and its first answer).
      await page.locator('main.content > .view.muted').waitFor({ state: 'detached', timeout: 60_000 });
      await screenshot(page, `0${i + 2}-${view.toLowerCase()}`);
    }
    await context.close();
  });

  it('opens the sample plan with its 3-level hierarchy', async () => {
    const sampleProfile = newProfileDir();
    const { context, page } = await launchApp(sampleProfile);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByRole('treeitem').count()).toBeGreaterThan(20);
    await screenshot(page, '10-sample-hierarchy');
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await expect.poll(() => page.getByText('3,000 accounts').count()).toBe(1);
    await context.close();
    removeProfile(sampleProfile);
  });
});

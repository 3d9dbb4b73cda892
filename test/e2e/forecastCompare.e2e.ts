/**
 * Compare with forecasts, driven as a planner would: duplicate the sample plan, move accounts of France Nord to
 * France Sud by hand in the Rules view, see Compare count the moves with the reference first and the deals'
 * forecast follow them (the plan's total unchanged), raise one uplift in the what-if and see its projection rise
 * while the reference's stays. Screenshots of the forecast, the flow chart and the balance chart, EN and FR.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchApp, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';
import { expectNoViolations } from './support/axe';

const app = serveAppForTests();

/** The exact figure behind a forecast cell (its text is compact money). */
async function valueOf(page: Page, testId: string): Promise<number> {
  const value = await page.getByTestId(testId).getAttribute('data-value');
  return Number(value);
}

describe('compare with forecasts', () => {
  it('duplicates the sample, moves a territory’s accounts in the UI, changes an assumption and sees the forecast follow', async () => {
    const { context, page } = await launchApp(app.profile);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('button', { name: 'Duplicate this plan' }).click();
    await page.getByRole('dialog').getByLabel('Plan name').fill('What-if');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Plan:/ }).textContent()).toContain('What-if');
    await expect.poll(() => page.getByText('0 accounts move').count()).toBe(1);

    // The plan the what-if came from is the reference: first in the picker, first column, moves read from it.
    const picker = page.getByRole('group', { name: 'Plans to compare (the first is the reference)' });
    await expect.poll(() => picker.locator('.plan-pick').first().textContent()).toContain('Sample plan');
    expect(await picker.locator('.plan-pick').first().textContent()).toContain('Reference');
    expect(await page.getByTestId('order-note').textContent()).toContain('Sample plan is the reference');
    await page.getByTestId('projected-1').waitFor();
    const total = await valueOf(page, 'projected-0');
    expect(total).toBeGreaterThan(0);
    expect(await valueOf(page, 'projected-1')).toBe(total);
    const northBefore = await valueOf(page, 'projected-1-#FR-N');
    const southBefore = await valueOf(page, 'projected-1-#FR-S');

    // In the Rules view, by hand: French accounts of France Nord found by name go to France Sud.
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    await page.getByRole('option', { name: /^France Sud/ }).click();
    await page.getByRole('tab', { name: /By hand/ }).click();
    await page.getByLabel('Find accounts by name or ID').fill(' SA');
    // The list keeps the previous hits until the search's own answer is in: wait for that answer.
    const found = page.getByRole('list', { name: 'Records found' });
    await expect.poll(() => found.getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
    const hits = found.getByRole('listitem');
    expect(await hits.count()).toBeGreaterThan(0);
    let chosen = 0;
    for (const hit of await hits.all()) {
      if (!((await hit.textContent()) ?? '').includes('France Nord')) continue;
      await hit.getByRole('checkbox').check();
      chosen++;
    }
    expect(chosen).toBeGreaterThan(0);
    await page.getByRole('button', { name: `Assign ${chosen} to France Sud` }).click();
    await page
      .getByRole('region', { name: 'Manual assignments' })
      .getByRole('button', { name: /^Release .* to the rules$/ })
      .first()
      .waitFor();

    // Compare counts them, reference → what-if; the deals went with them, so the plan's projection holds.
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => page.getByText(`${chosen} accounts move`).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const moves = page.getByRole('list', { name: 'Accounts that move' });
    expect(await moves.getByRole('listitem').count()).toBe(chosen);
    for (const line of await moves.getByRole('listitem').allTextContents()) {
      expect(line).toMatch(/France Nord\s*France Sud/);
    }
    expect(await valueOf(page, 'projected-1')).toBeCloseTo(total, 2);
    const northAfter = await valueOf(page, 'projected-1-#FR-N');
    const southAfter = await valueOf(page, 'projected-1-#FR-S');
    expect(northAfter).toBeLessThanOrEqual(northBefore);
    expect(southAfter - southBefore).toBeCloseTo(northBefore - northAfter, 2);
    // The reference did not change.
    expect(await valueOf(page, 'projected-0-#FR-N')).toBe(northBefore);

    // One assumption: +50 % uplift on France Sud in the what-if raises its projection and the plan's.
    const uplift = page.getByRole('spinbutton', { name: 'Uplift % of France Sud in What-if' });
    await uplift.fill('50');
    await uplift.press('Enter');
    await expect.poll(() => valueOf(page, 'projected-1-#FR-S'), { timeout: 30_000 }).toBeGreaterThan(southAfter);
    await expect.poll(() => valueOf(page, 'projected-1')).toBeGreaterThan(total);
    expect(await valueOf(page, 'projected-0')).toBe(total);
    expect(await valueOf(page, 'projected-0-#FR-S')).toBe(southBefore);
    // The what-if's card says how its projection differs from the reference's: a sign and words, not only green.
    const change = page.getByTestId('projected-change-1');
    await expect
      .poll(async () => Number(await change.getAttribute('data-value')))
      .toBeCloseTo((await valueOf(page, 'projected-1')) - total, 0);
    expect(await change.textContent()).toMatch(/^\+€[\d.,]+[KM]? more than Sample plan$/);
    // Territories projected below the threshold say so in words beside the red.
    const below = page.locator('.forecast-table td.below').first();
    expect(await below.textContent()).toMatch(/below \d+ %$/);

    // The what-if made the reference: the picker, the columns and the note all follow; then back.
    const lifted = await valueOf(page, 'projected-1');
    await page.getByLabel('Reference', { exact: true }).selectOption({ label: 'What-if' });
    await expect.poll(() => picker.locator('.plan-pick').first().textContent()).toContain('What-if');
    await expect.poll(() => valueOf(page, 'projected-0')).toBe(lifted);
    expect(await page.getByTestId('order-note').textContent()).toContain('What-if is the reference');
    await page.getByLabel('Reference', { exact: true }).selectOption({ label: 'Sample plan' });
    await expect.poll(() => valueOf(page, 'projected-0')).toBe(total);

    // Screenshots: the forecast, the flow of moved revenue, the balance chart; English then French.
    await page.getByRole('radio', { name: 'Projected attainment' }).click();
    // Every chart has a table of the figures it draws. The forecast chart's projected bars are the forecast table's
    // projected figures (rounded to the unit), read from the two different places they are written.
    const chartTable = page.getByRole('table', { name: /^Grouped bars: projected per territory/ });
    const heads = await chartTable.locator('thead th').allTextContents();
    const whatIfColumn = heads.indexOf('What-if · Projected');
    expect(whatIfColumn).toBeGreaterThan(0);
    for (const [name, code] of [
      ['France Nord', '#FR-N'],
      ['France Sud', '#FR-S'],
    ] as const) {
      const row = chartTable.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      const drawn = Number(await row.locator('td, th').nth(whatIfColumn).getAttribute('data-value'));
      expect(drawn).toBe(Math.round(await valueOf(page, `projected-1-${code}`)));
    }
    // The box plot's table: five figures per plan, in order.
    const boxes = page.getByRole('table', { name: /^Box plot/ }).first();
    for (const plan of ['Sample plan', 'What-if']) {
      const row = boxes.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: plan, exact: true }) });
      const five = (await row.locator('td').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')))).map(
        Number,
      );
      expect(five).toHaveLength(5);
      expect([...five].sort((a, b) => a - b)).toEqual(five);
    }
    // Shown on demand under the chart.
    const toggle = page.locator('.chart-with-table').filter({ has: chartTable }).getByRole('button');
    await toggle.click();
    const hide = page.getByRole('button', { name: 'Hide the table' });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    await chartTable.scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-chart-table-en');
    await hide.click();

    // Two plans compared, with the forecast, the flow chart and the box plots: axe finds nothing, EN then FR.
    await expectNoViolations(page, 'en two-plan compare');
    await page.getByRole('heading', { name: 'Forecast', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-compare-en');
    await page.getByRole('heading', { name: 'Disruption' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-flow-en');
    await page.locator('.compare-view .plan-picker').scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-balance-en');

    await page.getByRole('combobox', { name: /^(Language|Langue)$/ }).selectOption('fr');
    await page.getByRole('heading', { name: 'Prévision', exact: true }).waitFor();
    await expectNoViolations(page, 'fr two-plan compare');
    await page.getByRole('heading', { name: 'Prévision', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-compare-fr');
    await page.getByRole('heading', { name: 'Perturbation' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-flow-fr');
    await page.locator('.compare-view .plan-picker').scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-balance-fr');
    await context.close();
  });
});

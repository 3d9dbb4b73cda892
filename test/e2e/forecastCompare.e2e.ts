import { describe, expect, it } from 'vitest';
import { launchApp, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();

const moneyOf = (text: string | null) => Number((text ?? '').replace(/[^\d,.-]/g, '').replace(',', '.')) || 0;

describe('compare with forecasts', () => {
  it('duplicates the sample, moves a territory’s accounts, changes an assumption and sees the forecast follow', async () => {
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
    // The open plan (the what-if) is the reference: its column comes first.
    const projected = page.getByTestId('projected-0');
    await projected.waitFor();
    const before = await projected.textContent();

    // Move every account of one territory of the what-if into another (by hand, through the model bridge).
    const moved = await page.evaluate(async () => {
      const api = (window as unknown as { territory: { call(m: string, i: unknown): Promise<unknown> } }).territory;
      const call = async <T>(method: string, input: unknown): Promise<T> => {
        const r = (await api.call(method, input)) as { ok: boolean; value: T };
        if (!r.ok) throw new Error(JSON.stringify(r));
        return r.value;
      };
      const plans = await call<{ id: string; name: string }[]>('listPlans', {});
      const copy = plans.find((p) => p.name === 'What-if')!;
      const territories = await call<{ id: string; name: string; code: string; parentId: string | null }[]>(
        'listTerritories',
        {
          planId: copy.id,
        },
      );
      const from = territories.find((t) => t.code === 'FR-N') ?? territories[territories.length - 1];
      const to = territories.find((t) => t.code === 'FR-S') ?? territories[territories.length - 2];
      const ids = Array.from({ length: 5000 }, (_, i) => i);
      const placed = await call<string[][]>('recordTerritories', { planId: copy.id, kind: 'account', recordIds: ids });
      const rows = ids.filter((i) => placed[i]?.includes(from.id));
      await call('assignManually', { planId: copy.id, kind: 'account', recordIds: rows, territoryId: to.id });
      return {
        count: rows.length,
        from: from.name,
        to: to.name,
        root: territories.find((t) => t.parentId === null)!.name,
      };
    });
    expect(moved.count).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(`${moved.count} accounts move`).count()).toBeGreaterThan(0);
    // Plan totals do not change when accounts move: the same deals, elsewhere.
    expect(await projected.textContent()).toBe(before);

    // One assumption: +50 % uplift on the organisation (inherited by every territory) raises the what-if's projection.
    const uplift = page.getByRole('spinbutton', { name: `Uplift % of ${moved.root} in What-if` });
    await uplift.fill('50');
    await uplift.press('Enter');
    await expect
      .poll(async () => moneyOf(await projected.textContent()), { timeout: 30_000 })
      .toBeGreaterThan(moneyOf(before));
    expect(await page.getByTestId('projected-1').textContent()).toBe(before);

    await page.getByRole('radio', { name: 'Projected attainment' }).click();
    await screenshot(page, 'forecast-compare-en');
    await page.getByRole('heading', { name: 'Disruption' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-flow-en');

    await page.getByRole('combobox', { name: /^(Language|Langue)$/ }).selectOption('fr');
    await page.getByRole('heading', { name: 'Prévision' }).waitFor();
    await page.getByRole('heading', { name: 'Prévision' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-compare-fr');
    await page.getByRole('heading', { name: 'Perturbation' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'forecast-flow-fr');
    await context.close();
  });
});

/**
 * The plan report (issue 10), in headless Chromium on the browser host, as a planner opens it: the sample plan
 * (30 territories, 3,000 accounts) with 20 more top-level territories added through the model API, so the report
 * has 50 territories and a page for each top-level one. Measured from the click on "Plan report…" to the report
 * drawn: its hierarchy table, its map and every page with its charts (target ≤ 10 s). BENCH_REPORT_RUNS=n (3).
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { TerritoryBridge } from '../src/shared/bridge';
import { en } from '../src/renderer/app/i18n/en';
import { APP_DIR, ensureBuilt, openBrowser } from './support/chromium';
import { median, type Figure } from './support/stats';

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);
const ADDED = 20;

/** Adds top-level territories to the open plan through the model, as the hierarchy's "Add" would. */
async function addTerritories(page: Page, count: number): Promise<number> {
  return page.evaluate(async (count) => {
    const model = (window as unknown as { territory: TerritoryBridge }).territory;
    const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    const [plan] = value(await model.call('listPlans', {}));
    const territories = value(await model.call('listTerritories', { planId: plan.id }));
    const root = territories.find((t) => t.parentId === null)!;
    for (let i = 1; i <= count; i++)
      value(
        await model.call('createTerritory', { planId: plan.id, parentId: root.id, name: `Bench ${i}`, code: `B${i}` }),
      );
    return territories.length - 1 + count;
  }, count);
}

export async function run(): Promise<Figure[]> {
  ensureBuilt();
  const session = await openBrowser(APP_DIR);
  const { page } = session;
  try {
    await page.goto(session.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await page.getByRole('treeitem', { name: 'France Nord' }).waitFor({ timeout: 120_000 });
    const territories = await addTerritories(page, ADDED);
    const walls: number[] = [];
    let pages = 0;
    for (let i = 0; i < RUNS; i++) {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+E');
      const open = page.getByRole('button', { name: en.report.open });
      await open.waitFor();
      const start = performance.now();
      await open.click();
      const report = page.getByRole('dialog', { name: en.report.dialogLabel.replace('{{name}}', 'Sample plan') });
      await report.getByRole('table', { name: en.report.hierarchy, exact: true }).waitFor({ timeout: 120_000 });
      await report.getByRole('img', { name: /\d/ }).first().waitFor({ timeout: 120_000 });
      // Every top-level territory's page has its two charts on their canvases (continuation pages have none).
      await page.waitForFunction(
        () => {
          const charts = [...document.querySelectorAll('.report-page .report-charts')];
          return charts.length > 0 && charts.every((p) => p.querySelectorAll('canvas').length >= 2);
        },
        undefined,
        { timeout: 120_000, polling: 50 },
      );
      walls.push(performance.now() - start);
      pages = await report.locator('.report-page').count();
      await page.keyboard.press('Escape');
      await report.waitFor({ state: 'hidden' });
    }
    return [
      {
        name: `report ${territories} territories (${pages} pages) from click to drawn`,
        median: Math.round(median(walls)),
        unit: `ms (load ${loadavg()[0].toFixed(1)})`,
        runs: walls.length,
        target: '10000 ms',
      },
    ];
  } finally {
    await session.close();
  }
}

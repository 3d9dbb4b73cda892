/**
 * Hierarchy figures, in headless Chromium against the built browser host (`npm run build:web`):
 * - a 2,000-territory plan opened (folded by default) and fully expanded: laid out and drawn (target ≤ 1.5 s);
 * - a 10,000-territory plan opened;
 * - the model answering a move and a rename on a 10,000-territory plan (target ≤ 100 ms), timed around
 *   `window.territory.call` in the page: the bridge round trip is included.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TerritoryBridge } from '../src/shared/bridge';
import { launchApp, newProfileDir, removeProfile } from '../test/e2e/support/browser';
import { serveStatic } from '../test/e2e/support/server';

export interface Figure {
  name: string;
  median: number;
  unit: string;
  runs: number;
}

type BenchWindow = Window & { territory: TerritoryBridge; benchClickAt?: number };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const figure = (name: string, unit: string, values: number[]): Figure => ({
  name,
  median: Math.round(median(values) * 10) / 10,
  unit,
  runs: values.length,
});

/** A plan of `regions` × `areas` × `leaves` territories under the organisation, added in one model call. */
async function createPlan(page: Page, name: string, regions: number, areas: number, leaves: number): Promise<string> {
  return page.evaluate(
    async ({ name, regions, areas, leaves }) => {
      const bridge = (window as unknown as BenchWindow).territory;
      const plan = await bridge.call('createPlan', { name });
      if (!plan.ok) throw new Error(plan.error.message);
      const listed = await bridge.call('listTerritories', { planId: plan.value.id });
      if (!listed.ok) throw new Error(listed.error.message);
      const territories = [];
      for (let r = 0; r < regions; r++) {
        territories.push({
          ref: `r${r}`,
          parentRef: null,
          name: `Region ${r + 1}`,
          code: `R${r + 1}`,
          typeLabel: 'Region',
        });
        for (let a = 0; a < areas; a++) {
          territories.push({
            ref: `r${r}a${a}`,
            parentRef: `r${r}`,
            name: `Area ${r + 1}.${a + 1}`,
            typeLabel: 'Area',
          });
          for (let t = 0; t < leaves; t++) {
            territories.push({
              ref: `r${r}a${a}t${t}`,
              parentRef: `r${r}a${a}`,
              name: `Territory ${r + 1}.${a + 1}.${t + 1}`,
            });
          }
        }
      }
      const added = await bridge.call('addTerritories', {
        planId: plan.value.id,
        parentId: listed.value[0].id,
        territories,
      });
      if (!added.ok) throw new Error(added.error.message);
      return plan.value.id;
    },
    { name, regions, areas, leaves },
  );
}

/** Notes the time of the next click in the page: the start of what is measured. */
async function armClock(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.benchClickAt = undefined;
    document.addEventListener('click', () => (w.benchClickAt ??= performance.now()), { capture: true, once: true });
  });
}

/**
 * Milliseconds from the armed click until the plan rooted at `root` is drawn and painted: `count` territory nodes,
 * or, zoomed out that far, the overview with `count` territories.
 */
async function drawnAfterClick(page: Page, root: string, count: number): Promise<number> {
  return page.evaluate(
    ({ root, count }) =>
      new Promise<number>((resolve, reject) => {
        const w = window as unknown as BenchWindow;
        const deadline = performance.now() + 60_000;
        const check = () => {
          const overview = document.querySelector('.hierarchy-overview');
          const drawn = overview
            ? Number(
                /(\d[\d,]*) territories/.exec(overview.getAttribute('aria-label') ?? '')?.[1]?.replace(/,/g, '') ?? 0,
              )
            : document.querySelectorAll('.react-flow__node').length;
          const rooted =
            overview !== null || document.querySelector(`.react-flow__node[aria-label="${root}"]`) !== null;
          if (drawn >= count && rooted) {
            // The frame after the one that has them: they are painted.
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - (w.benchClickAt ?? 0)), 0));
          } else if (performance.now() > deadline) reject(new Error(`only ${drawn} of ${count} nodes drawn`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { root, count },
  );
}

async function switchPlan(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await armClock(page);
  await page.getByRole('menuitemradio', { name: new RegExp(name) }).click();
}

/** Median answer time of a model call repeated `runs` times (after two warm-up calls). */
async function timeCalls(page: Page, planId: string, kind: 'move' | 'rename', runs: number): Promise<number[]> {
  return page.evaluate(
    async ({ planId, kind, runs }) => {
      const bridge = (window as unknown as BenchWindow).territory;
      const listed = await bridge.call('listTerritories', { planId });
      if (!listed.ok) throw new Error(listed.error.message);
      const byName = new Map(listed.value.map((t) => [t.name, t]));
      const area = byName.get('Area 4.5')!;
      const parents = [byName.get('Region 7')!.id, byName.get('Region 4')!.id];
      const times: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const start = performance.now();
        const answer =
          kind === 'move'
            ? await bridge.call('moveTerritory', { planId, territoryId: area.id, newParentId: parents[i % 2] })
            : await bridge.call('updateTerritory', {
                planId,
                territoryId: area.id,
                patch: { name: `Area 4.5 (${i})` },
              });
        const elapsed = performance.now() - start;
        if (!answer.ok) throw new Error(answer.error.message);
        if (i >= 2) times.push(elapsed);
        await new Promise((r) => setTimeout(r, 20));
      }
      return times;
    },
    { planId, kind, runs },
  );
}

export async function run(): Promise<Figure[]> {
  const root = path.resolve('dist-web');
  if (!existsSync(path.join(root, 'index.html'))) execSync('npm run build:web', { stdio: 'inherit' });
  const server = await serveStatic(root);
  const profile = newProfileDir();
  const { context, page } = await launchApp(profile);
  // tsx compiles with keepNames: functions sent to page.evaluate call an `__name` helper the page lacks.
  await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
  const figures: Figure[] = [];
  try {
    await page.goto(server.url);
    await page.getByLabel('Plan name').fill('Start');
    await page.getByRole('button', { name: 'Create an empty plan' }).click();
    await page.getByRole('treeitem', { name: 'Start' }).waitFor({ timeout: 30_000 });

    // 10 regions × 20 areas × 9 territories = 2,010 under the organisation.
    await createPlan(page, 'Plan 2000', 10, 20, 9);
    await createPlan(page, 'Plan 10000', 10, 33, 30);
    const bigId = await page.evaluate(async () => {
      const plans = await (window as unknown as BenchWindow).territory.call('listPlans', {});
      if (!plans.ok) throw new Error(plans.error.message);
      return plans.value.find((p) => p.name === 'Plan 10000')!.id;
    });

    const open2000: number[] = [];
    const expand2000: number[] = [];
    const open10000: number[] = [];
    for (let i = 0; i < 5; i++) {
      await switchPlan(page, 'Plan 2000');
      // Folded by default: the organisation, 10 regions, 200 areas.
      open2000.push(await drawnAfterClick(page, 'Plan 2000', 211));
      await armClock(page);
      await page.getByRole('button', { name: 'Expand all' }).click();
      expand2000.push(await drawnAfterClick(page, 'Plan 2000', 2011));

      await switchPlan(page, 'Plan 10000');
      open10000.push(await drawnAfterClick(page, 'Plan 10000', 11));
      // Back to a small plan and a fresh page, so the next run opens Plan 2000 folded again, as a planner would.
      await switchPlan(page, 'Start');
      await drawnAfterClick(page, 'Start', 1);
      await page.reload();
      await page.getByRole('treeitem', { name: 'Start' }).waitFor({ timeout: 30_000 });
    }
    figures.push(figure('hierarchy-2000-open-drawn', 'ms', open2000));
    figures.push(figure('hierarchy-2000-expand-all-drawn', 'ms', expand2000));
    figures.push(figure('hierarchy-10000-open-drawn', 'ms', open10000));

    // The UI shows another plan, so the figures are the model's answers, not the UI's reloads.
    figures.push(figure('hierarchy-10000-move', 'ms', await timeCalls(page, bigId, 'move', 21)));
    figures.push(figure('hierarchy-10000-rename', 'ms', await timeCalls(page, bigId, 'rename', 21)));
  } finally {
    await context.close();
    await server.close();
    removeProfile(profile);
  }
  return figures;
}

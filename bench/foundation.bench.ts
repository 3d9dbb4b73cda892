/**
 * Foundation figures: how fast the model host answers after start (target <= 600 ms), how much JavaScript the UI
 * loads before that answer (its largest chunk, target <= 1 MB: each view and its heavy libraries load when first
 * shown), how long a plan with a million accounts takes to open to an Accounts table that shows rows and answers
 * a scroll (target <= 3 s), and how fast 100,000 accounts are saved to and loaded from IndexedDB in column blocks —
 * all in headless Chromium, the real IndexedDB.
 */
import { APP_DIR, BENCH_PAGE_DIR, ensureBuilt, openBrowser } from './support/chromium';
import { measure, type Figure } from './support/stats';

const MILLION = 1_000_000;

/**
 * Opens the app on a plan holding a million accounts (put in its database beforehand by the bench page, served on
 * the app's origin) and answers, per run, the time from the navigation's start until the Accounts table shows
 * rows and has answered a scroll to its middle (rows there drawn with their names): what a planner waits for.
 */
async function openMillionAccounts(runs: number): Promise<number[]> {
  const session = await openBrowser(APP_DIR, { '/bench/': BENCH_PAGE_DIR });
  try {
    const { page } = session;
    await page.goto(`${session.url}bench/index.html`);
    await page.waitForFunction(() => 'bench' in window);
    await page.evaluate((rows) => window.bench.seedPlanWithAccounts(rows), MILLION);
    const rowsDrawnFrom = (least: number) =>
      page.waitForFunction(
        (from) =>
          [...document.querySelectorAll('[role="table"] [role="row"][aria-rowindex]')].some(
            (row) => Number(row.getAttribute('aria-rowindex')) > from && /Account \d+/.test(row.textContent ?? ''),
          ),
        least,
        { polling: 'raf', timeout: 120_000 },
      );
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(session.url);
      await page.getByRole('button', { name: 'Accounts', exact: true }).click({ timeout: 120_000 });
      await rowsDrawnFrom(1);
      await page.getByRole('table', { name: 'accounts table' }).evaluate((table) => {
        table.scrollTop = table.scrollHeight / 2;
      });
      await rowsDrawnFrom(MILLION / 4);
      times.push(await page.evaluate(() => performance.now()));
    }
    return times;
  } finally {
    await session.close();
  }
}

export async function run(): Promise<Figure[]> {
  ensureBuilt();
  const figures: Figure[] = [];

  const largestChunks: number[] = [];
  const scriptsBefore: number[] = [];
  figures.push(
    await measure('model-host-first-answer (target <= 600)', 'ms', 5, async () => {
      const session = await openBrowser(APP_DIR);
      try {
        await session.page.goto(session.url);
        await session.page.waitForFunction(() => performance.getEntriesByName('territory:first-answer').length > 0);
        const answer = await session.page.evaluate(() => {
          const start = performance.getEntriesByName('territory:model-start')[0].startTime;
          const firstAnswer = performance.getEntriesByName('territory:first-answer')[0].startTime;
          // The UI's scripts fetched before the first answer (the model worker is the host's, not the UI's).
          const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
            (r) => r.startTime < firstAnswer && /\.m?js$/.test(new URL(r.name).pathname) && !/modelWorker/.test(r.name),
          );
          const sizes = scripts.map((r) => r.decodedBodySize);
          return {
            ms: firstAnswer - start,
            largest: Math.max(0, ...sizes),
            total: sizes.reduce((a, b) => a + b, 0),
          };
        });
        largestChunks.push(answer.largest / 1_000_000);
        scriptsBefore.push(answer.total / 1_000_000);
        return answer.ms;
      } finally {
        await session.close();
      }
    }),
  );
  figures.push(
    await measure('ui-largest-chunk (target <= 1)', 'MB', largestChunks.length, () => largestChunks.shift()!),
  );
  figures.push(
    await measure('ui-scripts-before-first-answer', 'MB', scriptsBefore.length, () => scriptsBefore.shift()!),
  );

  const opened = await openMillionAccounts(3);
  figures.push(
    await measure('open-plan-1M-accounts-to-interactive-table (target <= 3000)', 'ms', opened.length, () =>
      opened.shift()!,
    ),
  );

  const session = await openBrowser(BENCH_PAGE_DIR);
  try {
    await session.page.goto(session.url);
    await session.page.waitForFunction(() => 'bench' in window);
    const save: number[] = [];
    const load: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await session.page.evaluate(() => window.bench.recordStorage(100_000));
      save.push(result.saveMs);
      load.push(result.loadMs);
    }
    figures.push(await measure('accounts-100k-save', 'ms', save.length, () => save.shift()!));
    figures.push(await measure('accounts-100k-load', 'ms', load.length, () => load.shift()!));
  } finally {
    await session.close();
  }
  return figures;
}

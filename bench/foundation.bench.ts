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

/** One model call the UI made: its method, its input as JSON, when it went out and when it was answered. */
interface TimedCall {
  method: string;
  input: string;
  at: number;
  end: number;
}

/**
 * Wraps the bridge the host sets as window.territory so that each call's start and answer are kept in
 * window.__modelCalls (ms since the navigation's start): where the time to an interactive table goes.
 */
const TIME_MODEL_CALLS = `(() => {
  const calls = [];
  window.__modelCalls = calls;
  let bridge;
  Object.defineProperty(window, 'territory', {
    configurable: true,
    get: () => bridge,
    set(value) {
      const call = (method, input) => {
        const entry = { method, input: JSON.stringify(input), at: performance.now(), end: -1 };
        calls.push(entry);
        return value.call(method, input).then((answer) => ((entry.end = performance.now()), answer));
      };
      bridge = new Proxy(value, {
        get: (target, key) => (key === 'call' ? call : typeof target[key] === 'function' ? target[key].bind(target) : target[key]),
      });
    },
  });
})();`;

/** Per run: when the plan's counts, the table's first rows and the rows in its middle were answered. */
interface OpenTimes {
  interactive: number;
  counted: number;
  firstRows: number;
  middleRows: number;
}

function answeredAt(calls: readonly TimedCall[], method: string, test: (input: Record<string, unknown>) => boolean) {
  const call = calls.find(
    (c) => c.method === method && c.end >= 0 && test(JSON.parse(c.input) as Record<string, unknown>),
  );
  return call ? call.end : NaN;
}

/**
 * Opens the app on a plan holding a million accounts (put in its database beforehand by the bench page, served on
 * the app's origin) and answers, per run, the time from the navigation's start until the Accounts table shows
 * rows and has answered a scroll to its middle (rows there drawn with their names): what a planner waits for.
 * `placed`: the plan has applied rules placing every account, so each row shows its territory.
 */
async function openMillionAccounts(runs: number, placed = false): Promise<OpenTimes[]> {
  const session = await openBrowser(APP_DIR, { '/bench/': BENCH_PAGE_DIR });
  try {
    const { page } = session;
    await session.context.addInitScript({ content: TIME_MODEL_CALLS });
    await page.goto(`${session.url}bench/index.html`);
    await page.waitForFunction(() => 'bench' in window);
    await page.evaluate(([rows, place]) => window.bench.seedPlanWithAccounts(rows, place), [MILLION, placed] as const);
    const rowsDrawnFrom = (least: number) =>
      page.waitForFunction(
        (from) =>
          [...document.querySelectorAll('[role="table"] [role="row"][aria-rowindex]')].some(
            (row) => Number(row.getAttribute('aria-rowindex')) > from && /Account \d+/.test(row.textContent ?? ''),
          ),
        least,
        { polling: 'raf', timeout: 120_000 },
      );
    const times: OpenTimes[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(session.url);
      await page.getByRole('button', { name: 'Accounts', exact: true }).click({ timeout: 120_000 });
      await rowsDrawnFrom(1);
      await page.getByRole('table', { name: 'accounts table' }).evaluate((table) => {
        table.scrollTop = table.scrollHeight / 2;
      });
      await rowsDrawnFrom(MILLION / 4);
      const interactive = await page.evaluate(() => performance.now());
      const calls = await page.evaluate(() => (window as unknown as { __modelCalls: TimedCall[] }).__modelCalls);
      if (process.env.BENCH_CALLS) {
        for (const c of calls) {
          const answered = c.end < 0 ? 'pending' : `${Math.round(c.end)} ms (took ${Math.round(c.end - c.at)})`;
          console.error(`  ${Math.round(c.at)} ms ${c.method} ${c.input.slice(0, 90)} -> ${answered}`);
        }
      }
      times.push({
        interactive,
        counted: answeredAt(calls, 'countRecords', (input) => typeof input.planId === 'string'),
        firstRows: answeredAt(calls, 'queryRecords', (input) => input.offset === 0),
        middleRows: answeredAt(calls, 'queryRecords', (input) => Number(input.offset) >= MILLION / 4),
      });
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
  // Where the first answer's time goes, from the model's start: the worker's code evaluated, its database open.
  const evaluated: number[] = [];
  const dbOpen: number[] = [];
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
            startAt: performance.timeOrigin + start,
            ms: firstAnswer - start,
            largest: Math.max(0, ...sizes),
            total: sizes.reduce((a, b) => a + b, 0),
          };
        });
        const worker = session.page.workers().find((w) => /modelWorker/.test(w.url()));
        const inWorker = await worker?.evaluate(() => ({
          origin: performance.timeOrigin,
          evaluated: performance.getEntriesByName('territory:model-evaluated')[0]?.startTime ?? NaN,
          dbOpen: performance.getEntriesByName('territory:model-db-open')[0]?.startTime ?? NaN,
        }));
        const fromStart = (at: number | undefined) => (inWorker ? inWorker.origin + (at ?? NaN) - answer.startAt : NaN);
        evaluated.push(fromStart(inWorker?.evaluated));
        dbOpen.push(fromStart(inWorker?.dbOpen));
        largestChunks.push(answer.largest / 1_000_000);
        scriptsBefore.push(answer.total / 1_000_000);
        return answer.ms;
      } finally {
        await session.close();
      }
    }),
  );
  figures.push(
    await measure('model-host-first-answer: host code evaluated', 'ms', evaluated.length, () => evaluated.shift()!),
  );
  figures.push(await measure('model-host-first-answer: database open', 'ms', dbOpen.length, () => dbOpen.shift()!));
  figures.push(
    await measure('ui-largest-chunk (target <= 1)', 'MB', largestChunks.length, () => largestChunks.shift()!),
  );
  figures.push(
    await measure('ui-scripts-before-first-answer', 'MB', scriptsBefore.length, () => scriptsBefore.shift()!),
  );

  const openFigure = (times: OpenTimes[], name: string, of: (times: OpenTimes) => number) => {
    const values = times.map(of);
    return measure(name, 'ms', values.length, () => values.shift()!);
  };
  const opened = await openMillionAccounts(3);
  figures.push(
    await openFigure(opened, 'open-plan-1M-accounts-to-interactive-table (target <= 3000)', (t) => t.interactive),
  );
  // Where that time goes, each from the navigation's start: the model's answers the Accounts view waits for.
  figures.push(await openFigure(opened, 'open-plan-1M: plan record counts answered', (t) => t.counted));
  figures.push(await openFigure(opened, 'open-plan-1M: first rows answered', (t) => t.firstRows));
  figures.push(await openFigure(opened, 'open-plan-1M: rows in the middle answered', (t) => t.middleRows));

  // The same with a plan whose applied rules place every account: rows show their territories.
  const placed = await openMillionAccounts(3, true);
  figures.push(await openFigure(placed, 'open-plan-1M-placed-to-interactive-table', (t) => t.interactive));
  figures.push(await openFigure(placed, 'open-plan-1M-placed: first rows answered', (t) => t.firstRows));
  figures.push(await openFigure(placed, 'open-plan-1M-placed: rows in the middle answered', (t) => t.middleRows));

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

/**
 * Applying a rule run to storage (issue 5: ≤ 2 s for 1M accounts): encode the run's assignment into blocks and
 * write them in one IndexedDB transaction, in headless Chromium (the bench page, a fresh profile). Also reports
 * its two halves and reading the stored assignment back (what the figures and the Accounts table then do).
 */
import { BENCH_PAGE_DIR, ensureBuilt, openBrowser } from './support/chromium';
import { median, type Figure } from './support/stats';

const RUNS = 5;

function figure(name: string, values: number[]): Figure {
  return { name, median: Math.round(median(values)), unit: 'ms', runs: values.length };
}

export async function run(): Promise<Figure[]> {
  ensureBuilt();
  const session = await openBrowser(BENCH_PAGE_DIR);
  try {
    await session.page.goto(session.url);
    await session.page.waitForFunction(() => 'bench' in window);
    const timings = await session.page.evaluate((runs) => window.bench.rulesApply(1_000_000, runs), RUNS);
    if (process.env.BENCH_VERBOSE) console.error(`rules apply: ${timings[0].entries} assignment entries per run`);
    return [
      figure(
        'rules-1m-accounts-apply',
        timings.map((t) => t.totalMs),
      ),
      figure(
        'rules-1m-accounts-apply-encode',
        timings.map((t) => t.encodeMs),
      ),
      figure(
        'rules-1m-accounts-apply-write',
        timings.map((t) => t.writeMs),
      ),
      figure(
        'rules-1m-accounts-load-assignment',
        timings.map((t) => t.loadMs),
      ),
      figure(
        'rules-1m-accounts-load-assignment-read',
        timings.map((t) => t.readMs),
      ),
    ];
  } finally {
    await session.close();
  }
}

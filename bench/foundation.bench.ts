/**
 * Foundation figures: how fast the model host answers after start (target <= 600 ms), how much JavaScript the UI
 * loads before that answer (its largest chunk, target <= 1 MB: each view and its heavy libraries load when first
 * shown), and how fast 100,000 accounts are saved to and loaded from IndexedDB in column blocks — all in
 * headless Chromium, the real IndexedDB.
 */
import { APP_DIR, BENCH_PAGE_DIR, ensureBuilt, openBrowser } from './support/chromium';
import { measure, type Figure } from './support/stats';

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

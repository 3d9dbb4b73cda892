/**
 * Foundation figures: how fast the model host answers after start, and how fast 100,000 accounts are saved to
 * and loaded from IndexedDB in column blocks — both in headless Chromium, the real IndexedDB.
 */
import { APP_DIR, BENCH_PAGE_DIR, ensureBuilt, openBrowser } from './support/chromium';
import { measure, type Figure } from './support/stats';

export async function run(): Promise<Figure[]> {
  ensureBuilt();
  const figures: Figure[] = [];

  figures.push(
    await measure('model-host-first-answer', 'ms', 5, async () => {
      const session = await openBrowser(APP_DIR);
      try {
        await session.page.goto(session.url);
        await session.page.waitForFunction(() => performance.getEntriesByName('territory:first-answer').length > 0);
        return await session.page.evaluate(() => {
          const start = performance.getEntriesByName('territory:model-start')[0].startTime;
          return performance.getEntriesByName('territory:first-answer')[0].startTime - start;
        });
      } finally {
        await session.close();
      }
    }),
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

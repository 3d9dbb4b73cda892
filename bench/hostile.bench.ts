/**
 * Hostile and oversized files (issue #12), in headless Chromium through the real import path: the built browser
 * host (dist-web), its model in a Web Worker, driven by the wizard's calls (analyzeImportFile, then checkImport
 * with the proposed mapping). Each file of test/fixtures/hostileFiles.ts is built here, served to a fresh
 * browser, and must be refused with FILE_TOO_LARGE naming its limit. Per file: the time from sending the bytes to
 * the refusal, the model worker's peak JS heap, and the renderer process's peak resident size (the page and the
 * model's worker live in it). BENCH_HOSTILE_RUNS sets the runs per file (1 by default); BENCH_HOSTILE_FILES
 * (comma-separated names) narrows a run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { hostileFiles, type HostileFile } from '../test/fixtures/hostileFiles';
import { APP_DIR, ensureBuilt, openBrowser } from './support/chromium';
import { rendererPeakRss, watchWorkerHeap } from './support/memory';
import { median, type Figure } from './support/stats';

const MB = 1024 * 1024;
/** tsx keeps function names with a helper that the page does not have: functions sent to the page need it. */

interface Refusal {
  seconds: number;
  code: string;
  limit: string | null;
  message: string;
}

/** Serves the built files from memory, cross-origin with CORS (large bodies do not travel well over DevTools). */
async function serve(files: Map<string, Uint8Array>) {
  const server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
    const bytes = files.get(name);
    if (!bytes) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Access-Control-Allow-Origin': '*' });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (name: string) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The wizard's calls on the bytes the page holds, until the model refuses the file; timed from the page. */
function refuseInPage(page: Page, fileName: string): Promise<Refusal> {
  return page.evaluate(async (fileName) => {
    const bytes = (window as unknown as { benchBytes: Uint8Array }).benchBytes;
    const start = performance.now();
    const refusal = (error: { code: string; message: string; details?: unknown }) => ({
      seconds: (performance.now() - start) / 1000,
      code: error.code,
      limit: (error.details as { limit?: string } | undefined)?.limit ?? null,
      message: error.message,
    });
    const analysed = await window.territory.call('analyzeImportFile', { fileName, bytes, kind: 'account' });
    if (!analysed.ok) return refusal(analysed.error);
    const { importId, mapping } = analysed.value;
    const checked = await window.territory.call('checkImport', { importId, taskId: 'bench-hostile', mapping });
    if (!checked.ok) return refusal(checked.error);
    return { seconds: (performance.now() - start) / 1000, code: 'ACCEPTED', limit: null, message: '' };
  }, fileName);
}

async function refuseInChromium(file: HostileFile, url: string) {
  const session = await openBrowser(APP_DIR);
  try {
    const { page } = session;
    await page.goto(session.url);
    await page.waitForFunction(() => performance.getEntriesByName('territory:first-answer').length > 0);
    await page.evaluate(async (dataUrl) => {
      const bytes = new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
      (window as unknown as { benchBytes: Uint8Array }).benchBytes = bytes;
    }, url);
    const heap = await watchWorkerHeap(page, 'modelWorker');
    const refusal = await refuseInPage(page, file.name);
    const heapBytes = await heap.stop();
    const rssBytes = rendererPeakRss(session.profile);
    if (refusal.code !== 'FILE_TOO_LARGE' || refusal.limit !== file.limit)
      throw new Error(`${file.name}: expected FILE_TOO_LARGE (${file.limit}), got ${refusal.code} (${refusal.limit})`);
    return { ...refusal, heapBytes, rssBytes };
  } finally {
    await session.close();
  }
}

const figure = (name: string, unit: string, values: number[]): Figure => ({
  name,
  median: Math.round(median(values) * 100) / 100,
  unit,
  runs: values.length,
});

export async function run(): Promise<Figure[]> {
  ensureBuilt();
  const wanted = process.env.BENCH_HOSTILE_FILES?.split(',');
  const files = hostileFiles.filter((f) => !wanted || wanted.includes(f.name));
  const built = new Map(files.map((f) => [f.name, f.build()]));
  const server = await serve(built);
  const runs = Number(process.env.BENCH_HOSTILE_RUNS ?? 1);
  const figures: Figure[] = [];
  try {
    for (const file of files) {
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await refuseInChromium(file, server.urlOf(file.name)));
      const label = `hostile.${file.name} [${file.limit}, ${Math.round(built.get(file.name)!.length / 1024)} KB]`;
      figures.push(
        figure(
          `${label} refused (chromium)`,
          's',
          results.map((r) => r.seconds),
        ),
        figure(
          `${label} model-worker-peak-heap (chromium)`,
          'MB',
          results.map((r) => r.heapBytes / MB),
        ),
        figure(
          `${label} renderer-peak-rss (chromium)`,
          'MB',
          results.map((r) => r.rssBytes / MB),
        ),
      );
    }
  } finally {
    await server.close();
  }
  return figures;
}

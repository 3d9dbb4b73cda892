/**
 * Import benchmark, in headless Chromium through the real import path: the built browser host (dist-web), its
 * model in a Web Worker over IndexedDB, driven by the same calls the wizard makes (analyzeImportFile, checkImport,
 * commitImport). "File to committed" starts once the file's bytes are in the page and ends when the commit
 * answers, for 100k and 1M accounts CSVs (12 columns, ~90 MB for 1M) and a 100k XLSX; each run starts from a
 * fresh profile (an empty database). Also: papaparse's parse-only time on the same CSV in Chromium (bench page),
 * the model worker's peak JS heap and the renderer's peak resident size, and the Accounts table's query time
 * over the 1M accounts. BENCH_IMPORT_NODE=1 adds the engine's read-and-check time in Node; BENCH_IMPORT_CASES
 * (csv.100k,csv.1M,xlsx.100k) and BENCH_IMPORT_RUNS narrow a run while working on one figure.
 *
 * Place resolution (canonical countries, regions, postal keys, confidence and flags; issue #8) is measured in Node
 * on the 1M CSV: read+check with the place resolver against read+check without it (the same geocoding either way),
 * their difference as the share resolution adds to read+check and as rows per second, and the resolver alone over
 * every spelling it knows (distinct values per second). BENCH_IMPORT_PLACES=0 leaves them out.
 */
import { readFile } from 'node:fs/promises';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { analyzeFile, createGeocoder, prepareImport, type GeoFileSource } from '../src/model/import';
import { loadPlaceResolver, type PlaceResolver } from '../src/model/import/geo/placeResolver';
import type { ImportTask } from '../src/model/import/types';
import { createRecordTable } from '../src/model/records/recordTable';
import { coreFieldDefs } from '../src/shared/records';
import type { RecordQuery } from '../src/shared/api/records';
import { accountsCsv, accountsXlsx, dataDir } from './generate/importFiles';
import { APP_DIR, BENCH_PAGE_DIR, ensureBuilt, openBrowser } from './support/chromium';
import { rendererPeakRss, watchWorkerHeap } from './support/memory';
import { measure, median, type Figure } from './support/stats';

const MB = 1024 * 1024;

interface ImportRun {
  seconds: number;
  updated?: number;
  checkSeconds: number;
  commitSeconds: number;
  created: number;
}

/**
 * Serves bench/.data to the page, cross-origin with CORS (a 90 MB body is too large for playwright's route
 * fulfilment, which travels over the DevTools pipe).
 */
async function serveDataFiles(): Promise<{ urlOf(file: string): string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const name = path.basename(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = path.join(dataDir, name);
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Access-Control-Allow-Origin': '*' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (file) => `http://127.0.0.1:${port}/${path.basename(file)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** tsx keeps function names with a helper that the page does not have: functions sent to the page need it. */

let dataServer: Awaited<ReturnType<typeof serveDataFiles>> | null = null;

/** The wizard's three calls on the bytes the page holds (window.benchBytes), timed from the page. */
function importInPage(page: Page, fileName: string): Promise<ImportRun & { updated: number }> {
  return page.evaluate(
    async ({ fileName }) => {
      const bytes = (window as unknown as { benchBytes: Uint8Array }).benchBytes;
      const start = performance.now();
      const analysed = await window.territory.call('analyzeImportFile', { fileName, bytes, kind: 'account' });
      if (!analysed.ok) throw new Error(analysed.error.message);
      const { importId, mapping } = analysed.value;
      const checked = await window.territory.call('checkImport', { importId, taskId: 'bench-check', mapping });
      if (!checked.ok) throw new Error(checked.error.message);
      const committed = await window.territory.call('commitImport', {
        importId,
        taskId: 'bench-commit',
        onlyValidRows: true,
      });
      if (!committed.ok) throw new Error(committed.error.message);
      return {
        seconds: (performance.now() - start) / 1000,
        checkSeconds: checked.value.seconds,
        commitSeconds: committed.value.seconds,
        created: committed.value.created,
        updated: committed.value.updated,
      };
    },
    { fileName },
  );
}

/** The same file imported again into the app that holds it: every row an update (upsert by external ID). */
async function reimports(page: Page, fileName: string, rows: number, runs: number): Promise<Record<string, number[]>> {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await importInPage(page, fileName);
    if (run.updated !== rows || run.created !== 0)
      throw new Error(`re-import updated ${run.updated}, created ${run.created}`);
    seconds.push(run.seconds);
  }
  return { 're-import (all rows updated)': seconds };
}

/** One import of `file` into a fresh app, in Chromium. `after` runs on the page once it is committed. */
async function importInChromium<T>(
  file: string,
  rows: number,
  after?: (page: Page) => Promise<T>,
): Promise<ImportRun & { heapBytes: number; rssBytes: number; after?: T }> {
  const session = await openBrowser(APP_DIR);
  try {
    const { page } = session;
    const url = dataServer!.urlOf(file);
    await page.goto(session.url);
    await page.waitForFunction(() => performance.getEntriesByName('territory:first-answer').length > 0);
    await page.evaluate(async (dataUrl) => {
      const bytes = new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
      (window as unknown as { benchBytes: Uint8Array }).benchBytes = bytes;
    }, url);
    const heap = await watchWorkerHeap(page, 'modelWorker');
    const run = await importInPage(page, path.basename(file));
    const heapBytes = await heap.stop();
    const rssBytes = rendererPeakRss(session.profile);
    if (run.created !== rows) throw new Error(`created ${run.created} accounts, expected ${rows}`);
    return { ...run, heapBytes, rssBytes, after: after ? await after(page) : undefined };
  } finally {
    await session.close();
  }
}

/** Queries of the Accounts table over the imported accounts, each timed from the page (bridge round trip included). */
async function accountQueries(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(async () => {
    const times: Record<string, number[]> = {};
    const timed = async (name: string, query: RecordQuery) => {
      const start = performance.now();
      const answer = await window.territory.call('queryRecords', query);
      if (!answer.ok) throw new Error(answer.error.message);
      (times[name] ??= []).push(performance.now() - start);
      return answer.value.total;
    };
    const page = { kind: 'account' as const, offset: 0, limit: 100 };
    // The first query folds the text dictionaries (once per table); the others are what a planner waits for.
    await timed('first query (cold)', {
      ...page,
      filters: [{ field: 'geoPrecision', operator: 'is', value: 'postal' }],
    });
    const precisions = ['city', 'region', 'country', 'none', 'postal'];
    const industries = ['Retail', 'Finance', 'Energy', 'Healthcare', 'Technology'];
    for (let i = 0; i < 5; i++) {
      await timed('geoPrecision', {
        ...page,
        filters: [{ field: 'geoPrecision', operator: 'is', value: precisions[i] }],
      });
      await timed('search name', { ...page, search: `account ${4321 + i * 1111}` });
      await timed('industry + employees', {
        ...page,
        filters: [
          { field: 'industry', operator: 'is', value: industries[i] },
          { field: 'employees', operator: 'gt', value: 1000 + i * 500 },
        ],
      });
      await timed('name contains', {
        ...page,
        filters: [{ field: 'name', operator: 'contains', value: `${77 + i}9` }],
      });
    }
    await timed('sort by name (cold)', { ...page, sort: { field: 'name', direction: 'asc' } });
    for (let i = 0; i < 5; i++) {
      await timed('filter + sorted by name', {
        ...page,
        sort: { field: 'name', direction: i % 2 ? 'asc' : 'desc' },
        filters: [{ field: 'industry', operator: 'is', value: industries[i] }],
      });
    }
    return times;
  });
}

async function papaparseInChromium(file: string, runs: number): Promise<number[]> {
  const session = await openBrowser(BENCH_PAGE_DIR);
  try {
    const url = dataServer!.urlOf(file);
    await session.page.goto(session.url);
    await session.page.waitForFunction(() => 'bench' in window);
    const times: number[] = [];
    for (let i = 0; i < runs; i++)
      times.push((await session.page.evaluate((u) => window.bench.papaparseParseOnly(u), url)).ms / 1000);
    return times;
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

async function chromiumFigures(): Promise<Figure[]> {
  ensureBuilt();
  const figures: Figure[] = [];
  const cases = [
    { label: 'csv.100k', file: accountsCsv(100_000), rows: 100_000, runs: 5 },
    { label: 'csv.1M', file: accountsCsv(1_000_000), rows: 1_000_000, runs: 3 },
    { label: 'xlsx.100k', file: accountsXlsx(100_000), rows: 100_000, runs: 3 },
  ].filter((c) => !process.env.BENCH_IMPORT_CASES || process.env.BENCH_IMPORT_CASES.split(',').includes(c.label));
  for (const c of cases) {
    if (process.env.BENCH_IMPORT_RUNS) c.runs = Number(process.env.BENCH_IMPORT_RUNS);
    const runs: Awaited<ReturnType<typeof importInChromium<Record<string, number[]>>>>[] = [];
    for (let i = 0; i < c.runs; i++) {
      // Timed once, after the first import: the Accounts table's queries over 1M accounts, re-imports of 100k.
      const after =
        i > 0
          ? undefined
          : c.label === 'csv.1M'
            ? accountQueries
            : c.label === 'csv.100k'
              ? (page: Page) => reimports(page, path.basename(c.file), c.rows, 3)
              : undefined;
      runs.push(await importInChromium(c.file, c.rows, after));
    }
    figures.push({
      ...figure(
        `import.${c.label}.file-to-committed (chromium)`,
        's',
        runs.map((r) => r.seconds),
      ),
      target: c.label === 'csv.1M' ? '<= 10 s' : undefined,
    });
    // A busy machine moves the medians: the fastest run says what the code can do.
    figures.push(
      figure(`import.${c.label}.file-to-committed.fastest (chromium)`, 's', [Math.min(...runs.map((r) => r.seconds))]),
    );
    figures.push(
      figure(
        `import.${c.label}.read+check (chromium)`,
        's',
        runs.map((r) => r.checkSeconds),
      ),
    );
    figures.push(
      figure(
        `import.${c.label}.commit (chromium)`,
        's',
        runs.map((r) => r.commitSeconds),
      ),
    );
    figures.push(
      figure(
        `import.${c.label}.model-worker-peak-heap (chromium)`,
        'MB',
        runs.map((r) => r.heapBytes / MB),
      ),
    );
    figures.push(
      figure(
        `import.${c.label}.renderer-peak-rss (chromium)`,
        'MB',
        runs.map((r) => r.rssBytes / MB),
      ),
    );
    if (c.label.startsWith('csv')) {
      figures.push(
        figure(`import.${c.label}.papaparse-parse-only (chromium)`, 's', await papaparseInChromium(c.file, c.runs)),
      );
    }
    const extra = runs[0].after;
    if (extra && c.label === 'csv.1M') {
      for (const [name, times] of Object.entries(extra))
        figures.push(figure(`accounts.query.1M.${name} (chromium)`, 'ms', times));
    } else if (extra) {
      for (const [name, times] of Object.entries(extra))
        figures.push(figure(`import.${c.label}.${name} (chromium)`, 's', times));
    }
  }
  return figures;
}

// ---------------------------------------------------------------- the engine alone, in Node (optional)

const geoSource: GeoFileSource = (name) => readFile(path.resolve('resources/geo', name), 'utf8');
const task: ImportTask = { signal: new AbortController().signal, progress: () => {} };

async function nodeReadAndCheckSeconds(
  bytes: Uint8Array,
  fileName: string,
  expectedRows: number,
  places: PlaceResolver | null = null,
  geocoder = createGeocoder(geoSource),
): Promise<number> {
  return (await nodeReadAndCheck(bytes, fileName, expectedRows, places, geocoder)).seconds;
}

/** Read+check in Node: wall-clock seconds and the process's CPU seconds (steadier on a shared machine). */
async function nodeReadAndCheck(
  bytes: Uint8Array,
  fileName: string,
  expectedRows: number,
  places: PlaceResolver | null,
  geocoder: ReturnType<typeof createGeocoder>,
): Promise<{ seconds: number; cpuSeconds: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const analysis = await analyzeFile(bytes, { kind: 'account', fileName });
  const deps = {
    records: async () => createRecordTable('account', coreFieldDefs('account')),
    geocoder,
    places,
  };
  const prepared = await prepareImport(deps, bytes, { kind: 'account', fileName, mapping: analysis.mapping }, task);
  if (prepared.rowsRead !== expectedRows) throw new Error(`read ${prepared.rowsRead} rows, expected ${expectedRows}`);
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

async function nodeFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [rows, label, runs] of [
    [100_000, '100k', 5],
    [1_000_000, '1M', 3],
  ] as const) {
    const bytes = new Uint8Array(readFileSync(accountsCsv(rows)));
    figures.push(
      await measure(
        `import.csv.${label}.read+check (node)`,
        's',
        runs,
        () => nodeReadAndCheckSeconds(bytes, 'accounts.csv', rows),
        1,
      ),
    );
  }
  const xlsx = new Uint8Array(readFileSync(accountsXlsx(100_000)));
  figures.push(
    await measure('import.xlsx.100k.read+check (node)', 's', 3, () =>
      nodeReadAndCheckSeconds(xlsx, 'accounts.xlsx', 100_000),
    ),
  );
  return figures;
}

/** Every spelling the resolver knows, as a file might write it: country names and codes, regions in their country. */
function spellings(
  countriesTsv: string,
  subdivisionsTsv: string,
): { countries: string[]; regions: [string, string][] } {
  const countries: string[] = [];
  for (const line of countriesTsv.split('\n')) {
    if (!line) continue;
    const [code, , , names] = line.split('\t');
    countries.push(code, ...names.split('|'));
  }
  const regions: [string, string][] = [];
  for (const line of subdivisionsTsv.split('\n')) {
    if (!line) continue;
    const [country, code, , , , local, english] = line.split('\t');
    regions.push([country, code], [country, local], [country, english]);
  }
  return { countries, regions };
}

async function placeFigures(): Promise<Figure[]> {
  const rows = 1_000_000;
  const runs = 3;
  const bytes = new Uint8Array(readFileSync(accountsCsv(rows)));
  const places = await loadPlaceResolver(geoSource);
  // One geocoder for both, loaded before timing: the two differ only by place resolution.
  const geocoder = createGeocoder(geoSource);
  await nodeReadAndCheck(bytes, 'accounts.csv', rows, places, geocoder);
  const without: { seconds: number; cpuSeconds: number }[] = [];
  const withPlaces: { seconds: number; cpuSeconds: number }[] = [];
  for (let i = 0; i < runs; i++) {
    // Interleaved, so a busy machine weighs on both alike.
    without.push(await nodeReadAndCheck(bytes, 'accounts.csv', rows, null, geocoder));
    withPlaces.push(await nodeReadAndCheck(bytes, 'accounts.csv', rows, places, geocoder));
  }
  const base = median(without.map((r) => r.seconds));
  const full = median(withPlaces.map((r) => r.seconds));
  const added = Math.max(0, full - base);
  const cpuBase = median(without.map((r) => r.cpuSeconds));
  const cpuAdded = Math.max(0, median(withPlaces.map((r) => r.cpuSeconds)) - cpuBase);
  const figures: Figure[] = [
    figure(
      'import.csv.1M.read+check without places (node)',
      's',
      without.map((r) => r.seconds),
    ),
    figure(
      'import.csv.1M.read+check with places (node)',
      's',
      withPlaces.map((r) => r.seconds),
    ),
    {
      name: 'import.csv.1M.places-added-to-read+check (node)',
      median: Math.round((added / base) * 1000) / 10,
      unit: '%',
      runs,
      target: '<= 15 %',
    },
    {
      name: 'import.csv.1M.places-added-to-read+check, CPU time (node)',
      median: Math.round((cpuAdded / cpuBase) * 1000) / 10,
      unit: '%',
      runs,
      target: '<= 15 %',
    },
    {
      name: 'import.csv.1M.places-resolution-rows-per-second (node)',
      // Places that cost no measurable wall time have no rate: say so rather than print Infinity.
      median: added > 0 ? Math.round(rows / added) : 0,
      unit: 'rows/s',
      runs,
      ...(added <= 0 && { note: 'no measurable cost' }),
    },
  ];
  // The resolver alone, per distinct value: every country spelling, then every region spelling in its country.
  const [countriesTsv, subdivisionsTsv] = await Promise.all([
    geoSource('countries.tsv'),
    geoSource('subdivisions.tsv'),
  ]);
  const { countries, regions } = spellings(countriesTsv, subdivisionsTsv);
  const perSecond = (values: number, seconds: number) => Math.round(values / seconds);
  const countryRates: number[] = [];
  const regionRates: number[] = [];
  for (let i = 0; i < 5; i++) {
    let start = performance.now();
    let found = 0;
    for (const text of countries) if (places.country(text)) found++;
    countryRates.push(perSecond(countries.length, (performance.now() - start) / 1000));
    if (found < countries.length * 0.95)
      throw new Error(`only ${found} of ${countries.length} country spellings found`);
    start = performance.now();
    for (const [country, text] of regions) places.subdivision(country, text);
    regionRates.push(perSecond(regions.length, (performance.now() - start) / 1000));
  }
  figures.push(
    figure(`places.resolve.country-values-per-second (${countries.length} spellings, node)`, 'values/s', countryRates),
    figure(`places.resolve.region-values-per-second (${regions.length} spellings, node)`, 'values/s', regionRates),
  );
  return figures;
}

export async function run(): Promise<Figure[]> {
  dataServer = await serveDataFiles();
  const figures = await chromiumFigures().finally(() => dataServer?.close());
  if (process.env.BENCH_IMPORT_NODE) figures.push(...(await nodeFigures()));
  if (process.env.BENCH_IMPORT_PLACES !== '0') figures.push(...(await placeFigures()));
  return figures;
}

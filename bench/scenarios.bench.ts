/**
 * Forecast scenarios (issue 14). In headless Chromium, through the model service over the real IndexedDB
 * (bench/browser/scenarios.ts): cloning a plan of 1M accounts and 1,000 territories; comparing it with a what-if
 * copy with forecasts over 1M deals (assignments in memory, and cold); the same after one assumption changes.
 * In Node, the engine alone: both plans' deal cubes and forecasts plus the account moves between them, and one
 * plan's forecast recomputed from its cube after one assumption change (1,000 territories x 4 quarters).
 */
import { differingRows } from '../src/model/engine/compare';
import { territoryTree } from '../src/model/engine/figures';
import {
  buildDealCube,
  computeForecast,
  historicalWinRates,
  historyProbabilities,
  periodSlots,
  type DealColumns,
} from '../src/model/engine/forecast';
import { BENCH_PAGE_DIR, ensureBuilt, openBrowser } from './support/chromium';
import { median, type Figure } from './support/stats';

const TERRITORIES = 1_000;
const DEALS = 1_000_000;
const ACCOUNTS = 1_000_000;
const RUNS = 5;

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function csr(rows: number, territoryOf: (row: number) => number, count: number) {
  const offsets = new Uint32Array(rows + 1);
  const territories = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) {
    territories[r] = territoryOf(r);
    offsets[r + 1] = r + 1;
  }
  return { rowCount: rows, offsets, territories, territoryIds: Array.from({ length: count }, (_, i) => `t${i}`) };
}

async function inBrowser(): Promise<Figure[]> {
  ensureBuilt();
  const session = await openBrowser(BENCH_PAGE_DIR);
  try {
    await session.page.goto(session.url);
    await session.page.waitForFunction(() => 'bench' in window);
    const t = await session.page.evaluate((runs) => window.bench.scenarios(1_000_000, runs), RUNS);
    if (process.env.BENCH_VERBOSE) console.error(`scenarios: ${t.moved} accounts move, ${t.territories} territories`);
    const figure = (name: string, values: number[]): Figure => ({
      name,
      median: Math.round(median(values)),
      unit: 'ms',
      runs: values.length,
    });
    return [
      figure('scenarios-clone-plan-1m-accounts-1m-deals-1000-territories', t.cloneMs),
      figure('scenarios-compare-2-plans-forecast-1m-deals-1m-accounts', t.compareMs),
      figure('scenarios-compare-2-plans-forecast-1m-deals-1m-accounts-cold', t.compareColdMs),
      figure('scenarios-compare-again-after-1-assumption', t.recomputeMs),
    ];
  } finally {
    await session.close();
  }
}

export async function run(): Promise<Figure[]> {
  return [...(await inBrowser()), ...(await inNode())];
}

async function inNode(): Promise<Figure[]> {
  const rnd = random(7);
  // 10 regions under the root, 989 leaves under them.
  const tree = territoryTree(
    Array.from({ length: TERRITORIES }, (_, i) => ({
      id: `t${i}`,
      parentId: i === 0 ? null : i <= 10 ? 't0' : `t${1 + (i % 10)}`,
    })),
  );
  const leaf = (r: number) => 11 + (r % (TERRITORIES - 11));
  const year = Date.UTC(2027, 0, 1);
  const close = Float64Array.from({ length: DEALS }, () => year + Math.floor(rnd() * 365) * 86_400_000);
  const deals: Omit<DealColumns, 'slot'> = {
    rowCount: DEALS,
    deleted: new Uint8Array(DEALS),
    amount: Float64Array.from({ length: DEALS }, () => Math.round(rnd() * 100_000)),
    status: Uint8Array.from({ length: DEALS }, () => 1 + Math.floor(rnd() * 3)),
    openCode: 1,
    wonCode: 2,
    lostCode: 3,
    stage: Uint8Array.from({ length: DEALS }, () => 1 + Math.floor(rnd() * 4)),
    stages: ['', 'Qualification', 'Discovery', 'Proposal', 'Negotiation'],
    probability: Float64Array.from({ length: DEALS }, () => [10, 25, 50, 75][Math.floor(rnd() * 4)]),
  };
  const planA = csr(DEALS, leaf, TERRITORIES);
  const planB = csr(DEALS, (r) => (r % 50 === 0 ? leaf(r + 1) : leaf(r)), TERRITORIES);
  const accountsA = {
    ...csr(ACCOUNTS, leaf, TERRITORIES),
    labels: Int32Array.from({ length: TERRITORIES }, (_, i) => i),
  };
  const accountsB = {
    ...csr(ACCOUNTS, (r) => (r % 50 === 0 ? leaf(r + 1) : leaf(r)), TERRITORIES),
    labels: accountsA.labels,
  };
  const assumptions = (uplift: number) => {
    const u = new Float64Array(TERRITORIES).fill(NaN);
    u[11] = uplift;
    return {
      source: 'deal' as const,
      stageProbability: new Float64Array(5).fill(NaN),
      historyProbability: new Float64Array(5),
      uplift: u,
      ramp: new Float64Array(TERRITORIES).fill(1),
    };
  };
  const quarters = [0, 1, 2, 3];

  const compare: number[] = [];
  const recompute: number[] = [];
  let check = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const slot = periodSlots(close, DEALS, 2027, 1, 'quarter');
    const columns = { ...deals, slot };
    const rates = historicalWinRates(columns);
    const a = computeForecast(tree, buildDealCube(tree, planA, columns, 4), quarters, {
      ...assumptions(0),
      historyProbability: historyProbabilities(rates),
    });
    const cubeB = buildDealCube(tree, planB, columns, 4);
    const b = computeForecast(tree, cubeB, quarters, assumptions(0));
    const moved = differingRows(ACCOUNTS, accountsA, accountsB, () => true);
    compare.push(performance.now() - t0);
    check += a.projected[0] + b.projected[0] + moved.length;

    const t1 = performance.now();
    const c = computeForecast(tree, cubeB, quarters, assumptions(0.1 + i / 100));
    recompute.push(performance.now() - t1);
    check += c.projected[0];
  }
  if (!Number.isFinite(check)) throw new Error('bad figures');
  return [
    {
      name: 'scenarios-engine-compare-2-plans-1m-deals-1m-accounts-1000-territories',
      median: Math.round(median(compare)),
      unit: 'ms',
      runs: RUNS,
    },
    {
      name: 'scenarios-engine-recompute-after-1-assumption-1000-territories-4-quarters',
      median: Math.round(median(recompute) * 100) / 100,
      unit: 'ms',
      runs: RUNS,
    },
  ];
}

/**
 * Balancing figures (issue 11), the pure engine in Node over generated accounts laid on real places: US ZIP
 * centroids and French towns from resources/geo. For each case: time, balance (coefficient of variation, largest /
 * smallest, share of territories within ±5 % of the mean revenue), territories in one piece, travel and disruption.
 *   - 100,000 accounts into 50 territories by postal units, with contiguity (US, then France);
 *   - the same from a lopsided starting plan with a 10 % disruption cap, against the uncapped result;
 *   - 1,000,000 accounts into 500 territories;
 *   - a small instance with an exact optimum (HiGHS) and the heuristic's gap to it.
 */
import highsLoader from 'highs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { balanceTerritories, type BalanceOptions, type BalanceSolution } from '../src/model/engine/balance/solve';
import { buildUnits } from '../src/model/engine/balance/units';
import { measure, type Figure } from './support/stats';

interface Place {
  key: string;
  longitude: number;
  latitude: number;
}

function usZipCodes(): Place[] {
  const lines = readFileSync(path.resolve('resources/geo/postal-us.tsv'), 'utf8').split('\n');
  const places: Place[] = [];
  for (const line of lines) {
    const [zip, lat, lon] = line.split('\t');
    const latitude = Number(lat);
    const longitude = Number(lon);
    // The contiguous states: one land mass, as territories there are drawn.
    if (zip && latitude > 24 && latitude < 50 && longitude > -125 && longitude < -66) {
      places.push({ key: zip, longitude, latitude });
    }
  }
  return places;
}

function frenchTowns(): Place[] {
  const lines = readFileSync(path.resolve('resources/geo/cities.tsv'), 'utf8').split('\n');
  const places: Place[] = [];
  let inFrance = false;
  for (const line of lines) {
    if (line.startsWith('#')) {
      inFrance = line.slice(1).trim() === 'FR';
      continue;
    }
    if (!inFrance) continue;
    const cells = line.split('\t');
    const latitude = Number(cells[cells.length - 2]);
    const longitude = Number(cells[cells.length - 1]);
    // Metropolitan France.
    if (latitude > 41 && latitude < 51.5 && longitude > -5.5 && longitude < 10) {
      places.push({ key: `${cells[0]}|${cells[1]}`, longitude, latitude });
    }
  }
  return places;
}

/** Accounts at random places (denser in some), with a long-tailed revenue. */
function accountsAt(places: Place[], count: number, seed: number) {
  let state = seed;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const longitude = new Float64Array(count);
  const latitude = new Float64Array(count);
  const revenue = new Float64Array(count);
  const place = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    // Squaring the draw favours the first places: some areas hold many more accounts, as in real books.
    const p = Math.floor(random() ** 2 * places.length);
    place[i] = p;
    longitude[i] = places[p].longitude;
    latitude[i] = places[p].latitude;
    revenue[i] = Math.round(Math.exp(random() * 6) * 1000);
  }
  return { longitude, latitude, revenue, place, count };
}

type Accounts = ReturnType<typeof accountsAt>;

function unitsOf(places: Place[], accounts: Accounts, start: (row: number) => number, k: number) {
  const rows = new Uint32Array(accounts.count);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return buildUnits(
    {
      rows,
      longitude: accounts.longitude,
      latitude: accounts.latitude,
      measures: [accounts.revenue],
      revenue: accounts.revenue,
      territory: Int32Array.from(rows, start),
      fixed: new Uint8Array(rows.length),
      unitKey: (row) => places[accounts.place[row]].key,
    },
    k,
  );
}

function quality(solution: BalanceSolution, k: number) {
  const loads = Array.from(solution.loads[0]);
  const mean = loads.reduce((s, v) => s + v, 0) / k;
  const cv = Math.sqrt(loads.reduce((s, v) => s + (v - mean) ** 2, 0) / k) / mean;
  return {
    cv: cv * 100,
    maxMin: Math.max(...loads) / Math.min(...loads),
    within: (loads.filter((l) => Math.abs(l - mean) <= 0.05 * mean).length / k) * 100,
    onePiece: (Array.from(solution.pieces).filter((p) => p === 1).length / k) * 100,
  };
}

const base: Omit<BalanceOptions, 'territories' | 'seed'> = {
  goals: [{ weight: 1, tolerance: 0.05 }],
  contiguity: true,
  compactness: 1,
};

async function fromScratch(label: string, places: Place[], count: number, k: number, runs: number): Promise<Figure[]> {
  const accounts = accountsAt(places, count, 7);
  const built = unitsOf(places, accounts, () => -1, k);
  let last: BalanceSolution | null = null;
  const time = await measure(`balance-${label}-time`, 's', runs, () => {
    const t0 = performance.now();
    last = balanceTerritories(built.units, { ...base, territories: k, seed: 1, fromScratch: true });
    return (performance.now() - t0) / 1000;
  });
  const q = quality(last!, k);
  const one = (name: string, value: number, unit: string) => ({
    name: `balance-${label}-${name}`,
    median: Math.round(value * 100) / 100,
    unit,
    runs: 1,
  });
  return [
    time,
    one('units', built.units.start.length, 'units'),
    one('cv', q.cv, '%'),
    one('max-over-min', q.maxMin, 'x'),
    one('within-5pct', q.within, '% of territories'),
    one('one-piece', q.onePiece, '% of territories'),
    one('travel', last!.travel / count, 'km per account'),
  ];
}

async function capped(places: Place[], count: number, k: number): Promise<Figure[]> {
  const accounts = accountsAt(places, count, 11);
  // A lopsided start, as plans drawn on a map without regard to load are: k-means over the ZIP codes' locations,
  // so territories are compact and of even area while accounts crowd in a few of them.
  const band = new Int32Array(places.length);
  const cx = Array.from({ length: k }, (_, t) => places[Math.floor((t * places.length) / k)].longitude);
  const cy = Array.from({ length: k }, (_, t) => places[Math.floor((t * places.length) / k)].latitude);
  for (let iteration = 0; iteration < 8; iteration++) {
    const sx = new Array<number>(k).fill(0);
    const sy = new Array<number>(k).fill(0);
    const count = new Array<number>(k).fill(0);
    places.forEach((p, i) => {
      let nearest = 0;
      let best = Infinity;
      for (let t = 0; t < k; t++) {
        const d = (p.longitude - cx[t]) ** 2 + (p.latitude - cy[t]) ** 2;
        if (d < best) {
          best = d;
          nearest = t;
        }
      }
      band[i] = nearest;
      sx[nearest] += p.longitude;
      sy[nearest] += p.latitude;
      count[nearest]++;
    });
    for (let t = 0; t < k; t++) {
      if (count[t] === 0) continue;
      cx[t] = sx[t] / count[t];
      cy[t] = sy[t] / count[t];
    }
  }
  const built = unitsOf(places, accounts, (row) => band[accounts.place[row]], k);
  // The start's spread, summed straight from the units (a solver call would also try a fresh build).
  const startLoads = new Array<number>(k).fill(0);
  built.units.start.forEach((t, u) => {
    if (t >= 0) startLoads[t] += built.units.measures[0][u];
  });
  const startMean = startLoads.reduce((s, v) => s + v, 0) / k;
  const startCv = Math.sqrt(startLoads.reduce((s, v) => s + (v - startMean) ** 2, 0) / k) / startMean;
  const figures: Figure[] = [];
  figures.push({ name: 'balance-us-100k-start-cv', median: Math.round(startCv * 10000) / 100, unit: '%', runs: 1 });
  for (const [name, cap] of [
    ['cap-10pct', { share: 0.1, by: 'accounts' as const }],
    ['uncapped', undefined],
  ] as const) {
    let solution: BalanceSolution | null = null;
    figures.push(
      await measure(`balance-us-100k-${name}-time`, 's', 1, () => {
        const t0 = performance.now();
        solution = balanceTerritories(built.units, { ...base, territories: k, seed: 1, maxDisruption: cap });
        return (performance.now() - t0) / 1000;
      }),
    );
    const q = quality(solution!, k);
    figures.push(
      { name: `balance-us-100k-${name}-cv`, median: Math.round(q.cv * 100) / 100, unit: '%', runs: 1 },
      {
        name: `balance-us-100k-${name}-within-5pct`,
        median: Math.round(q.within * 100) / 100,
        unit: '% of territories',
        runs: 1,
      },
      {
        name: `balance-us-100k-${name}-moved`,
        median: Math.round((solution!.movedAccounts / count) * 10000) / 100,
        unit: '% of accounts',
        runs: 1,
      },
    );
  }
  return figures;
}

async function exactGap(): Promise<Figure[]> {
  const n = 150;
  const k = 5;
  const places = frenchTowns();
  const accounts = accountsAt(places.slice(0, 4000), n, 3);
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  const units = buildUnits(
    {
      rows,
      longitude: accounts.longitude,
      latitude: accounts.latitude,
      measures: [accounts.revenue],
      revenue: accounts.revenue,
      territory: new Int32Array(n).fill(-1),
      fixed: new Uint8Array(n),
      unitKey: () => null,
    },
    k,
  ).units;
  const bases = {
    longitude: Float64Array.from([2.35, 4.84, -1.55, 5.37, 1.44]),
    latitude: Float64Array.from([48.86, 45.76, 47.22, 43.3, 43.6]),
  };
  const tolerance = 0.1;
  const solution = balanceTerritories(units, {
    goals: [{ weight: 1, tolerance }],
    contiguity: false,
    compactness: 3,
    homeBases: bases,
    territories: k,
    seed: 1,
    fromScratch: true,
    starts: 8,
  });
  const r = Math.PI / 180;
  const km = (u: number, t: number) => {
    const a =
      Math.sin(((bases.latitude[t] - units.latitude[u]) * r) / 2) ** 2 +
      Math.cos(units.latitude[u] * r) *
        Math.cos(bases.latitude[t] * r) *
        Math.sin(((bases.longitude[t] - units.longitude[u]) * r) / 2) ** 2;
    return 2 * 6371 * Math.asin(Math.sqrt(a));
  };
  const revenue = units.measures[0];
  const total = revenue.reduce((s, v) => s + v, 0);
  const mean = total / k;
  let heuristic = 0;
  const loads = new Array<number>(k).fill(0);
  for (let u = 0; u < units.start.length; u++) {
    heuristic += km(u, solution.assignment[u]);
    loads[solution.assignment[u]] += revenue[u];
  }
  const feasible = loads.every((l) => Math.abs(l - mean) <= tolerance * mean + 1e-6);
  const terms: string[] = [];
  const rowsLp: string[] = [];
  const binaries: string[] = [];
  for (let u = 0; u < units.start.length; u++) {
    const one: string[] = [];
    for (let t = 0; t < k; t++) {
      terms.push(`${km(u, t).toFixed(6)} x_${u}_${t}`);
      one.push(`x_${u}_${t}`);
      binaries.push(`x_${u}_${t}`);
    }
    rowsLp.push(`one_${u}: ${one.join(' + ')} = 1`);
  }
  for (let t = 0; t < k; t++) {
    const load = Array.from(revenue, (v, u) => `${v} x_${u}_${t}`).join(' + ');
    rowsLp.push(`low_${t}: ${load} >= ${((1 - tolerance) * mean).toFixed(6)}`);
    rowsLp.push(`high_${t}: ${load} <= ${((1 + tolerance) * mean).toFixed(6)}`);
  }
  const lp = `Minimize\n obj: ${terms.join(' + ')}\nSubject To\n${rowsLp.join('\n')}\nBinary\n ${binaries.join(' ')}\nEnd\n`;
  const highs = await highsLoader();
  const exact = highs.solve(lp, { time_limit: 120 });
  const gap = ((heuristic - exact.ObjectiveValue) / exact.ObjectiveValue) * 100;
  return [
    {
      name: `balance-exact-${n}-units-${k}-territories-gap${feasible ? '' : '-infeasible'}`,
      median: Math.round(gap * 100) / 100,
      unit: `% (HiGHS: ${exact.Status})`,
      runs: 1,
    },
  ];
}

export async function run(): Promise<Figure[]> {
  const us = usZipCodes();
  const france = frenchTowns();
  return [
    ...(await fromScratch('us-100k-50', us, 100_000, 50, 3)),
    ...(await fromScratch('fr-100k-50', france, 100_000, 50, 3)),
    ...(await capped(us, 100_000, 50)),
    ...(await fromScratch('us-1m-500', us, 1_000_000, 500, 1)),
    ...(await exactGap()),
  ];
}

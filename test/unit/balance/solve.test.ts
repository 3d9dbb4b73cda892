import fc from 'fast-check';
import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import { ContiguityGuard, delaunayAdjacency, fromPairs } from '../../../src/model/engine/balance/graph';
import { balancePenalty } from '../../../src/model/engine/balance/objective';
import { balanceTerritories, type BalanceUnits } from '../../../src/model/engine/balance/solve';
import { toSphere } from '../../../src/model/engine/balance/sphere';
import { buildUnits } from '../../../src/model/engine/balance/units';
import { edgesOf, everyTerritoryConnected, haversineKm, loadsOf } from './reference';

/** Units scattered around a few cities (deterministic from a seed), all in no territory. */
function scatteredUnits(n: number, seed: number): BalanceUnits {
  let state = seed || 1;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const cities = [
    [2.35, 48.86],
    [4.84, 45.76],
    [-1.55, 47.22],
    [5.37, 43.3],
  ];
  const longitude = new Float64Array(n);
  const latitude = new Float64Array(n);
  const revenue = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const [lon, lat] = cities[Math.floor(random() * cities.length)];
    const spread = random() < 0.3 ? 0.3 : 3;
    longitude[u] = lon + (random() - 0.5) * spread;
    latitude[u] = lat + (random() - 0.5) * spread * 0.7;
    revenue[u] = Math.round(Math.exp(random() * 4) * 1000);
  }
  return {
    longitude,
    latitude,
    measures: [revenue],
    accounts: new Float64Array(n).fill(1),
    revenue,
    start: new Int32Array(n).fill(-1),
    fixed: new Uint8Array(n),
  };
}

const cv = (values: number[]) => {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) / mean;
};

describe('the balance objective', () => {
  it('costs little inside the tolerance and steeply more beyond it (hand-computed)', () => {
    const goal = { weight: 1, tolerance: 0.05 };
    expect(balancePenalty(100, 100, goal)).toBe(0);
    expect(balancePenalty(105, 100, goal)).toBeCloseTo(0.01 * 0.05 ** 2, 12);
    expect(balancePenalty(120, 100, goal)).toBeCloseTo(10 * 0.15 + 100 * 0.15 ** 2 + 0.01 * 0.2 ** 2, 12);
    expect(balancePenalty(80, 100, { weight: 2, tolerance: 0.05 })).toBeCloseTo(
      2 * (10 * 0.15 + 100 * 0.15 ** 2 + 0.01 * 0.04),
      12,
    );
    expect(balancePenalty(50, 0, goal)).toBe(0);
  });
});

describe('unit adjacency', () => {
  it('links a grid into one connected, symmetric graph', () => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 10; j++) {
        xs.push(i + (j % 2) * 0.01);
        ys.push(j);
      }
    }
    const adjacency = delaunayAdjacency(Float64Array.from(xs), Float64Array.from(ys));
    const edges = edgesOf(adjacency);
    expect(everyTerritoryConnected(new Int32Array(100), edges, 1)).toEqual([true]);
    for (let u = 0; u < 100; u++) {
      for (let i = adjacency.offsets[u]; i < adjacency.offsets[u + 1]; i++) {
        const v = adjacency.neighbours[i];
        const back = Array.from(adjacency.neighbours.subarray(adjacency.offsets[v], adjacency.offsets[v + 1]));
        expect(back).toContain(u);
      }
    }
  });

  it('joins units at the same place and units on one line', () => {
    const twins = delaunayAdjacency(Float64Array.from([0, 1, 0, 0, 1]), Float64Array.from([0, 0, 1, 0, 0]));
    expect(everyTerritoryConnected(new Int32Array(5), edgesOf(twins), 1)).toEqual([true]);
    const line = delaunayAdjacency(Float64Array.from([0, 1, 2, 3]), Float64Array.from([0, 1, 2, 3]));
    expect(everyTerritoryConnected(new Int32Array(4), edgesOf(line), 1)).toEqual([true]);
  });

  it('never says a territory stays connected when a plain search finds it cut (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 2, max: 5 }), (seed, k) => {
        const units = scatteredUnits(80, seed);
        const sphere = toSphere(units.longitude, units.latitude);
        const adjacency = delaunayAdjacency(sphere.planeX, sphere.planeY);
        const edges = edgesOf(adjacency);
        // Territories as vertical bands (mostly connected, sometimes not), and a few units flipped at random.
        const assignment = new Int32Array(80);
        for (let u = 0; u < 80; u++) assignment[u] = Math.min(k - 1, Math.floor(((units.longitude[u] + 2) / 10) * k));
        for (let u = 0; u < 80; u += 7) assignment[u] = (assignment[u] + 1) % k;
        const guard = new ContiguityGuard(adjacency, 80);
        for (let u = 0; u < 80; u++) {
          const without = Int32Array.from(assignment);
          without[u] = -1;
          const before = everyTerritoryConnected(assignment, edges, k)[assignment[u]];
          const after = everyTerritoryConnected(without, edges, k)[assignment[u]];
          const said = guard.staysConnectedWithout(u, assignment);
          if (said && before) expect(after).toBe(true);
          // Off the ring (hull units, twins) the search is exact.
          if (!adjacency.ringed?.[u] && before) expect(said).toBe(after);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('answers for a hand-made cut: the middle of a path', () => {
    const path = fromPairs(5, [0, 1, 1, 2, 2, 3, 3, 4]);
    const guard = new ContiguityGuard(path, 5);
    const all = new Int32Array(5);
    expect(guard.staysConnectedWithout(2, all)).toBe(false);
    expect(guard.staysConnectedWithout(0, all)).toBe(true);
    expect(guard.staysConnectedWithout(4, all)).toBe(true);
  });
});

describe('balancing territories', () => {
  const options = { goals: [{ weight: 1, tolerance: 0.05 }], contiguity: true, compactness: 0.3 };

  it('builds territories from scratch within ±5 % of the mean revenue, each one connected piece', () => {
    const units = scatteredUnits(1500, 11);
    const solution = balanceTerritories(units, { ...options, territories: 8, seed: 1, fromScratch: true });
    const loads = loadsOf(solution.assignment, units.measures[0], 8);
    const mean = loads.reduce((s, v) => s + v, 0) / 8;
    const within = loads.filter((l) => Math.abs(l - mean) <= 0.05 * mean).length;
    expect(within / 8).toBeGreaterThanOrEqual(0.875);
    const sphere = toSphere(units.longitude, units.latitude);
    const edges = edgesOf(delaunayAdjacency(sphere.planeX, sphere.planeY));
    expect(everyTerritoryConnected(solution.assignment, edges, 8)).toEqual(new Array(8).fill(true));
    expect(Array.from(solution.pieces)).toEqual(new Array(8).fill(1));
    // The engine's own loads agree with a plain sum.
    loads.forEach((l, t) => expect(solution.loads[0][t]).toBeCloseTo(l, 6));
  });

  it('lowers the spread of a lopsided plan and counts what moved', () => {
    const units = scatteredUnits(1200, 5);
    // Start: territory by longitude band, so the western ones hold far more than the eastern ones.
    for (let u = 0; u < 1200; u++) units.start[u] = units.longitude[u] < 0 ? 0 : units.longitude[u] < 3 ? 1 : 2;
    const before = loadsOf(units.start, units.measures[0], 3);
    const solution = balanceTerritories(units, { ...options, territories: 3, seed: 3 });
    const after = loadsOf(solution.assignment, units.measures[0], 3);
    expect(cv(after)).toBeLessThan(cv(before) / 2);
    const moved = Array.from(solution.assignment).filter((t, u) => t !== units.start[u]).length;
    expect(solution.movedUnits).toBe(moved);
    expect(solution.movedAccounts).toBe(moved);
  });

  it('keeps totals, fixed units, locked territories and the disruption cap; same seed, same plan (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 2, max: 6 }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        fc.boolean(),
        (seed, k, cap, contiguity) => {
          const n = 150;
          const units = scatteredUnits(n, seed);
          for (let u = 0; u < n; u++) units.start[u] = u % k;
          for (let u = 0; u < n; u += 11) units.fixed[u] = 1;
          const locked = new Uint8Array(k);
          locked[k - 1] = 1;
          const run = () =>
            balanceTerritories(units, {
              ...options,
              contiguity,
              territories: k,
              locked,
              seed,
              maxDisruption: { share: cap, by: 'accounts' },
              maxPasses: 30,
            });
          const solution = run();
          const total = units.measures[0].reduce((s, v) => s + v, 0);
          const loads = loadsOf(solution.assignment, units.measures[0], k);
          expect(loads.reduce((s, v) => s + v, 0)).toBeCloseTo(total, 4);
          for (let u = 0; u < n; u++) {
            if (units.fixed[u]) expect(solution.assignment[u]).toBe(units.start[u]);
            if (units.start[u] === k - 1) expect(solution.assignment[u]).toBe(k - 1);
            if (solution.assignment[u] === k - 1) expect(units.start[u]).toBe(k - 1);
          }
          // Contiguity repair may move units before the cap applies; with contiguity off the cap is exact.
          if (!contiguity) expect(solution.movedAccounts).toBeLessThanOrEqual(cap * n + 1e-9);
          for (let t = 0; t < k; t++) expect(loads[t] > 0 || locked[t] === 1).toBe(true);
          expect(Array.from(run().assignment)).toEqual(Array.from(solution.assignment));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports travel as account-weighted great-circle distance to the centres', () => {
    const units = scatteredUnits(300, 9);
    const solution = balanceTerritories(units, { ...options, territories: 4, seed: 2, fromScratch: true });
    let travel = 0;
    for (let u = 0; u < 300; u++) {
      const t = solution.assignment[u];
      travel += haversineKm(
        units.longitude[u],
        units.latitude[u],
        solution.centres.longitude[t],
        solution.centres.latitude[t],
      );
    }
    expect(solution.travel).toBeGreaterThan(travel * 0.99);
    expect(solution.travel).toBeLessThan(travel * 1.001);
  });

  it('comes within 2 % of the exact optimum on a small instance (HiGHS as reference)', async () => {
    // Fixed centres (home bases) and a hard ±10 % band: the exact problem is a small integer program.
    const n = 60;
    const k = 3;
    const units = scatteredUnits(n, 21);
    const bases = {
      longitude: Float64Array.from([2.35, 4.84, -1.55]),
      latitude: Float64Array.from([48.86, 45.76, 47.22]),
    };
    const tolerance = 0.1;
    const solution = balanceTerritories(units, {
      goals: [{ weight: 1, tolerance }],
      contiguity: false,
      compactness: 3,
      homeBases: bases,
      territories: k,
      seed: 4,
      fromScratch: true,
      starts: 8,
    });
    const distance = (u: number, t: number) =>
      haversineKm(units.longitude[u], units.latitude[u], bases.longitude[t], bases.latitude[t]);
    const revenue = units.measures[0];
    const total = revenue.reduce((s, v) => s + v, 0);
    const mean = total / k;
    const loads = loadsOf(solution.assignment, revenue, k);
    for (const l of loads) expect(Math.abs(l - mean)).toBeLessThanOrEqual(tolerance * mean + 1e-6);
    let heuristic = 0;
    for (let u = 0; u < n; u++) heuristic += distance(u, solution.assignment[u]);

    const terms: string[] = [];
    const rows: string[] = [];
    const binaries: string[] = [];
    for (let u = 0; u < n; u++) {
      const one: string[] = [];
      for (let t = 0; t < k; t++) {
        terms.push(`${distance(u, t).toFixed(6)} x_${u}_${t}`);
        one.push(`x_${u}_${t}`);
        binaries.push(`x_${u}_${t}`);
      }
      rows.push(`one_${u}: ${one.join(' + ')} = 1`);
    }
    for (let t = 0; t < k; t++) {
      const load = [...Array(n).keys()].map((u) => `${revenue[u]} x_${u}_${t}`).join(' + ');
      rows.push(`low_${t}: ${load} >= ${((1 - tolerance) * mean).toFixed(6)}`);
      rows.push(`high_${t}: ${load} <= ${((1 + tolerance) * mean).toFixed(6)}`);
    }
    const lp = `Minimize\n obj: ${terms.join(' + ')}\nSubject To\n${rows.join('\n')}\nBinary\n ${binaries.join(' ')}\nEnd\n`;
    const highs = await highsLoader();
    const exact = highs.solve(lp, { time_limit: 60 });
    expect(exact.Status).toBe('Optimal');
    const gap = (heuristic - exact.ObjectiveValue) / exact.ObjectiveValue;
    expect(gap).toBeGreaterThanOrEqual(-1e-6);
    expect(gap).toBeLessThanOrEqual(0.02);
  }, 60_000);
});

describe('units of accounts', () => {
  it('groups accounts by postal code, keeps placed-by-hand ones apart and fixed, and counts unlocated ones as fixed load', () => {
    const rows = Uint32Array.from([0, 1, 2, 3, 4]);
    const built = buildUnits(
      {
        rows,
        longitude: Float64Array.from([2, 2.1, 5, NaN, 2]),
        latitude: Float64Array.from([48, 48.1, 45, NaN, 48]),
        measures: [Float64Array.from([10, 20, 30, 40, 50])],
        revenue: Float64Array.from([10, 20, 30, 40, 50]),
        territory: Int32Array.from([0, 1, 1, 0, 1]),
        fixed: Uint8Array.from([0, 0, 0, 0, 1]),
        unitKey: (row) => ['75001', '75001', '69001', '', '75001'][row],
      },
      2,
    );
    expect(built.keys).toEqual(['75001', '69001', '']);
    expect(Array.from(built.unitOfAccount)).toEqual([0, 0, 1, -1, 2]);
    expect(Array.from(built.units.measures[0])).toEqual([30, 30, 50]);
    expect(Array.from(built.units.fixed)).toEqual([0, 0, 1]);
    expect(Array.from(built.units.start)).toEqual([0, 1, 1]);
    expect(Array.from(built.baseLoads[0])).toEqual([40, 0]);
    expect(built.unlocated).toBe(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { territoryTree } from '../../../src/model/engine/figures';
import { fiscalPeriodOf, fiscalPeriods } from '../../../src/model/engine/targets';
import {
  attainment,
  buildDealCube,
  computeForecast,
  coverage,
  gapToTarget,
  gini,
  historicalWinRates,
  historyProbabilities,
  newManagerKeys,
  periodSlots,
  quartiles,
  rampFactors,
  spreadOf,
  type DealColumns,
} from '../../../src/model/engine/forecast';

const territories = [
  { id: 'org', parentId: null },
  { id: 'emea', parentId: 'org' },
  { id: 'fr', parentId: 'emea' },
  { id: 'de', parentId: 'emea' },
];
const statuses = ['', 'open', 'won', 'lost'];
const stages = ['', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];

interface Deal {
  territory: string | null;
  amount: number;
  status: 'open' | 'won' | 'lost';
  stage: string;
  probability?: number;
  period?: number;
  deleted?: boolean;
}

function columns(deals: Deal[]): DealColumns {
  return {
    rowCount: deals.length,
    deleted: Uint8Array.from(deals, (d) => (d.deleted ? 1 : 0)),
    amount: Float64Array.from(deals, (d) => d.amount),
    slot: Int16Array.from(deals, (d) => d.period ?? 0),
    status: Uint8Array.from(deals, (d) => statuses.indexOf(d.status)),
    openCode: 1,
    wonCode: 2,
    lostCode: 3,
    stage: Uint8Array.from(deals, (d) => stages.indexOf(d.stage)),
    stages,
    probability: Float64Array.from(deals, (d) => d.probability ?? NaN),
  };
}

function placements(deals: Deal[]) {
  const territoryIds = territories.map((t) => t.id);
  const offsets = new Uint32Array(deals.length + 1);
  const list: number[] = [];
  deals.forEach((d, r) => {
    if (d.territory) list.push(territoryIds.indexOf(d.territory));
    offsets[r + 1] = list.length;
  });
  return { rowCount: deals.length, offsets, territories: Uint32Array.from(list), territoryIds };
}

const none = (n: number) => new Float64Array(n).fill(NaN);

function forecastOf(
  deals: Deal[],
  options: {
    uplift?: Record<string, number>;
    ramp?: Record<string, number>;
    stage?: Record<string, number>;
    source?: 'deal' | 'history';
    periods?: number[];
  } = {},
) {
  const tree = territoryTree(territories);
  const cols = columns(deals);
  const cube = buildDealCube(tree, placements(deals), cols, 4);
  const uplift = none(territories.length);
  for (const [id, u] of Object.entries(options.uplift ?? {})) uplift[tree.indexOf.get(id)!] = u;
  const ramp = rampFactors(territories.length, (t) => tree.ids[t] in (options.ramp ?? {}), 1);
  for (const [id, r] of Object.entries(options.ramp ?? {})) ramp[tree.indexOf.get(id)!] = r;
  const stageProbability = none(stages.length);
  for (const [s, p] of Object.entries(options.stage ?? {})) stageProbability[stages.indexOf(s)] = p;
  const f = computeForecast(tree, cube, options.periods ?? [0, 1, 2, 3], {
    source: options.source ?? 'deal',
    stageProbability,
    historyProbability: historyProbabilities(historicalWinRates(cols)),
    uplift,
    ramp,
  });
  const at = (id: string) => tree.indexOf.get(id)!;
  return (id: string) => ({
    won: f.won[at(id)],
    pipeline: f.pipeline[at(id)],
    weighted: f.weighted[at(id)],
    projected: f.projected[at(id)],
    uplift: f.upliftInEffect[at(id)],
  });
}

const sample: Deal[] = [
  { territory: 'fr', amount: 100, status: 'open', stage: 'Proposal', probability: 50 },
  { territory: 'fr', amount: 40, status: 'won', stage: 'Closed Won', probability: 100 },
  { territory: 'de', amount: 200, status: 'open', stage: 'Negotiation', probability: 25 },
  { territory: 'de', amount: 30, status: 'lost', stage: 'Closed Lost', probability: 0 },
  { territory: 'de', amount: 1000, status: 'open', stage: 'Proposal', probability: 50, deleted: true },
  { territory: 'fr', amount: 999, status: 'won', stage: 'Closed Won', period: 2 },
  { territory: null, amount: 500, status: 'open', stage: 'Proposal', probability: 50 },
];

describe('forecast figures, checked by hand', () => {
  it('attainment, gap and coverage', () => {
    expect(attainment(80, 100)).toBe(0.8);
    expect(attainment(80, null)).toBeNull();
    expect(attainment(80, 0)).toBeNull();
    expect(gapToTarget(70, 100)).toBe(30);
    expect(gapToTarget(120, 100)).toBe(0);
    // 60 of pipeline for 30 still to win: covered twice.
    expect(coverage(60, 70, 100)).toBe(2);
    expect(coverage(60, 120, 100)).toBeNull();
    expect(coverage(60, 0, null)).toBeNull();
  });

  it('Gini: 0 when equal, 0.75 when one of four holds all, 2/9 for 1, 2, 3', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 10])).toBeCloseTo(0.75, 12);
    // sum of |xi - xj| over ordered pairs = 8; 2 n^2 mean = 36.
    expect(gini([3, 1, 2])).toBeCloseTo(8 / 36, 12);
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });

  it('spread and quartiles', () => {
    const s = spreadOf([0.5, 1, 1.5]);
    expect([s.min, s.max, s.mean]).toEqual([0.5, 1.5, 1]);
    // population standard deviation sqrt((0.25 + 0 + 0.25) / 3)
    expect(s.coefficientOfVariation).toBeCloseTo(Math.sqrt(0.5 / 3), 12);
    expect(quartiles([4, 1, 3, 2, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(quartiles([])).toBeNull();
  });

  it('historical win rate by stage, on closed deals only, the overall rate where a stage never closed', () => {
    const cols = columns([
      { territory: 'fr', amount: 1, status: 'won', stage: 'Proposal' },
      { territory: 'fr', amount: 1, status: 'lost', stage: 'Proposal' },
      { territory: 'fr', amount: 1, status: 'won', stage: 'Proposal' },
      { territory: 'fr', amount: 1, status: 'won', stage: 'Closed Won' },
      { territory: 'fr', amount: 1, status: 'lost', stage: 'Closed Lost' },
      { territory: 'fr', amount: 1, status: 'open', stage: 'Negotiation' },
      { territory: 'fr', amount: 1, status: 'lost', stage: 'Negotiation', deleted: true },
    ]);
    const rates = historicalWinRates(cols);
    expect(rates.byStage[stages.indexOf('Proposal')]).toBeCloseTo(2 / 3, 12);
    expect(rates.byStage[stages.indexOf('Closed Won')]).toBe(1);
    expect(rates.byStage[stages.indexOf('Closed Lost')]).toBe(0);
    expect(rates.byStage[stages.indexOf('Negotiation')]).toBeNaN();
    expect(rates.overall).toBeCloseTo(3 / 5, 12);
    expect(historyProbabilities(rates)[stages.indexOf('Negotiation')]).toBeCloseTo(0.6, 12);
  });

  it('won, pipeline and weighted pipeline by the deals own probability, rolled up to each ancestor once', () => {
    const f = forecastOf(sample, { periods: [0] });
    expect(f('fr')).toMatchObject({ won: 40, pipeline: 100, weighted: 50, projected: 90 });
    expect(f('de')).toMatchObject({ won: 0, pipeline: 200, weighted: 50, projected: 50 });
    expect(f('emea')).toMatchObject({ won: 40, pipeline: 300, weighted: 100, projected: 140 });
    expect(f('org')).toMatchObject({ won: 40, pipeline: 300, weighted: 100, projected: 140 });
    // Another period: the 999 won in period 2.
    expect(forecastOf(sample, { periods: [0, 2] })('org').won).toBe(1039);
  });

  it('uplift (inherited from the region) and ramp change only what the pipeline brings', () => {
    const f = forecastOf(sample, { periods: [0], uplift: { emea: 0.1 }, ramp: { de: 0.5 } });
    // fr: 40 + 50 x 1.1 = 95; de: 0 + 50 x 1.1 x 0.5 = 27.5
    expect(f('fr').projected).toBeCloseTo(95, 9);
    expect(f('de').projected).toBeCloseTo(27.5, 9);
    expect(f('emea').projected).toBeCloseTo(122.5, 9);
    expect(f('fr').uplift).toBe(0.1);
    expect(f('org').uplift).toBe(0);
    // A territory's own uplift wins over its region's.
    const g = forecastOf(sample, { periods: [0], uplift: { emea: 0.1, fr: -0.2 } });
    expect(g('fr').projected).toBeCloseTo(40 + 50 * 0.8, 9);
  });

  it('a stage probability set in the assumptions replaces the deals own; history uses win rates', () => {
    const f = forecastOf(sample, { periods: [0], stage: { Negotiation: 0.8 } });
    expect(f('de').weighted).toBeCloseTo(160, 9);
    expect(f('fr').weighted).toBeCloseTo(50, 9);
    // History: one won and one lost closed deal (the 999 is won too): overall 2/3 for stages that never closed.
    const h = forecastOf(sample, { periods: [0], source: 'history' });
    expect(h('fr').weighted).toBeCloseTo(100 * (2 / 3), 9);
    expect(h('de').weighted).toBeCloseTo(200 * (2 / 3), 9);
  });

  it('territories whose manager is new against the reference', () => {
    const plan = new Map([
      ['#FR', new Set(['ann'])],
      ['#DE', new Set(['bob'])],
      ['#IT', new Set(['cy'])],
      ['#ES', new Set<string>()],
    ]);
    const reference = new Map([
      ['#FR', new Set(['ann'])],
      ['#DE', new Set(['dan'])],
      ['#ES', new Set(['eve'])],
    ]);
    expect([...newManagerKeys(plan, reference)].sort()).toEqual(['#DE', '#IT']);
  });

  it('places dates in fiscal periods (a year starting in April, named after the year it ends in)', () => {
    const dates = Float64Array.from([Date.UTC(2026, 3, 1), Date.UTC(2027, 2, 31, 18), Date.UTC(2027, 3, 1), NaN]);
    expect(Array.from(periodSlots(dates, 4, 2027, 4, 'quarter'))).toEqual([0, 3, -1, -1]);
    expect(Array.from(periodSlots(dates, 4, 2027, 4, 'month'))).toEqual([0, 11, -1, -1]);
    expect(Array.from(periodSlots(dates, 4, 2026, 1, 'quarter'))).toEqual([1, -1, -1, -1]);
  });
});

describe('forecast invariants', () => {
  it('places every date in the period fiscalPeriodOf names, for any start month and period kind', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 11, 31, 23, 59) }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<'quarter' | 'month'>('quarter', 'month'),
        fc.integer({ min: 2025, max: 2028 }),
        (list, startMonth, kind, fiscalYear) => {
          const slots = periodSlots(Float64Array.from(list), list.length, fiscalYear, startMonth, kind);
          const keys = fiscalPeriods(fiscalYear, kind);
          list.forEach((at, i) => {
            // Second implementation: the period key of the date, looked up among the fiscal year's keys.
            expect(slots[i]).toBe(keys.indexOf(fiscalPeriodOf(at, startMonth, kind)));
          });
        },
      ),
    );
  });

  const deal = fc.record({
    territory: fc.constantFrom<string | null>('org', 'emea', 'fr', 'de', null),
    amount: fc.integer({ min: 0, max: 10_000 }),
    status: fc.constantFrom<Deal['status']>('open', 'won', 'lost'),
    stage: fc.constantFrom('Proposal', 'Negotiation'),
    probability: fc.integer({ min: 0, max: 100 }),
    period: fc.integer({ min: 0, max: 3 }),
  });

  it('moving deals between territories keeps the plan totals; each territory adds up its subtree', () => {
    fc.assert(
      fc.property(
        fc.array(deal, { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('org', 'emea', 'fr', 'de')), { maxLength: 10 }),
        fc.double({ min: -0.5, max: 1, noNaN: true }),
        (deals, moves, uplift) => {
          const moved = deals.map((d) => ({ ...d }));
          for (const [i, to] of moves)
            if (moved.length > 0 && moved[i % moved.length].territory) moved[i % moved.length].territory = to;
          const before = forecastOf(deals, { uplift: { org: uplift } })('org');
          const after = forecastOf(moved, { uplift: { org: uplift } })('org');
          expect(after.won).toBe(before.won);
          expect(after.pipeline).toBe(before.pipeline);
          expect(after.weighted).toBeCloseTo(before.weighted, 6);
          expect(after.projected).toBeCloseTo(before.projected, 6);
          // Second implementation: the root's won is the plain sum over placed deals.
          const placedWon = deals.filter((d) => d.territory && d.status === 'won').reduce((s, d) => s + d.amount, 0);
          expect(before.won).toBe(placedWon);
          const f = forecastOf(moved);
          const own = (id: string) =>
            moved.filter((d) => d.territory === id && d.status === 'open').reduce((s, d) => s + d.amount, 0);
          expect(f('emea').pipeline).toBe(own('emea') + own('fr') + own('de'));
        },
      ),
    );
  });
});

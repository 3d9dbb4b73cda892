/**
 * Hierarchy warnings (issue 15): a sub-territory holding no accounts, and a territory without rules of its own that
 * takes its parent's match. Checked on a real rule run (a Delaware account landing in "Europe" under all deepest)
 * and, by a property test, against a brute-force reading of the same definitions over random trees.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAssignment } from '../../../src/model/engine/rules/run';
import { territoryWarnings, type TerritoryWarning } from '../../../src/model/engine/warnings';
import type { PlacementList } from '../../../src/model/engine/figures';
import { cond, rule, table, territory } from '../rules/helpers';

describe('territoryWarnings on a rule run', () => {
  /**
   * org
   * ├─ europe           no rules, inherits: takes every account of the organisation
   * │  └─ france        country FR
   * ├─ northAmerica     country US
   * │  └─ delaware      region US-DE
   * └─ asia             country JP (no Japanese account: holds nothing)
   *    └─ tokyo         no rules, rulesWhenEmpty none
   */
  const territories = [
    territory('org', null),
    territory('europe', 'org', { sortOrder: 0, rulesWhenEmpty: 'inherit' }),
    territory('france', 'europe'),
    territory('northAmerica', 'org', { sortOrder: 1 }),
    territory('delaware', 'northAmerica'),
    territory('asia', 'org', { sortOrder: 2 }),
    territory('tokyo', 'asia'),
  ];
  const rules = [
    rule('france', [cond('', 'inRegions', ['FR'])]),
    rule('northAmerica', [cond('', 'inRegions', ['US'])]),
    rule('delaware', [cond('', 'inRegions', ['US-DE'])]),
    rule('asia', [cond('', 'inRegions', ['JP'])]),
    // A disabled rule and a deal rule are not the territory's own account rules.
    rule('europe', [cond('name', 'isNotEmpty', null)], '', { enabled: false }),
    rule('europe', [cond('name', 'isNotEmpty', null)], '', { recordKind: 'deal' }),
  ];
  const accounts = table('account', [
    { externalId: 'A1', name: 'Dover Steel', country: 'US', region: 'US-DE' },
    { externalId: 'A2', name: 'Lyon Bois', country: 'FR', city: 'Lyon' },
    { externalId: 'A3', name: 'Austin Labs', country: 'US', region: 'US-TX' },
  ]);

  const runAll = (records: typeof accounts, withRules: typeof rules) =>
    runAssignment({
      kind: 'account',
      records,
      territories,
      rules: withRules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
    });

  it('says Europe takes the Delaware account, and Asia and Tokyo hold nothing', () => {
    const run = runAll(accounts, rules);
    const warnings = territoryWarnings({ territories, rules, assignment: run.assignment, accounts });
    expect(warnings).toEqual<TerritoryWarning[]>([
      // Europe holds the US accounts itself (France takes the French one); two of them are also in North America.
      { code: 'inheritsParent', territoryId: 'europe', parentId: 'org', accounts: 2, alsoElsewhere: 2 },
      { code: 'holdsNoAccounts', territoryId: 'asia' },
      { code: 'holdsNoAccounts', territoryId: 'tokyo' },
    ]);
  });

  it('says nothing about empty territories before any run, and nothing at all without accounts', () => {
    expect(territoryWarnings({ territories, rules, assignment: null, accounts })).toEqual([
      { code: 'inheritsParent', territoryId: 'europe', parentId: 'org', accounts: 0, alsoElsewhere: 0 },
    ]);
    const none = table('account', []);
    const run = runAll(none, rules);
    expect(
      territoryWarnings({ territories, rules, assignment: run.assignment, accounts: none }).map((w) => w.code),
    ).toEqual(['inheritsParent']);
  });

  it('stops warning once Europe has a rule of its own', () => {
    const ruled = [...rules, rule('europe', [cond('', 'inRegions', ['FR', 'DE'])])];
    const run = runAll(accounts, ruled);
    const codes = territoryWarnings({ territories, rules: ruled, assignment: run.assignment, accounts });
    expect(codes.filter((w) => w.territoryId === 'europe')).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------- property test

interface Scenario {
  parents: number[];
  inherit: boolean[];
  rules: { territory: number; enabled: boolean; account: boolean }[];
  rows: number[][];
  deleted: boolean[];
  applied: boolean;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    // Territory i > 0 hangs under one of the territories before it; 0 is the organisation.
    parents: fc.tuple(...Array.from({ length: n }, (_, i) => fc.integer({ min: 0, max: i }))),
    inherit: fc.array(fc.boolean(), { minLength: n + 1, maxLength: n + 1 }),
    rules: fc.array(
      fc.record({ territory: fc.integer({ min: 0, max: n }), enabled: fc.boolean(), account: fc.boolean() }),
      { maxLength: 8 },
    ),
    rows: fc.array(fc.uniqueArray(fc.integer({ min: 1, max: n }), { maxLength: 4 }), { maxLength: 12 }),
    deleted: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    applied: fc.boolean(),
  }),
);

/** The definitions read literally: sets of ancestors, one row at a time. */
function bruteForce(s: Scenario): TerritoryWarning[] {
  const n = s.parents.length;
  const parentOf = (t: number) => (t === 0 ? -1 : s.parents[t - 1]);
  const ancestors = (t: number) => {
    const out = new Set<number>();
    for (let at = parentOf(t); at >= 0; at = parentOf(at)) out.add(at);
    return out;
  };
  const under = (u: number, t: number) => u === t || ancestors(u).has(t);
  const liveRows = s.rows.filter((_, row) => !s.deleted[row]);
  const out: TerritoryWarning[] = [];
  for (let t = 1; t <= n; t++) {
    if (s.applied && liveRows.length > 0 && !liveRows.some((row) => row.some((u) => under(u, t))))
      out.push({ code: 'holdsNoAccounts', territoryId: `t${t}` });
    const ownRules = s.rules.some((r) => r.territory === t && r.enabled && r.account);
    if (s.inherit[t] && !ownRules) {
      const holding = s.applied ? liveRows.filter((row) => row.includes(t)) : [];
      out.push({
        code: 'inheritsParent',
        territoryId: `t${t}`,
        parentId: `t${parentOf(t)}`,
        accounts: holding.length,
        alsoElsewhere: holding.filter((row) => row.some((u) => !under(u, t) && !under(t, u))).length,
      });
    }
  }
  return out;
}

function placements(rows: number[][], territoryIds: string[]): PlacementList {
  const offsets = new Uint32Array(rows.length + 1);
  rows.forEach((row, i) => (offsets[i + 1] = offsets[i] + row.length));
  // The assignment lists territories in its own order: reversed, to prove the mapping is by id.
  const index = (t: number) => territoryIds.length - 1 - t;
  return {
    rowCount: rows.length,
    offsets,
    territories: Uint32Array.from(rows.flat(), index),
    territoryIds: [...territoryIds].reverse(),
  };
}

describe('territoryWarnings against a brute-force reading', () => {
  it('agrees on random trees, rules and assignments', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const n = s.parents.length;
        const territories = Array.from({ length: n + 1 }, (_, t) =>
          territory(`t${t}`, t === 0 ? null : `t${s.parents[t - 1]}`, {
            rulesWhenEmpty: s.inherit[t] ? 'inherit' : 'none',
          }),
        );
        const rules = s.rules.map((r) =>
          rule(`t${r.territory}`, [], '', { enabled: r.enabled, recordKind: r.account ? 'account' : 'lead' }),
        );
        const accounts = {
          rowCount: s.rows.length,
          deleted: Uint8Array.from({ length: s.rows.length + 3 }, (_, row) => (s.deleted[row] ? 1 : 0)),
        };
        const assignment = s.applied
          ? placements(
              s.rows,
              territories.map((t) => t.id),
            )
          : null;
        expect(territoryWarnings({ territories, rules, assignment, accounts })).toEqual(bruteForce(s));
      }),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { placementsOf, type Assignment } from '../../../src/model/engine/rules/assignment';
import { AssignmentRunCancelled, runAssignment, type AssignmentRunInput } from '../../../src/model/engine/rules/run';
import { validateRule } from '../../../src/model/engine/rules/compileRule';
import type { MatchMode, Rule, Territory } from '../../../src/shared/domain';
import type { RecordTable } from '../../../src/model/records/recordTable';
import { cond, rule, table, territory } from './helpers';

/**
 * root
 * ├─ west (priority 2)   in US-CA
 * │  ├─ westRetail (1)   industry is retail
 * │  └─ westBig (0)      revenue ≥ 1000
 * ├─ east (priority 1)   employees ≥ 50
 * │  └─ eastAll (5)      no rules: inherits
 * └─ europe              no rules: matches nothing
 *    └─ paris            in FR-IDF (never tested: its parent matches nothing)
 */
function scenario(): { territories: Territory[]; rules: Rule[]; accounts: RecordTable } {
  const territories = [
    territory('root', null),
    territory('west', 'root', { sortOrder: 0, priority: 2 }),
    territory('westRetail', 'west', { sortOrder: 0, priority: 1 }),
    territory('westBig', 'west', { sortOrder: 1, priority: 0 }),
    territory('east', 'root', { sortOrder: 1, priority: 1 }),
    territory('eastAll', 'east', { priority: 5, rulesWhenEmpty: 'inherit' }),
    territory('europe', 'root', { sortOrder: 2, priority: 0 }),
    territory('paris', 'europe', { priority: 0 }),
  ];
  const rules = [
    rule('west', [cond('', 'inRegions', ['US-CA'])]),
    rule('westRetail', [cond('industry', 'is', 'retail')]),
    rule('westBig', [cond('annualRevenue', 'ge', 1000)]),
    rule('east', [cond('employees', 'ge', 50)]),
    rule('paris', [cond('', 'inRegions', ['FR-IDF'])]),
    // Other kinds and disabled rules play no part in an account run.
    rule('europe', [cond('name', 'isNotEmpty', null)], '', { recordKind: 'lead' }),
    rule('europe', [cond('name', 'isNotEmpty', null)], '', { enabled: false }),
  ];
  const accounts = table('account', [
    { externalId: 'A0', name: 'Zero', region: 'US-CA', industry: 'Retail', annualRevenue: 5000, employees: 10 },
    { externalId: 'A1', name: 'One', region: 'US-CA', industry: 'Energy', annualRevenue: 10, employees: 100 },
    { externalId: 'A2', name: 'Two', region: 'US-NY', industry: 'Retail', annualRevenue: 0, employees: 60 },
    { externalId: 'A3', name: 'Three', country: 'FR', region: 'FR-IDF', employees: 1 },
    { externalId: 'A4', name: 'Gone', region: 'US-CA', industry: 'Retail' },
    { externalId: 'A5', name: 'Five', region: 'US-CA', industry: 'rétail', annualRevenue: 10, employees: 1 },
  ]);
  accounts.deleted[4] = 1;
  return { territories, rules, accounts };
}

function run(mode: MatchMode, extra: Partial<AssignmentRunInput> = {}) {
  const { territories, rules, accounts } = scenario();
  return runAssignment({
    kind: 'account',
    records: accounts,
    territories,
    rules,
    matchMode: mode,
    maxTerritoriesPerRecord: 10,
    ...extra,
  });
}

function ids(assignment: Assignment): string[][] {
  return Array.from({ length: assignment.rowCount }, (_, row) =>
    placementsOf(assignment, row).map((p) => p.territoryId),
  );
}

function flagged(flags: Uint8Array): number[] {
  return [...flags.keys()].filter((row) => flags[row] === 1);
}

describe('assignment run: match modes', () => {
  it('allDeepest: every matching branch, deepest match on each, best priority first', () => {
    const { assignment, problems } = run('allDeepest');
    expect(problems).toEqual([]);
    expect(ids(assignment)).toEqual([
      ['westBig', 'westRetail'],
      ['west', 'eastAll'],
      ['eastAll'],
      [],
      [],
      ['westRetail'],
    ]);
    expect(flagged(assignment.unmatched)).toEqual([3]);
    expect(flagged(assignment.hitLimit)).toEqual([]);
    expect([...assignment.sources]).toEqual(new Array(assignment.sources.length).fill(0));
  });

  it('firstByPriority: one territory, the lowest priority number among the deepest matches', () => {
    const { assignment } = run('firstByPriority');
    expect(ids(assignment)).toEqual([['westBig'], ['west'], ['eastAll'], [], [], ['westRetail']]);
  });

  it('firstByPriority: a tie goes to tree order', () => {
    const { territories, rules, accounts } = scenario();
    const tied = territories.map((t) => (t.id === 'westBig' ? { ...t, priority: 1 } : t));
    const { assignment } = runAssignment({
      kind: 'account',
      records: accounts,
      territories: tied,
      rules,
      matchMode: 'firstByPriority',
      maxTerritoriesPerRecord: 10,
    });
    expect(ids(assignment)[0]).toEqual(['westRetail']);
  });

  it('lowestOnBranch: follows the first matching branch in sibling order down to its lowest match', () => {
    const { assignment } = run('lowestOnBranch');
    expect(ids(assignment)).toEqual([['westRetail'], ['west'], ['eastAll'], [], [], ['westRetail']]);
  });

  it('the root is never an assignment; deleted records are neither assigned nor unmatched', () => {
    for (const mode of ['allDeepest', 'firstByPriority', 'lowestOnBranch'] as const) {
      const { assignment } = run(mode);
      expect(ids(assignment)[3]).toEqual([]);
      expect(assignment.unmatched[3]).toBe(1);
      expect(ids(assignment)[4]).toEqual([]);
      expect(assignment.unmatched[4]).toBe(0);
      expect(assignment.territoryIds[0]).toBe('root');
      expect(assignment.territories.includes(0)).toBe(false);
    }
  });

  it('reports how many records matched each territory', () => {
    const { assignment, matchCounts } = run('allDeepest');
    const count = (id: string) => matchCounts[assignment.territoryIds.indexOf(id)];
    expect(count('root')).toBe(5);
    expect(count('west')).toBe(3);
    expect(count('eastAll')).toBe(2);
    expect(count('paris')).toBe(0);
  });
});

describe('assignment run: hierarchy semantics', () => {
  it("children are tested only on their parent's matches", () => {
    // paris's rule holds for row 3, but europe (no rules, 'none') matches nothing.
    expect(ids(run('allDeepest').assignment)[3]).toEqual([]);
  });

  it("a territory without rules matches what its parent matches ('inherit')", () => {
    const { territories, rules, accounts } = scenario();
    const inheriting = territories.map((t) => (t.id === 'europe' ? { ...t, rulesWhenEmpty: 'inherit' as const } : t));
    const { assignment } = runAssignment({
      kind: 'account',
      records: accounts,
      territories: inheriting,
      rules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
    });
    // Now every record reaches europe; row 3 goes on to paris.
    expect(ids(assignment)[3]).toEqual(['paris']);
    expect(ids(assignment)[2]).toEqual(['europe', 'eastAll']);
  });

  it("a territory without rules matches nothing ('none')", () => {
    const { territories, rules, accounts } = scenario();
    const none = territories.map((t) => (t.id === 'eastAll' ? { ...t, rulesWhenEmpty: 'none' as const } : t));
    const { assignment } = runAssignment({
      kind: 'account',
      records: accounts,
      territories: none,
      rules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
    });
    expect(ids(assignment)[2]).toEqual(['east']);
  });

  it('several enabled rules of one territory must all hold', () => {
    const { territories, rules, accounts } = scenario();
    const more = [...rules, rule('westRetail', [cond('annualRevenue', 'lt', 100)])];
    const { assignment } = runAssignment({
      kind: 'account',
      records: accounts,
      territories,
      rules: more,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
    });
    expect(ids(assignment)[0]).toEqual(['westBig']);
    expect(ids(assignment)[5]).toEqual(['westRetail']);
  });

  it('a rule with a problem matches nothing and is reported', () => {
    const { territories, rules, accounts } = scenario();
    const broken = [...rules, rule('westBig', [cond('shoeSize', 'is', 'x')], '1 AND 2')];
    const { assignment, problems } = runAssignment({
      kind: 'account',
      records: accounts,
      territories,
      rules: broken,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
    });
    expect(problems.map((p) => p.code).sort()).toEqual(['unknownCondition', 'unknownField']);
    expect(problems.every((p) => p.territoryId === 'westBig')).toBe(true);
    expect(ids(assignment)[0]).toEqual(['westRetail']);
  });

  it('patterns combine conditions (OR, NOT)', () => {
    const { territories, accounts } = scenario();
    const rules = [
      rule(
        'west',
        [cond('industry', 'is', 'energy'), cond('employees', 'ge', 50), cond('region', 'is', 'us-ny')],
        '(1 AND 2) OR 3',
      ),
      rule('east', [cond('industry', 'is', 'retail')], 'NOT 1'),
    ];
    const { assignment } = runAssignment({
      kind: 'account',
      records: accounts,
      territories,
      rules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
    });
    // west's children have no rules ('none'), so west is the deepest match there; eastAll inherits from east.
    expect(ids(assignment)).toEqual([[], ['west', 'eastAll'], ['west'], ['eastAll'], [], []]);
  });
});

describe('assignment run: limit', () => {
  it('keeps the best-priority territories up to the limit and flags the record', () => {
    const { assignment } = run('allDeepest', { maxTerritoriesPerRecord: 1 });
    expect(ids(assignment)).toEqual([['westBig'], ['west'], ['eastAll'], [], [], ['westRetail']]);
    expect(flagged(assignment.hitLimit)).toEqual([0, 1]);
  });
});

describe('assignment run: manual assignments', () => {
  it('override rules for their record and keep the source manual', () => {
    const manual = [
      { recordId: 0, territoryId: 'east' },
      { recordId: 3, territoryId: 'paris' },
      { recordId: 3, territoryId: 'west' },
    ];
    const { assignment, ignoredManual } = run('allDeepest', { manual, maxTerritoriesPerRecord: 1 });
    expect(ids(assignment)[0]).toEqual(['east']);
    expect(placementsOf(assignment, 0)).toEqual([{ territoryId: 'east', source: 'manual' }]);
    // Sorted by priority; a manual choice is never cut by the limit.
    expect(ids(assignment)[3]).toEqual(['paris', 'west']);
    expect(assignment.unmatched[3]).toBe(0);
    expect(assignment.hitLimit[0]).toBe(0);
    expect(placementsOf(assignment, 5)).toEqual([{ territoryId: 'westRetail', source: 'rule' }]);
    expect(ignoredManual).toEqual([]);
  });

  it('survive a later run with other rules', () => {
    const manual = [{ recordId: 2, territoryId: 'westRetail' }];
    const first = run('firstByPriority', { manual }).assignment;
    const { territories, accounts } = scenario();
    const second = runAssignment({
      kind: 'account',
      records: accounts,
      territories,
      rules: [rule('west', [cond('industry', 'is', 'energy')])],
      matchMode: 'firstByPriority',
      maxTerritoriesPerRecord: 10,
      manual,
    }).assignment;
    expect(placementsOf(first, 2)).toEqual([{ territoryId: 'westRetail', source: 'manual' }]);
    expect(placementsOf(second, 2)).toEqual([{ territoryId: 'westRetail', source: 'manual' }]);
    expect(ids(second)[0]).toEqual([]);
  });

  it('to unknown territories or records are ignored and listed', () => {
    const manual = [
      { recordId: 0, territoryId: 'nowhere' },
      { recordId: 4, territoryId: 'west' },
      { recordId: 99, territoryId: 'west' },
      { recordId: 0, territoryId: 'root' },
    ];
    const { assignment, ignoredManual } = run('firstByPriority', { manual });
    expect(ignoredManual.map((m) => m.reason)).toEqual(['unknownTerritory', 'unknownRecord', 'unknownRecord', 'root']);
    expect(ids(assignment)[0]).toEqual(['westBig']);
  });
});

describe('assignment run: a subset of records', () => {
  it('runs rules on the scope only; other records keep their current territories', () => {
    const current = run('firstByPriority', { manual: [{ recordId: 1, territoryId: 'paris' }] }).assignment;
    const { territories, accounts } = scenario();
    const next = runAssignment({
      kind: 'account',
      records: accounts,
      territories,
      rules: [rule('east', [cond('name', 'isNotEmpty', null)])],
      matchMode: 'firstByPriority',
      maxTerritoriesPerRecord: 10,
      scope: { rows: Uint32Array.of(5, 0), current },
    }).assignment;
    expect(ids(next)).toEqual([['eastAll'], ['paris'], ['eastAll'], [], [], ['eastAll']]);
    expect(placementsOf(next, 1)[0].source).toBe('manual');
  });
});

describe('assignment run: contacts and deals', () => {
  function accountsRun() {
    const { territories, rules, accounts } = scenario();
    const result = runAssignment({
      kind: 'account',
      records: accounts,
      territories,
      rules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
      manual: [{ recordId: 2, territoryId: 'paris' }],
    });
    return { territories, rules, accounts, assignment: result.assignment };
  }

  it("contacts inherit all their account's territories", () => {
    const { territories, rules, accounts, assignment } = accountsRun();
    const contacts = table('contact', [
      { externalId: 'C0', accountExternalId: 'A0' },
      { externalId: 'C1', accountExternalId: 'A2' },
      { externalId: 'C2', accountExternalId: 'nobody' },
      { externalId: 'C3', accountExternalId: null },
      { externalId: 'C4', accountExternalId: 'A1' },
      { externalId: 'C5', accountExternalId: 'A4' }, // a deleted account
    ]);
    const { assignment: contactAssignment } = runAssignment({
      kind: 'contact',
      records: contacts,
      territories,
      rules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
      accounts: { records: accounts, assignment },
      manual: [{ recordId: 4, territoryId: 'europe' }],
    });
    expect(ids(contactAssignment)).toEqual([['westBig', 'westRetail'], ['paris'], [], [], ['europe'], []]);
    expect(placementsOf(contactAssignment, 0).map((p) => p.source)).toEqual(['inherited', 'inherited']);
    expect(placementsOf(contactAssignment, 4)[0].source).toBe('manual');
    expect(flagged(contactAssignment.unmatched)).toEqual([2, 3, 5]);
  });

  it("deals take their account's best-priority territory, else their own rules, unless set by hand", () => {
    const { territories, rules, accounts, assignment } = accountsRun();
    const deals = table('deal', [
      { externalId: 'D0', accountExternalId: 'A0', amount: 1 },
      { externalId: 'D1', accountExternalId: 'A3', amount: 500 }, // account unmatched: deal rules decide
      { externalId: 'D2', accountExternalId: 'A3', amount: 5 },
      { externalId: 'D3', accountExternalId: 'A1', amount: 500 },
      { externalId: 'D4', accountExternalId: 'A0', amount: 500 },
    ]);
    const dealRules = [
      ...rules,
      rule('east', [cond('amount', 'ge', 100)], '', { recordKind: 'deal' }),
      rule('west', [cond('amount', 'ge', 100)], '', { recordKind: 'deal' }),
    ];
    const { assignment: dealAssignment } = runAssignment({
      kind: 'deal',
      records: deals,
      territories,
      rules: dealRules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
      accounts: { records: accounts, assignment },
      manual: [{ recordId: 4, territoryId: 'paris' }],
    });
    // D0: account in westBig (0) and westRetail (1) -> westBig. D1: rules -> eastAll (5) or west (2): west.
    // D3: account in west (2) and eastAll (5) -> west. D4: by hand.
    expect(ids(dealAssignment)).toEqual([['westBig'], ['west'], [], ['west'], ['paris']]);
    expect(placementsOf(dealAssignment, 0)[0].source).toBe('inherited');
    expect(placementsOf(dealAssignment, 1)[0].source).toBe('rule');
    expect(placementsOf(dealAssignment, 4)[0].source).toBe('manual');
    expect(flagged(dealAssignment.unmatched)).toEqual([2]);
  });
});

describe('rule validation', () => {
  it('lists the problems of a rule as typed, and none for a good one', () => {
    const { accounts } = scenario();
    const where = territory('west', 'root');
    const bad = rule('west', [cond('industry', 'is', ''), cond('employees', 'contains', 'x')], '1 AND (2');
    const problems = validateRule(bad, accounts, where);
    expect(problems.map((p) => [p.code, p.conditionNumber ?? null, p.position ?? null])).toEqual([
      ['unbalancedParenthesis', null, 6],
      ['missingValue', 1, null],
      ['operatorNotForField', 2, null],
    ]);
    expect(validateRule(rule('west', [cond('industry', 'is', 'retail')], '1'), accounts, where)).toEqual([]);
  });
});

describe('assignment run: progress and cancelling', () => {
  const many = [
    territory('root', null),
    ...Array.from({ length: 200 }, (_, i) => territory(`t${i}`, 'root', { sortOrder: i })),
  ];
  const manyRules = many.slice(1).map((t) => rule(t.id, [cond('employees', 'ge', 0)]));

  it('reports progress up to every territory', () => {
    const seen: number[] = [];
    runAssignment({
      kind: 'account',
      records: scenario().accounts,
      territories: many,
      rules: manyRules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 3,
      onProgress: (done, total) => {
        expect(total).toBe(201);
        seen.push(done);
      },
    });
    expect(seen).toEqual([64, 128, 192, 201]);
  });

  it('stops when its signal is aborted', () => {
    const controller = new AbortController();
    const run = () =>
      runAssignment({
        kind: 'account',
        records: scenario().accounts,
        territories: many,
        rules: manyRules,
        matchMode: 'allDeepest',
        maxTerritoriesPerRecord: 3,
        signal: controller.signal,
        onProgress: (done) => {
          if (done >= 64) controller.abort();
        },
      });
    expect(run).toThrow(AssignmentRunCancelled);
  });
});

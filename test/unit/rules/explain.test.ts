import { describe, expect, it } from 'vitest';
import { explainAssignment, type ExplainInput } from '../../../src/model/engine/rules/explain';
import { runAssignment } from '../../../src/model/engine/rules/run';
import type { MatchMode } from '../../../src/shared/domain';
import { cond, rule, table, territory } from './helpers';

/**
 * root
 * ├─ us          country is US
 * │  ├─ retail   industry is retail AND revenue ≥ 1000   (priority 0)
 * │  └─ all      no rules: inherits                      (priority 1)
 * └─ eu          country is any of FR, DE
 */
const territories = [
  territory('root', null),
  territory('us', 'root', { sortOrder: 0, name: 'United States' }),
  territory('retail', 'us', { sortOrder: 0, priority: 0, name: 'US Retail' }),
  territory('all', 'us', { sortOrder: 1, priority: 1, rulesWhenEmpty: 'inherit', name: 'US All' }),
  territory('eu', 'root', { sortOrder: 1, name: 'Europe' }),
];
const rules = [
  rule('us', [cond('country', 'is', 'US')]),
  rule('retail', [cond('industry', 'is', 'retail'), cond('annualRevenue', 'ge', 1000)]),
  rule('eu', [cond('country', 'isAnyOf', ['FR', 'DE'])]),
];
const accounts = table('account', [
  { externalId: 'A0', name: 'Acme', country: 'US', industry: 'Retail', annualRevenue: 5000 },
  { externalId: 'A1', name: 'Bolt', country: 'US', industry: 'Retail', annualRevenue: 10 },
  { externalId: 'A2', name: 'Café', country: 'FR', industry: 'Food' },
]);

function explain(
  row: number,
  territoryId: string,
  extra: Partial<ExplainInput> = {},
  mode: MatchMode = 'firstByPriority',
) {
  const manual = extra.manual ?? [];
  const { assignment } = runAssignment({
    kind: 'account',
    records: accounts,
    territories,
    rules,
    matchMode: mode,
    maxTerritoriesPerRecord: 10,
    manual,
  });
  return explainAssignment({
    kind: 'account',
    records: accounts,
    row,
    territoryId,
    territories,
    rules,
    matchMode: mode,
    assignment,
    manual,
    ...extra,
  });
}

describe('explain', () => {
  it('which rules and conditions held, with the record values', () => {
    const why = explain(0, 'retail');
    expect(why.assigned).toBe(true);
    expect(why.source).toBe('rule');
    expect(why.reason).toBe('rulesMatched');
    expect(why.path.map((c) => [c.territoryId, c.outcome])).toEqual([
      ['us', 'matched'],
      ['retail', 'matched'],
    ]);
    expect(why.path[1].rules[0].conditions.map((c) => [c.number, c.held, c.values])).toEqual([
      [1, true, { industry: 'Retail' }],
      [2, true, { annualRevenue: 5000 }],
    ]);
  });

  it('the first condition that failed, with the value', () => {
    const why = explain(1, 'retail');
    expect(why.assigned).toBe(false);
    expect(why.reason).toBe('ruleFailed');
    expect(why.failedAt?.territoryId).toBe('retail');
    expect(why.failedAt?.rules[0].firstFailed).toBe(2);
    expect(why.summary).toContain('condition 2');
    expect(why.summary).toContain('annualRevenue = 10');
  });

  it('which ancestor failed first', () => {
    const why = explain(2, 'retail');
    expect(why.reason).toBe('ancestorFailed');
    expect(why.failedAt?.territoryId).toBe('us');
    expect(why.path.map((c) => c.territoryId)).toEqual(['us']);
    expect(why.failedAt?.rules[0].conditions[0].values).toEqual({ country: 'FR' });
  });

  it('a territory that inherits, and a match that a better territory took', () => {
    const inherited = explain(1, 'all');
    expect(inherited.reason).toBe('rulesMatched');
    expect(inherited.path[1].outcome).toBe('inherited');
    const taken = explain(0, 'all');
    expect(taken.assigned).toBe(false);
    expect(taken.reason).toBe('notChosen');
    expect(explain(0, 'us').reason).toBe('deeperMatch');
  });

  it('manual', () => {
    const manual = [{ recordId: 2, territoryId: 'retail' }];
    const why = explain(2, 'retail', { manual });
    expect(why.reason).toBe('manual');
    expect(why.assigned).toBe(true);
    expect(why.source).toBe('manual');
    expect(explain(2, 'eu', { manual }).reason).toBe('manualElsewhere');
  });

  it('inherited from the account', () => {
    const { assignment } = runAssignment({
      kind: 'account',
      records: accounts,
      territories,
      rules,
      matchMode: 'firstByPriority',
      maxTerritoriesPerRecord: 10,
    });
    const contacts = table('contact', [
      { externalId: 'C0', accountExternalId: 'A0' },
      { externalId: 'C1', accountExternalId: 'zz' },
    ]);
    const contactRun = runAssignment({
      kind: 'contact',
      records: contacts,
      territories,
      rules,
      matchMode: 'firstByPriority',
      maxTerritoriesPerRecord: 10,
      accounts: { records: accounts, assignment },
    });
    const input: ExplainInput = {
      kind: 'contact',
      records: contacts,
      row: 0,
      territoryId: 'retail',
      territories,
      rules,
      matchMode: 'firstByPriority',
      assignment: contactRun.assignment,
      accounts: { records: accounts, assignment },
    };
    const why = explainAssignment(input);
    expect(why.reason).toBe('inheritedFromAccount');
    expect(why.source).toBe('inherited');
    expect(why.account).toEqual({ row: 0, externalId: 'A0', name: 'Acme', territoryIds: ['retail'] });
    expect(why.summary).toBe('Inherited from account Acme');
    expect(explainAssignment({ ...input, territoryId: 'eu' }).reason).toBe('accountNotHere');
    expect(explainAssignment({ ...input, row: 1 }).reason).toBe('noAccount');
  });

  it('the root, unknown territories and unknown records', () => {
    expect(explain(0, 'root').reason).toBe('root');
    expect(explain(0, 'nowhere').reason).toBe('unknownTerritory');
    expect(explain(9, 'us').reason).toBe('unknownRecord');
  });
});

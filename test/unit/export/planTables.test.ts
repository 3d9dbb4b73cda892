/**
 * The export's per-territory columns that come down the tree: the path below the organisation, the level, and
 * which rule placed a record (a territory without rules that inherits says whose rule it took).
 */
import { describe, expect, it } from 'vitest';
import { ruleLabels, territoryLevels, territoryPaths } from '../../../src/model/export/planTables';
import { cond, rule, territory } from '../rules/helpers';

/**
 * org
 * └─ europe          country isAnyOf FR, BE
 *    ├─ france       no rules, inherits
 *    │  └─ paris     no rules, inherits
 *    └─ belgium      no rules, rulesWhenEmpty none
 * loopA ⇄ loopB      (a broken tree: each the other's parent)
 */
const territories = [
  territory('org', null, { name: 'Organisation' }),
  territory('europe', 'org', { name: 'Europe' }),
  territory('france', 'europe', { name: 'France', rulesWhenEmpty: 'inherit' }),
  territory('paris', 'france', { name: 'Paris', rulesWhenEmpty: 'inherit' }),
  territory('belgium', 'europe', { name: 'Belgium' }),
  territory('loopA', 'loopB', { name: 'A' }),
  territory('loopB', 'loopA', { name: 'B' }),
];
const rules = [rule('europe', [cond('country', 'isAnyOf', ['FR', 'BE'])])];

describe('plan export tables', () => {
  it('names each territory by its path below the organisation, which has none', () => {
    const paths = territoryPaths(territories);
    expect(paths.get('paris')).toBe('Europe > France > Paris');
    expect(paths.get('belgium')).toBe('Europe > Belgium');
    expect(paths.get('europe')).toBe('Europe');
    expect(paths.has('org')).toBe(false);
    // A cycle ends (after 1000 steps) rather than recursing for ever.
    expect(paths.get('loopA')).toMatch(/^(A|B)( > (A|B))*$/);
  });

  it('counts levels from the organisation', () => {
    const levels = territoryLevels(territories);
    expect([...['org', 'europe', 'france', 'paris'].map((id) => levels.get(id))]).toEqual([0, 1, 2, 3]);
    expect(levels.get('loopB')).toBeGreaterThan(0);
  });

  it("says which rule placed a record, and whose when a territory inherits its parent's", () => {
    const labels = ruleLabels(territories, rules, 'account');
    expect(labels.get('europe')).toBe('country isAnyOf FR, BE');
    expect(labels.get('france')).toBe('country isAnyOf FR, BE (from EUROPE)');
    expect(labels.get('paris')).toBe('country isAnyOf FR, BE (from EUROPE) (from FRANCE)');
    expect(labels.get('belgium')).toBe('');
    expect(labels.get('org')).toBe('');
    expect(ruleLabels(territories, rules, 'contact').get('france')).toBe('');
  });
});

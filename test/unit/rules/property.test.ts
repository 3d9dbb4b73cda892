/**
 * The compiled engine against the plain reference evaluator (reference.ts), on random records, random territory
 * trees and random rules: same territories, same order, same sources, same unmatched and limit flags.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAreaIndex } from '../../../src/model/engine/rules/areaIndex';
import { placementsOf } from '../../../src/model/engine/rules/assignment';
import { runAssignment } from '../../../src/model/engine/rules/run';
import type { Condition, MatchMode, Polygon, Territory } from '../../../src/shared/domain';
import { table, territory, type Row } from './helpers';
import { refAssign, refWithinAreas, renderPattern, type RefPattern, type RefRule } from './reference';

const industries = [
  'Retail',
  'retail',
  'RÉTAIL',
  ' Retail  ',
  'Energy',
  'énergie',
  'Rétail & Café',
  'a  b',
  'A B',
  ' ',
  'Île-de-France',
  'ILE_DE_FRANCE',
  'L’Oréal',
  'A&B',
  'Tab\there',
  // Names every JavaScript object has: values that reach a plain object's keys find Object.prototype.
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  null,
];
const needles = [
  'retail',
  'Retail',
  'RÉTAIL',
  'energie',
  'café',
  'cafe',
  'tail',
  'ret',
  'a b',
  'R',
  'Énergie, retail',
  'ile de  france',
  'de-fr',
  "l'oreal",
  'a & b',
  'A&B',
  'tab here',
  '__proto__',
  'constructor',
  'tostring',
  'hasOwnProperty',
];
const postalCodes = [
  '01000',
  '01999',
  '1500',
  '02000',
  '12345-6789',
  '12345',
  'K1A 0B6',
  'k1a0b6',
  '75 011',
  '75011',
  '00-950',
  null,
];
const prefixes = ['0', '01', '015', '1', '12345', 'K1A', 'k1a 0', '75', '00-9', '01000;75'];
const ranges = [
  { from: '01000', to: '01999' },
  { from: '01', to: '02' },
  { from: '75', to: '75' },
  { from: 'K1A', to: 'K1Z' },
  { from: '12000', to: '12999' },
  { from: '02000', to: '01000' },
];
const countries = ['FR', 'fr', 'US', 'DE', ' us ', null];
const regions = ['US-CA', 'us-ny', 'FR-IDF', 'DE-BY', 'CA', null];
const regionCodes = ['FR', 'US', 'US-CA', 'us-ny', 'FR-IDF', 'DE', 'CA'];
const numbers = [null, -1, 0, 5, 10, 100.5, 1000];

/** Evenly spread in [min, max] (fc.double favours values near zero and the bounds, by bit pattern). */
const coordinate = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((n) => n / 1000 + 1e-7);

const recordArb: fc.Arbitrary<Row> = fc.record({
  name: fc.constantFrom(...industries),
  industry: fc.constantFrom(...industries),
  postalCode: fc.constantFrom(...postalCodes),
  country: fc.constantFrom(...countries),
  region: fc.constantFrom(...regions),
  annualRevenue: fc.constantFrom(...numbers),
  employees: fc.constantFrom(...numbers),
  longitude: fc.oneof(fc.constant(null), coordinate(-1, 11), coordinate(-1, 11)),
  latitude: fc.oneof(fc.constant(null), coordinate(-1, 11), coordinate(-1, 11)),
});

const textField = fc.constantFrom('name', 'industry', 'postalCode');
const numberField = fc.constantFrom('annualRevenue', 'employees');

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    field: textField,
    operator: fc.constantFrom('is', 'isNot', 'contains', 'notContains', 'startsWith', 'endsWith'),
    value: fc.constantFrom(...needles),
    exact: fc.boolean(),
  }),
  fc.record({
    field: textField,
    operator: fc.constantFrom('isAnyOf', 'isNoneOf'),
    value: fc.oneof(
      fc.constantFrom(...needles),
      fc.uniqueArray(fc.constantFrom(...needles), { minLength: 1, maxLength: 3 }),
    ),
    exact: fc.boolean(),
  }),
  fc.record({
    field: fc.constantFrom('name', 'industry', 'postalCode', 'annualRevenue', 'employees'),
    operator: fc.constantFrom('isEmpty', 'isNotEmpty'),
    value: fc.constant(null),
  }),
  fc.record({
    field: numberField,
    operator: fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge'),
    value: fc.constantFrom(-1, 0, 5, 10, 100.5, 1000, 7),
  }),
  fc.record({
    field: numberField,
    operator: fc.constant('between'),
    value: fc.tuple(fc.constantFrom(-1, 0, 5, 100.5, 1000), fc.constantFrom(-1, 0, 5, 100.5, 1000)),
  }),
  fc.record({
    field: fc.constant('postalCode'),
    operator: fc.constant('postalStartsWith'),
    value: fc.oneof(
      fc.constantFrom(...prefixes),
      fc.uniqueArray(fc.constantFrom(...prefixes), { minLength: 1, maxLength: 3 }),
    ),
  }),
  fc.record({
    field: fc.constant('postalCode'),
    operator: fc.constant('postalInRanges'),
    value: fc.uniqueArray(fc.constantFrom(...ranges), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    field: fc.constant(''),
    operator: fc.constant('inRegions'),
    value: fc.oneof(fc.constant(null), fc.uniqueArray(fc.constantFrom(...regionCodes), { minLength: 1, maxLength: 3 })),
  }),
  fc.record({ field: fc.constant(''), operator: fc.constant('withinArea'), value: fc.constant(null) }),
) as fc.Arbitrary<Condition>;

function patternArb(conditionCount: number): fc.Arbitrary<RefPattern | null> {
  const leaf = fc.integer({ min: 1, max: conditionCount }).map((n): RefPattern => ({ op: 'cond', n }));
  const tree = fc.letrec<{ node: RefPattern }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({
        op: fc.constantFrom('and' as const, 'or' as const),
        items: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
      }),
      fc.record({ op: fc.constant('not' as const), item: tie('node') }),
    ),
  })).node;
  return fc.oneof(fc.constant(null), tree);
}

/** A random simple polygon: a star around a centre (vertices by increasing angle never cross), maybe with a hole. */
const polygonArb: fc.Arbitrary<Polygon> = fc
  .record({
    cx: coordinate(2, 8),
    cy: coordinate(2, 8),
    radii: fc.array(coordinate(0.5, 4), { minLength: 3, maxLength: 12 }),
    hole: fc.boolean(),
  })
  .map(({ cx, cy, radii, hole }) => {
    const ring = (scale: number): [number, number][] => {
      const points = radii.map((r, i): [number, number] => {
        const angle = (2 * Math.PI * i) / radii.length;
        return [cx + r * scale * Math.cos(angle), cy + r * scale * Math.sin(angle)];
      });
      return [...points, points[0]];
    };
    // A hole a fifth of the size of the smallest radius stays inside the outline.
    const minRadius = Math.min(...radii);
    const holeRing: [number, number][] = [];
    for (let i = 0; i <= 6; i++) {
      const angle = (2 * Math.PI * (i % 6)) / 6;
      holeRing.push([cx + 0.2 * minRadius * Math.cos(angle), cy + 0.2 * minRadius * Math.sin(angle)]);
    }
    return hole ? [ring(1), holeRing] : [ring(1)];
  });

interface Scenario {
  territories: Territory[];
  rules: RefRule[];
  records: Row[];
  deleted: number[];
  mode: MatchMode;
  limit: number;
  manual: { recordId: number; territoryId: string }[];
}

const territoryShapeArb = fc.record({
  parent: fc.nat(),
  sortOrder: fc.integer({ min: 0, max: 3 }),
  priority: fc.integer({ min: 0, max: 3 }),
  inherit: fc.boolean(),
  areas: fc.oneof(fc.constant([] as Polygon[]), fc.array(polygonArb, { minLength: 1, maxLength: 2 })),
  regions: fc.oneof(
    fc.constant([] as string[]),
    fc.uniqueArray(fc.constantFrom(...regionCodes), { minLength: 1, maxLength: 2 }),
  ),
});

const ruleShapeArb = fc
  .record({
    territory: fc.nat(),
    enabled: fc.integer({ min: 0, max: 7 }).map((n) => n > 0),
    lead: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    conditions: fc.array(conditionArb, { minLength: 1, maxLength: 4 }),
  })
  .chain((shape) => patternArb(shape.conditions.length).map((pattern) => ({ ...shape, pattern })));

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    shapes: fc.array(territoryShapeArb, { minLength: 1, maxLength: 8 }),
    ruleShapes: fc.array(ruleShapeArb, { maxLength: 12 }),
    records: fc.array(recordArb, { minLength: 1, maxLength: 40 }),
    deleted: fc.array(fc.nat(), { maxLength: 3 }),
    mode: fc.constantFrom<MatchMode>('allDeepest', 'firstByPriority', 'lowestOnBranch'),
    limit: fc.integer({ min: 1, max: 3 }),
    manual: fc.array(fc.record({ row: fc.nat(), territory: fc.nat() }), { maxLength: 3 }),
  })
  .map(({ shapes, ruleShapes, records, deleted, mode, limit, manual }) => {
    const territories: Territory[] = [territory('t0', null)];
    shapes.forEach((shape, i) => {
      territories.push(
        territory(`t${i + 1}`, `t${shape.parent % (i + 1)}`, {
          sortOrder: shape.sortOrder,
          priority: shape.priority,
          rulesWhenEmpty: shape.inherit ? 'inherit' : 'none',
          geography: { regions: shape.regions, postalPrefixes: [], areas: shape.areas },
        }),
      );
    });
    const rules: RefRule[] = ruleShapes.map((shape, i) => ({
      pattern: shape.pattern,
      rule: {
        id: `r${i}`,
        planId: 'plan',
        territoryId: `t${1 + (shape.territory % shapes.length)}`,
        recordKind: shape.lead ? 'lead' : 'account',
        conditions: shape.conditions,
        pattern: shape.pattern ? renderPattern(shape.pattern) : '',
        enabled: shape.enabled,
      },
    }));
    return {
      territories,
      rules,
      records,
      deleted: deleted.map((d) => d % records.length),
      mode,
      limit,
      manual: manual.map((m) => ({
        recordId: m.row % (records.length + 1),
        territoryId: `t${m.territory % (shapes.length + 2)}`,
      })),
    };
  });

function check(scenario: Scenario): void {
  const records = table('account', scenario.records);
  for (const row of scenario.deleted) records.deleted[row] = 1;
  const { assignment } = runAssignment({
    kind: 'account',
    records,
    territories: scenario.territories,
    rules: scenario.rules.map((r) => r.rule),
    matchMode: scenario.mode,
    maxTerritoriesPerRecord: scenario.limit,
    // Manual to the root or to unknown ids is part of the test: the engine ignores both.
    manual: scenario.manual,
  });
  const expected = refAssign({
    territories: scenario.territories,
    rules: scenario.rules,
    records: scenario.records,
    deleted: new Set(scenario.deleted),
    mode: scenario.mode,
    limit: scenario.limit,
    manual: scenario.manual,
  });
  for (let row = 0; row < scenario.records.length; row++) {
    expect({ row, placements: placementsOf(assignment, row) }).toEqual({ row, placements: expected.placements[row] });
    expect({ row, unmatched: assignment.unmatched[row] === 1 }).toEqual({ row, unmatched: expected.unmatched[row] });
    expect({ row, hitLimit: assignment.hitLimit[row] === 1 }).toEqual({ row, hitLimit: expected.hitLimit[row] });
  }
}

describe('compiled engine = reference evaluator', () => {
  it('on random records, territory trees and rules, in every match mode', () => {
    fc.assert(fc.property(scenarioArb, check), { numRuns: 400 });
  });

  it('on larger tables, where scans decide whole dictionaries up front', () => {
    const big = scenarioArb.chain((s) =>
      fc.array(recordArb, { minLength: 200, maxLength: 400 }).map((records) => ({ ...s, records })),
    );
    // No shrinking: on hundreds of records it would take minutes; the failing row is named in the message anyway.
    fc.assert(fc.property(big, check), { numRuns: 40, endOnFailure: true });
  });

  it('on sibling territories sharing one key pass over a large parent, where AND operands are also sampled', () => {
    // Two levels of siblings whose first condition is on the same picklist or the same prefix length.
    const keyed: fc.Arbitrary<Condition> = fc.oneof(
      fc.record({
        field: fc.constant('industry'),
        operator: fc.constantFrom('is', 'isAnyOf', 'isNot', 'isNoneOf', 'startsWith'),
        value: fc.uniqueArray(fc.constantFrom(...needles), { minLength: 1, maxLength: 3 }),
        exact: fc.boolean(),
      }),
      fc.record({
        field: fc.constant('postalCode'),
        operator: fc.constant('postalStartsWith'),
        value: fc.uniqueArray(fc.constantFrom('0', '1', '7', 'K', '9'), { minLength: 1, maxLength: 3 }),
      }),
    ) as fc.Arbitrary<Condition>;
    const siblingRule = fc.record({ first: keyed, more: fc.array(conditionArb, { maxLength: 2 }), or: fc.boolean() });
    const shared = fc
      .record({
        fanOut: fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 })),
        rules: fc.array(siblingRule, { minLength: 20, maxLength: 20 }),
        records: fc.array(recordArb, { minLength: 2100, maxLength: 2400 }),
        mode: fc.constantFrom<MatchMode>('allDeepest', 'firstByPriority', 'lowestOnBranch'),
        inherit: fc.boolean(),
      })
      .map(({ fanOut, rules, records, mode, inherit }): Scenario => {
        const territories = [territory('t0', null)];
        const refRules: RefRule[] = [];
        let n = 0;
        const add = (parent: string): string => {
          const id = `t${++n}`;
          territories.push(territory(id, parent, { sortOrder: n % 3, priority: n % 4 }));
          const shape = rules[n % rules.length];
          const conditions = [shape.first, ...shape.more];
          // Sometimes an OR, which no longer lets the key decide alone: the run must not use the shared pass then.
          const pattern: RefPattern | null =
            shape.or && conditions.length > 1
              ? {
                  op: 'or',
                  items: [
                    { op: 'cond', n: 1 },
                    { op: 'cond', n: 2 },
                  ],
                }
              : null;
          refRules.push({
            pattern,
            rule: {
              id: `r${n}`,
              planId: 'plan',
              territoryId: id,
              recordKind: 'account',
              conditions,
              pattern: pattern ? renderPattern(pattern) : '',
              enabled: true,
            },
          });
          return id;
        };
        // The first level inherits (or not) so that its children see the whole table.
        for (let a = 0; a < fanOut[0]; a++) {
          const parent = `t${++n}`;
          territories.push(territory(parent, 't0', { sortOrder: a, rulesWhenEmpty: inherit ? 'inherit' : 'none' }));
          for (let b = 0; b < fanOut[1]; b++) add(parent);
        }
        return { territories, rules: refRules, records, deleted: [3], mode, limit: 2, manual: [] };
      });
    fc.assert(fc.property(shared, check), { numRuns: 20, endOnFailure: true });
  }, 120_000);
});

describe('drawn area index = plain ray cast', () => {
  it('on random polygons with holes and random points', () => {
    fc.assert(
      fc.property(
        fc.array(polygonArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(coordinate(-1, 11), coordinate(-1, 11)), {
          minLength: 1,
          maxLength: 200,
        }),
        (areas, points) => {
          const index = buildAreaIndex(areas);
          for (const [x, y] of points) expect(index.contains(x, y)).toBe(refWithinAreas(areas, x, y));
        },
      ),
      { numRuns: 300 },
    );
  });
});

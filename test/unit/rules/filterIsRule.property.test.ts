/**
 * One predicate language: an Accounts filter and a rule with the same conditions select the same rows. The filter
 * goes the way the records service takes it (selectRows, then matchingRows's search and sort); the rule goes
 * through a whole assignment run (one territory under the root, its rule's conditions all AND'ed). Both are also
 * checked against the plain reference evaluator (reference.ts), and ISO dates against a day-by-day reading.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placementsOf } from '../../../src/model/engine/rules/assignment';
import { runAssignment } from '../../../src/model/engine/rules/run';
import { selectRows } from '../../../src/model/engine/rules/select';
import { matchingRows } from '../../../src/model/records/query';
import { appendRow, createRecordTable, type RecordTable } from '../../../src/model/records/recordTable';
import { operatorFits, operatorsFor } from '../../../src/shared/conditions';
import type { Condition, ConditionOperator, FieldDef, FieldType } from '../../../src/shared/domain';
import { coreFieldDefs } from '../../../src/shared/records';
import { territory, type Row } from './helpers';
import { refCondition } from './reference';

const signedOn: FieldDef = { kind: 'account', key: 'signedOn', label: 'Signed on', type: 'date', custom: true };
const fields = [...coreFieldDefs('account'), signedOn];
const typeOf = (key: string): FieldType => fields.find((f) => f.key === key)!.type;

const texts = [
  'Retail',
  'RÉTAIL',
  ' retail ',
  'Île-de-France',
  'ILE_DE_FRANCE',
  'ile de  france',
  'L’Oréal',
  'A&B',
  '',
];
const needles = ['retail', 'Retail', 'île de france', 'ile-de-france', "l'oreal", 'A&B', 'a b', 'de', 'tail', 'É'];
const postals = ['01000', '01999', '12345-6789', 'K1A 0B6', '75011', '', '1500'];
const numbers = [null, -1, 0, 5, 10, 100.5, 1000];
const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
// Records signed at midnight, mid-day and just before the next midnight, around the days the conditions name.
const instants = [
  null,
  day('2024-05-02'),
  day('2024-05-03'),
  day('2024-05-03') + 13 * 3_600_000,
  day('2024-05-04') - 1,
];
const isoDays = ['2024-05-02', '2024-05-03', '2024-05-04'];

const record = fc.record({
  name: fc.constantFrom(...texts),
  industry: fc.constantFrom(...texts),
  postalCode: fc.constantFrom(...postals),
  employees: fc.constantFrom(...numbers),
  signedOn: fc.constantFrom(...instants),
});

const textCondition = fc.record({
  field: fc.constantFrom('name', 'industry'),
  operator: fc.constantFrom(...operatorsFor('text').filter((o) => o !== 'isEmpty' && o !== 'isNotEmpty')),
  value: fc.constantFrom(...needles),
  exact: fc.boolean(),
});
const listCondition = fc.record({
  field: fc.constantFrom('name', 'industry', 'postalCode'),
  operator: fc.constantFrom<ConditionOperator>('isAnyOf', 'isNoneOf'),
  value: fc.uniqueArray(fc.constantFrom(...needles), { minLength: 1, maxLength: 3 }),
  exact: fc.boolean(),
});
const postalCondition = fc.oneof(
  fc.record({
    field: fc.constant('postalCode'),
    operator: fc.constant<ConditionOperator>('postalStartsWith'),
    value: fc.uniqueArray(fc.constantFrom('0', '01', '12345', 'K1A', '75'), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    field: fc.constant('postalCode'),
    operator: fc.constant<ConditionOperator>('postalInRanges'),
    value: fc.constantFrom([{ from: '01000', to: '01999' }], [{ from: '70', to: '79' }]),
  }),
);
const numberCondition = fc.oneof(
  fc.record({
    field: fc.constant('employees'),
    operator: fc.constantFrom<ConditionOperator>('eq', 'ne', 'lt', 'le', 'gt', 'ge'),
    value: fc.constantFrom(-1, 0, 5, 100.5, 1000),
  }),
  fc.record({
    field: fc.constant('employees'),
    operator: fc.constant<ConditionOperator>('between'),
    value: fc.tuple(fc.constantFrom(-1, 0, 5, 1000), fc.constantFrom(0, 10, 100.5)),
  }),
);
const dateCondition = fc.oneof(
  fc.record({
    field: fc.constant('signedOn'),
    operator: fc.constantFrom<ConditionOperator>('eq', 'ne', 'lt', 'le', 'gt', 'ge'),
    value: fc.constantFrom(...isoDays),
  }),
  fc.record({
    field: fc.constant('signedOn'),
    operator: fc.constant<ConditionOperator>('between'),
    value: fc.tuple(fc.constantFrom(...isoDays), fc.constantFrom(...isoDays)),
  }),
);
const emptiness = fc.record({
  field: fc.constantFrom('name', 'postalCode', 'employees', 'signedOn'),
  operator: fc.constantFrom<ConditionOperator>('isEmpty', 'isNotEmpty'),
  value: fc.constant(null),
});
// Operators that do not fit their field: both must refuse them.
const misfit = fc
  .constantFrom<[string, ConditionOperator]>(
    ['employees', 'contains'],
    ['signedOn', 'startsWith'],
    ['employees', 'postalStartsWith'],
    ['name', 'gt'],
    ['industry', 'between'],
  )
  .map(([field, operator]) => ({ field, operator, value: '1' }));
const condition: fc.Arbitrary<Condition> = fc
  .oneof(textCondition, listCondition, postalCondition, numberCondition, dateCondition, emptiness, misfit)
  .map((c) => {
    const out = { ...c } as Condition;
    if (out.exact !== true) delete out.exact;
    return out;
  });

function tableOf(rows: readonly Row[], deleted: readonly number[]): RecordTable {
  const t = createRecordTable('account', fields);
  for (const row of rows) appendRow(t, row);
  for (const row of deleted) t.deleted[row % rows.length] = 1;
  return t;
}

/** The Accounts view's answer: the service's composition of the engine's selection and the query's ordering. */
function accountsFilter(t: RecordTable, conditions: Condition[]): number[] | 'refused' {
  const selection = selectRows(t, conditions);
  if (!selection.ok) return 'refused';
  return Array.from(matchingRows(t, { filterKey: JSON.stringify(conditions) }, () => selection.rows));
}

/** The rule engine's answer: the rows a run places in the one territory whose rule has these conditions. */
function ruleEngine(t: RecordTable, conditions: Condition[]): number[] | 'refused' {
  const { assignment, problems } = runAssignment({
    kind: 'account',
    records: t,
    territories: [territory('root', null), territory('t1', 'root')],
    rules: [
      { id: 'r1', planId: 'plan', territoryId: 't1', recordKind: 'account', conditions, pattern: '', enabled: true },
    ],
    matchMode: 'allDeepest',
    maxTerritoriesPerRecord: 1,
    manual: [],
  });
  if (problems.length > 0) return 'refused';
  const rows: number[] = [];
  for (let row = 0; row < t.rowCount; row++) {
    if (placementsOf(assignment, row).some((p) => p.territoryId === 't1')) rows.push(row);
  }
  return rows;
}

/** Dates read day by day, written here from the definition: an ISO day is the whole UTC day. */
function refDate(c: Condition, v: number | null): boolean {
  if (v === null) return c.operator === 'isEmpty';
  if (c.operator === 'isNotEmpty') return true;
  if (c.operator === 'isEmpty') return false;
  const start = (iso: unknown) => day(String(iso));
  const end = (iso: unknown) => day(String(iso)) + DAY - 1;
  if (c.operator === 'between') {
    const [a, b] = c.value as [string, string];
    return v >= Math.min(start(a), start(b)) && v <= Math.max(end(a), end(b));
  }
  const s = start(c.value);
  const e = end(c.value);
  return { eq: v >= s && v <= e, ne: v < s || v > e, lt: v < s, le: v <= e, gt: v > e, ge: v >= s }[c.operator as 'eq'];
}

function fits(c: Condition): boolean {
  return operatorFits(typeOf(c.field), c.field, c.operator);
}

function reference(rows: readonly Row[], deleted: ReadonlySet<number>, conditions: Condition[]): number[] {
  const t = territory('t1', 'root');
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (deleted.has(i)) return;
    const holds = conditions.every((c) =>
      c.field === 'signedOn' ? refDate(c, row.signedOn as number | null) : refCondition(c, row, t),
    );
    if (holds) out.push(i);
  });
  return out;
}

describe('Accounts filter = rule engine', () => {
  it('select the same rows for random records and conditions, and match the reference', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(condition, { minLength: 1, maxLength: 3 }),
        (rows, deletedRows, conditions) => {
          const t = tableOf(rows, deletedRows);
          const filter = accountsFilter(t, conditions);
          const rule = ruleEngine(t, conditions);
          expect(filter).toEqual(rule);
          if (!conditions.every(fits)) {
            expect(filter).toBe('refused');
            return;
          }
          const deleted = new Set(deletedRows.map((d) => d % rows.length));
          expect(filter).toEqual(reference(rows, deleted, conditions));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('read an ISO day as the whole day, in filters and rules alike', () => {
    const rows: Row[] = instants.map((signedOn) => ({ name: 'x', signedOn }));
    const t = tableOf(rows, []);
    const on: Condition[] = [{ field: 'signedOn', operator: 'eq', value: '2024-05-03' }];
    // Midnight, 13:00 and 23:59:59.999 on 3 May; not 2 May, not an empty date.
    expect(accountsFilter(t, on)).toEqual([2, 3, 4]);
    expect(ruleEngine(t, on)).toEqual([2, 3, 4]);
    const after: Condition[] = [{ field: 'signedOn', operator: 'gt', value: '2024-05-02' }];
    expect(accountsFilter(t, after)).toEqual([2, 3, 4]);
    // A date that does not exist, or a local format, is refused the same way by both.
    for (const value of ['2024-02-30', '03/05/2024']) {
      const bad: Condition[] = [{ field: 'signedOn', operator: 'eq', value }];
      expect(accountsFilter(t, bad)).toBe('refused');
      expect(ruleEngine(t, bad)).toBe('refused');
    }
  });

  it('fold text as the hint says, and "exact" compares character for character', () => {
    const rows: Row[] = ['Île-de-France', 'ILE_DE_FRANCE', 'ile de  france', 'Ile de France', 'A&B', 'A B'].map(
      (name) => ({ name }),
    );
    const t = tableOf(rows, []);
    const is = (value: string, exact?: boolean): Condition[] => [
      { field: 'name', operator: 'is', value, ...(exact ? { exact } : {}) },
    ];
    expect(accountsFilter(t, is('ile de france'))).toEqual([0, 1, 2, 3]);
    expect(ruleEngine(t, is('ile de france'))).toEqual([0, 1, 2, 3]);
    expect(accountsFilter(t, is('a b'))).toEqual([5]);
    expect(accountsFilter(t, is('Île-de-France', true))).toEqual([0]);
    expect(accountsFilter(t, is('ile de  france', true))).toEqual([2]);
  });
});

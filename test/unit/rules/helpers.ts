/** Small builders for rule engine tests: record tables from plain rows, territories, rules. */
import type { Condition, RecordKind, Rule, Territory } from '../../../src/shared/domain';
import { emptyGeography } from '../../../src/shared/domain';
import { coreFieldDefs } from '../../../src/shared/records';
import { appendRow, createRecordTable, type CellValue, type RecordTable } from '../../../src/model/records/recordTable';
import { canonicalOf } from '../../../src/model/records/placesUpgrade';
import { placeFieldKeys } from '../../../src/shared/places';
import { places } from '../import/helpers';

export type Row = Record<string, CellValue>;

/**
 * A row as an import would store it: with its canonical places resolved from its place text (unless given), for
 * the kinds that have places.
 */
const resolved = new Map<string, ReturnType<typeof canonicalOf>>();

export function withPlaces(kind: RecordKind, row: Row): Row {
  if (kind === 'deal' || placeFieldKeys.country in row) return row;
  const text = (key: string) => (typeof row[key] === 'string' ? (row[key] as string) : '');
  const address = {
    country: text('country'),
    region: text('region'),
    postal: text('postalCode'),
    city: text('city'),
    precision: text('geoPrecision'),
  };
  const id = Object.values(address).join('\u0000');
  let keys = resolved.get(id);
  if (!keys) resolved.set(id, (keys = canonicalOf(places, address)));
  const out: Row = { ...row };
  for (const [key, value] of Object.entries(keys)) out[key] = value === '' ? null : value;
  return out;
}

export function table(kind: RecordKind, rows: readonly Row[]): RecordTable {
  const records = createRecordTable(kind, coreFieldDefs(kind));
  for (const row of rows) appendRow(records, withPlaces(kind, row));
  return records;
}

export function territory(id: string, parentId: string | null, extra: Partial<Territory> = {}): Territory {
  return {
    id,
    planId: 'plan',
    parentId,
    name: id,
    code: id.toUpperCase(),
    description: '',
    color: '#336699',
    typeLabel: '',
    sortOrder: 0,
    priority: 0,
    rulesWhenEmpty: 'none',
    geography: emptyGeography(),
    ...extra,
  };
}

let ruleCounter = 0;

export function rule(territoryId: string, conditions: Condition[], pattern = '', extra: Partial<Rule> = {}): Rule {
  return {
    id: `rule-${++ruleCounter}`,
    planId: 'plan',
    territoryId,
    recordKind: 'account',
    conditions,
    pattern,
    enabled: true,
    ...extra,
  };
}

export function cond(
  field: string,
  operator: Condition['operator'],
  value: Condition['value'],
  exact?: boolean,
): Condition {
  return exact === undefined ? { field, operator, value } : { field, operator, value, exact };
}

/** A square area [lon, lat] from (x0, y0) to (x1, y1), as a closed GeoJSON ring. */
export function square(x0: number, y0: number, x1: number, y1: number): [number, number][] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

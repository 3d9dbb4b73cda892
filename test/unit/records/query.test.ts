// The records query against a plain evaluation of the same search and filters, on a table large enough that
// names and IDs go through the joined-dictionary paths (more than 65,536 distinct values).
import { describe, expect, it } from 'vitest';
import { appendRow, createRecordTable, getCell, type RecordTable } from '../../../src/model/records/recordTable';
import { matchingRows } from '../../../src/model/records/query';
import { selectRows } from '../../../src/model/engine/rules/select';
import { foldText } from '../../../src/shared/conditions';
import type { Condition } from '../../../src/shared/domain';
import { coreFieldDefs } from '../../../src/shared/records';

const cities = ['Paris', 'Lyon', 'Zürich', 'São Paulo', 'Montréal', ''];

function table(rows: number): RecordTable {
  const t = createRecordTable('account', coreFieldDefs('account'));
  for (let i = 0; i < rows; i++) {
    appendRow(t, {
      externalId: `ID-${i}`,
      name: i % 97 === 0 ? `Société ${i}\nsecond line` : `Account ${i}`,
      city: cities[i % cities.length],
      employees: i % 11 === 0 ? null : i % 1000,
      geoPrecision: i % 3 === 0 ? 'city' : 'postal',
    });
  }
  return t;
}

function plain(t: RecordTable, words: string[], keep: (r: number) => boolean): number[] {
  const rows: number[] = [];
  const textKeys = t.fields.filter((f) => t.columns.get(f.key)?.type === 'text').map((f) => f.key);
  for (let r = 0; r < t.rowCount; r++) {
    if (!keep(r)) continue;
    const texts = textKeys.map((k) => foldText(String(getCell(t, k, r) ?? '')));
    if (words.every((w) => texts.some((text) => text.includes(w)))) rows.push(r);
  }
  return rows;
}

/** The Accounts view's query: filters selected by the rule engine, then searched and sorted. */
function filtered(t: RecordTable, search: string | undefined, filters: Condition[]): Uint32Array {
  return matchingRows(t, { search, filterKey: JSON.stringify(filters) }, () => {
    const selection = selectRows(t, filters);
    if (!selection.ok) throw new Error(selection.problem.message);
    return selection.rows;
  });
}

describe('matchingRows', () => {
  const big = table(70_000);

  it('finds every word in some field, ignoring case and accents, as a row-by-row test would', () => {
    for (const search of [
      'account 4321',
      '4321',
      'societe',
      'zurich 12',
      'paulo account 5',
      'line',
      'nothing-here',
      'a',
    ]) {
      const words = foldText(search).split(/\s+/);
      expect(Array.from(matchingRows(big, { search })), search).toEqual(plain(big, words, () => true));
    }
  });

  it('combines filters and search, and contains / not contains on a large dictionary', () => {
    const employees = (r: number) => getCell(big, 'employees', r) as number | null;
    const found = filtered(big, 'lyon', [{ field: 'employees', operator: 'gt', value: 900 }]);
    expect(Array.from(found)).toEqual(plain(big, ['lyon'], (r) => (employees(r) ?? -1) > 900));
    const contains = filtered(big, undefined, [{ field: 'name', operator: 'contains', value: '999' }]);
    expect(Array.from(contains)).toEqual(
      plain(big, [], (r) => foldText(String(getCell(big, 'name', r))).includes('999')),
    );
    const not = filtered(big, undefined, [{ field: 'name', operator: 'notContains', value: 'account' }]);
    expect(not.length).toBe(Math.ceil(70_000 / 97));
  });

  it('sorts text by the collated dictionary order and keeps empty values last', () => {
    const small = table(30);
    const byCity = Array.from(matchingRows(small, { sort: { field: 'city', direction: 'asc' } })).map((r) =>
      getCell(small, 'city', r),
    );
    expect(byCity.slice(0, 5)).toEqual(['Lyon', 'Lyon', 'Lyon', 'Lyon', 'Lyon']);
    expect(byCity.slice(-5)).toEqual([null, null, null, null, null]);
    const down = Array.from(matchingRows(small, { sort: { field: 'employees', direction: 'desc' } })).map((r) =>
      getCell(small, 'employees', r),
    );
    expect(down[0]).toBe(29);
    expect(down.slice(-3)).toEqual([null, null, null]);
  });
});

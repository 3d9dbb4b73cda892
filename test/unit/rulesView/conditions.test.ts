/** The rule editor's helpers: operators by field type, pasted lists and postal ranges, renumbered patterns. */
import { describe, expect, it } from 'vitest';
import { placeFieldKeys } from '../../../src/shared/places';
import { conditionOperator, fieldTypes, type Condition } from '../../../src/shared/domain';
import {
  describeCondition,
  operatorsFor,
  placeCodesOf,
  parseList,
  parsePostalRanges,
  renumberAfterMove,
  renumberAfterRemove,
  valueFor,
  valueShape,
} from '../../../src/renderer/app/views/rules/conditions';

describe('rule editor helpers', () => {
  it('offers operators by field type', () => {
    expect(operatorsFor('picklist')).toContain('isAnyOf');
    expect(operatorsFor('money')).toEqual(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'isEmpty', 'isNotEmpty']);
    expect(operatorsFor('postalCode').slice(0, 2)).toEqual(['postalStartsWith', 'postalInRanges']);
    expect(operatorsFor('geography')).toEqual(['inRegions', 'withinArea']);
    expect(valueShape('between', 'date')).toBe('dateRange');
    expect(valueShape('isEmpty', 'text')).toBe('none');
    expect(operatorsFor('text')[0]).toBe('is');
    expect(operatorsFor('text').slice(-2)).toEqual(['isEmpty', 'isNotEmpty']);
  });

  it('offers every operator the contract knows for some field type, and the contract lists each once', () => {
    const offered = new Set([...fieldTypes, 'geography' as const].flatMap((type) => operatorsFor(type)));
    expect([...offered].sort()).toEqual([...conditionOperator.options].sort());
    expect(new Set(conditionOperator.options).size).toBe(conditionOperator.options.length);
  });

  it('keeps what fits of a value when the operator changes', () => {
    expect(valueFor('list', 'FR')).toEqual(['FR']);
    expect(valueFor('text', ['FR', 'DE'])).toBe('FR');
    expect(valueFor('numberRange', 5)).toBeNull();
    expect(valueFor('none', ['x'])).toBeNull();
  });

  it('reads a pasted spreadsheet column or a typed list, keeping leading zeros', () => {
    expect(parseList('01000\r\n02100\r\n\r\n 75 ; 92,01000\t13')).toEqual(['01000', '02100', '75', '92', '13']);
  });

  it('reads postal ranges written in several ways, and says which are not ranges', () => {
    expect(parsePostalRanges('01000–01999\n20000-20999, 75000..75999\nK1A to K1Z\noops')).toEqual({
      ranges: [
        { from: '01000', to: '01999' },
        { from: '20000', to: '20999' },
        { from: '75000', to: '75999' },
        { from: 'K1A', to: 'K1Z' },
      ],
      bad: ['oops'],
    });
  });

  it('renumbers a pattern when conditions move or go', () => {
    // Condition 1 moves down one place: 1 becomes 2, 2 becomes 1.
    expect(renumberAfterMove('(1 AND 2) OR 3', 0, 1)).toBe('(2 AND 1) OR 3');
    expect(renumberAfterMove('1 OR (2 AND 3)', 2, 0)).toBe('2 OR (3 AND 1)');
    // Removing condition 2: 3 becomes 2, and a reference to 2 asks to be fixed.
    expect(renumberAfterRemove('(1 AND 3) OR 4', 1)).toBe('(1 AND 2) OR 3');
    expect(renumberAfterRemove('1 AND 2', 1)).toBe('1 AND ?');
  });

  it('reads place conditions back by their names, and only those', () => {
    const names: Record<string, string> = { 'DE-BY': 'Bavière', 'US-CA': 'Californie', DE: 'Allemagne' };
    const namer = (code: string) => names[code] ?? code;
    const region: Condition = { field: placeFieldKeys.region, operator: 'isAnyOf', value: ['DE-BY', 'US-CA', 'XX-1'] };
    const country: Condition = { field: placeFieldKeys.country, operator: 'is', value: 'DE' };
    const inRegions: Condition = { field: '', operator: 'inRegions', value: ['DE', 'US-CA'] };
    const industry: Condition = { field: 'industry', operator: 'isAnyOf', value: ['DE-BY', 'Retail'] };
    expect(placeCodesOf([region, country, inRegions, industry])).toEqual(['DE', 'DE-BY', 'US-CA', 'XX-1']);
    expect(describeCondition(region, [], namer)).toMatch(/ Bavière, Californie, XX-1$/);
    expect(describeCondition(country, [], namer)).toMatch(/ Allemagne$/);
    expect(describeCondition(inRegions, [], namer)).toMatch(/(^| )Allemagne, Californie$/);
    // Not a place condition: its values are shown as written, even one that looks like a code.
    expect(describeCondition(industry, [], namer)).toMatch(/ DE-BY, Retail$/);
    // Without names (not loaded yet), the codes.
    expect(describeCondition(region, [])).toMatch(/ DE-BY, US-CA, XX-1$/);
  });
});

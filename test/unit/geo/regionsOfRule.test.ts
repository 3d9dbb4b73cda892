import { describe, expect, it } from 'vitest';
import { regionsOfConditions } from '../../../src/model/engine/geo/regionsOfRule';

describe('regions a rule names', () => {
  it('takes the most precise place level of a place-only rule', () => {
    expect(regionsOfConditions([{ field: 'countryCode', operator: 'is', value: 'FR' }])).toEqual(['FR']);
    expect(
      regionsOfConditions([
        { field: 'countryCode', operator: 'is', value: 'FR' },
        { field: 'regionCode', operator: 'isAnyOf', value: ['fr-idf', 'FR-HDF', 'FR-IDF'] },
      ]),
    ).toEqual(['FR-IDF', 'FR-HDF']);
    expect(regionsOfConditions([{ field: 'subregionCode', operator: 'is', value: 'US-06037' }])).toEqual(['US-06037']);
  });

  it('names nothing for rules that are not about places only, or not "is / is any of"', () => {
    expect(regionsOfConditions([])).toEqual([]);
    expect(
      regionsOfConditions([
        { field: 'countryCode', operator: 'is', value: 'GB' },
        { field: 'city', operator: 'isAnyOf', value: ['London'] },
      ]),
    ).toEqual([]);
    expect(regionsOfConditions([{ field: 'countryCode', operator: 'isNoneOf', value: ['FR'] }])).toEqual([]);
    expect(regionsOfConditions([{ field: 'countryCode', operator: 'isEmpty', value: null }])).toEqual([]);
    expect(regionsOfConditions([{ field: 'countryCode', operator: 'is', value: 'France' }])).toEqual([]);
  });

  it('keeps only the places two conditions on one field both name', () => {
    expect(
      regionsOfConditions([
        { field: 'countryCode', operator: 'isAnyOf', value: ['FR', 'DE', 'IT'] },
        { field: 'countryCode', operator: 'isAnyOf', value: ['DE', 'IT', 'ES'] },
      ]),
    ).toEqual(['DE', 'IT']);
  });
});

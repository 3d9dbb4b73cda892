/**
 * Issue #15: the level labels the app wrote itself (the sample plan's "Region", "District"..., Start from data's
 * field keys) are worded in the UI language; a label the planner typed shows as typed.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWords } from '../i18nSetup';
import { levelLabelText } from '../../../src/renderer/app/modelWords';

beforeAll(() => initWords('fr'));

describe('level labels in the planner’s words', () => {
  it('words the sample’s levels and generated ones in French', async () => {
    await i18next.changeLanguage('fr');
    expect(['Organisation', 'Region', 'District', 'Territory'].map(levelLabelText)).toEqual([
      'Organisation',
      'Région',
      'Zone',
      'Territoire',
    ]);
    expect(levelLabelText('country')).toBe('Pays');
    expect(levelLabelText('industry')).toBe('Secteur');
  });

  it('keeps English in English, and what the planner typed as typed', async () => {
    await i18next.changeLanguage('en');
    expect(levelLabelText('Region')).toBe('Region');
    expect(levelLabelText('country')).toBe('Country');
    await i18next.changeLanguage('fr');
    expect(levelLabelText('Zone Sud')).toBe('Zone Sud');
    expect(levelLabelText('Key accounts')).toBe('Key accounts');
    // Not a key path: a label with a dot or of another case stays as typed.
    expect(levelLabelText('generate.title')).toBe('generate.title');
    expect(levelLabelText('REGION')).toBe('REGION');
  });
});

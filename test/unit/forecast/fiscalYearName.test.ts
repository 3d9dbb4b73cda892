// A fiscal year's name in the UI: named after the year it ends in, with its months when it does not start in January.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFiscalYear } from '../../../src/renderer/app/i18n';
import { en } from '../../../src/renderer/app/i18n/en';
import { fr } from '../../../src/renderer/app/i18n/fr';

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: 'en' });
});

describe('formatFiscalYear', () => {
  it('names a calendar fiscal year by its year, in the UI language', async () => {
    await i18next.changeLanguage('en');
    expect(formatFiscalYear(2027, 1)).toBe('FY2027');
    await i18next.changeLanguage('fr');
    expect(formatFiscalYear(2027, 1)).toBe('Exercice 2027');
  });

  // Intl puts thin spaces around the range's dash.
  it('gives the first and last month of a year that starts later', async () => {
    await i18next.changeLanguage('en');
    expect(formatFiscalYear(2027, 4)).toBe('FY2027 (Apr 2026\u2009–\u2009Mar 2027)');
    expect(formatFiscalYear(2027, 2)).toBe('FY2027 (Feb 2026\u2009–\u2009Jan 2027)');
    expect(formatFiscalYear(2026, 12)).toBe('FY2026 (Dec 2025\u2009–\u2009Nov 2026)');
    await i18next.changeLanguage('fr');
    expect(formatFiscalYear(2027, 7)).toBe('Exercice 2027 (juil. 2026\u2009–\u2009juin 2027)');
  });
});

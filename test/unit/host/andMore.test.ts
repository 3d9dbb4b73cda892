// "and N more" under a cut list: one wording app-wide, the count in the UI language's numbers and plural.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { andMoreText } from '../../../src/renderer/app/components/AndMore';
import { en } from '../../../src/renderer/app/i18n/en';
import { fr } from '../../../src/renderer/app/i18n/fr';

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: 'en' });
});

describe('andMoreText', () => {
  it('says how many were left out, in English and in French', async () => {
    await i18next.changeLanguage('en');
    expect(andMoreText(1)).toBe('and 1 more');
    expect(andMoreText(2219)).toBe('and 2,219 more');
    await i18next.changeLanguage('fr');
    expect(andMoreText(1)).toBe('et 1 autre');
    expect(andMoreText(2219)).toBe('et 2\u202f219 autres');
  });
});

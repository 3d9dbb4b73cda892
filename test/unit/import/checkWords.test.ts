// The check step's option to take rows with a doubtful value: singular and plural, in both languages.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { initWords } from '../i18nSetup';

const words = (count: number) => i18next.t('imports.includeWarnings', { count, formatted: String(count) });

describe('the check step’s words', () => {
  it('says "the row" for one doubtful row and counts more, in English and French', async () => {
    await initWords('en');
    expect(words(1)).toBe('Also import the row with a doubtful value (its problem says what is kept)');
    expect(words(3)).toBe('Also import the 3 rows with a doubtful value (each problem says what is kept)');
    await i18next.changeLanguage('fr');
    expect(words(1)).toBe('Importer aussi la ligne avec une valeur douteuse (son problème dit ce qui est gardé)');
    expect(words(3)).toBe(
      'Importer aussi les 3 lignes avec une valeur douteuse (chaque problème dit ce qui est gardé)',
    );
  });
});

/** The app's English and French words loaded into i18next, for unit tests of code that words things. */
import i18next from 'i18next';
import { en } from '../../src/renderer/app/i18n/en';
import { fr } from '../../src/renderer/app/i18n/fr';

export async function initWords(lng: 'en' | 'fr'): Promise<void> {
  await i18next.init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
}

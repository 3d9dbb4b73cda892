// A notice is worded once, in the language of its moment: switching language clears the notices on screen, so a
// French screen (and a French screenshot) never keeps an English toast from an earlier step.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/renderer/app/i18n/en';
import { fr } from '../../../src/renderer/app/i18n/fr';
import { notify, useUiStore } from '../../../src/renderer/app/stores/uiStore';

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: 'en' });
});

describe('notices and the UI language', () => {
  it('clears the notices worded in the previous language, and keeps those made after', async () => {
    notify('21 records moved', 'success');
    expect(useUiStore.getState().notices.map((n) => n.text)).toEqual(['21 records moved']);
    await i18next.changeLanguage('fr');
    expect(useUiStore.getState().notices).toEqual([]);
    notify('21 enregistrements déplacés', 'success');
    expect(useUiStore.getState().notices.map((n) => n.text)).toEqual(['21 enregistrements déplacés']);
  });
});

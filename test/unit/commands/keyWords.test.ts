/**
 * Words that name a key take it from the registry's shortcut formatting, never write it in: "Ctrl+Z" on Windows
 * and Linux, "⌘+Z" on a Mac, in English and French.
 */
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initWords } from '../i18nSetup';

vi.mock('../../../src/renderer/app/bridge', () => ({ model: {}, territoryBridge: {}, desktop: { host: 'electron' } }));

const { en } = await import('../../../src/renderer/app/i18n/en');
const { fr } = await import('../../../src/renderer/app/i18n/fr');
const { appAction } = await import('../../../src/renderer/app/shell/appActions');
const { hierarchyAction } = await import('../../../src/renderer/app/views/hierarchy/hierarchyActions');
const { keyText } = await import('../../../src/renderer/app/viewActions');

afterEach(() => vi.unstubAllGlobals());

function strings(messages: object): string[] {
  return Object.values(messages).flatMap((value) =>
    typeof value === 'string' ? [value] : typeof value === 'object' && value ? strings(value) : [],
  );
}

describe('words that name a key', () => {
  it.each([
    ['en', en],
    ['fr', fr],
  ])('are never written into the %s messages', (_, messages) => {
    expect(strings(messages).filter((text) => /\b(Ctrl|Cmd)\+|⌘/.test(text))).toEqual([]);
  });

  it.each([
    ['Linux', 'en', 'Ctrl+Z', 'You can undo this import from this plan (Undo, Ctrl+Z).'],
    ['MacIntel', 'en', '⌘+Z', 'You can undo this import from this plan (Undo, ⌘+Z).'],
    ['MacIntel', 'fr', '⌘+Z', 'Vous pouvez annuler cet import depuis ce plan (Annuler, ⌘+Z).'],
  ])('say the undo key of a %s keyboard (%s)', async (platform, language, key, words) => {
    vi.stubGlobal('navigator', { platform });
    await initWords(language as 'en' | 'fr');
    expect(keyText(appAction('undo'))).toBe(key);
    expect(i18next.t('imports.undoable', { undoKey: keyText(appAction('undo')) })).toBe(words);
  });

  it('name the hierarchy’s cut and paste keys from its registry', async () => {
    vi.stubGlobal('navigator', { platform: 'MacIntel' });
    await initWords('fr');
    const hint = i18next.t('hierarchy.multiMoveHint', {
      cutKey: keyText(hierarchyAction('cut')),
      pasteKey: keyText(hierarchyAction('paste')),
    });
    expect(hint).toContain('appuyez sur ⌘+X, sélectionnez le nouveau parent et appuyez sur ⌘+V.');
  });
});

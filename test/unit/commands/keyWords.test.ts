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
const { keyText, tooltipOf, shortcutWords } = await import('../../../src/renderer/app/viewActions');
const { appActions } = await import('../../../src/renderer/app/shell/appActions');
const { hierarchyActions } = await import('../../../src/renderer/app/views/hierarchy/hierarchyActions');

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
    ['MacIntel', 'en', '⌘Z', 'You can undo this import from this plan (Undo, ⌘Z).'],
    ['MacIntel', 'fr', '⌘Z', 'Vous pouvez annuler cet import depuis ce plan (Annuler, ⌘Z).'],
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
    expect(hint).toContain('appuyez sur ⌘X, sélectionnez le nouveau parent et appuyez sur ⌘V.');
  });

  it('name the keys as a French keyboard prints them, in tooltips and the shortcuts panel alike', async () => {
    vi.stubGlobal('navigator', { platform: 'Linux x86_64' });
    await initWords('fr');
    expect(shortcutWords('Mod+Shift+Enter')).toBe('Ctrl+Maj+Entrée');
    expect(keyText(hierarchyAction('delete'))).toBe('Suppr');
    expect(shortcutWords('Backspace')).toBe('Retour arrière');
    expect(shortcutWords('Escape')).toBe('Échap');
    expect(shortcutWords('Alt+ ')).toBe('Alt+Espace');
    expect(tooltipOf('Rétablir', appAction('redo').shortcuts)).toBe('Rétablir (Ctrl+Maj+Z)');
    await initWords('en');
    expect(shortcutWords('Mod+Shift+Enter')).toBe('Ctrl+Shift+Enter');
    expect(keyText(hierarchyAction('delete'))).toBe('Del');
  });

  it('leave no English key name in a French shortcut of any registry', async () => {
    vi.stubGlobal('navigator', { platform: 'Linux x86_64' });
    await initWords('fr');
    const shown = [...appActions, ...hierarchyActions].flatMap((a) => (a.shortcuts ?? []).map(shortcutWords));
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter((text) => /Shift|Enter|Delete|\bDel\b|Space|Esc\b|Backspace/.test(text))).toEqual([]);
  });

  it('use the Mac’s symbols on a Mac, with the language’s key names', async () => {
    vi.stubGlobal('navigator', { platform: 'MacIntel' });
    await initWords('fr');
    expect(shortcutWords('Mod+Shift+Enter')).toBe('⇧⌘Entrée');
  });
});

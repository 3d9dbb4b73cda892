/**
 * Key combinations, written once for every reader: the views' keyboard handlers and tooltips, the native menu's
 * accelerators (main) and the browser host's keys. `Mod` is Ctrl (⌘ on macOS): "Mod+Shift+M", "Shift+Enter",
 * "F2", "Delete".
 */
export type Shortcut = string;

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface ParsedShortcut {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

export function parseShortcut(shortcut: Shortcut): ParsedShortcut {
  const parts = shortcut.split('+');
  // "Mod++" would be Ctrl and the plus key: the last part is the key even when it is empty.
  const key = parts.pop() || '+';
  return { key, mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
}

/** Whether a key press is this combination, modifiers included (Ctrl+Shift+D is not Ctrl+D). */
export function matchesShortcut(press: KeyPress, shortcut: Shortcut): boolean {
  const wanted = parseShortcut(shortcut);
  const key = wanted.key.length === 1 ? press.key.toLowerCase() : press.key;
  return (
    key === (wanted.key.length === 1 ? wanted.key.toLowerCase() : wanted.key) &&
    (press.ctrlKey || press.metaKey) === wanted.mod &&
    press.shiftKey === wanted.shift &&
    press.altKey === wanted.alt
  );
}

/**
 * The words a keyboard prints on its keys, in the planner's language: the renderer's i18n gives them
 * (`keys` in i18n/locales/fr/translation.json: "Maj", "Suppr", "Entrée" in French). Keys not named here are written as they are
 * ("F9", "X").
 */
export interface KeyWords {
  ctrl: string;
  shift: string;
  alt: string;
  /** Named keys by their KeyboardEvent.key: Delete, Enter, Escape, " " (Space), arrows... */
  names: Readonly<Record<string, string>>;
}

/** English words, for what has no i18n (main's logs, tests). */
export const englishKeyWords = {
  ctrl: 'Ctrl',
  shift: 'Shift',
  alt: 'Alt',
  names: {
    Delete: 'Del',
    Insert: 'Ins',
    Backspace: 'Backspace',
    Enter: 'Enter',
    Escape: 'Esc',
    Tab: 'Tab',
    ' ': 'Space',
    Home: 'Home',
    End: 'End',
    PageUp: 'Page Up',
    PageDown: 'Page Down',
    ArrowLeft: '←',
    ArrowRight: '→',
    ArrowUp: '↑',
    ArrowDown: '↓',
  },
} satisfies KeyWords;

/**
 * How a shortcut is written in a tooltip, the shortcuts panel or a sentence: "Ctrl+Shift+M", "Ctrl+Maj+Entrée"
 * in French, "⌥⇧⌘M" on macOS (its modifier symbols, in Apple's order, without plus signs).
 */
export function shortcutText(shortcut: Shortcut, words: KeyWords = englishKeyWords, mac = isMac()): string {
  const { key, mod, shift, alt } = parseShortcut(shortcut);
  const name =
    words.names[key] ??
    (englishKeyWords.names as KeyWords['names'])[key] ??
    (key.length === 1 ? key.toUpperCase() : key);
  if (mac) return [alt && '⌥', shift && '⇧', mod && '⌘', name].filter(Boolean).join('');
  return [mod && words.ctrl, shift && words.shift, alt && words.alt, name].filter(Boolean).join('+');
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
}

/** The same combination as an Electron accelerator: "Mod+Shift+O" is "CmdOrCtrl+Shift+O". */
export function acceleratorOf(shortcut: Shortcut): string {
  const { key, mod, shift, alt } = parseShortcut(shortcut);
  return [mod && 'CmdOrCtrl', shift && 'Shift', alt && 'Alt', key.length === 1 ? key.toUpperCase() : key]
    .filter(Boolean)
    .join('+');
}

/** The same combination as `aria-keyshortcuts` says it: "Control+Shift+O" ("Meta" on macOS). */
export function ariaShortcut(shortcut: Shortcut, mac = isMac()): string {
  const { key, mod, shift, alt } = parseShortcut(shortcut);
  return [mod && (mac ? 'Meta' : 'Control'), shift && 'Shift', alt && 'Alt', key].filter(Boolean).join('+');
}

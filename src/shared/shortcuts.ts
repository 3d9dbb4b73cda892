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

const keyNames: Record<string, string> = {
  Delete: 'Del',
  Insert: 'Ins',
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
};

/** How a shortcut is written in a tooltip: "Ctrl+Shift+M" (⌘ on macOS), "Del". */
export function shortcutText(shortcut: Shortcut, mac = isMac()): string {
  const { key, mod, shift, alt } = parseShortcut(shortcut);
  const name = keyNames[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  return [mod && (mac ? '⌘' : 'Ctrl'), shift && 'Shift', alt && 'Alt', name].filter(Boolean).join('+');
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

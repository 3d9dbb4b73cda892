/**
 * A view's commands, each declared once: its id, the i18n key of its label, its keyboard shortcuts, when it can
 * run and what it does. The view's toolbar draws its buttons from the list (label, tooltip with the shortcut,
 * disabled state) and its keyboard handler runs the command a key press stands for, so a shortcut shown in a
 * tooltip is the one the keyboard obeys. (Excalidraw's action manager works the same way.)
 */
import type { LucideIcon } from 'lucide-react';

/** A key combination: `Mod` is Ctrl (⌘ on macOS), e.g. "Mod+Shift+M", "Shift+Enter", "F2", "Delete". */
export type Shortcut = string;

export interface ViewAction<C> {
  id: string;
  /** The label's i18n key; it may depend on the view's state (a toggle says what it will do). */
  labelKey: string | ((context: C) => string);
  /** The i18n key of a longer tooltip than the label, when it needs one. */
  hintKey?: string;
  /** Every key combination that runs it; the first is the one tooltips show. */
  shortcuts?: readonly Shortcut[];
  icon?: LucideIcon;
  /** The icon when it depends on the view's state (a toggle shows what it will do). */
  iconOf?: (context: C) => LucideIcon;
  /** A command that changes the plan: not offered in a plan that is not a draft. */
  edits?: boolean;
  /** Only a key runs it (cut and paste have no button). */
  keyOnly?: boolean;
  /** Drawn with its label beside its icon, not as an icon alone; `primary` as the view's main command. */
  withText?: boolean | 'primary';
  enabled: (context: C) => boolean;
  run: (context: C) => void;
}

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

const keyNames: Record<string, string> = { Delete: 'Del', Insert: 'Ins' };

/** How a shortcut is written in a tooltip: "Ctrl+Shift+M" (⌘ on macOS), "Del". */
export function shortcutText(shortcut: Shortcut, mac = isMac()): string {
  const { key, mod, shift, alt } = parseShortcut(shortcut);
  const name = keyNames[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  return [mod && (mac ? '⌘' : 'Ctrl'), shift && 'Shift', alt && 'Alt', name].filter(Boolean).join('+');
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
}

/** The action a key press stands for, whether or not it can run now. */
export function actionForKey<C>(actions: readonly ViewAction<C>[], press: KeyPress): ViewAction<C> | undefined {
  return actions.find((action) => action.shortcuts?.some((shortcut) => matchesShortcut(press, shortcut)));
}

/**
 * Runs the action a key press stands for when it can run; says whether the press was one of the view's
 * shortcuts (the caller then keeps the browser from acting on it too).
 */
export function runShortcut<C>(actions: readonly ViewAction<C>[], context: C, press: KeyPress): boolean {
  const action = actionForKey(actions, press);
  if (!action) return false;
  if (action.enabled(context)) action.run(context);
  return true;
}

export const labelKeyOf = <C>(action: ViewAction<C>, context: C): string =>
  typeof action.labelKey === 'function' ? action.labelKey(context) : action.labelKey;

/** The tooltip: the label, and the first shortcut in brackets. */
export function tooltipOf(label: string, shortcuts: readonly Shortcut[] | undefined): string {
  return shortcuts?.length ? `${label} (${shortcutText(shortcuts[0])})` : label;
}

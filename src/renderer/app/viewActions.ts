/**
 * A view's commands, each declared once: its id, the i18n key of its label, its keyboard shortcuts, when it can
 * run and what it does. The view's toolbar draws its buttons from the list (label, tooltip with the shortcut,
 * disabled state) and its keyboard handler runs the command a key press stands for, so a shortcut shown in a
 * tooltip is the one the keyboard obeys. (Excalidraw's action manager works the same way.)
 */
import i18next from 'i18next';
import type { LucideIcon } from 'lucide-react';
import {
  englishKeyWords,
  matchesShortcut,
  shortcutText,
  type KeyPress,
  type KeyWords,
  type Shortcut,
} from '../../shared/shortcuts';

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
  /** The i18n key of why it cannot run now, when it cannot and the reason is worth saying (the shortcuts panel). */
  whyNotKey?: (context: C) => string | undefined;
  run: (context: C) => void;
}

/** An action by its id (a registry names each once). */
export function actionById<A extends { id: string }>(actions: readonly A[], id: string): A {
  const action = actions.find((a) => a.id === id);
  if (!action) throw new Error(`No command ${id}`);
  return action;
}

/** Input types a key press does not type into (a check box, a button): a view's keys still work there. */
const untyped = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether keys pressed at `target` are typed into a field (text, a list): they are the field's, not a command's. */
export function typingIn(target: EventTarget | null): boolean {
  return (
    (target instanceof HTMLInputElement && !untyped.has(target.type)) ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
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

/** The words on the keys in the UI's language (`keys` of the i18n resources); English before the i18n starts. */
export function keyWords(): KeyWords {
  const words: unknown = i18next.isInitialized ? i18next.t('keys', { returnObjects: true }) : null;
  return typeof words === 'object' && words !== null ? (words as KeyWords) : englishKeyWords;
}

/**
 * A shortcut as the planner's keyboard names it: "Ctrl+Shift+Enter", "Ctrl+Maj+Entrée" in French, "⇧⌘Entrée"
 * on a French Mac. Every place that shows a key (tooltips, menus, the shortcuts panel, sentences) writes it with this.
 */
export const shortcutWords = (shortcut: Shortcut): string => shortcutText(shortcut, keyWords());

/** The key that runs an action, as its tooltip writes it ("Ctrl+Z", "⌘Z" on a Mac): for words that name it. */
export const keyText = (action: { shortcuts?: readonly Shortcut[] }): string =>
  action.shortcuts?.length ? shortcutWords(action.shortcuts[0]) : '';

/** An action whose run the view hands in its context, undefined when it cannot run now (nothing to place). */
export const runGiven = <C>(
  runOf: (context: C) => (() => void) | undefined,
): Pick<ViewAction<C>, 'enabled' | 'run'> => ({
  enabled: (c) => runOf(c) !== undefined,
  run: (c) => runOf(c)?.(),
});

/**
 * "Previous" and "next" through an ordered list (fiscal years, measures) on Ctrl+Shift+← and →: `list` and
 * `current` read it from the context, `choose` picks a neighbour. Each is enabled while there is one that way.
 */
export function stepActions<C, T>(
  ids: { previous: string; next: string },
  read: (context: C) => { list: readonly T[]; current: T },
  choose: (context: C, value: T) => void,
  icons?: { previous: LucideIcon; next: LucideIcon },
): [ViewAction<C>, ViewAction<C>] {
  const neighbour = (context: C, by: -1 | 1): T | undefined => {
    const { list, current } = read(context);
    const at = list.indexOf(current);
    return at < 0 ? undefined : list[at + by];
  };
  const action = (id: string, by: -1 | 1, shortcut: Shortcut, icon?: LucideIcon): ViewAction<C> => ({
    id,
    labelKey: `actions.${id}`,
    shortcuts: [shortcut],
    icon,
    keyOnly: icon === undefined,
    enabled: (c) => neighbour(c, by) !== undefined,
    run: (c) => {
      const value = neighbour(c, by);
      if (value !== undefined) choose(c, value);
    },
  });
  return [
    action(ids.previous, -1, 'Mod+Shift+ArrowLeft', icons?.previous),
    action(ids.next, 1, 'Mod+Shift+ArrowRight', icons?.next),
  ];
}

/** The tooltip: the label, and the first shortcut in brackets. */
export function tooltipOf(label: string, shortcuts: readonly Shortcut[] | undefined): string {
  return shortcuts?.length ? `${label} (${shortcutWords(shortcuts[0])})` : label;
}

/**
 * The shown view's commands (its registry, viewActions.ts): the view hands them here while it is shown, so the
 * window's keyboard runs them and the keyboard shortcuts panel lists them. Keys typed into a field are the field's,
 * and a modal dialog's keys are the dialog's: a view's shortcuts wait until the planner is back in the view.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { create } from 'zustand';
import type { ViewName } from '../../../shared/commands';
import type { KeyPress } from '../../../shared/shortcuts';
import { runShortcut, typingIn, type ViewAction } from '../viewActions';

/** A view's registry with the context its commands read now. */
export interface ShownCommands {
  view: ViewName;
  actions: readonly ViewAction<unknown>[];
  context: () => unknown;
}

/** The shown view's commands, and whether the keyboard shortcuts panel (ShortcutsDialog.tsx) is open. */
export const useShownCommands = create<{ shown: ShownCommands | null; panelOpen: boolean }>(() => ({
  shown: null,
  panelOpen: false,
}));

export const openShortcuts = (): void => useShownCommands.setState({ panelOpen: true });
export const closeShortcuts = (): void => useShownCommands.setState({ panelOpen: false });

/** Where a key press landed, as the view's keyboard asks it. */
export interface ViewKeyPress extends KeyPress {
  target: EventTarget | null;
  defaultPrevented: boolean;
}

/**
 * Runs the command a key press stands for, unless the key is typed into a field, was handled already, or a modal
 * dialog is open; says whether the press was the view's (the caller then keeps the browser from acting on it).
 */
export function runViewKey<C>(actions: readonly ViewAction<C>[], context: C, press: ViewKeyPress): boolean {
  if (press.defaultPrevented || typingIn(press.target)) return false;
  if (typeof document !== 'undefined' && document.querySelector('dialog[open]')) return false;
  return runShortcut(actions, context, press);
}

/**
 * A view's commands while it is shown: the window's keys run them (`keys` false when the view binds them itself,
 * as the hierarchy's canvas does) and the shortcuts panel lists them. `context` is read at the moment a key or
 * the panel asks.
 */
export function useViewCommands<C>(
  view: ViewName,
  actions: readonly ViewAction<C>[],
  context: C,
  { keys = true }: { keys?: boolean } = {},
): void {
  const latest = useRef(context);
  useLayoutEffect(() => {
    latest.current = context;
  });
  useEffect(() => {
    const shown: ShownCommands = {
      view,
      actions: actions as readonly ViewAction<unknown>[],
      context: () => latest.current,
    };
    useShownCommands.setState({ shown });
    const onKey = (event: KeyboardEvent) => {
      if (runViewKey(actions, latest.current, event)) event.preventDefault();
    };
    if (keys) window.addEventListener('keydown', onKey);
    return () => {
      if (keys) window.removeEventListener('keydown', onKey);
      if (useShownCommands.getState().shown === shown) useShownCommands.setState({ shown: null });
    };
  }, [view, actions, keys]);
}

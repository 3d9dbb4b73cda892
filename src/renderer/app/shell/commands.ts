/**
 * The app's commands and the desktop: what the native menu (or, in a browser, its stand-in keys) asks for runs by
 * its id; the menu greys out what cannot run now; and the keys a menu item cannot take (it takes one accelerator:
 * Ctrl+Y beside Ctrl+Shift+Z) are this window's, in both hosts.
 */
import { desktopCommands, extraShortcuts, type DesktopCommandId } from '../../../shared/commands';
import type { CommandStates } from '../../../shared/desktop';
import { matchesShortcut, type KeyPress } from '../../../shared/shortcuts';
import { desktop } from '../bridge';
import { usePlanStore } from '../stores/planStore';
import { appAction, appContext, onLentChange, runAppCommand } from './appActions';

export function startCommands(): void {
  desktop.onMenuCommand((command) => void runAppCommand(command.name));
  window.addEventListener('keydown', (event) => {
    if (!event.defaultPrevented && runExtraShortcut(event)) event.preventDefault();
  });
  followCommandStates();
}

/** The desktop command a key press stands for among the keys no menu binds (Ctrl+Y); runs it if it can run. */
export function runExtraShortcut(press: KeyPress): boolean {
  const command = desktopCommands.find((c) => extraShortcuts(c).some((shortcut) => matchesShortcut(press, shortcut)));
  if (!command) return false;
  runAppCommand(command.id);
  return true;
}

/** Whether each desktop command can run now, as the registry says. */
export function commandStates(): CommandStates {
  const context = appContext();
  return Object.fromEntries(desktopCommands.map((c) => [c.id, appAction(c.id).enabled(context)])) as Record<
    DesktopCommandId,
    boolean
  >;
}

/**
 * Tells the desktop which commands can run whenever that changes: the plan, its history, the focus entering or
 * leaving a text field (undo is then the field's), a view lending find. Changes in one task are sent once.
 */
function followCommandStates(): void {
  let sent = '';
  let pending = false;
  const send = () => {
    pending = false;
    const states = commandStates();
    const said = JSON.stringify(states);
    if (said === sent) return;
    sent = said;
    void desktop.setCommandsEnabled(states);
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    setTimeout(send, 0);
  };
  usePlanStore.subscribe(schedule);
  document.addEventListener('focusin', schedule);
  document.addEventListener('focusout', schedule);
  onLentChange(schedule);
  schedule();
}

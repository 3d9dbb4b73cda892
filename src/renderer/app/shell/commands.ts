/** What the native menu (or, in a browser, the keyboard shortcuts) asks for. */
import type { MenuCommand } from '../../../shared/desktop';
import { desktop } from '../bridge';
import { showView, viewNames, type ViewName } from '../stores/uiStore';
import { currentPlan, usePlanStore } from '../stores/planStore';
import { createEmptyPlan, redo, undo } from './planActions';

/** Inside a text field, undo and redo are the field's own. */
function editingText(): boolean {
  const active = document.activeElement;
  return (
    active instanceof HTMLInputElement ||
    active instanceof HTMLTextAreaElement ||
    (active instanceof HTMLElement && active.isContentEditable)
  );
}

type Handler = (command: MenuCommand) => void;
const extraHandlers = new Map<MenuCommand['name'], Handler>();

/** Views register what import, export and find mean once they exist (the import wizard, the export dialog). */
export function onCommand(name: MenuCommand['name'], handler: Handler): () => void {
  extraHandlers.set(name, handler);
  return () => extraHandlers.delete(name);
}

export function startCommands(): void {
  desktop.onMenuCommand((command) => {
    const plan = currentPlan(usePlanStore.getState());
    switch (command.name) {
      case 'undo':
        if (editingText()) document.execCommand('undo');
        else void undo();
        return;
      case 'redo':
        if (editingText()) document.execCommand('redo');
        else void redo();
        return;
      case 'newPlan':
        void createEmptyPlan();
        return;
      case 'showView':
        if (plan && viewNames.includes(command.arg as ViewName)) showView(command.arg as ViewName);
        return;
      default:
        extraHandlers.get(command.name)?.(command);
    }
  });
}

/**
 * The app's commands, each declared once (viewActions.ts): the plan menu, the top bar's undo and redo, the view
 * navigation, the native menu and the browser host's keys all run these. Their ids, words and keys are the
 * desktop's list (shared/commands.ts), which main reads for the native menu; this adds when each can run and what
 * it does. The plan menu's commands the native menu does not show (sample plan, rename, settings, data sets,
 * archive, restore) are declared here only.
 */
import {
  Archive,
  Copy,
  Database,
  FilePlus2,
  FileDown,
  FileUp,
  FolderOpen,
  HardDriveDownload,
  Keyboard,
  Lock,
  Pencil,
  Redo2,
  RotateCcw,
  Search,
  Settings,
  Sparkles,
  Trash2,
  Undo2,
} from 'lucide-react';
import { desktopCommand, hostShortcuts, viewNames, type DesktopCommandId } from '../../../shared/commands';
import type { Plan } from '../../../shared/domain';
import { desktop } from '../bridge';
import { currentPlan, usePlanStore } from '../stores/planStore';
import { showView } from '../stores/uiStore';
import { actionById, type ViewAction } from '../viewActions';
import { openBackupDialog } from '../views/export/BackupDialog';
import { openExportDialog, openPlanFile } from '../views/export/exportActions';
import { openDataSets } from '../views/dataSets/dataSetsStore';
import { openImport } from '../views/imports/importStore';
import { openPlanSettings } from '../views/planSettings/trustDialogsStore';
import { openShortcuts } from './viewCommands';
import {
  archivePlan,
  createEmptyPlan,
  createSamplePlan,
  deletePlan,
  duplicatePlan,
  finalizePlan,
  redo,
  renamePlan,
  restorePlan,
  undo,
} from './planActions';

/** What the app's commands depend on, read at the moment one runs or is drawn. */
export interface AppContext {
  plan: Plan | undefined;
  canUndo: boolean;
  canRedo: boolean;
  /** The focus is in a text field: undo and redo are the field's own. */
  editingText: boolean;
}

export function appContext(): AppContext {
  const state = usePlanStore.getState();
  return {
    plan: currentPlan(state) ?? undefined,
    canUndo: state.history.canUndo,
    canRedo: state.history.canRedo,
    editingText: editingText(),
  };
}

function editingText(): boolean {
  if (typeof document === 'undefined') return false;
  const active = document.activeElement;
  return (
    active instanceof HTMLInputElement ||
    active instanceof HTMLTextAreaElement ||
    (active instanceof HTMLElement && active.isContentEditable)
  );
}

export type AppAction = ViewAction<AppContext>;
type Behaviour = Omit<AppAction, 'id' | 'labelKey' | 'shortcuts'>;

/**
 * Commands a view lends its own run (find in the hierarchy): enabled while the view is shown. A view where the
 * command has nothing to act on yet lends the reason instead (find in an empty table), for the shortcuts panel.
 */
type Lent = (() => void) | { whyNotKey: string };
const lent = new Map<string, Lent>();
const lentRun = (id: string): (() => void) | undefined => {
  const given = lent.get(id);
  return typeof given === 'function' ? given : undefined;
};
const lentListeners = new Set<() => void>();

/** Calls `listener` when a view lends or takes back a command (the native menu greys find out). */
export function onLentChange(listener: () => void): void {
  lentListeners.add(listener);
}

/** A view lends a command its run, or why it cannot run there now, while it is shown (returns the cleanup). */
export function lendCommand(id: DesktopCommandId, run: Lent): () => void {
  lent.set(id, run);
  lentListeners.forEach((listener) => listener());
  return () => {
    if (lent.get(id) !== run) return;
    lent.delete(id);
    lentListeners.forEach((listener) => listener());
  };
}

/** A desktop command: its id, words and keys from the shared list (the browser's keys in a browser). */
function fromDesktop(id: DesktopCommandId, behaviour: Behaviour): AppAction {
  const command = desktopCommand(id);
  return { id, labelKey: command.labelKey, shortcuts: hostShortcuts(command, desktop.host), ...behaviour };
}

const always = () => true;
const withPlan = (c: AppContext) => c.plan !== undefined;
const run = (action: (plan: Plan) => Promise<void>) => (c: AppContext) => void action(c.plan!);

export const appActions: readonly AppAction[] = [
  fromDesktop('newPlan', { icon: FilePlus2, enabled: always, run: () => void createEmptyPlan() }),
  {
    id: 'newSamplePlan',
    labelKey: 'plan.newSample',
    icon: Sparkles,
    enabled: always,
    run: () => void createSamplePlan(),
  },
  fromDesktop('openPlan', { icon: FolderOpen, enabled: always, run: () => void openPlanFile() }),
  fromDesktop('import', { icon: FileUp, enabled: always, run: () => openImport() }),
  fromDesktop('export', { icon: FileDown, enabled: withPlan, run: () => openExportDialog() }),
  fromDesktop('backup', { icon: HardDriveDownload, enabled: always, run: () => openBackupDialog() }),
  { id: 'dataSets', labelKey: 'dataSets.open', icon: Database, enabled: always, run: () => openDataSets() },
  {
    id: 'renamePlan',
    labelKey: 'plan.rename',
    icon: Pencil,
    enabled: (c) => c.plan?.status === 'draft',
    run: run(renamePlan),
  },
  {
    id: 'planSettings',
    labelKey: 'planSettings.open',
    icon: Settings,
    enabled: withPlan,
    run: () => openPlanSettings(),
  },
  fromDesktop('duplicatePlan', { icon: Copy, enabled: withPlan, run: run(duplicatePlan) }),
  fromDesktop('finalizePlan', { icon: Lock, enabled: (c) => c.plan?.status === 'draft', run: run(finalizePlan) }),
  {
    id: 'archivePlan',
    labelKey: 'plan.archive',
    icon: Archive,
    enabled: (c) => c.plan !== undefined && c.plan.status !== 'archived',
    run: run(archivePlan),
  },
  {
    id: 'restorePlan',
    labelKey: 'plan.restore',
    icon: RotateCcw,
    enabled: (c) => c.plan?.status === 'archived',
    run: run(restorePlan),
  },
  fromDesktop('deletePlan', { icon: Trash2, enabled: withPlan, run: run(deletePlan) }),
  fromDesktop('undo', {
    icon: Undo2,
    enabled: (c) => c.editingText || c.canUndo,
    run: (c) => (c.editingText ? void document.execCommand('undo') : void undo()),
  }),
  fromDesktop('redo', {
    icon: Redo2,
    enabled: (c) => c.editingText || c.canRedo,
    run: (c) => (c.editingText ? void document.execCommand('redo') : void redo()),
  }),
  fromDesktop('find', {
    icon: Search,
    enabled: () => lentRun('find') !== undefined,
    whyNotKey: () => {
      const given = lent.get('find');
      return typeof given === 'object' ? given.whyNotKey : 'actions.whyNot.findElsewhere';
    },
    run: () => lentRun('find')?.(),
  }),
  fromDesktop('shortcuts', { icon: Keyboard, enabled: always, run: () => openShortcuts() }),
  ...viewNames.map((view) => fromDesktop(`view:${view}`, { enabled: withPlan, run: () => showView(view) })),
];

export const appAction = (id: string): AppAction => actionById(appActions, id);

/** Runs an app command if it can run now (the native menu, the browser's keys); says whether it ran. */
export function runAppCommand(id: string): boolean {
  const action = appActions.find((a) => a.id === id);
  const context = appContext();
  if (!action?.enabled(context)) return false;
  action.run(context);
  return true;
}

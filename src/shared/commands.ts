/**
 * The app's commands that the desktop knows: the native menu shows them with their words and keys (main), the
 * browser host binds the same keys, and the renderer's registry (shell/appActions.ts) says when each can run and
 * what it does. One list: a command, its words (EN and FR) and its keys are written here once.
 */
import type { Language } from './domain';
import type { Shortcut } from './shortcuts';

/** The app's views, in the order of the View menu, of the navigation and of Ctrl+1 to Ctrl+6. */
export const viewNames = ['hierarchy', 'map', 'accounts', 'rules', 'forecasts', 'compare'] as const;
export type ViewName = (typeof viewNames)[number];

/** The views' names: the native menu and the UI's navigation say the same (the UI's `views.*`). */
export const viewLabels = {
  en: {
    hierarchy: 'Hierarchy',
    map: 'Map',
    accounts: 'Accounts',
    rules: 'Rules',
    forecasts: 'Forecasts',
    compare: 'Compare',
  },
  fr: {
    hierarchy: 'Hiérarchie',
    map: 'Carte',
    accounts: 'Comptes',
    rules: 'Règles',
    forecasts: 'Prévisions',
    compare: 'Comparer',
  },
} satisfies Record<Language, Record<ViewName, string>>;

/** The commands' words (the UI's `commands.*`): menu items, the plan menu, toolbar tooltips. */
export const commandLabels = {
  en: {
    newPlan: 'New plan',
    openPlan: 'Open plan file…',
    import: 'Import…',
    export: 'Export…',
    backup: 'Backup and restore…',
    duplicatePlan: 'Duplicate plan',
    finalizePlan: 'Finalize plan',
    deletePlan: 'Delete plan',
    undo: 'Undo',
    redo: 'Redo',
    find: 'Find…',
    shortcuts: 'Keyboard shortcuts',
  },
  fr: {
    newPlan: 'Nouveau plan',
    openPlan: 'Ouvrir un fichier de plan…',
    import: 'Importer…',
    export: 'Exporter…',
    backup: 'Sauvegarde et restauration…',
    duplicatePlan: 'Dupliquer le plan',
    finalizePlan: 'Finaliser le plan',
    deletePlan: 'Supprimer le plan',
    undo: 'Annuler',
    redo: 'Rétablir',
    find: 'Rechercher…',
    shortcuts: 'Raccourcis clavier',
  },
} satisfies Record<Language, Record<string, string>>;

type Named = keyof (typeof commandLabels)['en'];
export type DesktopCommandId = Named | `view:${ViewName}`;

export interface DesktopCommand {
  id: DesktopCommandId;
  /** The i18n key of its words: `commands.<id>` or `views.<view>`. */
  labelKey: string;
  /**
   * Every combination that runs it. The first is the menu's accelerator, which tooltips show; a menu item takes
   * only one, so the others are bound by the window itself (shell/commands.ts), in both hosts.
   */
  shortcuts: readonly Shortcut[];
  /** The browser host's stand-in for the first where a browser keeps that key for itself (Ctrl+N opens a window). */
  browserShortcut?: Shortcut;
}

const command = (id: Named, shortcuts: readonly Shortcut[] = [], browserShortcut?: Shortcut) =>
  ({ id, labelKey: `commands.${id}`, shortcuts, browserShortcut }) satisfies DesktopCommand;

export const desktopCommands: readonly DesktopCommand[] = [
  command('newPlan', ['Mod+N'], 'Mod+M'),
  command('openPlan', ['Mod+Shift+O']),
  command('import', ['Mod+O']),
  command('export', ['Mod+E']),
  command('backup'),
  command('duplicatePlan'),
  command('finalizePlan'),
  command('deletePlan'),
  command('undo', ['Mod+Z']),
  // Ctrl+Y redoes too, as on Windows: the window binds it, the menu shows and binds the first.
  command('redo', ['Mod+Shift+Z', 'Mod+Y']),
  command('find', ['Mod+F']),
  command('shortcuts', ['Mod+/']),
  ...viewNames.map((view, i): DesktopCommand => ({
    id: `view:${view}`,
    labelKey: `views.${view}`,
    shortcuts: [`Mod+${i + 1}`],
  })),
];

/** A command's keys in a host: in a browser, the stand-in replaces the menu's key. */
export function hostShortcuts(command: DesktopCommand, host: 'electron' | 'browser'): readonly Shortcut[] {
  if (host === 'browser' && command.browserShortcut) return [command.browserShortcut, ...command.shortcuts.slice(1)];
  return command.shortcuts;
}

/** The key the menu binds (in a browser, the host's stand-in for the menu binds it). */
export const menuShortcut = (command: DesktopCommand, host: 'electron' | 'browser'): Shortcut | undefined =>
  hostShortcuts(command, host)[0];

/** The keys no menu binds: the window binds them. */
export const extraShortcuts = (command: DesktopCommand): readonly Shortcut[] => command.shortcuts.slice(1);

export const desktopCommand = (id: DesktopCommandId): DesktopCommand => desktopCommands.find((c) => c.id === id)!;

/** A command's words in a language, from its label key (main has no i18n library: the same tables, read here). */
export function commandLabel(language: Language, labelKey: string): string {
  const [table, name] = labelKey.split('.');
  const words: Record<string, Record<string, string>> = {
    commands: commandLabels[language],
    views: viewLabels[language],
  };
  return words[table]?.[name] ?? labelKey;
}

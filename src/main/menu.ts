/**
 * The native menu, in the UI's language; commands are sent to the focused window. Its items are greyed out when
 * the renderer says they cannot run (`setCommandsEnabled`), so a click or a key never asks for nothing.
 */
import { BrowserWindow, Menu, app, type MenuItemConstructorOptions } from 'electron';
import { commandLabel, desktopCommand, desktopCommands, viewNames, type DesktopCommandId } from '../shared/commands';
import { desktopChannels, type CommandStates, type MenuCommand } from '../shared/desktop';
import type { Language } from '../shared/domain';
import { acceleratorOf } from '../shared/shortcuts';

/** The menus' own words; the commands' words and keys are the app's (shared/commands.ts). */
const menuWords = {
  en: {
    file: 'File',
    quit: 'Quit',
    edit: 'Edit',
    plan: 'Plan',
    view: 'View',
    help: 'Help',
    about: 'About Territory Planner',
  },
  fr: {
    file: 'Fichier',
    quit: 'Quitter',
    edit: 'Édition',
    plan: 'Plan',
    view: 'Affichage',
    help: 'Aide',
    about: 'À propos de Territory Planner',
  },
} satisfies Record<Language, Record<string, string>>;

export function sendMenuCommand(command: MenuCommand): void {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows().find((w) => w.isVisible());
  window?.webContents.send(desktopChannels.menuCommand, command);
}

export function menuTemplate(
  language: Language,
  send = sendMenuCommand,
  states: CommandStates = {},
): MenuItemConstructorOptions[] {
  const t = menuWords[language];
  /** A command's item: its words, its first key, whether it can run, and a click that sends it to the window. */
  const item = (id: DesktopCommandId): MenuItemConstructorOptions => {
    const command = desktopCommand(id);
    return {
      id,
      label: commandLabel(language, command.labelKey),
      accelerator: command.shortcuts[0] && acceleratorOf(command.shortcuts[0]),
      enabled: states[id] ?? true,
      click: () => send({ name: id }),
    };
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  return [
    {
      label: t.file,
      submenu: [
        item('newPlan'),
        item('openPlan'),
        separator,
        item('import'),
        item('export'),
        item('backup'),
        separator,
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        // The renderer decides: text undo inside a text field, plan undo elsewhere.
        item('undo'),
        item('redo'),
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        separator,
        item('find'),
      ],
    },
    { label: t.plan, submenu: [item('duplicatePlan'), item('finalizePlan'), separator, item('deletePlan')] },
    {
      label: t.view,
      submenu: [
        ...viewNames.map((view) => item(`view:${view}`)),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    { label: t.help, role: 'help', submenu: [item('shortcuts'), separator, { label: t.about, role: 'about' }] },
  ];
}

/** What the renderer last said can run: a menu rebuilt in another language keeps it. */
let commandStates: CommandStates = {};

export function installMenu(language: Language): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, sendMenuCommand, commandStates)));
}

/** Greys out (or back in) the menu's items of the commands named; the others keep their state. */
export function setCommandsEnabled(states: CommandStates): void {
  commandStates = { ...commandStates, ...states };
  const menu = Menu.getApplicationMenu();
  for (const [id, enabled] of Object.entries(states)) {
    const item = menu?.getMenuItemById(id);
    if (item) item.enabled = enabled;
  }
}

/** Reads what the renderer sends: only known commands, each with a yes or no; null when anything else is in it. */
export function parseCommandStates(value: unknown): CommandStates | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const known = new Set<string>(desktopCommands.map((c) => c.id));
  const entries = Object.entries(value);
  if (!entries.every(([id, enabled]) => known.has(id) && typeof enabled === 'boolean')) return null;
  return Object.fromEntries(entries) as CommandStates;
}

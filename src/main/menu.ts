/** The native menu, in the UI's language; commands are sent to the focused window. */
import { BrowserWindow, Menu, app, type MenuItemConstructorOptions } from 'electron';
import { commandLabel, desktopCommand, viewNames, type DesktopCommandId } from '../shared/commands';
import { desktopChannels, type MenuCommand } from '../shared/desktop';
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

export function menuTemplate(language: Language, send = sendMenuCommand): MenuItemConstructorOptions[] {
  const t = menuWords[language];
  /** A command's item: its words, its first key, and a click that sends it to the window. */
  const item = (id: DesktopCommandId): MenuItemConstructorOptions => {
    const command = desktopCommand(id);
    return {
      id,
      label: commandLabel(language, command.labelKey),
      accelerator: command.shortcuts[0] && acceleratorOf(command.shortcuts[0]),
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
    { label: t.help, role: 'help', submenu: [{ label: t.about, role: 'about' }] },
  ];
}

export function installMenu(language: Language): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language)));
}

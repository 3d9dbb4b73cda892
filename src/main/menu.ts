/** The native menu, in the UI's language; commands are sent to the focused window. */
import { BrowserWindow, Menu, app, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../shared/domain';
import {
  desktopChannels,
  menuAccelerators,
  viewAccelerator,
  viewLabels,
  viewNames,
  type MenuCommand,
} from '../shared/desktop';

const labels = {
  en: {
    file: 'File',
    newPlan: 'New Plan',
    import: 'Import…',
    export: 'Export…',
    openPlan: 'Open Plan File…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    find: 'Find Territory…',
    view: 'View',
    help: 'Help',
    about: 'About Territory Planner',
  },
  fr: {
    file: 'Fichier',
    newPlan: 'Nouveau plan',
    import: 'Importer…',
    export: 'Exporter…',
    openPlan: 'Ouvrir un fichier de plan…',
    quit: 'Quitter',
    edit: 'Édition',
    undo: 'Annuler',
    redo: 'Rétablir',
    find: 'Rechercher un territoire…',
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
  const t = labels[language];
  /** A menu item that sends its command, with the command's key. */
  const item = (name: keyof typeof menuAccelerators): MenuItemConstructorOptions => ({
    label: t[name],
    accelerator: menuAccelerators[name],
    click: () => send({ name }),
  });
  return [
    {
      label: t.file,
      submenu: [
        item('newPlan'),
        item('import'),
        item('export'),
        item('openPlan'),
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        // The renderer decides: text undo inside a text field, plan undo elsewhere.
        item('undo'),
        item('redo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('find'),
      ],
    },
    {
      label: t.view,
      submenu: [
        ...viewNames.map((view, i): MenuItemConstructorOptions => ({
          label: viewLabels[language][view],
          accelerator: viewAccelerator(i),
          click: () => send({ name: 'showView', arg: view }),
        })),
        { type: 'separator' },
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

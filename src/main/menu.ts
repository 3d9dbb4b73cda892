/** The native menu, in the UI's language; commands are sent to the focused window. */
import { BrowserWindow, Menu, app, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../shared/domain';
import { desktopChannels, type MenuCommand } from '../shared/desktop';

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
    hierarchy: 'Hierarchy',
    map: 'Map',
    accounts: 'Accounts',
    rules: 'Rules',
    forecasts: 'Forecasts',
    compare: 'Compare',
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
    hierarchy: 'Hiérarchie',
    map: 'Carte',
    accounts: 'Comptes',
    rules: 'Règles',
    forecasts: 'Prévisions',
    compare: 'Comparer',
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
  const views = ['hierarchy', 'map', 'accounts', 'rules', 'forecasts', 'compare'] as const;
  return [
    {
      label: t.file,
      submenu: [
        { label: t.newPlan, accelerator: 'CmdOrCtrl+N', click: () => send({ name: 'newPlan' }) },
        { label: t.import, accelerator: 'CmdOrCtrl+O', click: () => send({ name: 'import' }) },
        { label: t.export, accelerator: 'CmdOrCtrl+E', click: () => send({ name: 'export' }) },
        { label: t.openPlan, accelerator: 'CmdOrCtrl+Shift+O', click: () => send({ name: 'openPlan' }) },
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        // The renderer decides: text undo inside a text field, plan undo elsewhere.
        { label: t.undo, accelerator: 'CmdOrCtrl+Z', click: () => send({ name: 'undo' }) },
        { label: t.redo, accelerator: 'CmdOrCtrl+Shift+Z', click: () => send({ name: 'redo' }) },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: t.find, accelerator: 'CmdOrCtrl+F', click: () => send({ name: 'find' }) },
      ],
    },
    {
      label: t.view,
      submenu: [
        ...views.map((view, i): MenuItemConstructorOptions => ({
          label: t[view],
          accelerator: `CmdOrCtrl+${i + 1}`,
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

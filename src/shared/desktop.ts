/**
 * `window.desktop`: what the UI asks of the desktop (dialogs, files, menus). Main implements it in Electron,
 * the browser host with file inputs and downloads.
 */
import type { Language } from './domain';
import type { Result } from './errors';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/**
 * A file the planner chose. The browser host hands its bytes; Electron's main hands them straight to the model
 * host, which keeps them under `stagedFileId` for the one call that reads them, so up to 2 GB never cross the UI
 * (each crossing, IPC or contextBridge, is a copy).
 */
export type OpenedFile = { name: string; size: number } & (
  { bytes: Uint8Array; stagedFileId?: undefined } | { stagedFileId: string; bytes?: undefined }
);

/** What a model call that reads a chosen file takes from it: its bytes, or where the model host holds them. */
export const fileContent = (file: OpenedFile): { bytes: Uint8Array } | { stagedFileId: string } =>
  file.bytes ? { bytes: file.bytes } : { stagedFileId: file.stagedFileId };

export interface SaveFileRequest {
  suggestedName: string;
  filters: FileFilter[];
  /** Text is written as UTF-8. */
  data: Uint8Array | string;
}

/** Commands of the native menu (and of the keyboard shortcuts the browser host binds instead). */
export const menuCommands = ['newPlan', 'import', 'export', 'openPlan', 'undo', 'redo', 'find', 'showView'] as const;

/** The app's views, in the order of the View menu, of the navigation and of Ctrl+1 to Ctrl+6. */
export const viewNames = ['hierarchy', 'map', 'accounts', 'rules', 'forecasts', 'compare'] as const;
export type ViewName = (typeof viewNames)[number];

/** The views' names: the native menu and the UI's navigation say the same. */
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

/**
 * Each menu command's key, as an Electron accelerator. The native menu shows and binds these; the browser host
 * binds the same ones (browserAccelerators where a browser keeps a key for itself).
 */
export const menuAccelerators: Record<Exclude<MenuCommandName, 'showView'>, string> = {
  newPlan: 'CmdOrCtrl+N',
  import: 'CmdOrCtrl+O',
  export: 'CmdOrCtrl+E',
  openPlan: 'CmdOrCtrl+Shift+O',
  undo: 'CmdOrCtrl+Z',
  redo: 'CmdOrCtrl+Shift+Z',
  find: 'CmdOrCtrl+F',
};

/** In a browser Ctrl+N opens a window: New plan is Ctrl+M there. Ctrl+Y redoes too, as on Windows. */
export const browserAccelerators: Partial<Record<Exclude<MenuCommandName, 'showView'>, readonly string[]>> = {
  newPlan: ['CmdOrCtrl+M'],
  redo: ['CmdOrCtrl+Shift+Z', 'CmdOrCtrl+Y'],
};

/** The accelerator of the View menu's nth view (0-based): Ctrl+1 for the first. */
export const viewAccelerator = (index: number): string => `CmdOrCtrl+${index + 1}`;

export type MenuCommandName = (typeof menuCommands)[number];
export interface MenuCommand {
  name: MenuCommandName;
  /** For showView: which view. */
  arg?: string;
}

/** Files larger than this are refused before reading. */
export const MAX_FILE_BYTES = 2 * 1024 ** 3 - 1;

export interface DesktopApi {
  host: 'electron' | 'browser';
  openFile(request: { title: string; filters: FileFilter[] }): Promise<Result<OpenedFile | null>>;
  saveFile(request: SaveFileRequest): Promise<Result<{ saved: boolean; path: string | null }>>;
  /**
   * Prints the window's print view (the plan report) to PDF and saves it where the planner chooses (Electron's
   * printToPDF); the browser host opens the browser's print dialog instead (`saved` false: the browser saves).
   */
  printToPdf(request: { suggestedName: string }): Promise<Result<{ saved: boolean; path: string | null }>>;
  /** Localises the native menu to the UI language. */
  setLanguage(language: Language): Promise<Result<void>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** IPC channels between preload and main: the allow-list both sides check. */
export const desktopChannels = {
  openFile: 'desktop:openFile',
  saveFile: 'desktop:saveFile',
  printToPdf: 'desktop:printToPdf',
  setLanguage: 'desktop:setLanguage',
  menuCommand: 'desktop:menuCommand',
  /** main -> window: here is your MessagePort to the model host. */
  modelPort: 'model:port',
  /** window -> main: please (re)connect me to the model host. */
  requestModelPort: 'model:requestPort',
  /** main -> model host: finish pending writes, we are quitting; and its answer. */
  modelFlush: 'model:flush',
  modelFlushed: 'model:flushed',
  /** main -> model host: keep this chosen file's bytes under an id; and its answer once they are kept. */
  stageFile: 'model:stageFile',
  fileStaged: 'model:fileStaged',
} as const;
export type DesktopChannel = (typeof desktopChannels)[keyof typeof desktopChannels];
export const isDesktopChannel = (name: string): name is DesktopChannel =>
  (Object.values(desktopChannels) as string[]).includes(name);

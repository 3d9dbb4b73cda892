/**
 * `window.desktop`: what the UI asks of the desktop (dialogs, files, menus). Main implements it in Electron,
 * the browser host with file inputs and downloads.
 */
import type { Language } from './domain';
import type { DesktopCommandId } from './commands';
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

/** What the native menu (or, in a browser, a key) asks the window to do: one of the desktop commands. */
export interface MenuCommand {
  name: DesktopCommandId;
}

/**
 * Which desktop commands can run now, as the renderer's registry says (shell/appActions.ts): main greys out the
 * native menu's items that cannot ("Finalize plan" on a final plan). Commands left out keep their state.
 */
export type CommandStates = Partial<Record<DesktopCommandId, boolean>>;

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
  /** Tells the native menu which commands can run now (the browser host has no menu: it does nothing). */
  setCommandsEnabled(states: CommandStates): Promise<Result<void>>;
}

/** IPC channels between preload and main: the allow-list both sides check. */
export const desktopChannels = {
  openFile: 'desktop:openFile',
  saveFile: 'desktop:saveFile',
  printToPdf: 'desktop:printToPdf',
  setLanguage: 'desktop:setLanguage',
  menuCommand: 'desktop:menuCommand',
  commandsEnabled: 'desktop:commandsEnabled',
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

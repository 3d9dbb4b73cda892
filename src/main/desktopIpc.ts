/**
 * The desktop side of `window.desktop`: file dialogs and file reads and writes, on allow-listed channels,
 * answered only to frames of the app itself.
 */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { language, type Language } from '../shared/domain';
import {
  MAX_FILE_BYTES,
  desktopChannels,
  type CommandStates,
  type FileFilter,
  type OpenedFile,
  type SaveFileRequest,
} from '../shared/desktop';
import type { Result } from '../shared/errors';
import { parseCommandStates } from './menu';
import { printToPdfHandler } from './printToPdf';
import { isAppUrl } from './security';

type Handler = (event: IpcMainInvokeEvent, request: unknown) => Promise<Result<unknown>>;

function fail(code: 'INVALID_INPUT' | 'FILE_TOO_LARGE' | 'BAD_FILE' | 'INTERNAL', message: string, details?: unknown) {
  return { ok: false as const, error: { code, message, details } };
}

function isFilterList(value: unknown): value is FileFilter[] {
  return (
    Array.isArray(value) &&
    value.every(
      (f) =>
        typeof f === 'object' &&
        f !== null &&
        typeof f.name === 'string' &&
        Array.isArray(f.extensions) &&
        f.extensions.every((e: unknown) => typeof e === 'string'),
    )
  );
}

export async function readChosenFile(file: string): Promise<Result<OpenedFile>> {
  const stat = await fs.stat(file);
  if (stat.size > MAX_FILE_BYTES) {
    return fail(
      'FILE_TOO_LARGE',
      `${path.basename(file)} is ${(stat.size / 1024 ** 3).toFixed(1)} GB; files up to 2 GB can be opened`,
      {
        size: stat.size,
        limit: MAX_FILE_BYTES,
      },
    );
  }
  // A view of the Buffer fs read, not `new Uint8Array(buffer)`, which would copy up to 2 GB once more in main.
  const read = await fs.readFile(file);
  const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  return { ok: true, value: { name: path.basename(file), size: stat.size, bytes } };
}

/** Writes next to the target then renames, so a crash never leaves a half-written export. */
export async function writeFileAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(temp, data);
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export interface DesktopIpcDeps {
  onLanguage(language: Language): void;
  /** The renderer says which commands can run now: the native menu follows. */
  onCommandsEnabled(states: CommandStates): void;
  /** Hands a chosen file's bytes to the model host and answers the id it keeps them under (ModelHost.stageFile). */
  stageFile(bytes: Uint8Array): Promise<string>;
}

export function desktopHandlers(deps: DesktopIpcDeps): Record<string, Handler> {
  return {
    [desktopChannels.openFile]: async (event, request) => {
      const { title, filters } = (request ?? {}) as { title?: unknown; filters?: unknown };
      if (typeof title !== 'string' || !isFilterList(filters)) return fail('INVALID_INPUT', 'Bad open-file request');
      const window = BrowserWindow.fromWebContents(event.sender) ?? undefined;
      const options = { title, filters, properties: ['openFile' as const] };
      const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      if (chosen.canceled || chosen.filePaths.length === 0) return { ok: true, value: null };
      const read = await readChosenFile(chosen.filePaths[0]);
      if (!read.ok || !read.value.bytes) return read;
      // The bytes go to the model host, not back to the window: the UI only needs the file's name and size.
      const { name, size, bytes } = read.value;
      return { ok: true, value: { name, size, stagedFileId: await deps.stageFile(bytes) } };
    },

    [desktopChannels.saveFile]: async (event, request) => {
      const { suggestedName, filters, data } = (request ?? {}) as Partial<SaveFileRequest>;
      if (
        typeof suggestedName !== 'string' ||
        !isFilterList(filters) ||
        !(typeof data === 'string' || data instanceof Uint8Array)
      ) {
        return fail('INVALID_INPUT', 'Bad save-file request');
      }
      const window = BrowserWindow.fromWebContents(event.sender) ?? undefined;
      const options = { defaultPath: path.basename(suggestedName), filters };
      const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return { ok: true, value: { saved: false, path: null } };
      await writeFileAtomically(chosen.filePath, data);
      return { ok: true, value: { saved: true, path: chosen.filePath } };
    },

    [desktopChannels.printToPdf]: printToPdfHandler,

    [desktopChannels.setLanguage]: async (_event, request) => {
      const parsed = language.safeParse(request);
      if (!parsed.success) return fail('INVALID_INPUT', 'Unknown language');
      deps.onLanguage(parsed.data);
      return { ok: true, value: undefined };
    },

    [desktopChannels.commandsEnabled]: async (_event, request) => {
      const states = parseCommandStates(request);
      if (!states) return fail('INVALID_INPUT', 'Bad command states');
      deps.onCommandsEnabled(states);
      return { ok: true, value: undefined };
    },
  };
}

/** Registers the handlers; any call from a frame outside the app, or failing unexpectedly, answers a typed error. */
export function registerDesktopIpc(deps: DesktopIpcDeps): void {
  for (const [channel, handler] of Object.entries(desktopHandlers(deps))) {
    ipcMain.handle(channel, async (event, request) => {
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
        return fail('INVALID_INPUT', 'Refused: the request did not come from Territory Planner');
      }
      try {
        return await handler(event, request);
      } catch (error) {
        return fail('INTERNAL', error instanceof Error ? error.message : String(error));
      }
    });
  }
}

/**
 * `window.desktop` in a plain browser: a file input for opening, a download for saving, and keyboard shortcuts
 * standing in for the native menu's accelerators.
 */
import { desktopCommands, menuShortcut } from '../../shared/commands';
import { MAX_FILE_BYTES, type DesktopApi, type MenuCommand } from '../../shared/desktop';
import { matchesShortcut } from '../../shared/shortcuts';

/**
 * The command a key press stands for, as Electron's menu would send it (the same list: shared/commands.ts): the
 * menu's key only, as a menu item binds one; the window binds the others (Ctrl+Y) in both hosts.
 */
export function shortcutCommand(event: KeyboardEvent): MenuCommand | null {
  const command = desktopCommands.find((c) => {
    const shortcut = menuShortcut(c, 'browser');
    return shortcut !== undefined && matchesShortcut(event, shortcut);
  });
  return command ? { name: command.id } : null;
}

function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

export function createBrowserDesktop(): DesktopApi {
  return {
    host: 'browser',
    async openFile({ filters }) {
      const accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
      const file = await pickFile(accept);
      if (!file) return { ok: true, value: null };
      if (file.size > MAX_FILE_BYTES) {
        return {
          ok: false,
          error: {
            code: 'FILE_TOO_LARGE',
            message: `${file.name} is ${(file.size / 1024 ** 3).toFixed(1)} GB; files up to 2 GB can be opened`,
            details: { size: file.size, limit: MAX_FILE_BYTES },
          },
        };
      }
      return { ok: true, value: { name: file.name, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) } };
    },
    async saveFile({ suggestedName, data }) {
      const blob = new Blob([typeof data === 'string' ? data : (data as Uint8Array<ArrayBuffer>)]);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = suggestedName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { ok: true, value: { saved: true, path: null } };
    },
    // The browser prints the page (its print styles show only the report); its dialog saves the PDF.
    async printToPdf() {
      window.print();
      return { ok: true, value: { saved: false, path: null } };
    },
    // No native menu to translate or grey out in a browser.
    setLanguage: async () => ({ ok: true, value: undefined }),
    setCommandsEnabled: async () => ({ ok: true, value: undefined }),
    onMenuCommand(listener) {
      const onKey = (event: KeyboardEvent) => {
        const command = shortcutCommand(event);
        if (!command) return;
        event.preventDefault();
        listener(command);
      };
      window.addEventListener('keydown', onKey);
      return () => window.removeEventListener('keydown', onKey);
    },
  };
}

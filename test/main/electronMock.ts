/**
 * A stand-in for the `electron` module (its binary is not needed to test main and preload): records what main
 * asks of it so tests can check windows are secure and channels allow-listed.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  loading = false;
  destroyed = false;
  posted: { channel: string; ports: unknown[] }[] = [];
  sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  isLoading = () => this.loading;
  isDestroyed = () => this.destroyed;
  postMessage = (channel: string, _message: unknown, ports: unknown[] = []) => this.posted.push({ channel, ports });
  send = (channel: string, ...args: unknown[]) => this.sent.push({ channel, args });
  setWindowOpenHandler = (handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  };
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  destroyed = false;
  loadedUrl: string | null = null;
  constructor(readonly options: { webPreferences?: Record<string, unknown>; show?: boolean }) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL = vi.fn(async (url: string) => {
    this.loadedUrl = url;
  });
  isDestroyed = () => this.destroyed;
  destroy = () => {
    this.destroyed = true;
    this.webContents.destroyed = true;
  };
  static fromWebContents = () => null;
  static getFocusedWindow = () => null;
  static getAllWindows = () => FakeBrowserWindow.created;
}

/** A menu item as Electron keeps it: its state can be changed after the menu is built. */
export interface FakeMenuItem {
  id?: string;
  label?: string;
  enabled?: boolean;
  submenu?: FakeMenuItem[];
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  getMenuItemById(id: string): FakeMenuItem | null {
    const find = (items: FakeMenuItem[]): FakeMenuItem | null => {
      for (const item of items) {
        if (item.id === id) return item;
        const inside = item.submenu && find(item.submenu);
        if (inside) return inside;
      }
      return null;
    };
    return find(this.items);
  }
}

let applicationMenu: FakeMenu | null = null;

export const ipcMainMock = Object.assign(new EventEmitter(), {
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  handle(channel: string, handler: (...args: unknown[]) => unknown) {
    this.handlers.set(channel, handler);
  },
});

export const electronMock = {
  app: Object.assign(new EventEmitter(), { isPackaged: false, getPath: () => '/tmp', getLocale: () => 'en-US' }),
  BrowserWindow: FakeBrowserWindow,
  MessageChannelMain: class {
    port1 = { name: 'port1' };
    port2 = { name: 'port2' };
  },
  ipcMain: ipcMainMock,
  dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
  shell: { openExternal: vi.fn(async () => undefined) },
  session: {
    defaultSession: {
      permissionRequestHandler: null as null | ((...args: unknown[]) => void),
      permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
      setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
        this.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
        this.permissionCheckHandler = handler;
      },
    },
  },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn() },
  Menu: {
    buildFromTemplate: vi.fn((template: FakeMenuItem[]) => new FakeMenu(template)),
    setApplicationMenu: vi.fn((menu: FakeMenu | null) => {
      applicationMenu = menu;
    }),
    getApplicationMenu: () => applicationMenu,
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
};

/**
 * Main hosts the model: a hidden, sandboxed window that alone opens IndexedDB. Each UI window gets its own
 * MessagePort to it; if the host dies it is restarted and every window is handed a fresh port.
 */
import { BrowserWindow, MessageChannelMain, ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { randomUUID } from 'node:crypto';
import { desktopChannels } from '../shared/desktop';
import { secureWebPreferences } from './security';

/** How long quitting waits for the model host to finish its writes. */
export const FLUSH_TIMEOUT_MS = 5_000;
/** How long opening a file waits for the model host to keep its bytes (a 2 GB copy takes seconds). */
export const STAGE_TIMEOUT_MS = 60_000;

export interface ModelHostOptions {
  url: string;
  preload: string;
  /** Restarts allowed in a row before giving up (a host that dies at once would loop forever). */
  maxRestarts?: number;
}

export class ModelHost {
  private window: BrowserWindow | null = null;
  private readonly clients = new Set<WebContents>();
  private restarts = 0;
  private stopping = false;

  constructor(private readonly options: ModelHostOptions) {
    ipcMain.on(desktopChannels.requestModelPort, (event) => {
      if (this.clients.has(event.sender)) this.connect(event.sender);
    });
  }

  get webContents(): WebContents | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null;
  }

  start(): void {
    const window = new BrowserWindow({
      show: false,
      webPreferences: { ...secureWebPreferences(this.options.preload), backgroundThrottling: false },
    });
    this.window = window;
    window.webContents.on('render-process-gone', (_event, details) => {
      if (this.stopping || details.reason === 'clean-exit') return;
      this.restart();
    });
    window.webContents.on('did-finish-load', () => {
      this.restarts = 0;
      for (const client of this.clients) this.connect(client);
    });
    void window.loadURL(this.options.url);
  }

  private restart(): void {
    if (this.restarts >= (this.options.maxRestarts ?? 5)) return;
    this.restarts++;
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.start();
  }

  /**
   * Registers a UI window. Its preload asks for a port when it starts; every window gets a fresh one after a
   * restart of the host.
   */
  attach(client: WebContents): void {
    this.clients.add(client);
    client.once('destroyed', () => this.clients.delete(client));
  }

  private connect(client: WebContents): void {
    const host = this.webContents;
    // A host still loading gets every client's port once loaded (did-finish-load).
    if (!host || host.isLoading() || client.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    host.postMessage(desktopChannels.modelPort, null, [port1]);
    client.postMessage(desktopChannels.modelPort, null, [port2]);
  }

  /**
   * Hands a chosen file's bytes straight to the model host, which keeps them under the id answered once they are
   * kept: the only copy they make (main to the host's process). The UI then names the file by that id.
   */
  stageFile(bytes: Uint8Array): Promise<string> {
    const host = this.webContents;
    if (!host || host.isLoading()) return Promise.reject(new Error('The model is starting: open the file again'));
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        ipcMain.removeListener(desktopChannels.fileStaged, onStaged);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error('The model did not take the file: open it again'));
      }, STAGE_TIMEOUT_MS);
      // Only the model host's page says a file is kept, and only for the id it was given.
      const onStaged = (event: IpcMainEvent, stagedId: unknown) => {
        if (event.sender !== host || stagedId !== id) return;
        settle();
        resolve(id);
      };
      ipcMain.on(desktopChannels.fileStaged, onStaged);
      host.send(desktopChannels.stageFile, { id, bytes });
    });
  }

  /** Lets pending writes finish and the database close, then destroys the host (or gives up after a timeout). */
  async stop(): Promise<void> {
    this.stopping = true;
    const host = this.webContents;
    if (!host) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ipcMain.removeListener(desktopChannels.modelFlushed, onFlushed);
        resolve();
      }, FLUSH_TIMEOUT_MS);
      // Only the model host's own page may say it has flushed: a UI window sending model:flushed must not
      // cut the wait short while writes are pending.
      const onFlushed = (event: IpcMainEvent) => {
        if (event.sender !== host) return;
        ipcMain.removeListener(desktopChannels.modelFlushed, onFlushed);
        clearTimeout(timer);
        resolve();
      };
      ipcMain.on(desktopChannels.modelFlushed, onFlushed);
      host.send(desktopChannels.modelFlush);
    });
    this.window?.destroy();
    this.window = null;
  }
}

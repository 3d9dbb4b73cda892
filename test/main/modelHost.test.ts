import { beforeEach, describe, expect, it, vi } from 'vitest';
import { desktopChannels } from '../../src/shared/desktop';
import { FakeBrowserWindow, FakeWebContents, ipcMainMock } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);

const { ModelHost, STAGE_TIMEOUT_MS } = await import('../../src/main/modelHost');

describe('model host lifecycle', () => {
  beforeEach(() => {
    FakeBrowserWindow.created.length = 0;
    ipcMainMock.removeAllListeners();
  });

  it('starts a hidden, sandboxed window and gives each UI window its own port to it', () => {
    const host = new ModelHost({ url: 'app://bundle/model-host.html', preload: '/p/modelHost.cjs' });
    host.start();
    const hostWindow = FakeBrowserWindow.created[0];
    expect(hostWindow.options.show).toBe(false);
    expect(hostWindow.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(hostWindow.loadedUrl).toBe('app://bundle/model-host.html');

    const ui = new FakeWebContents();
    host.attach(ui as never);
    ipcMainMock.emit(desktopChannels.requestModelPort, { sender: ui });
    expect(ui.posted).toHaveLength(1);
    expect(hostWindow.webContents.posted).toHaveLength(1);
    expect(ui.posted[0].ports[0]).not.toBe(hostWindow.webContents.posted[0].ports[0]);

    // A window that was never attached gets nothing.
    const stranger = new FakeWebContents();
    ipcMainMock.emit(desktopChannels.requestModelPort, { sender: stranger });
    expect(stranger.posted).toHaveLength(0);
  });

  it('restarts a crashed host and reconnects every window', () => {
    const host = new ModelHost({ url: 'app://bundle/model-host.html', preload: '/p/modelHost.cjs' });
    host.start();
    const ui = new FakeWebContents();
    host.attach(ui as never);
    FakeBrowserWindow.created[0].webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(FakeBrowserWindow.created).toHaveLength(2);
    expect(FakeBrowserWindow.created[0].destroyed).toBe(true);
    FakeBrowserWindow.created[1].webContents.emit('did-finish-load');
    expect(ui.posted.map((p) => p.channel)).toEqual([desktopChannels.modelPort]);
  });

  it('gives up restarting a host that keeps dying', () => {
    const host = new ModelHost({ url: 'app://bundle/model-host.html', preload: '/p/modelHost.cjs', maxRestarts: 2 });
    host.start();
    for (let i = 0; i < 5; i++) {
      FakeBrowserWindow.created.at(-1)!.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    }
    expect(FakeBrowserWindow.created).toHaveLength(3);
  });

  it('asks the host to flush before quitting and waits for its answer', async () => {
    const host = new ModelHost({ url: 'app://bundle/model-host.html', preload: '/p/modelHost.cjs' });
    host.start();
    const hostWindow = FakeBrowserWindow.created[0];
    const stopped = host.stop();
    expect(hostWindow.webContents.sent.map((s) => s.channel)).toEqual([desktopChannels.modelFlush]);
    expect(hostWindow.destroyed).toBe(false);
    ipcMainMock.emit(desktopChannels.modelFlushed, { sender: hostWindow.webContents });
    await stopped;
    expect(hostWindow.destroyed).toBe(true);
  });

  it('accepts model:flushed only from the model host, not from a UI window', async () => {
    const host = new ModelHost({ url: 'app://model/model-host.html', preload: '/p/modelHost.cjs' });
    host.start();
    const hostWindow = FakeBrowserWindow.created.at(-1)!;
    const ui = new FakeBrowserWindow({});
    let stopped = false;
    const stopping = host.stop().then(() => (stopped = true));
    ipcMainMock.emit(desktopChannels.modelFlushed, { sender: ui.webContents });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    expect(hostWindow.destroyed).toBe(false);
    ipcMainMock.emit(desktopChannels.modelFlushed, { sender: hostWindow.webContents });
    await stopping;
    expect(hostWindow.destroyed).toBe(true);
    expect(ipcMainMock.listenerCount(desktopChannels.modelFlushed)).toBe(0);
  });

  it('stages a chosen file on the model host and answers its id once the host says it is kept', async () => {
    const host = new ModelHost({ url: 'app://model/model-host.html', preload: '/p/modelHost.cjs' });
    host.start();
    const hostWindow = FakeBrowserWindow.created.at(-1)!;
    const bytes = new TextEncoder().encode('name\nAcme\n');
    let answered: string | null = null;
    const staging = host.stageFile(bytes).then((id) => (answered = id));
    const sent = hostWindow.webContents.sent.find((s) => s.channel === desktopChannels.stageFile)!;
    const { id, bytes: handed } = sent.args[0] as { id: string; bytes: Uint8Array };
    expect(handed).toBe(bytes); // main's own buffer: no copy made in main
    // Neither a UI window nor another id settles it.
    const ui = new FakeBrowserWindow({});
    ipcMainMock.emit(desktopChannels.fileStaged, { sender: ui.webContents }, id);
    ipcMainMock.emit(desktopChannels.fileStaged, { sender: hostWindow.webContents }, 'another-id');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBeNull();
    ipcMainMock.emit(desktopChannels.fileStaged, { sender: hostWindow.webContents }, id);
    expect(await staging).toBe(id);
    expect(ipcMainMock.listenerCount(desktopChannels.fileStaged)).toBe(0);
  });

  it('refuses to stage while the host is loading, and gives up when the host never answers', async () => {
    vi.useFakeTimers();
    try {
      const host = new ModelHost({ url: 'app://model/model-host.html', preload: '/p/modelHost.cjs' });
      host.start();
      const hostWindow = FakeBrowserWindow.created.at(-1)!;
      hostWindow.webContents.loading = true;
      await expect(host.stageFile(new Uint8Array(1))).rejects.toThrow(/starting/);
      hostWindow.webContents.loading = false;
      const staging = host.stageFile(new Uint8Array(1));
      const settled = expect(staging).rejects.toThrow(/did not take the file/);
      await vi.advanceTimersByTimeAsync(STAGE_TIMEOUT_MS);
      await settled;
      expect(ipcMainMock.listenerCount(desktopChannels.fileStaged)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

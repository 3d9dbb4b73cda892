import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { desktopChannels, type DesktopApi } from '../../src/shared/desktop';
import type { TerritoryBridge } from '../../src/shared/bridge';

const exposed = new Map<string, unknown>();
const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async () => ({ ok: true, value: null })),
  send: vi.fn(),
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

await import('../../src/preload/index');

describe('preload bridge', () => {
  it('exposes only window.territory and window.desktop, and asks main for a model port', () => {
    expect([...exposed.keys()].sort()).toEqual(['desktop', 'territory']);
    expect(ipcRenderer.send).toHaveBeenCalledWith(desktopChannels.requestModelPort);
  });

  it('sends desktop requests on the allow-listed channels only', async () => {
    const desktop = exposed.get('desktop') as DesktopApi;
    await desktop.openFile({ title: 'Import', filters: [] });
    await desktop.saveFile({ suggestedName: 'a.csv', filters: [], data: 'x' });
    await desktop.setLanguage('fr');
    await desktop.setCommandsEnabled({ finalizePlan: false });
    const channels = ipcRenderer.invoke.mock.calls.map((call) => (call as unknown[])[0]);
    expect(channels).toEqual([
      desktopChannels.openFile,
      desktopChannels.saveFile,
      desktopChannels.setLanguage,
      desktopChannels.commandsEnabled,
    ]);
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(desktopChannels.commandsEnabled, { finalizePlan: false });
  });

  it('relays menu commands and lets the listener go', () => {
    const desktop = exposed.get('desktop') as DesktopApi;
    const listener = vi.fn();
    const stop = desktop.onMenuCommand(listener);
    ipcRenderer.emit(desktopChannels.menuCommand, {}, { name: 'undo' });
    stop();
    ipcRenderer.emit(desktopChannels.menuCommand, {}, { name: 'redo' });
    expect(listener.mock.calls).toEqual([[{ name: 'undo' }]]);
  });

  it('refuses model calls outside the contract without sending them', async () => {
    const territory = exposed.get('territory') as TerritoryBridge;
    const { port1, port2 } = new MessageChannel();
    ipcRenderer.emit(desktopChannels.modelPort, { ports: [port1] });
    const received = vi.fn();
    port2.onmessage = received;
    const answer = await territory.call('dropDatabase' as never, {} as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(received).not.toHaveBeenCalled();
    port1.close();
    port2.close();
  });
});

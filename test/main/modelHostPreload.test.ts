// The model host's preload: hands on the ports and the files main stages (bytes transferred to the page, not
// copied), and relays the page's answers to main, listening only to its own window.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { desktopChannels } from '../../src/shared/desktop';
import {
  MODEL_FILE_STAGED_MESSAGE,
  MODEL_FLUSHED_MESSAGE,
  MODEL_STAGE_FILE_MESSAGE,
} from '../../src/shared/hostMessages';

const ipcRenderer = Object.assign(new EventEmitter(), { send: vi.fn() });
vi.mock('electron', () => ({ ipcRenderer }));

const listeners: ((event: { source: unknown; data: unknown }) => void)[] = [];
const fakeWindow = {
  postMessage: vi.fn(),
  addEventListener: (_type: 'message', listener: (event: { source: unknown; data: unknown }) => void) =>
    listeners.push(listener),
};
vi.stubGlobal('window', fakeWindow);
await import('../../src/preload/modelHost');

const fromPage = (data: unknown, source: unknown = fakeWindow) => listeners.forEach((l) => l({ source, data }));

describe('model host preload', () => {
  it('passes a staged file on to the page with its buffer in the transfer list', () => {
    const bytes = new TextEncoder().encode('name\nAcme\n');
    ipcRenderer.emit(desktopChannels.stageFile, {}, { id: 'file-1', bytes });
    expect(fakeWindow.postMessage).toHaveBeenCalledWith({ type: MODEL_STAGE_FILE_MESSAGE, id: 'file-1', bytes }, '*', [
      bytes.buffer,
    ]);
  });

  it("relays the page's answers to main, and nothing another frame posts", () => {
    fromPage({ type: MODEL_FILE_STAGED_MESSAGE, id: 'file-1' }, { other: 'frame' });
    fromPage({ type: MODEL_FLUSHED_MESSAGE }, { other: 'frame' });
    expect(ipcRenderer.send).not.toHaveBeenCalled();
    fromPage({ type: MODEL_FILE_STAGED_MESSAGE, id: 'file-1' });
    fromPage({ type: MODEL_FLUSHED_MESSAGE });
    expect(ipcRenderer.send.mock.calls).toEqual([
      [desktopChannels.fileStaged, 'file-1'],
      [desktopChannels.modelFlushed],
    ]);
  });
});

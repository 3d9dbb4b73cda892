/**
 * Preload of the hidden model-host window: passes the ports main sends on to the page (where the model runs),
 * relays the flush handshake before quitting, and hands on the files main stages (bytes transferred, not copied).
 */
import { ipcRenderer } from 'electron';
import {
  MODEL_FILE_STAGED_MESSAGE,
  MODEL_FLUSHED_MESSAGE,
  MODEL_FLUSH_MESSAGE,
  MODEL_PORT_MESSAGE,
  MODEL_STAGE_FILE_MESSAGE,
} from '../shared/hostMessages';
import { desktopChannels } from '../shared/desktop';

ipcRenderer.on(desktopChannels.modelPort, (event) => {
  window.postMessage({ type: MODEL_PORT_MESSAGE }, '*', event.ports);
});

ipcRenderer.on(desktopChannels.stageFile, (_event, staged: { id: string; bytes: Uint8Array }) => {
  window.postMessage({ type: MODEL_STAGE_FILE_MESSAGE, id: staged.id, bytes: staged.bytes }, '*', [
    staged.bytes.buffer,
  ]);
});

ipcRenderer.on(desktopChannels.modelFlush, () => window.postMessage({ type: MODEL_FLUSH_MESSAGE }, '*'));
window.addEventListener('message', (event) => {
  if (event.source !== window) return;
  const data = event.data as { type?: string; id?: unknown } | null;
  if (data?.type === MODEL_FLUSHED_MESSAGE) ipcRenderer.send(desktopChannels.modelFlushed);
  if (data?.type === MODEL_FILE_STAGED_MESSAGE) ipcRenderer.send(desktopChannels.fileStaged, data.id);
});

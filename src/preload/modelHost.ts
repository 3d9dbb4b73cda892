/**
 * Preload of the hidden model-host window: passes the ports main sends on to the page (where the model runs),
 * and relays the flush handshake before quitting.
 */
import { ipcRenderer } from 'electron';
import { MODEL_FLUSHED_MESSAGE, MODEL_FLUSH_MESSAGE, MODEL_PORT_MESSAGE } from '../shared/hostMessages';
import { desktopChannels } from '../shared/desktop';

ipcRenderer.on(desktopChannels.modelPort, (event) => {
  window.postMessage({ type: MODEL_PORT_MESSAGE }, '*', event.ports);
});

ipcRenderer.on(desktopChannels.modelFlush, () => window.postMessage({ type: MODEL_FLUSH_MESSAGE }, '*'));
window.addEventListener('message', (event) => {
  if (event.source === window && (event.data as { type?: string } | null)?.type === MODEL_FLUSHED_MESSAGE) {
    ipcRenderer.send(desktopChannels.modelFlushed);
  }
});

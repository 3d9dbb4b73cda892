/** The hidden model-host window's page (Electron): serves the model on the ports its preload passes on. */
import '../../shared/zodJitless';
import { MODEL_FLUSHED_MESSAGE, MODEL_FLUSH_MESSAGE } from '../../shared/bridge';
import { startModelHost } from '../../model/host/serve';
import { stageFileFromMessage } from '../../model/host/stagedFileMessages';

const service = startModelHost(window);

// Only this window's own messages: its preload's (flush, staged files), never another frame's.
window.addEventListener('message', (event) => {
  if (event.source !== window) return;
  if ((event.data as { type?: string } | null)?.type === MODEL_FLUSH_MESSAGE) {
    void service.then((s) => s.flush()).finally(() => window.postMessage({ type: MODEL_FLUSHED_MESSAGE }, '*'));
    return;
  }
  void stageFileFromMessage(service, event.data).then((staged) => {
    if (staged) window.postMessage(staged, '*');
  });
});

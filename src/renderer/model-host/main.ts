/** The hidden model-host window's page (Electron): serves the model on the ports its preload passes on. */
import '../../shared/zodJitless';
import { MODEL_FLUSHED_MESSAGE, MODEL_FLUSH_MESSAGE } from '../../shared/bridge';
import { startModelHost } from '../../model/host/serve';

const service = startModelHost(window);

window.addEventListener('message', (event) => {
  if (event.source !== window || (event.data as { type?: string } | null)?.type !== MODEL_FLUSH_MESSAGE) return;
  void service.then((s) => s.flush()).finally(() => window.postMessage({ type: MODEL_FLUSHED_MESSAGE }, '*'));
});

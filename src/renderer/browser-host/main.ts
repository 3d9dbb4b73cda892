/**
 * The browser host: starts the model in a Web Worker, connects to it over a MessageChannel, provides
 * `window.desktop` with file inputs and downloads, then starts the same UI as Electron.
 */
import '../../shared/zodJitless';
import { MODEL_PORT_MESSAGE, connectModel } from '../../shared/bridge';
import { createBrowserDesktop } from './browserDesktop';

performance.mark('territory:model-start');
const worker = new Worker(new URL('./modelWorker.ts', import.meta.url), { type: 'module', name: 'model-host' });
const channel = new MessageChannel();
worker.postMessage({ type: MODEL_PORT_MESSAGE }, [channel.port2]);

window.territory = connectModel(channel.port1);
window.desktop = createBrowserDesktop();

void import('../app/main');

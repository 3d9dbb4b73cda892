/**
 * The browser host: starts the model in a Web Worker, connects to it over a MessageChannel, provides
 * `window.desktop` with file inputs and downloads, then starts the same UI as Electron. Only one tab per origin
 * runs the model (oneWriter.ts); another tab shows a notice until it can take over.
 */
import '../../shared/zodJitless';
import { MODEL_PORT_MESSAGE, connectModel } from '../../shared/bridge';
import hostEn from '../app/i18n/locales/en/host.json';
import hostFr from '../app/i18n/locales/fr/host.json';
import { createBrowserDesktop } from './browserDesktop';
import { askPersistentStorage, whenSoleWriter } from './oneWriter';
import './oneWriter.css';

function startModelAndApp(): void {
  document.getElementById('second-tab')?.remove();
  performance.mark('territory:model-start');
  const worker = new Worker(new URL('./modelWorker.ts', import.meta.url), { type: 'module', name: 'model-host' });
  const channel = new MessageChannel();
  worker.postMessage({ type: MODEL_PORT_MESSAGE }, [channel.port2]);

  window.territory = connectModel(channel.port1);
  window.desktop = createBrowserDesktop();

  void import('../app/main');
}

function showSecondTabNotice(): void {
  const text = navigator.language.toLowerCase().startsWith('fr') ? hostFr.secondTab : hostEn.secondTab;
  const notice = document.createElement('main');
  notice.id = 'second-tab';
  notice.className = 'second-tab';
  notice.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = text.title;
  const body = document.createElement('p');
  body.textContent = text.body;
  notice.append(title, body);
  document.body.prepend(notice);
}

void askPersistentStorage(navigator.storage);
void whenSoleWriter(navigator.locks, startModelAndApp, showSecondTabNotice);

/**
 * Where the UI and the model host are loaded from. Production: the built bundle over app://, the UI at
 * app://bundle/ and the model host at its own origin app://model/ (so the UI cannot reach the model's IndexedDB).
 * `npm run dev`: electron-vite's renderer dev server (ELECTRON_RENDERER_URL), with hot reload, as its template does.
 */
import { APP_ORIGIN, MODEL_ORIGIN } from './appProtocol';

export interface PageUrls {
  ui: string;
  modelHost: string;
  /** The dev server's origin, trusted like app:// while developing; null in production. */
  devOrigin: string | null;
}

export function pageUrls(rendererUrl: string | undefined): PageUrls {
  if (rendererUrl) {
    let base: URL;
    try {
      base = new URL(rendererUrl);
    } catch {
      base = new URL('http://invalid.invalid/');
    }
    // Only a dev server on this machine: a stray variable must not point the app at the network.
    const local = (base.protocol === 'http:' || base.protocol === 'https:') && isLoopback(base.hostname);
    if (local) {
      return {
        ui: new URL('index.html', base).toString(),
        modelHost: new URL('model-host.html', base).toString(),
        devOrigin: base.origin,
      };
    }
  }
  return { ui: `${APP_ORIGIN}/index.html`, modelHost: `${MODEL_ORIGIN}/model-host.html`, devOrigin: null };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

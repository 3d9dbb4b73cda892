/**
 * Every window is locked down the same way: isolated, sandboxed, no Node, a strict CSP, no navigation away
 * from the app, no new windows, no permissions.
 */
import { app, session, type WebContents, type WebPreferences } from 'electron';
import { APP_HOST, APP_SCHEME, MODEL_HOST } from './appProtocol';

export { CONTENT_SECURITY_POLICY } from '../shared/csp';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Compared by scheme and host: Node's URL gives custom schemes an opaque "null" origin. */
function isOrigin(url: string, host: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === host;
  } catch {
    return false;
  }
}

let devRendererOrigin: string | null = null;

/** `npm run dev` only: trusts electron-vite's renderer dev server (on loopback) like the app's own origin. */
export function allowDevRendererOrigin(origin: string | null): void {
  devRendererOrigin = origin;
}

function isDevRenderer(url: string): boolean {
  if (!devRendererOrigin) return false;
  try {
    return new URL(url).origin === devRendererOrigin;
  } catch {
    return false;
  }
}

/** A page of the UI (app://bundle/): the only origin the desktop IPC answers. */
export const isAppUrl = (url: string): boolean => isOrigin(url, APP_HOST) || isDevRenderer(url);
/** The hidden model host's page (app://model/). */
export const isModelHostUrl = (url: string): boolean => isOrigin(url, MODEL_HOST);

/**
 * Guards one web contents: navigation stays inside the app's two origins and no window opens. Nothing in the app
 * links to the web, so nothing is handed to shell.openExternal (a compromised page could otherwise launch any
 * https URL, or worse, in the system browser).
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url) && !isModelHostUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url) && !isModelHostUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** App-wide: deny every permission request and check, and guard every web contents ever created. */
export function applyAppSecurity(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

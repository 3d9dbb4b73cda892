/**
 * The renderer is served from app:// rather than file://, so workers (MapLibre's, the model's) and IndexedDB get a
 * stable, privileged origin. Two origins: app://bundle/ for the UI and app://model/ for the hidden model host, so
 * the UI cannot open the model's IndexedDB and write it past the model's validation. Every response carries the CSP
 * (workers take theirs from their own response).
 */
import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The model host's own origin: its IndexedDB is out of the UI's reach. */
export const MODEL_HOST = 'model';
export const MODEL_ORIGIN = `${APP_SCHEME}://${MODEL_HOST}`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

export type AppPath = { ok: true; file: string } | { ok: false; status: 400 | 404 };

/** Pages each origin may serve: the UI never gets the model host's page, nor the model host the UI's. */
const PAGES: Record<string, { index: string; forbidden: string }> = {
  [APP_HOST]: { index: 'index.html', forbidden: 'model-host.html' },
  [MODEL_HOST]: { index: 'model-host.html', forbidden: 'index.html' },
};

/**
 * The file a request maps to: 400 for a malformed escape or a NUL byte, 404 outside the renderer folder, for an
 * unknown host, or for the other origin's page.
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string): AppPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  const pages = PAGES[url.host];
  if (url.protocol !== `${APP_SCHEME}:` || !pages) return { ok: false, status: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400 };
  const relative = decoded.replace(/^\/+/, '') || pages.index;
  const resolved = path.resolve(rendererDir, relative);
  const root = path.resolve(rendererDir) + path.sep;
  if (!resolved.startsWith(root) || resolved === path.join(root, pages.forbidden)) return { ok: false, status: 404 };
  return { ok: true, file: resolved };
}

/** The file a request maps to, or null when it cannot be served. */
export function resolveAppPath(rendererDir: string, requestUrl: string): string | null {
  const result = resolveAppRequest(rendererDir, requestUrl);
  return result.ok ? result.file : null;
}

/** Answers one app:// request; every answer, errors included, carries the CSP and no MIME sniffing. */
export async function serveAppRequest(
  rendererDir: string,
  csp: string,
  request: { url: string },
  fetchFile: (url: string) => Promise<Response> = (url) => net.fetch(url),
): Promise<Response> {
  const security = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  const target = resolveAppRequest(rendererDir, request.url);
  if (!target.ok) {
    return new Response(target.status === 400 ? 'Bad request' : 'Not found', {
      status: target.status,
      headers: security,
    });
  }
  let response: Response;
  try {
    response = await fetchFile(pathToFileURL(target.file).toString());
  } catch {
    return new Response('Not found', { status: 404, headers: security });
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(security)) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers });
}

export function handleAppProtocol(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, csp, request));
}

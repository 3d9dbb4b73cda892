/**
 * The renderer is served from app://bundle/ rather than file://, so workers (MapLibre's, the model's) and
 * IndexedDB get a stable, privileged origin.
 */
import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** The file a request maps to, or null when it would leave the renderer folder. */
export function resolveAppPath(rendererDir: string, requestUrl: string): string | null {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return null;
  const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  const resolved = path.resolve(rendererDir, relative);
  const root = path.resolve(rendererDir) + path.sep;
  return resolved.startsWith(root) ? resolved : null;
}

export function handleAppProtocol(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!response.ok) return response;
    const headers = new Headers(response.headers);
    if (file.endsWith('.html')) headers.set('Content-Security-Policy', csp);
    return new Response(response.body, { status: response.status, headers });
  });
}

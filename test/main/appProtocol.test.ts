import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);

const { resolveAppRequest, serveAppRequest } = await import('../../src/main/appProtocol');
const { CONTENT_SECURITY_POLICY, isAppUrl, isModelHostUrl, allowDevRendererOrigin } =
  await import('../../src/main/security');
const { pageUrls } = await import('../../src/main/pages');

const DIR = '/app/renderer';
const fileResponse = (type: string) =>
  vi.fn(async (_url: string) => new Response('body', { status: 200, headers: { 'Content-Type': type } }));

describe('the app:// protocol', () => {
  it('puts the CSP on every response: pages, scripts, workers, styles, errors', async () => {
    for (const [url, type] of [
      ['app://bundle/index.html', 'text/html'],
      ['app://bundle/assets/index-abc.js', 'text/javascript'],
      ['app://bundle/assets/modelWorker-abc.js', 'text/javascript'],
      ['app://bundle/assets/index-abc.css', 'text/css'],
      ['app://model/model-host.html', 'text/html'],
    ] as const) {
      const response = await serveAppRequest(DIR, CONTENT_SECURITY_POLICY, { url }, fileResponse(type));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('Content-Security-Policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Content-Type')).toBe(type);
    }
    const missing = await serveAppRequest(DIR, CONTENT_SECURITY_POLICY, { url: 'app://bundle/%E0%A4%A' }, vi.fn());
    expect(missing.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 400 to malformed escapes and NUL bytes instead of throwing', async () => {
    const fetchFile = fileResponse('text/html');
    for (const url of [
      'app://bundle/%E0%A4%A',
      'app://bundle/%',
      'app://bundle/a%zz.js',
      'app://bundle/index.html%00.js',
    ]) {
      expect(resolveAppRequest(DIR, url), url).toEqual({ ok: false, status: 400 });
      expect((await serveAppRequest(DIR, CONTENT_SECURITY_POLICY, { url }, fetchFile)).status, url).toBe(400);
    }
    expect(fetchFile).not.toHaveBeenCalled();
  });

  it('answers 404 outside the renderer folder, to unknown hosts, and to the other origin’s page', async () => {
    expect(resolveAppRequest(DIR, 'app://bundle/..%2F..%2Fetc%2Fpasswd')).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest(DIR, 'app://other/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest(DIR, 'app://bundle/model-host.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest(DIR, 'app://model/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest(DIR, 'app://model/')).toEqual({ ok: true, file: '/app/renderer/model-host.html' });
    expect(resolveAppRequest(DIR, 'app://bundle/')).toEqual({ ok: true, file: '/app/renderer/index.html' });
    expect(resolveAppRequest(DIR, 'app://model/assets/x.js')).toEqual({ ok: true, file: '/app/renderer/assets/x.js' });
    const failing = vi.fn(async () => Promise.reject(new Error('ENOENT')));
    expect((await serveAppRequest(DIR, CONTENT_SECURITY_POLICY, { url: 'app://bundle/nope.js' }, failing)).status).toBe(
      404,
    );
  });

  it('has a CSP without inline styles, eval or remote sources', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
});

describe('origins and the dev loop', () => {
  it('serves the model host from its own origin in production', () => {
    expect(pageUrls(undefined)).toEqual({
      ui: 'app://bundle/index.html',
      modelHost: 'app://model/model-host.html',
      devOrigin: null,
    });
    expect(isAppUrl('app://model/model-host.html')).toBe(false);
    expect(isModelHostUrl('app://model/model-host.html')).toBe(true);
  });

  it('loads the renderer dev server when ELECTRON_RENDERER_URL is set (npm run dev), on loopback only', () => {
    expect(pageUrls('http://localhost:5173')).toEqual({
      ui: 'http://localhost:5173/index.html',
      modelHost: 'http://localhost:5173/model-host.html',
      devOrigin: 'http://localhost:5173',
    });
    expect(pageUrls('http://127.0.0.1:5174/').ui).toBe('http://127.0.0.1:5174/index.html');
    expect(pageUrls('https://evil.example/').ui).toBe('app://bundle/index.html');
    expect(pageUrls('not a url').ui).toBe('app://bundle/index.html');
  });

  it('trusts the dev server origin for the desktop IPC only once allowed', () => {
    expect(isAppUrl('http://localhost:5173/index.html')).toBe(false);
    allowDevRendererOrigin('http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/index.html')).toBe(true);
    expect(isAppUrl('http://localhost:9999/index.html')).toBe(false);
    allowDevRendererOrigin(null);
    expect(isAppUrl('http://localhost:5173/index.html')).toBe(false);
  });
});

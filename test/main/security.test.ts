import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents, electronMock } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);

const { secureWebPreferences, guardWebContents, applyAppSecurity, CONTENT_SECURITY_POLICY } =
  await import('../../src/main/security');
const { resolveAppPath } = await import('../../src/main/appProtocol');

describe('window security', () => {
  it('makes every window isolated, sandboxed and without Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });

  it('keeps navigation inside the app and opens no new windows', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents as never);
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inside, 'app://bundle/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    // Nothing in the app links to the web: no URL a page asks for reaches the system browser.
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electronMock.shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    applyAppSecurity();
    const callback = vi.fn();
    electronMock.session.defaultSession.permissionRequestHandler?.(null, 'geolocation', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(electronMock.session.defaultSession.permissionCheckHandler?.()).toBe(false);
  });

  it('has a CSP that allows no remote code and no remote connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('serves only files inside the renderer folder over app://', () => {
    expect(resolveAppPath('/app/renderer', 'app://bundle/index.html')).toBe('/app/renderer/index.html');
    expect(resolveAppPath('/app/renderer', 'app://bundle/')).toBe('/app/renderer/index.html');
    expect(resolveAppPath('/app/renderer', 'app://bundle/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppPath('/app/renderer', 'app://other/index.html')).toBeNull();
  });
});

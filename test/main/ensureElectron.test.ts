import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  INSTALL_TIMEOUT_MS,
  ensureElectron,
  installerReason,
  spawnInstaller,
  type EnsureElectronDeps,
  type InstallerResult,
} from '../../scripts/ensureElectron';

const ELECTRON = '/proj/node_modules/electron';

/** A fake disk: the files that exist, with their text. The installer (the download) is a mock that may write files. */
function fakeDeps(files: Record<string, string>, installer: (files: Record<string, string>) => InstallerResult) {
  const log: string[] = [];
  const runInstaller = vi.fn(async (_script: string, _timeout: number) => installer(files));
  const deps: EnsureElectronDeps = {
    electronDir: ELECTRON,
    env: {},
    exists: (path) => path in files,
    readText: (path) => files[path],
    runInstaller,
    log: (line) => log.push(line),
  };
  return { deps, log, runInstaller };
}

describe('the Electron pre-step of npm start / dev / dist', () => {
  it('does nothing when path.txt names an executable that exists', async () => {
    const { deps, runInstaller, log } = fakeDeps(
      { [`${ELECTRON}/path.txt`]: 'electron', [`${ELECTRON}/dist/electron`]: 'ELF' },
      () => ({ ok: true }),
    );
    expect(await ensureElectron(deps)).toEqual({ status: 'present', executable: `${ELECTRON}/dist/electron` });
    expect(runInstaller).not.toHaveBeenCalled();
    expect(log).toEqual([]);
  });

  it("runs Electron's own installer with the 30 s limit when path.txt is missing, and succeeds when it writes the binary", async () => {
    const { deps, runInstaller } = fakeDeps({}, (files) => {
      files[`${ELECTRON}/path.txt`] = 'electron';
      files[`${ELECTRON}/dist/electron`] = 'ELF';
      return { ok: true };
    });
    expect(await ensureElectron(deps)).toEqual({ status: 'installed', executable: `${ELECTRON}/dist/electron` });
    expect(runInstaller).toHaveBeenCalledWith(`${ELECTRON}/install.js`, INSTALL_TIMEOUT_MS);
    expect(INSTALL_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
  });

  it('re-downloads when path.txt exists but the dist was deleted', async () => {
    const { deps, runInstaller } = fakeDeps({ [`${ELECTRON}/path.txt`]: 'electron' }, (files) => {
      files[`${ELECTRON}/dist/electron`] = 'ELF';
      return { ok: true };
    });
    expect((await ensureElectron(deps)).status).toBe('installed');
    expect(runInstaller).toHaveBeenCalledOnce();
  });

  it('ends with one sentence naming npm run web when the download is impossible', async () => {
    const { deps, log } = fakeDeps({}, () => ({ ok: false, reason: 'fetch failed' }));
    const result = await ensureElectron(deps);
    expect(result.status).toBe('unavailable');
    const last = log.at(-1)!;
    expect(last).toContain('`npm run web`');
    expect(last).toContain('fetch failed');
    expect(last.split(/[.!?](\s|$)/).filter((part) => part && part.trim()).length).toBe(1);
    expect(last).not.toContain('\n');
  });

  it('does not trust an installer that exits 0 without writing the binary', async () => {
    const { deps } = fakeDeps({}, () => ({ ok: true }));
    expect((await ensureElectron(deps)).status).toBe('unavailable');
  });

  it('respects ELECTRON_EXEC_PATH (as electron-vite does) and ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const exec = fakeDeps({ '/opt/electron/electron': 'ELF' }, () => ({ ok: false, reason: 'x' }));
    exec.deps.env = { ELECTRON_EXEC_PATH: '/opt/electron/electron' };
    expect((await ensureElectron(exec.deps)).status).toBe('present');
    const dist = fakeDeps({ [`${ELECTRON}/path.txt`]: 'electron', '/opt/dist/electron': 'ELF' }, () => ({
      ok: false,
      reason: 'x',
    }));
    dist.deps.env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/dist' };
    expect((await ensureElectron(dist.deps)).status).toBe('present');
  });

  it("reduces the installer's stack trace to its cause", () => {
    const stack = [
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
      '    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)',
    ].join('\n');
    expect(installerReason(stack)).toBe('fetch failed');
    expect(installerReason('Error: getaddrinfo ENOTFOUND github.com\n  at x')).toBe('getaddrinfo ENOTFOUND github.com');
    expect(installerReason('')).toBe('no network');
  });
});

describe('spawnInstaller (a real child process standing in for install.js)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const script = (body: string) => {
    dir = mkdtempSync(join(tmpdir(), 'ensure-electron-'));
    const path = join(dir, 'install.js');
    writeFileSync(path, body);
    return path;
  };

  it('gives up on an installer that hangs (no network answer) within the limit', async () => {
    const started = Date.now();
    const result = await spawnInstaller(script('setInterval(() => {}, 1000);'), 300);
    expect(result).toEqual({ ok: false, reason: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports the cause of a failing installer and success of a working one', async () => {
    expect(
      await spawnInstaller(script('console.error("TypeError: fetch failed\\n    at x"); process.exit(1);'), 10_000),
    ).toEqual({ ok: false, reason: 'fetch failed' });
    expect(await spawnInstaller(script('process.exit(0);'), 10_000)).toEqual({ ok: true });
  });
});

describe('package.json wiring', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    engines?: { node?: string };
  };

  it('runs the pre-step before start, dev and dist', () => {
    for (const name of ['start', 'dev', 'dist']) {
      expect(pkg.scripts[name]).toMatch(/^tsx scripts\/ensureElectron\.ts && /);
    }
  });

  it('never runs it on install or test (npm ci, npm test stay offline)', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'pretest', 'test', 'posttest', 'build']) {
      expect(pkg.scripts[hook] ?? '').not.toContain('ensureElectron');
    }
  });

  it('declares Node >= 22.12 (Electron 45 and flatbush) without making npm refuse Node 20', () => {
    expect(pkg.engines?.node).toBe('>=22.12.0');
    expect(readFileSync(join(__dirname, '../../.nvmrc'), 'utf8').trim()).toBe('22.12');
    let npmrc = '';
    try {
      npmrc = readFileSync(join(__dirname, '../../.npmrc'), 'utf8');
    } catch {
      // no .npmrc: npm's default, engine-strict off
    }
    expect(npmrc).not.toMatch(/engine-strict\s*=\s*true/);
  });
});

/**
 * The pre-step of `npm start`, `npm run dev` and `npm run dist`: make sure Electron's binary is on disk.
 *
 * Electron 45 has no install step: its binary is fetched by `require('electron')` or by its own `install-electron`
 * command (node_modules/electron/install.js), but electron-vite reads node_modules/electron/path.txt directly and
 * stops with "Electron uninstall" when it is missing. So when path.txt or the binary it names is missing, this runs
 * Electron's own installer, gives up after 30 s (a machine without network may hang on the connection), and then
 * stops with one sentence naming `npm run web`, the way to run the app without Electron.
 *
 * Never run by `npm ci`/`npm install` (no install hook) nor by `npm test`: test/main/ensureElectron.test.ts checks it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How long the download may take before we give up (the issue: within 30 s when it is impossible). */
export const INSTALL_TIMEOUT_MS = 30_000;

export type InstallerResult = { ok: true } | { ok: false; reason: string };

export interface EnsureElectronDeps {
  /** node_modules/electron. */
  electronDir: string;
  env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
  /** The file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** Runs Electron's installer (install.js) and settles within timeoutMs. */
  runInstaller(installScript: string, timeoutMs: number): Promise<InstallerResult>;
  /** Progress and the final sentence. */
  log(line: string): void;
}

export type EnsureElectronResult =
  | { status: 'present'; executable: string }
  | { status: 'installed'; executable: string }
  | { status: 'unavailable'; message: string };

/** The one sentence a planner sees when Electron cannot be fetched. */
export function unavailableSentence(reason: string): string {
  return (
    `Electron's binary could not be downloaded (${reason}), so the desktop app cannot start here: ` +
    'run `npm run web` to use Territory Planner in your browser instead, or retry with network access.'
  );
}

/** The Electron executable if path.txt names one that exists (what electron-vite and electron-builder need). */
export function installedExecutable(deps: Pick<EnsureElectronDeps, 'electronDir' | 'env' | 'exists' | 'readText'>) {
  const explicit = deps.env.ELECTRON_EXEC_PATH;
  if (explicit) return deps.exists(explicit) ? explicit : undefined;
  const relative = deps.readText(join(deps.electronDir, 'path.txt'))?.trim();
  if (!relative) return undefined;
  const distDir = deps.env.ELECTRON_OVERRIDE_DIST_PATH || join(deps.electronDir, 'dist');
  const executable = join(distDir, relative);
  return deps.exists(executable) ? executable : undefined;
}

export async function ensureElectron(
  deps: EnsureElectronDeps,
  timeoutMs = INSTALL_TIMEOUT_MS,
): Promise<EnsureElectronResult> {
  const present = installedExecutable(deps);
  if (present) return { status: 'present', executable: present };

  deps.log("Electron's binary is not downloaded yet: fetching it once with Electron's installer…");
  const result = await deps.runInstaller(join(deps.electronDir, 'install.js'), timeoutMs);
  const installed = installedExecutable(deps);
  if (result.ok && installed) return { status: 'installed', executable: installed };
  const reason = result.ok
    ? 'the installer finished but no executable is in node_modules/electron/dist'
    : result.reason;
  const message = unavailableSentence(reason);
  deps.log(message);
  return { status: 'unavailable', message };
}

/** The last meaningful line of the installer's error output, shortened: "fetch failed", "getaddrinfo ENOTFOUND …". */
export function installerReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('at '));
  const cause = lines.find((line) =>
    /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|HTTPError|status/.test(line),
  );
  const line = (cause ?? lines[0] ?? 'no network').replace(/^(Error|TypeError):\s*/, '');
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** Spawns `node install.js`, keeping its output to itself, and kills it after timeoutMs. */
export function spawnInstaller(installScript: string, timeoutMs: number): Promise<InstallerResult> {
  return new Promise((settle) => {
    const child = spawn(process.execPath, [installScript], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8_000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ ok: false, reason: `no answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      settle({ ok: false, reason: error.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      settle(code === 0 ? { ok: true } : { ok: false, reason: installerReason(stderr) });
    });
  });
}

export function electronPackageDir(fromDir: string): string {
  const require = createRequire(join(fromDir, 'package.json'));
  return dirname(require.resolve('electron/package.json'));
}

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const result = await ensureElectron({
    electronDir: electronPackageDir(root),
    env: process.env,
    exists: existsSync,
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    runInstaller: spawnInstaller,
    log: (line) => console.error(line),
  });
  if (result.status === 'unavailable') process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}

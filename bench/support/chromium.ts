/** Benchmarks in the browser host or the bench page, in Debian's Chromium (the e2e launcher, a fresh profile). */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchApp, newProfileDir, removeProfile } from '../../test/e2e/support/browser';
import { serveStatic, type StaticServer } from '../../test/e2e/support/server';

export const BENCH_PAGE_DIR = path.resolve('bench/.dist');
export const APP_DIR = path.resolve('dist-web');

/** Builds the browser host and the bench page once per harness run. */
export function ensureBuilt(): void {
  if (process.env.BENCH_SKIP_BUILD && existsSync(APP_DIR) && existsSync(BENCH_PAGE_DIR)) return;
  execSync('npx vite build --config vite.web.config.ts --logLevel error', { stdio: 'inherit' });
  execSync('npx vite build --config vite.bench.config.ts --logLevel error', { stdio: 'inherit' });
  process.env.BENCH_SKIP_BUILD = '1';
}

export interface BrowserSession {
  page: Page;
  context: BrowserContext;
  url: string;
  /** The profile directory (to find the browser's processes). */
  profile: string;
  close(): Promise<void>;
}

/** A fresh Chromium profile on the given static root (the app or the bench page), with `mounts` beside it. */
export async function openBrowser(root: string, mounts: Record<string, string> = {}): Promise<BrowserSession> {
  const server: StaticServer = await serveStatic(root, mounts);
  const profile = newProfileDir();
  const { context, page } = await launchApp(profile);
  // tsx compiles with keepNames: functions sent to page.evaluate call an `__name` helper the page lacks.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return {
    page,
    context,
    url: server.url,
    profile,
    async close() {
      await context.close();
      await server.close();
      removeProfile(profile);
    },
  };
}

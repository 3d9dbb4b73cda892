/**
 * Debian's Chromium driven by playwright-core, with a persistent profile so IndexedDB lives on disk and
 * survives a reload or a relaunch, as it does for a planner.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function newProfileDir(): string {
  const base = path.resolve('test/e2e/.profiles');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, 'profile-'));
}

export async function launchApp(
  profileDir: string,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    locale: options.locale ?? 'en-US',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  return { context, page };
}

export function removeProfile(profileDir: string): void {
  rmSync(profileDir, { recursive: true, force: true });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test/e2e/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

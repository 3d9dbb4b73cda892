/** The usual e2e frame: the built browser host served for the file, and a fresh on-disk profile for it. */
import { afterAll, beforeAll } from 'vitest';
import { newProfileDir, removeProfile } from './browser';
import { serveStatic, type StaticServer } from './server';

export interface ServedApp {
  /** The browser host's URL (valid inside tests). */
  readonly url: string;
  /** A Chromium profile directory, removed after the file's tests. */
  readonly profile: string;
}

export function serveAppForTests(): ServedApp {
  let server: StaticServer | null = null;
  let profile = '';
  beforeAll(async () => {
    server = await serveStatic();
    profile = newProfileDir();
  });
  afterAll(async () => {
    await server?.close();
    removeProfile(profile);
  });
  return {
    get url() {
      return server!.url;
    },
    get profile() {
      return profile;
    },
  };
}

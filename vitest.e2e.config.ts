import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built browser host driven in Debian's Chromium by playwright-core. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A real browser on a loaded 2-core machine: give the UI time to settle before a poll fails.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});

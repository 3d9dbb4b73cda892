import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built browser host driven in Debian's Chromium by playwright-core. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

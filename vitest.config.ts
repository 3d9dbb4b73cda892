import { defineConfig } from 'vitest/config';

/** Unit and integration tests: the model and engine in Node over fake-indexeddb, main and preload with electron mocked. */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/main/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The bench page (bench/browser): model code timed in Chromium against the real IndexedDB. */
export default defineConfig({
  root: resolve('bench/browser'),
  base: './',
  worker: { format: 'es' },
  build: { outDir: resolve('bench/.dist'), emptyOutDir: true, chunkSizeWarningLimit: 8192 },
});

import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Zod and the module switching it to jitless share one chunk, so the switch runs before any chunk builds a schema
 * (zod probes `new Function` at schema construction, which the CSP reports). Views load as separate chunks, and
 * the bundler does not otherwise keep the entry's first import ahead of the shared chunks it imports.
 */
export const zodFirst = {
  codeSplitting: {
    groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]shared[\\/]zodJitless\.ts$/ }],
  },
};

/**
 * The model worker starts from one chunk: every module its entry imports statically (the host, the database, the
 * contract, the service registry) in one file, fetched and compiled at once instead of a cascade of shared chunks
 * that also queue behind the UI's on the same connections. The service's areas stay chunks of their own, loaded on
 * their first call (src/model/service/index.ts).
 */
const modelWorkerChunks = {
  codeSplitting: { groups: [{ name: 'modelWorker', tags: ['$initial' as const] }] },
};

/**
 * The browser host: the same renderer and model, with the model in a Web Worker and `window.desktop` made of
 * file inputs and downloads. `npm run web` serves it; e2e tests and benchmarks drive its build in Chromium.
 */
export default defineConfig({
  root: resolve('src/renderer/browser-host'),
  base: './',
  plugins: [react()],
  worker: { format: 'es', rolldownOptions: { output: modelWorkerChunks } },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: {
    outDir: resolve('dist-web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { output: zodFirst },
  },
});

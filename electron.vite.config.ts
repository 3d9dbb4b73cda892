import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot require modules: each preload is one self-contained CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts'), modelHost: resolve('src/preload/modelHost.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html'), modelHost: resolve('src/renderer/model-host.html') },
      },
    },
  },
});

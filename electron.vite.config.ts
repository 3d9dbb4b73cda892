import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { zodFirst } from './vite.web.config';

/**
 * `npm run dev` only: Vite's dev server injects the React refresh preamble as an inline script, CSS as <style>
 * elements and talks to its HMR socket, which the pages' strict CSP forbids. The built app keeps the strict CSP.
 */
const devServerCsp: Plugin = {
  name: 'territory-planner:dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*"),
};

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
    plugins: [react(), devServerCsp],
    worker: { format: 'es' },
    build: {
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html'), modelHost: resolve('src/renderer/model-host.html') },
        output: zodFirst,
      },
    },
  },
});

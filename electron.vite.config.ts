import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The renderer's CSP allows no inline styles (renderer/index.html). Vite's dev server injects CSS as <style> elements,
 * so the dev server alone (never a build) relaxes style-src. React's style={} props set CSSOM properties, which CSP
 * does not govern, so the built app needs no 'unsafe-inline'.
 */
function devInlineStyles(): Plugin {
  return {
    name: 'handoff-dev-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      // app.js is its own entry so tests can load the built bundle with fake Electron pieces. core-worker.js is the
      // worker thread that owns the database (electron/core/worker/), started by the desktop app and `handoff web`.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          app: resolve(__dirname, 'electron/main/app.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          'cli-main': resolve(__dirname, 'electron/cli/main.ts'),
          'core-worker': resolve(__dirname, 'electron/core/worker/core-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require node_modules: everything it uses (the contract, zod) is bundled in,
      // and it must be CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), devInlineStyles()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});

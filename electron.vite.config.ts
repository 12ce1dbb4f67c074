import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

import { contentSecurityPolicy } from './src-main/content-security-policy';

// The renderer's Content-Security-Policy (src-main/content-security-policy.ts), added to the
// built page only: the dev server needs its inline HMR preamble and websocket.
function strictCsp(): Plugin {
  return {
    name: 'stance-strict-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

// Three builds, one per Electron process:
// - main: src-main/index.ts (and the headless CLI), node deps left external (better-sqlite3 is native);
// - preload: src-main/preload/index.ts bundled into ONE CommonJS file, because a sandboxed
//   renderer's preload may only require('electron');
// - renderer: src-renderer/, React, fully bundled (nothing is fetched at run time).
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          // The import worker thread (src-main/import/worker.ts), started by the import channels.
          'import-worker': resolve(__dirname, 'src-main/import/worker.ts'),
          // Its reader threads (src-main/import/reader-worker.ts, reader-pool.ts): files read on every core.
          'import-reader': resolve(__dirname, 'src-main/import/reader-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    build: {
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
    plugins: [react(), strictCsp()],
  },
});

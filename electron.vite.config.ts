import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;
/** Where the build goes: `out` unless KIOSK_OUT_DIR says otherwise (parallel test runs build side by side). */
const out = process.env.KIOSK_OUT_DIR ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      rollupOptions: {
        // The browser host is the same composition without Electron; it is built beside the shell.
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'browser-host': resolve(root, 'browser-host/main.ts'),
          'sim-cli': resolve(root, 'core/sim/sim-cli.ts'),
          // The embedded back office's thread (core/sync/back-office-link.ts), beside the hosts that start it.
          'embedded-backoffice': resolve(root, 'core/sync/embedded-backoffice-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // Sandboxed preloads must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [preact()],
    build: {
      outDir: resolve(root, out, 'renderer'),
      target: 'chrome120',
      assetsInlineLimit: 0,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});

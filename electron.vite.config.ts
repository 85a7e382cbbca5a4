import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { COMPACT_DICTIONARY_FILE } from './core/pinyin/compact-dictionary.ts';
import { buildCompactDictionary } from './core/pinyin/build-compact-dictionary.ts';

const root = import.meta.dirname;
/** Where the build goes: `out` unless KIOSK_OUT_DIR says otherwise (parallel test runs build side by side). */
const out = process.env.KIOSK_OUT_DIR ?? 'out';

/** The on-screen keyboard's compact pinyin dictionary, built from @pinyin-pro/data beside the pinyin worker. */
const pinyinDictionary: Plugin = {
  name: 'kiosk-pinyin-dictionary',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: COMPACT_DICTIONARY_FILE, source: buildCompactDictionary() });
  },
};

export default defineConfig({
  main: {
    plugins: [pinyinDictionary],
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
          // The on-screen keyboard's dictionary, on a thread of its own (core/pinyin/pinyin-lookup.ts).
          'pinyin-worker': resolve(root, 'core/pinyin/pinyin-worker.ts'),
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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { DEFAULT_CONFIG_DIR, REPO_ROOT } from '../support/browser-host.ts';
import { defineKioskSuite, type KioskOpener } from '../support/kiosk-suite.ts';
import { defineConnectedSuite } from '../support/connected-suite.ts';
import { defineTransactionSuite } from '../support/transaction-suite.ts';

const binary = findElectronBinary();
test.skip(!binary, 'Electron binary not installed (its download host is unreachable here); the same suite runs against the browser host');

const openElectron: KioskOpener = async (_browser, options) => {
  const dataDir = options?.dataDir ?? (await mkdtemp(join(tmpdir(), 'kiosk-electron-')));
  const app = await electron.launch({
    executablePath: binary!,
    args: [REPO_ROOT, '--no-sandbox'],
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG_DIR: options?.configDir ?? DEFAULT_CONFIG_DIR },
  });
  const page = await app.firstWindow();
  return {
    page,
    dataDir,
    reload: async () => {
      await page.reload();
    },
    close: async () => {
      await app.close();
      if (!options?.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
};

defineKioskSuite(openElectron, join(REPO_ROOT, 'test/fixtures/config-broken'));
defineTransactionSuite(openElectron);
defineConnectedSuite(openElectron);

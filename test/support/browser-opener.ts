/** The kiosk on the browser host in a fresh 1920×1080 Chromium context: the opener every browser e2e spec uses. */
import { rm } from 'node:fs/promises';
import { expect, type Browser } from '@playwright/test';
import { openKioskPage, startBrowserHost } from './browser-host.ts';
import type { KioskOpener, OpenedKiosk } from './kiosk-suite.ts';
import { unreachableBackOfficeConfig } from './test-configs.ts';

export const openBrowserHost: KioskOpener = async (browser, options) => {
  const host = await startBrowserHost({ configDir: options?.configDir, dataDir: options?.dataDir });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await openKioskPage(page, host);
  return {
    page,
    dataDir: host.dataDir,
    reload: async () => {
      await page.reload();
    },
    close: async () => {
      await context.close();
      expect(await host.stop(), `the browser host exited badly:\n${host.stderr()}`).toBe(0);
    },
  };
};

/**
 * The kiosk without its back office: the citizen types what the departments' records would give, and no test
 * waits for the embedded back office to start. Closing it also removes its configuration.
 */
export async function openOfflineBrowserHost(browser: Browser): Promise<OpenedKiosk> {
  const configDir = await unreachableBackOfficeConfig();
  const kiosk = await openBrowserHost(browser, { configDir });
  return {
    ...kiosk,
    close: async () => {
      await kiosk.close();
      await rm(configDir, { recursive: true, force: true });
    },
  };
}

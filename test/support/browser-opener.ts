/** The kiosk on the browser host in a fresh 1920×1080 Chromium context: the opener every browser e2e spec uses. */
import { expect } from '@playwright/test';
import { openKioskPage, startBrowserHost } from './browser-host.ts';
import type { KioskOpener } from './kiosk-suite.ts';

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

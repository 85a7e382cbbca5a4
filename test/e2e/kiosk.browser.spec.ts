import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT, startBrowserHost } from '../support/browser-host.ts';
import { defineKioskSuite, type KioskOpener } from '../support/kiosk-suite.ts';
import { defineConnectedSuite } from '../support/connected-suite.ts';
import { defineTransactionSuite } from '../support/transaction-suite.ts';

const BROKEN = join(REPO_ROOT, 'test/fixtures/config-broken');

const openBrowserHost: KioskOpener = async (browser, options) => {
  const host = await startBrowserHost({ configDir: options?.configDir, dataDir: options?.dataDir });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(host.url);
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

defineKioskSuite(openBrowserHost, BROKEN);
defineTransactionSuite(openBrowserHost);
defineConnectedSuite(openBrowserHost);

test.describe('browser host', () => {
  test('prints the config problems on stderr and exits cleanly on SIGTERM', async () => {
    const host = await startBrowserHost({ configDir: BROKEN });
    expect(host.stderr()).toContain('kiosk.yaml: devices.printer.port: expected string, received 9100');
    expect(await host.stop()).toBe(0);
  });

  test('keeps the token out of the visible URL and reconnects after a reload', async ({ page }) => {
    const host = await startBrowserHost();
    try {
      await page.goto(host.url);
      await expect(page.getByRole('heading', { level: 2 })).toHaveText('请刷身份证或扫码开始');
      expect(new URL(page.url()).searchParams.has('token')).toBe(false);
      await page.reload();
      await expect(page.getByRole('heading', { level: 2 })).toHaveText('请刷身份证或扫码开始');
    } finally {
      expect(await host.stop(), `the browser host exited badly:\n${host.stderr()}`).toBe(0);
    }
  });

  test('catches a keyboard-wedge scanner burst as a scan, not as keys', async ({ page }) => {
    const host = await startBrowserHost();
    try {
      await page.goto(host.url);
      await page.locator('[data-screen="attract"]').waitFor();
      // The embedded back office starts in the background (seconds of CPU): type the burst once it is up, as a
      // scanner's timing is what tells it from a person.
      await expect(page.locator('.sync-online')).toBeVisible({ timeout: 20_000 });
      await page.getByRole('button', { name: 'English' }).focus();
      await page.keyboard.type('SL-20261122-000123');
      await page.keyboard.press('Enter');
      const log = join(host.dataDir, 'logs', 'kiosk.log');
      await expect.poll(async () => (await readFile(log, 'utf8')).includes('"source":"keyboard-wedge","length":18')).toBe(true);
      // The burst's Enter did not activate the focused control; a person's Enter still does.
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await page.waitForTimeout(100);
      await page.keyboard.press('Enter');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    } finally {
      expect(await host.stop(), `the browser host exited badly:\n${host.stderr()}`).toBe(0);
    }
  });

  test('a page without the token cannot reach core', async ({ page }) => {
    const host = await startBrowserHost();
    try {
      const url = new URL(host.url);
      url.search = '';
      await page.goto(url.toString());
      await expect(page.getByRole('status')).toHaveText('正在启动，请稍候…');
      await page.waitForTimeout(500);
      await expect(page.locator('[data-screen]')).toHaveCount(0);
    } finally {
      expect(await host.stop(), `the browser host exited badly:\n${host.stderr()}`).toBe(0);
    }
  });
});

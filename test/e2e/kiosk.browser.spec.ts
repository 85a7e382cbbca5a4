import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openKioskPage, REPO_ROOT, startBrowserHost } from '../support/browser-host.ts';
import { openBrowserHost } from '../support/browser-opener.ts';
import { defineKioskSuite } from '../support/kiosk-suite.ts';
import { defineConnectedSuite } from '../support/connected-suite.ts';
import { defineTransactionSuite } from '../support/transaction-suite.ts';

const BROKEN = join(REPO_ROOT, 'test/fixtures/config-broken');

defineKioskSuite(openBrowserHost, BROKEN);
defineTransactionSuite(openBrowserHost);
defineConnectedSuite(openBrowserHost);

test.describe('browser host', () => {
  test('prints the config problems on stderr and exits cleanly on SIGTERM', async () => {
    const host = await startBrowserHost({ configDir: BROKEN });
    expect(host.stderr()).toContain('kiosk.yaml: devices.printer.port: expected string, received 9100');
    expect(await host.stop()).toBe(0);
  });

  test('holds the credential in an HttpOnly cookie, never in the URL or in reach of a script, and reconnects after a reload', async ({ page }) => {
    const host = await startBrowserHost();
    try {
      await openKioskPage(page, host);
      await expect(page.getByRole('heading', { level: 2 })).toHaveText('请刷身份证或扫码开始');
      const credential = (await page.context().cookies()).find((c) => c.name === 'kiosk_renderer');
      expect(credential).toMatchObject({ httpOnly: true, sameSite: 'Strict', expires: -1 });
      expect(page.url()).not.toContain(credential!.value);
      expect(await page.evaluate(() => document.cookie + JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toContain(
        credential!.value,
      );
      expect(await readFile(new URL(host.url), 'utf8')).toContain(credential!.value);
      await page.reload();
      await expect(page.getByRole('heading', { level: 2 })).toHaveText('请刷身份证或扫码开始');
    } finally {
      expect(await host.stop(), `the browser host exited badly:\n${host.stderr()}`).toBe(0);
    }
  });

  test('comes back by itself after the host restarts', async ({ page }) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-restart-'));
    try {
      const first = await startBrowserHost({ dataDir });
      await openKioskPage(page, first);
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      const origin = new URL(page.url()).origin;
      expect(await first.stop()).toBe(0);
      // The same page, never reloaded by the test: the new host listens on the same port and the page reconnects.
      const second = await startBrowserHost({ dataDir });
      try {
        await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN', { timeout: 15_000 });
        await expect(page.locator('[data-screen="attract"]')).toBeVisible();
        expect(new URL(page.url()).origin).toBe(origin);
        await page.getByRole('button', { name: 'English' }).click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      } finally {
        expect(await second.stop(), `the browser host exited badly:\n${second.stderr()}`).toBe(0);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('catches a keyboard-wedge scanner burst as a scan, not as keys', async ({ page }) => {
    const host = await startBrowserHost();
    try {
      await openKioskPage(page, host);
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

  test('a page opened without the launch page cannot reach core', async ({ page }) => {
    const host = await startBrowserHost();
    try {
      const port = (JSON.parse(await readFile(join(host.dataDir, 'browser-host.json'), 'utf8')) as { port: number }).port;
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect(page.getByRole('status')).toHaveText('正在启动，请稍候…');
      await page.waitForTimeout(500);
      await expect(page.locator('[data-screen]')).toHaveCount(0);
    } finally {
      expect(await host.stop(), `the browser host exited badly:\n${host.stderr()}`).toBe(0);
    }
  });
});

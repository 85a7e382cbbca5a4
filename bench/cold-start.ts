/**
 * Cold start to an interactive attract screen through the browser host: from spawning the host process to
 * the attract screen being rendered with its fonts loaded and its first button focusable. Chromium is
 * launched fresh each run; the figure is reported with and without its launch time.
 */
import { chromium } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { openKioskPage, startBrowserHost } from '../test/support/browser-host.ts';
import { CHROMIUM_FLAGS } from '../browser-host/open-browser.ts';

export interface ColdStartRun {
  readonly hostReadyMs: number;
  readonly browserLaunchMs: number;
  readonly attractInteractiveMs: number;
}

async function once(): Promise<ColdStartRun> {
  const t0 = performance.now();
  const hostPromise = startBrowserHost();
  const browser = await chromium.launch({ executablePath: process.env.KIOSK_TEST_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const browserLaunchMs = performance.now() - t0;
  const host = await hostPromise;
  const hostReadyMs = performance.now() - t0;
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await openKioskPage(page, host);
    await page.locator('[data-screen="attract"] button').first().waitFor({ state: 'visible' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return { hostReadyMs, browserLaunchMs, attractInteractiveMs: performance.now() - t0 };
  } finally {
    await browser.close();
    await host.stop();
  }
}

export async function measureColdStart(runs: number): Promise<ColdStartRun[]> {
  const results: ColdStartRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  return results;
}

/**
 * Cold start to an interactive attract screen through the browser host: from spawning the host process to
 * the attract screen being rendered with its fonts loaded and its first button focusable. Chromium is
 * launched fresh each run; the figure is reported with and without its launch time.
 *
 * Absolute times differ threefold between machines, so each run is paired with a baseline measured the
 * same way: the same Chromium, launched the same way, opening a static page in the same font (the bundled
 * Noto Sans SC, all its subsets, regular and bold) from a plain file server started as its own process
 * (bench/static-server.mjs). The budget is the ratio of the medians.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from '@playwright/test';
import { openKioskPage, REPO_ROOT, startBrowserHost } from '../test/support/browser-host.ts';
import { CHROMIUM_FLAGS } from '../browser-host/open-browser.ts';

export interface ColdStartRun {
  /** Until the host serves the page (KIOSK_URL); core goes on starting while the page loads. */
  readonly hostServingMs: number;
  readonly browserLaunchMs: number;
  readonly attractInteractiveMs: number;
  /** The static page's cold start in the same run. */
  readonly baselineMs: number;
}

const launch = () => chromium.launch({ executablePath: process.env.KIOSK_TEST_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });

async function interactive(page: Page, button: string): Promise<void> {
  await page.locator(button).first().waitFor({ state: 'visible' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function kiosk(): Promise<Omit<ColdStartRun, 'baselineMs'>> {
  const t0 = performance.now();
  const hostPromise = startBrowserHost({ served: true });
  const browser = await launch();
  const browserLaunchMs = performance.now() - t0;
  const host = await hostPromise;
  const hostServingMs = performance.now() - t0;
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await openKioskPage(page, host);
    await interactive(page, '[data-screen="attract"] button');
    return { hostServingMs, browserLaunchMs, attractInteractiveMs: performance.now() - t0 };
  } finally {
    await browser.close();
    await host.stop();
  }
}

const FONTS = dirname(new URL(import.meta.resolve('@fontsource/noto-sans-sc/400.css')).pathname);

/** A page with the attract screen's kind of content: a heading, a line of text and a button, in the kiosk's font. */
const STATIC_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>自助终端</title>
<link rel="stylesheet" href="/fonts/400.css"><link rel="stylesheet" href="/fonts/700.css">
<style>body{font-family:'Noto Sans SC',sans-serif;font-size:22px}</style></head>
<body><main><h1>示例市政务服务中心</h1><h2>请刷身份证或扫码开始</h2><button>长辈版</button></main></body></html>`;

async function baseline(pageDir: string): Promise<number> {
  const t0 = performance.now();
  const server = spawn(process.execPath, [join(REPO_ROOT, 'bench/static-server.mjs'), pageDir, FONTS], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise<string>((resolve) =>
    createInterface({ input: server.stdout! }).on('line', (line) => {
      if (line.startsWith('URL=')) resolve(line.slice('URL='.length));
    }),
  );
  let browser: Browser | undefined;
  try {
    browser = await launch();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(await url);
    await interactive(page, 'button');
    return performance.now() - t0;
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
  }
}

/** `runs` pairs, alternating which of the two goes first so that neither always starts on a warmer machine. */
export async function measureColdStart(runs: number): Promise<ColdStartRun[]> {
  const pageDir = await mkdtemp(join(tmpdir(), 'kiosk-baseline-'));
  try {
    await writeFile(join(pageDir, 'index.html'), STATIC_PAGE);
    const results: ColdStartRun[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        const baselineMs = await baseline(pageDir);
        results.push({ ...(await kiosk()), baselineMs });
      } else {
        const run = await kiosk();
        results.push({ ...run, baselineMs: await baseline(pageDir) });
      }
    }
    return results;
  } finally {
    await rm(pageDir, { recursive: true, force: true });
  }
}

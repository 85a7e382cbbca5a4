/**
 * The UI suite, written once and run against each host: the browser host in Chromium, and the Electron
 * shell through Playwright's _electron where its binary is installed.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { OUT_DIR } from './browser-host.ts';

export interface OpenedKiosk {
  readonly page: Page;
  /** The kiosk's data directory (for `npm run sim -- --data-dir`). */
  readonly dataDir: string;
  /** Simulates a renderer crash or a technician's reload. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly configDir?: string;
  /** The kiosk's data directory (a small disk, say); a fresh temporary one by default. */
  readonly dataDir?: string;
}

export type KioskOpener = (browser: Browser, options?: OpenOptions) => Promise<OpenedKiosk>;

async function settled(page: Page): Promise<void> {
  await page.locator('[data-screen]').waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** `fullPage: false` shows what the citizen sees: a full-page capture draws the sticky action bar mid-page. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, { fullPage = true } = {}): Promise<void> {
  await settled(page);
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeWindow {
  axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
}

/**
 * axe-core on the page as it is, every rule of the WCAG 2.x A and AA tags. axe is injected once per page
 * and run in place: injecting it for every check (as AxeBuilder does) cost more than the check itself, and
 * a transaction checks a dozen screens.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as AxeWindow;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
  expect(violations).toEqual([]);
}

async function targetSizes(page: Page): Promise<{ width: number; height: number }[]> {
  return page.locator('button').evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      return { width: r.width, height: r.height };
    }),
  );
}

/** `npm run sim -- …` against the kiosk under test; resolves with what it printed. */
export async function sim(kiosk: OpenedKiosk, ...args: string[]): Promise<string> {
  return (await promisify(execFile)(process.execPath, [join(OUT_DIR, 'main/sim-cli.js'), ...args, '--data-dir', kiosk.dataDir])).stdout;
}

/**
 * Takes the card off the reader and waits until the reader has seen it gone (it confirms a removal over a
 * few polls), as a person swapping cards takes that long: a card put down sooner is taken for the same one.
 */
export async function removeCard(kiosk: OpenedKiosk): Promise<void> {
  await sim(kiosk, 'card', 'remove');
  await expect
    .poll(async () => {
      const printed = await sim(kiosk, 'status');
      const state = JSON.parse(printed.slice(printed.indexOf('{'))) as { devices: { reader: { status: { code: string } } } };
      return state.devices.reader.status.code;
    })
    .not.toBe('MEDIA_PRESENT');
}

export function defineKioskSuite(open: KioskOpener, brokenConfigDir: string): void {
  let kiosk: OpenedKiosk | undefined;
  test.afterEach(async () => {
    await kiosk?.close();
    kiosk = undefined;
  });

  test('attract screen renders in Chinese', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const { page } = kiosk;
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('请刷身份证或扫码开始');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('示例市政务服务中心');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('status').filter({ hasText: '终端编号 DEMO-HALL-K01' })).toBeVisible();
    await screenshot(page, testInfo, 'attract-zh-CN');
    await expectNoAxeViolations(page);
  });

  test('language switch works and survives a renderer reload', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Tap your ID card or scan a code to start');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Example City Government Service Center');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    await screenshot(page, testInfo, 'attract-en');
    await expectNoAxeViolations(page);

    await kiosk.reload();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Tap your ID card or scan a code to start');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('请刷身份证或扫码开始');
  });

  test('elder mode enlarges targets to at least 60 px and text to at least 24 px', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const { page } = kiosk;
    await page.locator('[data-screen="attract"]').waitFor();
    const before = await targetSizes(page);
    expect(before.length).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: '长辈版' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
    const after = await targetSizes(page);
    for (const size of after) {
      expect(size.height).toBeGreaterThanOrEqual(60);
      expect(size.width).toBeGreaterThanOrEqual(60);
    }
    expect(Math.min(...after.map((s) => s.height))).toBeGreaterThan(Math.min(...before.map((s) => s.height)));
    const bodyPx = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bodyPx).toBeGreaterThanOrEqual(24);
    await screenshot(page, testInfo, 'attract-elder');
    await expectNoAxeViolations(page);
  });

  test('is operable from a keypad', async ({ browser }) => {
    kiosk = await open(browser);
    const { page } = kiosk;
    await page.locator('[data-screen]').waitFor();
    // The two ways to start explain themselves when pressed (Enter opens, Enter again closes).
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('button', { name: '刷身份证' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: '刷身份证' })).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('button', { name: '扫码' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('button', { name: '办件进度查询' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('button', { name: '中文' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('button', { name: 'English' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
  });

  test('tells citizens when a device is down, and when it is back', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const { page } = kiosk;
    await page.locator('[data-screen="attract"]').waitFor();
    await sim(kiosk, 'unplug', 'printer');
    await expect(page.getByText('打印机暂不可用', { exact: true })).toBeVisible();
    await expect(page.getByText('打印机暂不可用，回执将在屏幕显示')).toBeVisible();
    await sim(kiosk, 'printer', 'paper-out');
    await sim(kiosk, 'plug', 'printer');
    await expect(page.locator('[data-device="printer"]')).toHaveAttribute('data-code', 'MEDIA_EMPTY');
    await screenshot(page, testInfo, 'printer-out-of-paper');
    await expectNoAxeViolations(page);
    await sim(kiosk, 'printer', 'paper-ok');
    await expect(page.getByText('打印机暂不可用')).toHaveCount(0);
  });

  test('an invalid config shows the out-of-service screen with every problem', async ({ browser }, testInfo) => {
    kiosk = await open(browser, { configDir: brokenConfigDir });
    const { page } = kiosk;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('暂停服务');
    await expect(page.getByText('终端配置有误，请联系工作人员')).toBeVisible();
    await expect(page.getByText('kiosk.yaml: devices.printer.port: expected string, received 9100')).toBeVisible();
    await expect(page.getByText('kiosk.yaml: languages.default: expected ("zh-CN" | "en"), received "fr"')).toBeVisible();
    await screenshot(page, testInfo, 'out-of-service');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '长辈版' }).click();
    await screenshot(page, testInfo, 'out-of-service-elder');
    await expectNoAxeViolations(page);
  });
}

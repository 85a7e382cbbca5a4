/**
 * The staff page in Chromium (Debian's, driven by playwright-core): sign in, find a case a kiosk delivered,
 * move it to 办理中 and 退回 with a reason, and see the kiosk's query answer it; every page checked with
 * axe-core (WCAG 2.x A and AA: 0 violations) and against the CSP (nothing refused), screenshots in
 * test-results/backoffice-staff/.
 */
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseSummary, HeartbeatRequest } from '../api/schemas.ts';
import { SHIPPED_CATALOG } from '../cli/args.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter } from '../test-support.ts';
import { asBirthBundle, deliverWithSignature, STAFF_PASSWORD, testStaff } from './staff-test-support.ts';

const CHROMIUM = process.env.KIOSK_TEST_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/backoffice-staff/', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeWindow {
  axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as AxeWindow;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  await mkdir(SCREENSHOTS, { recursive: true });
}, 30_000);
afterAll(() => browser?.close());

describeEachDatabase('the staff page in Chromium', (target) => {
  const start = backOfficeStarter(target, { catalogDir: SHIPPED_CATALOG });

  it('signs in, opens a delivered case, moves it to 办理中 then 退回 with a reason, and the kiosk sees it', { timeout: 90_000 }, async () => {
    const b = await start();
    const staff = await testStaff(target, '李窗口');
    const { request, ack } = await deliverWithSignature(b, 1, asBirthBundle);
    const caseNumber = ack.caseNumbers['11019900GA-QR-0101']!;
    const heartbeat: HeartbeatRequest = {
      at: Date.now(),
      software: 'hall-kiosk 0.1.0',
      catalog: { version: 'aaaaaaaaaaaa', refused: null },
      devices: [{ id: 'printer-1', kind: 'printer', status: 'READY', code: 'OK' }],
      queue: { submissions: { pending: 0, parked: 0, oldestUndeliveredAt: null }, messages: { pending: 1, parked: 0, oldestUndeliveredAt: Date.now() - 90_000 } },
    };
    await b.send({ method: 'POST', path: '/heartbeats', body: heartbeat });
    const rating = { submissionKey: ack.idempotencyKey, receiptNumber: request.receiptNumber, channel: 'kiosk', level: 2, reasons: ['slow'], comment: '排队时间较长', ratedAt: Date.now() };
    await b.send({ method: 'PUT', path: `/ratings/${ack.idempotencyKey}`, body: rating });

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const check = async (name: string) => {
      expect(await axeViolations(page), name).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `${target.kind}-${name}.png`), fullPage: true });
    };
    try {
      await page.goto(`${b.server.url}/staff/`);
      await expect.poll(() => page.title()).toContain('登录');
      await check('sign-in');
      await page.getByLabel('工号').fill(staff.id);
      await page.getByLabel('密码').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();

      await page.getByRole('heading', { name: /收到的办件/ }).waitFor();
      await page.getByLabel('自助终端').selectOption(b.credentials.kioskId);
      await page.getByRole('button', { name: '筛选' }).click();
      await page.getByRole('link', { name: caseNumber }).waitFor();
      await check('case-list');
      await page.getByRole('link', { name: caseNumber }).click();

      const item = page.locator(`section#${caseNumber}`);
      await item.getByRole('heading', { name: /出生登记/ }).waitFor();
      await check('case');
      const status = () => item.locator('dd .status').textContent();
      for (const [action, reached] of [
        ['受理', '已受理'],
        ['开始办理（办理中）', '办理中'],
      ]) {
        await item.getByLabel('新状态').selectOption({ label: action! });
        await item.getByRole('button', { name: '确认变更' }).click();
        await expect.poll(status).toBe(reached);
      }
      // 退回 without a reason is refused on the page, with the reason why.
      await item.getByLabel('新状态').selectOption({ label: '退回（须填写原因）' });
      await item.getByRole('button', { name: '确认变更' }).click();
      await expect.poll(() => page.locator(`section#${caseNumber} [role="alert"]`).textContent()).toContain('退回必须填写原因');
      await check('case-refused');
      await item.getByLabel(/说明/).fill('出生医学证明上的新生儿姓名与申请不一致，请携带原件到3号窗口核对');
      await item.getByRole('button', { name: '确认变更' }).click();
      await expect.poll(status).toBe('已退回');

      const query = await b.send({ method: 'POST', path: '/cases/query', body: { caseNumber } });
      const returned = (query.json as { cases: CaseSummary[] }).cases[0]!.items.find((i) => i.caseNumber === caseNumber)!;
      expect(returned).toMatchObject({ status: 'returned', note: '出生医学证明上的新生儿姓名与申请不一致，请携带原件到3号窗口核对' });
      expect(returned.updatedAt).toBeGreaterThan(ack.receivedAt);
      await check('case-returned');

      await expect.poll(() => page.locator('main').textContent()).toContain('110105********002X');
      await page.getByRole('button', { name: '显示' }).click();
      await expect.poll(() => page.locator('main').textContent()).toContain('11010519491231002X');
      await check('case-revealed');

      await page.getByRole('link', { name: '好差评' }).click();
      await page.getByText('排队时间较长').waitFor();
      await check('ratings');
      await page.getByRole('link', { name: '自助终端' }).click();
      await page.getByRole('heading', { name: b.credentials.kioskId }).waitFor();
      await check('kiosks');

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByText('已退出登录').waitFor();
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

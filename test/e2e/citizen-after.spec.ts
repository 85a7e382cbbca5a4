/**
 * After the submission (issue 10, defect 7): the printer's paper runs out. Before a session the attract
 * screen says so; after the submission the receipt stays on screen and the citizen can have it printed at
 * the hall's desk or its number texted to the phone on the form, through the back office (the desk's job
 * appears on the staff page, the text message is recorded by the development gateway), queued while the
 * back office is away; a timeout after the submission says the application is safe.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { newSecret } from '../../backoffice/api/signing.ts';
import { openDatabase, type Database } from '../../backoffice/db/database.ts';
import { waitingDeskPrints } from '../../backoffice/model/desk-prints.ts';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import { recordedSms } from '../../backoffice/sms/recording-gateway.ts';
import { freePort } from '../support/backoffice-process.ts';
import { openBrowserHost } from '../support/browser-opener.ts';
import { Citizen, disabilityToSubmit } from '../support/citizen.ts';
import { sim, type OpenedKiosk } from '../support/kiosk-suite.ts';
import { remoteBackOfficeConfig } from '../support/test-configs.ts';

/** The phone the Citizen helper types on every form, as the kiosk may show it. */
const PHONE_SHOWN = '138****8000';

/** The hall's back office, run by the test on a fixed port so it can go away and come back. */
class HallBackOffice {
  private server: BackOfficeServer | undefined;
  readonly secret = newSecret();

  private constructor(
    readonly db: Database,
    readonly port: number,
    readonly adminFile: string,
  ) {}

  static async create(): Promise<HallBackOffice> {
    const dir = await mkdtemp(join(tmpdir(), 'hall-backoffice-'));
    return new HallBackOffice(await openDatabase({ memory: true }), await freePort(), join(dir, 'staff-admin.txt'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.server = await startBackOffice({ database: this.db, port: this.port, seedExchange: true, firstAdminFile: this.adminFile });
    await this.server.registerKiosk({ kioskId: 'DEMO-HALL-K01', secret: this.secret });
  }

  async down(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  async close(): Promise<void> {
    await this.down();
    await this.db.close();
  }
}

async function receiptNumberOnScreen(page: Page): Promise<string> {
  return (await page.locator('.receipt-number-value').textContent())!.trim();
}

/** The kiosk on the test's back office, walked to the review, submitted with no paper: the receipt on screen. */
async function submittedWithoutPaper(opened: OpenedKiosk, testInfo: TestInfo, shots: string): Promise<{ citizen: Citizen; page: Page; receiptNumber: string }> {
  const citizen = new Citizen(opened, testInfo, shots);
  await citizen.onScreen('attract');
  await citizen.connected();
  await disabilityToSubmit(citizen);
  await sim(opened, 'printer', 'paper-out');
  await citizen.submit();
  await citizen.onScreen('receiptOnScreen');
  return { citizen, page: citizen.page, receiptNumber: await receiptNumberOnScreen(citizen.page) };
}

// A whole bundle is walked before the printer matters, with axe on every screen.
test.describe.configure({ timeout: 240_000 });

let kiosk: OpenedKiosk | undefined;
let hall: HallBackOffice | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
  await hall?.close();
  hall = undefined;
});

test('the attract screen warns that the printer is out of paper, from its real status, and stops once paper is back', async ({ browser }, testInfo) => {
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'after');
  const { page } = citizen;
  await citizen.onScreen('attract');
  const warning = page.locator('[data-printer-warning]');
  await expect(warning).toHaveCount(0);
  await sim(kiosk, 'printer', 'paper-out');
  await expect(warning).toHaveText('打印机缺纸，回执将在屏幕显示');
  await expect(warning).toHaveAttribute('data-printer-warning', 'paperOut');
  await citizen.check('attract-paper-out-normal');
  await citizen.button('toolbar.elderMode').click();
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
  await citizen.check('attract-paper-out-elder');
  await citizen.setLanguage('en');
  await expect(warning).toHaveText('The printer is out of paper: your receipt will be shown on screen');
  await sim(kiosk, 'printer', 'paper-ok');
  await expect(warning).toHaveCount(0);
});

test('no paper after the submission: the receipt is printed at the desk and its number texted, each once, through the back office', async ({ browser }, testInfo) => {
  hall = await HallBackOffice.create();
  await hall.up();
  kiosk = await openBrowserHost(browser, { configDir: await remoteBackOfficeConfig(hall.url, hall.secret) });
  const { citizen, page, receiptNumber } = await submittedWithoutPaper(kiosk, testInfo, 'after');
  await expect(page.getByText(citizen.t('receipt.photo'))).toBeVisible();
  await citizen.check('receipt-offer');

  await citizen.button('receipt.copies.desk').click();
  await citizen.button('receipt.copies.sms', { phone: PHONE_SHOWN }).click();
  // Pressed again by an impatient hand: nothing more is sent.
  await citizen.button('receipt.copies.sms', { phone: PHONE_SHOWN }).click();
  await expect(page.locator('[data-copy="desk"]')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(page.locator('[data-copy="sms"]')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(page.locator('[data-copy="desk"]')).toHaveText(citizen.t('receipt.copies.deskDone'));
  await expect(page.locator('[data-copy="sms"]')).toHaveText(citizen.t('receipt.copies.smsDone', { phone: PHONE_SHOWN }));
  await citizen.check('receipt-copies-done-normal');
  await page.setViewportSize({ width: 1080, height: 1920 });
  await citizen.check('receipt-copies-portrait-normal');
  await citizen.button('toolbar.elderMode').click();
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
  await citizen.check('receipt-copies-portrait-elder');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await citizen.check('receipt-copies-done-elder');

  const sms = (await recordedSms(hall.db)).filter((m) => m.text.includes(receiptNumber));
  expect(sms).toHaveLength(1);
  expect(sms[0]).toMatchObject({ toMasked: PHONE_SHOWN });
  expect(sms[0]!.text).toBe(`【示例市政务服务中心】您的申请已受理，受理编号 ${receiptNumber}，可凭此编号查询办理进度。`);
  const prints = await waitingDeskPrints(hall.db);
  expect(prints.map((p) => p.receiptNumber)).toEqual([receiptNumber]);
  expect(prints[0]!.lines.join('\n')).toContain(receiptNumber);

  // The job at the desk: the staff page lists it and shows the receipt to print.
  const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const password = /密码 password: (\S+)/.exec(await readFile(hall.adminFile, 'utf8'))![1]!;
  await staff.goto(`${hall.url}/staff/sign-in`);
  await staff.locator('#staff-id').fill('admin');
  await staff.locator('#password').fill(password);
  await staff.getByRole('button', { name: '登录' }).click();
  await staff.goto(`${hall.url}/staff/desk-prints`);
  await staff.getByRole('link', { name: receiptNumber }).click();
  await expect(staff.locator('pre.desk-receipt')).toContainText(receiptNumber);
  await staff.screenshot({ path: testInfo.outputPath('after-staff-desk-print.png'), fullPage: true });
  await staff.getByRole('button', { name: '已打印并交给市民' }).click();
  await expect(staff.getByRole('status').filter({ hasText: receiptNumber })).toContainText('已标记为已打印交付');
  await staff.close();

  // The citizen leaves: the number stays on the rating screen too, and the session ends as done.
  await citizen.button('receipt.next').click();
  await citizen.onScreen('rating');
  await expect(page.getByText(citizen.t('rating.receiptNumber', { number: receiptNumber }))).toBeVisible();
});

test('offline after the submission: the copies are kept on the kiosk and sent once when the back office returns', async ({ browser }, testInfo) => {
  hall = await HallBackOffice.create();
  await hall.up();
  kiosk = await openBrowserHost(browser, { configDir: await remoteBackOfficeConfig(hall.url, hall.secret) });
  const { citizen, page, receiptNumber } = await submittedWithoutPaper(kiosk, testInfo, 'after-offline');
  // The hall's network goes down while the citizen reads the receipt.
  await hall.down();
  await citizen.button('receipt.copies.sms', { phone: PHONE_SHOWN }).click();
  await citizen.button('receipt.copies.desk').click();
  await expect(page.locator('[data-copy="sms"]')).toHaveText(citizen.t('receipt.copies.smsQueued', { phone: PHONE_SHOWN }));
  await expect(page.locator('[data-copy="desk"]')).toHaveText(citizen.t('receipt.copies.deskQueued'));
  await citizen.check('receipt-copies-queued-normal');
  await citizen.button('toolbar.elderMode').click();
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
  await citizen.check('receipt-copies-queued-elder');

  // Still kept on the kiosk a few seconds on: nothing was lost or dropped.
  await page.waitForTimeout(3_000);
  await expect(page.locator('[data-copy="sms"]')).toHaveAttribute('data-state', 'queued');
  await hall.up();
  await expect(page.locator('[data-copy="sms"]')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.locator('[data-copy="desk"]')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  expect((await recordedSms(hall.db)).filter((m) => m.text.includes(receiptNumber))).toHaveLength(1);
  expect((await waitingDeskPrints(hall.db)).map((p) => p.receiptNumber)).toEqual([receiptNumber]);
});

test('a timeout after the submission says the application is received and safe, and what happens to the screen', async ({ browser }, testInfo) => {
  hall = await HallBackOffice.create();
  await hall.up();
  // The shortest times the schema allows: the receipt on screen keeps 40 s here (10 minutes by default).
  const config = await remoteBackOfficeConfig(hall.url, hall.secret, { stepTimeoutSeconds: 30, warningSeconds: 20, receiptTimeoutSeconds: 40 });
  kiosk = await openBrowserHost(browser, { configDir: config });
  const citizen = new Citizen(kiosk, testInfo, 'after-timeout');
  const { page } = citizen;
  await citizen.onScreen('attract');
  await disabilityToSubmit(citizen);
  await sim(kiosk, 'printer', 'paper-out');
  await citizen.submit();
  await citizen.onScreen('receiptOnScreen');
  await citizen.button('toolbar.elderMode').click();
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible({ timeout: 40_000 });
  await expect(dialog.getByRole('heading')).toHaveText('您的申请已受理');
  await expect(dialog).toContainText('申请已安全保存，超时不会影响办理。时间到后本页将关闭、回到首页，屏幕上的个人信息会被清除。');
  await expect(dialog).toContainText(citizen.t('timeout.submitted.receipt'));
  await expect(dialog).not.toContainText('您的信息将被清除');
  await citizen.check('timeout-submitted-elder');
  // 继续查看本页 gives the page its time again; the warning comes back, worded the same.
  await dialog.getByRole('button', { name: '继续查看本页' }).click();
  await expect(dialog).toHaveCount(0);
  await citizen.button('toolbar.elderMode').click();
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'false');
  await expect(dialog).toBeVisible({ timeout: 40_000 });
  await expect(dialog.getByRole('heading')).toHaveText('您的申请已受理');
  await citizen.check('timeout-submitted-normal');

  // Let it run out: the farewell says the application is safe, not that it ended in failure.
  await citizen.onScreen('attract');
  await expect(page.getByRole('status').filter({ hasText: citizen.t('farewell.timeoutSubmitted') })).toBeVisible({ timeout: 40_000 });
  await citizen.check('farewell-submitted');
  await expect(page.getByText(citizen.t('farewell.timeout'))).toHaveCount(0);
});

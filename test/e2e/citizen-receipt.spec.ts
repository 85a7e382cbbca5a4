/**
 * The receipt says what happens next (issue 10), on paper and on screen, on the browser host: per item when,
 * where, what to bring and how the result arrives (the assessment hospital chosen, the masked mailing address
 * or the window to collect at), the one number as 受理编号, that it is provisional until the departments
 * accept, and how to follow the case.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { openBrowserHost } from '../support/browser-opener.ts';
import { Citizen, expectPrintedReceipt } from '../support/citizen.ts';
import { expectNoAxeViolations, screenshot, sim, type OpenedKiosk } from '../support/kiosk-suite.ts';

const ADDRESS = '示例市示例区幸福路1号3单元502';
const MASKED_ADDRESS = '示例市示例区****';
/** The disability applicant asks for the certificate by post, assessed at the rehabilitation hospital. */
const BY_POST = {
  'disability.assessmentHospital': '示例市康复医院|Example City Rehabilitation Hospital',
  'delivery.method': '免费邮寄|Free postal delivery',
  'delivery.address': ADDRESS,
};
const AT_THE_WINDOW = { ...BY_POST, 'delivery.method': '窗口自取|Collect at the counter', 'delivery.address': null };

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

async function disabilitySubmitted(citizen: Citizen, answers: Readonly<Record<string, string | null>>): Promise<void> {
  await citizen.onScreen('attract');
  await citizen.insertCard('disability-applicant.json');
  await citizen.consent();
  await citizen.choose(/残疾人服务一件事/);
  await citizen.fillForm(answers);
  await citizen.checkAnswers();
  await citizen.settleMaterials();
  await citizen.submit();
}

/** The files the simulated printer wrote for the receipt with this number (the PNG follows the text). */
async function printed(dataDir: string, receiptNumber: string): Promise<{ text: string; png: PNG }> {
  const dir = join(dataDir, 'sim-receipts');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.txt'))) {
    const text = await readFile(join(dir, file), 'utf8');
    if (!text.includes(receiptNumber)) continue;
    const png = join(dir, file.replace(/\.txt$/, '.png'));
    await expect.poll(async () => (await readdir(dir)).includes(basename(png))).toBe(true);
    return { text, png: PNG.sync.read(await readFile(png)) };
  }
  throw new Error(`no receipt ${receiptNumber}`);
}

test('the printed receipt: the assessment (评残) date notice, the hospital chosen, what to bring, the certificate posted to the masked address', async ({
  browser,
}, testInfo) => {
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  await disabilitySubmitted(citizen, BY_POST);
  const receiptNumber = await citizen.printedReceiptNumber();
  await expectPrintedReceipt(kiosk, receiptNumber, '110101197806120036');
  const { text, png } = await printed(kiosk.dataDir, receiptNumber);
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain(`受理编号：${receiptNumber}`);
  expect(flat).toContain('下一步：部门受理后3个工作日内，残联短信通知评残日期');
  expect(flat).toContain('地点：您选择的评残定点医院：示例市康复医院');
  expect(flat).toContain('携带：身份证、本回执、近期病历及检查报告');
  expect(flat).toContain(`结果：评定合格后残疾人证免费邮寄至：${MASKED_ADDRESS}`);
  expect(flat).not.toContain(ADDRESS);
  expect(flat).toContain('受理编号为临时编号：各部门审核受理后才算正式受理');
  expect(flat).toContain('扫描本回执二维码');
  expect(flat).toContain('服务大厅咨询台');
  expect(png.width).toBe(576);
  await writeFile(testInfo.outputPath('receipt-printed.png'), PNG.sync.write(png));
});

for (const elder of [false, true]) {
  test(`printer out of paper: the on-screen receipt says what happens next, collected at the window${elder ? ' (elder mode)' : ''}`, async ({
    browser,
  }, testInfo) => {
    kiosk = await openBrowserHost(browser);
    const citizen = new Citizen(kiosk, testInfo, null);
    if (elder) {
      await citizen.onScreen('attract');
      await citizen.button('toolbar.elderMode').click();
    }
    await sim(kiosk, 'printer', 'paper-out');
    await disabilitySubmitted(citizen, AT_THE_WINDOW);
    await citizen.onScreen('receiptOnScreen');
    const page = citizen.page;
    await expect(page.getByText(citizen.t('receipt.number'), { exact: true })).toBeVisible();
    await expect(page.getByText(citizen.t('receipt.provisional'))).toBeVisible();
    const step = page.locator('.next-step[data-item="11019900CL-GG-0101"]');
    await expect(step.getByRole('heading', { name: '残疾人证新办' })).toBeVisible();
    await expect(step).toContainText('残联短信通知评残日期');
    await expect(step).toContainText('您选择的评残定点医院：示例市康复医院');
    await expect(step).toContainText('身份证、本回执');
    await expect(step).toContainText('政务服务中心二楼残联窗口领证（工作日9:00-17:00）');
    await expect(page.getByRole('heading', { name: citizen.t('receipt.query.title') })).toBeVisible();
    await expect(page.getByText(citizen.t('receipt.query.kiosk'))).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, `receipt-on-screen${elder ? '-elder' : ''}`, { fullPage: false });
    await step.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, `receipt-on-screen-next-steps${elder ? '-elder' : ''}`, { fullPage: false });
    // A portrait kiosk: the cards keep their label and value side by side, nothing cut off.
    await page.setViewportSize({ width: 1080, height: 1920 });
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, `receipt-on-screen-portrait${elder ? '-elder' : ''}`, { fullPage: false });
    await citizen.setLanguage('en');
    await expect(step).toContainText('Assessment at the hospital you chose: Example City Rehabilitation Hospital');
  });
}

/**
 * The citizen's form, overview and review on the browser host (issue 10): an optional question left empty
 * never blocks, a refused "next" says what is missing and goes there, the applicant can see their own
 * answers (press and hold, or the keypad) while bystanders see them masked, and the elder-mode and language
 * controls stay in reach and outlast the farewell.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { openOfflineBrowserHost } from '../support/browser-opener.ts';
import { Citizen } from '../support/citizen.ts';
import { screenshot, type OpenedKiosk } from '../support/kiosk-suite.ts';

/** The child's name the mother types: it must be readable to her on request and masked otherwise. */
const CHILD = '李小明';
/** Married: the spouse's questions come in, among them the optional 配偶手机号码. */
const MARRIED = { 'applicant.maritalStatus': '已婚|Married', 'spouse.name': '张伟', 'spouse.idNumber': '11010519491231002X' };

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

/** The mother at the start of 新生儿出生's form, required items only. */
async function birthForm(citizen: Citizen): Promise<void> {
  await citizen.onScreen('attract');
  await citizen.insertCard('birth-mother.json');
  await citizen.consent();
  await citizen.choose(/新生儿出生一件事/);
}

const row = (citizen: Citizen, label: string): Locator =>
  citizen.page.locator('.field-row').filter({ has: citizen.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });

test('an optional question left empty does not block the overview; a reload comes back to the overview', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  await birthForm(citizen);
  const asked = await citizen.fillForm({ ...MARRIED, 'spouse.phone': null });
  expect(asked).toContain('spouse.phone');
  await expect(citizen.page.locator('main.overview')).toBeVisible();
  // After a restart of the page the citizen is where they were: the form is done, the optional question is not asked again.
  await kiosk.reload();
  await expect(citizen.page.locator('main.overview')).toBeVisible();
  await expect(citizen.page.locator('main.question')).toHaveCount(0);
  await expect(row(citizen, '配偶手机号码')).toContainText(citizen.t('form.unanswered'));
  await citizen.button('form.toMaterials').click();
  await citizen.onScreen('materials');
});

test('a refused 下一步 says what is missing and goes to that question', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  await birthForm(citizen);
  const first = (await citizen.page.locator('main.question').getAttribute('data-field'))!;
  await citizen.button('form.showAll').click();
  await citizen.button('form.toMaterials').click();
  // Not a silent refusal: the first missing answer's question, with what is missing said on it.
  const question = citizen.page.locator(`main.question[data-field="${first}"]`);
  await expect(question).toBeVisible();
  await expect(question.getByRole('alert')).toContainText(/请(填写|选择|签名)/);
  await expect(question.getByRole('alert')).toContainText(citizen.t('form.missingBeforeNext'));
  await citizen.check('missing');
  await screenshot(citizen.page, testInfo, 'form-missing', { fullPage: false });
});

test('the applicant sees their own answers on request, by touch or keypad, and on the question they edit; logs stay masked', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'own-answers');
  await birthForm(citizen);
  const asked = await citizen.fillForm({ 'newborn.name': CHILD });
  expect(asked).toContain('newborn.birthDate');
  const { page } = citizen;
  const name = row(citizen, '新生儿姓名');
  await expect(name).toContainText('李*');
  expect(await page.content()).not.toContain(CHILD);

  // Touch: shown while held and a few seconds after, then masked again.
  const reveal = name.getByRole('button', { name: citizen.t('form.revealLabel', { label: '新生儿姓名' }) });
  await reveal.hover();
  await page.mouse.down();
  await expect(name).toContainText(CHILD);
  await citizen.check('overview-revealed');
  await page.mouse.up();
  await expect(name).toContainText(CHILD);
  await expect(name).not.toContainText(CHILD, { timeout: 8_000 });
  expect(await page.content()).not.toContain(CHILD);

  // Keypad: Enter shows it, Enter again hides it.
  await reveal.focus();
  await page.keyboard.press('Enter');
  await expect(reveal).toHaveAttribute('aria-pressed', 'true');
  await expect(name).toContainText(CHILD);
  await page.keyboard.press('Enter');
  await expect(reveal).toHaveAttribute('aria-pressed', 'false');
  await expect(name).not.toContainText(CHILD);

  // The question being edited shows the citizen's own answer in full, in the input too.
  await citizen.page.getByRole('button', { name: citizen.t('form.editLabel', { label: '新生儿姓名' }) }).click();
  await expect(page.locator('.current-answer')).toContainText(CHILD);
  await expect(page.locator('.text-input')).toHaveValue(CHILD);
  await citizen.button('form.save').click();
  await page.locator('main.overview .field-row[data-field="newborn.birthDate"] .button', { hasText: citizen.t('form.edit') }).click();
  await expect(page.locator('.current-answer')).not.toContainText('**');
  await expect(page.locator('.current-answer')).toContainText(/\d{4}-\d{2}-\d{2}/);
  await citizen.button('form.save').click();

  // The review too: masked, and the citizen's on request.
  await citizen.checkAnswers();
  await citizen.settleMaterials();
  const onReview = row(citizen, '新生儿姓名');
  await expect(onReview).toHaveCount(1);
  await expect(onReview).not.toContainText(CHILD);
  await onReview.getByRole('button', { name: citizen.t('form.revealLabel', { label: '新生儿姓名' }) }).click();
  await expect(onReview).toContainText(CHILD);

  const log = await readFile(join(kiosk.dataDir, 'logs', 'kiosk.log'), 'utf8');
  expect(log).not.toContain(CHILD);
});

test('elder mode: the controls stay in reach on the long review, each value shown once with its departments', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'review-elder');
  await citizen.onScreen('attract');
  await citizen.button('toolbar.elderMode').click();
  await expect(citizen.page.locator('html')).toHaveAttribute('data-elder', 'true');
  await citizen.insertCard('birth-mother.json');
  await citizen.consent();
  await citizen.choose(/新生儿出生一件事/, [/预防接种证办理/, /科学育儿指导服务登记/]);
  await citizen.fillForm();
  await citizen.checkAnswers();
  await citizen.settleMaterials();
  const { page } = citizen;
  // The child's name goes to several departments: one row, not one per department.
  await expect(row(citizen, '新生儿姓名')).toHaveCount(1);
  await expect(page.locator('main.review').getByText(citizen.t('review.allDepartments'))).toBeVisible();
  const height = await page.locator('main.review').evaluate((el) => el.scrollHeight);
  testInfo.annotations.push({ type: 'review height (px, elder mode, 1920×1080)', description: String(height) });
  // Scrolled anywhere on the page, the elder-mode toggle and the language switch are on screen.
  const toggle = citizen.button('toolbar.elderMode');
  for (const where of ['top', 'middle', 'bottom'] as const) {
    await page.getByRole('heading', { level: 1 }).evaluate((heading, at) => {
      const scroller = heading.closest('.app-body') ?? document.scrollingElement!;
      scroller.scrollTop = at === 'top' ? 0 : at === 'middle' ? scroller.scrollHeight / 2 : scroller.scrollHeight;
    }, where);
    await expect(toggle).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: 'English', exact: true })).toBeInViewport({ ratio: 1 });
  }
  await citizen.check('review');
  await screenshot(page, testInfo, 'review-elder-top', { fullPage: false });
});

test('an elder English user is thanked in English and elder mode; both reset after the farewell', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  const html = citizen.page.locator('html');
  await citizen.onScreen('attract');
  await citizen.button('toolbar.elderMode').click();
  await citizen.setLanguage('en');
  await citizen.insertCard('company-founder.json');
  await citizen.consent();
  await citizen.button('session.cancel').click();
  await citizen.button('cancel.confirm').click();
  await citizen.onScreen('attract');
  await expect(citizen.page.getByRole('status').filter({ hasText: citizen.t('farewell.wiped') })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(html).toHaveAttribute('data-elder', 'true');
  await screenshot(citizen.page, testInfo, 'farewell-en-elder', { fullPage: false });
  // Once the farewell is over, the next citizen finds the kiosk's default.
  await expect(citizen.page.getByRole('status').filter({ hasText: citizen.t('farewell.wiped') })).toHaveCount(0, { timeout: 15_000 });
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(html).toHaveAttribute('data-elder', 'false');
});

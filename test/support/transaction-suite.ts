/**
 * Citizens' transactions end to end, written once for each host (browser host, Electron): each sample
 * bundle from the card on the reader to the rating, through every screen with axe and a screenshot, plus
 * the ways a session goes otherwise (timeout warning, cancel, expired card, QR e-ID, a full disk, printer out
 * of paper, a restart that asks for the card again).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Citizen, disabilityToSubmit, expectPrintedReceipt } from './citizen.ts';
import { expectNoAxeViolations, removeCard, screenshot, sim, type KioskOpener, type OpenedKiosk } from './kiosk-suite.ts';
import { mountSmallDisk, type SmallDisk } from './small-disk.ts';
import { reidentifyAfterConfig, shortTimeoutConfig, unreachableBackOfficeConfig } from './test-configs.ts';

export function defineTransactionSuite(open: KioskOpener): void {
  let kiosk: OpenedKiosk | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  test.afterEach(async () => {
    await kiosk?.close();
    kiosk = undefined;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  test('新生儿出生: a mother applies with every optional item, every screen checked', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, 'birth');
    await citizen.onScreen('attract');
    await citizen.connected();
    await citizen.insertCard('birth-mother.json');
    await citizen.consent();
    await citizen.choose(/新生儿出生一件事/, [/预防接种证办理/, /生育医疗待遇支付/, /科学育儿指导服务登记/]);
    const asked = await citizen.fillForm();
    // The optional items' questions are asked, the ID card's answers are not.
    expect(asked).toEqual(expect.arrayContaining(['vaccination.clinic', 'maternity.bankAccount', 'parenting.serviceMode', 'applicant.signature']));
    expect(asked).not.toContain('applicant.name');
    await citizen.checkAnswers();
    await citizen.settleMaterials();
    await citizen.submit();
    const receiptNumber = await citizen.printedReceiptNumber();
    await expectPrintedReceipt(kiosk, receiptNumber, '110105199603150029');
    await citizen.rate('rating.level.2', [/办理时间长/], '排队时间较长');
    await citizen.seeFarewell();
  });

  test('残疾人服务 in elder mode: every screen checked, every target at least 60 px', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, 'disability-elder');
    await citizen.onScreen('attract');
    await citizen.connected();
    await citizen.button('toolbar.elderMode').click();
    await expect(citizen.page.locator('html')).toHaveAttribute('data-elder', 'true');
    await citizen.insertCard('disability-applicant.json');
    await citizen.consent();
    await citizen.choose(/残疾人服务一件事/, [/城乡居民基本养老保险参保登记/]);
    await citizen.fillForm();
    await citizen.checkAnswers();
    await citizen.settleMaterials();
    await citizen.submit();
    const receiptNumber = await citizen.printedReceiptNumber();
    await expectPrintedReceipt(kiosk, receiptNumber, '110101197806120036');
    await citizen.rate('rating.level.5');
    await citizen.seeFarewell();
    // Elder mode ends with the session: the next citizen starts from the kiosk's default.
    await expect(citizen.page.locator('html')).toHaveAttribute('data-elder', 'false');
  });

  test('退休 in English, skipping the rating', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, 'retirement-en');
    await citizen.onScreen('attract');
    await citizen.setLanguage('en');
    await citizen.connected();
    await citizen.insertCard('retiring-worker.json');
    await citizen.consent();
    await citizen.choose(/^Retiring/);
    await citizen.fillForm();
    await citizen.checkAnswers();
    await citizen.settleMaterials();
    await citizen.submit();
    const receiptNumber = await citizen.printedReceiptNumber();
    await expectPrintedReceipt(kiosk, receiptNumber, '110102196602100019');
    await citizen.check('rating');
    await citizen.button('rating.skip').click();
    // The farewell is still in English: the language resets after it, not before.
    await citizen.seeFarewell();
  });

  test('企业开办 with another finance officer, and an answer changed from the review', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await citizen.connected();
    await citizen.insertCard('company-founder.json');
    await citizen.consent();
    await citizen.choose(/企业开办一件事/, [/住房公积金单位缴存登记/]);
    const asked = await citizen.fillForm();
    expect(asked).toEqual(expect.arrayContaining(['financeOfficer.name', 'financeOfficer.idNumber', 'financeOfficer.phone', 'housingFund.contributionRate']));
    await citizen.checkAnswers();
    await citizen.settleMaterials();
    // Changing an answer from the review goes back to the form's overview; nothing is lost on the way.
    await citizen.button('review.edit').click();
    await citizen.onScreen('form');
    await citizen.page.getByRole('button', { name: citizen.t('form.editLabel', { label: '拟参保职工人数' }) }).click();
    await citizen.page.locator('.keypad-display').fill('5');
    await citizen.button('form.save').click();
    await expect(citizen.page.locator('main.overview .field-row', { hasText: '拟参保职工人数' })).toContainText('5');
    await citizen.checkAnswers();
    await expect(citizen.button('materials.next')).toBeEnabled();
    await citizen.button('materials.next').click();
    await citizen.onScreen('review');
    await citizen.submit();
    const receiptNumber = await citizen.printedReceiptNumber();
    await expectPrintedReceipt(kiosk, receiptNumber, '110108198809200057');
    await citizen.rate('rating.level.4');
    await citizen.seeFarewell();
  });

  test('works from a keypad alone: arrows and Enter from the card to the form, digits on the physical keys', async ({ browser }, testInfo) => {
    // Offline, 户籍地址 is the card's address (online the police record gives it): said to differ and typed, too.
    const configDir = await unreachableBackOfficeConfig();
    cleanups.push(() => rm(configDir, { recursive: true, force: true }));
    kiosk = await open(browser, { configDir });
    const citizen = new Citizen(kiosk, testInfo, null);
    const { page } = citizen;
    /** Arrows down until `target` has focus, as a citizen would; fails if it is never reached. */
    const arrowTo = async (target: ReturnType<Page['locator']>) => {
      for (let i = 0; i < 30 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
      await expect(target).toBeFocused();
    };
    await citizen.onScreen('attract');
    await citizen.insertCard('disability-applicant.json');
    await citizen.onScreen('consent');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await arrowTo(citizen.button('consent.agree'));
    await page.keyboard.press('Enter');
    await citizen.onScreen('choose');
    await arrowTo(page.getByRole('button', { name: /残疾人服务一件事/ }));
    await page.keyboard.press('Enter');
    await arrowTo(citizen.button('choose.start'));
    await page.keyboard.press('Enter');
    await citizen.onScreen('form');
    const question = page.locator('main.question');
    // The form starts at the first question without an answer; back to the address, offered from the card.
    await expect(question).toHaveAttribute('data-field', 'applicant.phone');
    await arrowTo(citizen.button('form.previous'));
    await page.keyboard.press('Enter');
    await expect(question).toHaveAttribute('data-field', 'applicant.householdAddress');
    await arrowTo(page.getByRole('radio', { name: citizen.t('form.suggestion.different', { label: '身份证地址' }) }));
    await page.keyboard.press('Enter');
    await arrowTo(page.locator('.text-input'));
    await page.keyboard.type('北京市东城区测试路8号');
    await page.keyboard.press('Enter');
    await expect(question).toHaveAttribute('data-input', 'keypad');
    // The heading has focus; the physical keypad's digits go to the on-screen keypad's entry. A person's pace:
    // a burst of keys would be taken for a keyboard-wedge scanner.
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.keyboard.type('1380', { delay: 70 });
    await arrowTo(citizen.button('form.next'));
    await page.keyboard.press('Enter');
    // A wrong answer is explained at once and stays on screen, marked; the next digit starts the number again
    // and the ones after it add to the new number.
    await expect(page.getByRole('alert')).toContainText('手机号码');
    await expect(question).toHaveAttribute('data-input', 'keypad');
    const display = page.locator('.keypad-display');
    await expect(display).toHaveValue('1380');
    await expect(display).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.type('13800138000', { delay: 70 });
    await expect(display).toHaveValue('13800138000');
    await expect(display).toHaveAttribute('aria-invalid', 'false');
    await page.keyboard.press('Enter');
    await expect(question).not.toHaveAttribute('data-input', 'keypad');
  });

  test('warns before the idle timeout, counts down, and extends', async ({ browser }, testInfo) => {
    const configDir = await shortTimeoutConfig();
    cleanups.push(() => rm(configDir, { recursive: true, force: true }));
    kiosk = await open(browser, { configDir });
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await citizen.insertCard('disability-applicant.json');
    await citizen.onScreen('consent');
    // 30 s per step, warned 20 s before: the dialog comes after 10 s without a touch.
    const dialog = citizen.page.getByRole('alertdialog', { name: citizen.t('timeout.title') });
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(citizen.button('timeout.extend')).toBeFocused();
    const countdown = dialog.getByRole('timer');
    const first = await countdown.textContent();
    await expect(countdown).not.toHaveText(first!);
    await expect(dialog).toContainText(citizen.t('timeout.extensionsLeft', { count: 10 }));
    await screenshot(citizen.page, testInfo, 'timeout-warning', { fullPage: false });
    await expectNoAxeViolations(citizen.page);
    await citizen.button('timeout.extend').click();
    await expect(dialog).toHaveCount(0);
    await expect(citizen.page.locator('[data-screen="consent"]')).toBeVisible();
  });

  test('a restart resumes at once while the citizen is there; later, it asks for the same card first and tells another card nothing', async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    // 10 s since the last activity stands for the 2 minutes of the default configuration.
    const window = 10_000;
    const configDir = await reidentifyAfterConfig(window / 1000);
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-reidentify-'));
    cleanups.push(() => rm(configDir, { recursive: true, force: true }), () => rm(dataDir, { recursive: true, force: true }));
    const restart = async () => {
      await kiosk!.close();
      kiosk = await open(browser, { configDir, dataDir });
      return new Citizen(kiosk, testInfo, 'reidentify');
    };
    kiosk = await open(browser, { configDir, dataDir });
    let citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await citizen.insertCard('company-founder.json');
    await citizen.consent();
    await citizen.choose(/企业开办一件事/);
    await citizen.page.locator('.text-input').fill('示例市测试科技有限公司');
    await citizen.page.locator('.action-bar .button.primary').click();
    await expect(citizen.page.locator('main.question[data-field="enterprise.name"]')).toHaveCount(0);
    await removeCard(kiosk);

    // A quick restart, the citizen still at the kiosk: straight back to the form, as they left it.
    const quick = Date.now();
    citizen = await restart();
    await citizen.onScreen('form');
    expect(Date.now() - quick, 'the restart took longer than the window: the test cannot tell the cases apart').toBeLessThan(window);
    await expect(citizen.page.locator('.session-applicant')).toContainText('110108********0057');

    // A restart later than the window (the resume counts as the last activity): whoever stands here sees
    // nothing of the session until its card is back.
    await citizen.page.waitForTimeout(window + 1000);
    citizen = await restart();
    await citizen.onScreen('reidentify');
    await expect(citizen.page.getByRole('heading', { level: 1 })).toHaveText(citizen.t('reidentify.title'));
    await expect(citizen.page.getByRole('heading', { level: 1 })).toBeFocused();
    /** The founder's name, ID number (whole or masked, any part), bundle and answer: none may be on the page. */
    const personal = ['陈晨', '陈*', '110108', '0057', '企业开办', '示例市测试科技有限公司'];
    const expectNothingPersonal = async (more: readonly string[] = []) => {
      const html = await citizen.page.content();
      for (const value of [...personal, ...more]) expect(html, `${value} on the card check`).not.toContain(value);
    };
    await expectNothingPersonal();
    await citizen.check('screen');
    await citizen.button('toolbar.elderMode').click();
    await expect(citizen.page.locator('html')).toHaveAttribute('data-elder', 'true');
    await citizen.check('screen-elder');
    await citizen.button('toolbar.elderMode').click();
    await citizen.setLanguage('en');
    await expect(citizen.page.getByRole('heading', { level: 1 })).toHaveText(citizen.t('reidentify.title'));
    await citizen.check('screen-en');
    await citizen.setLanguage('zh-CN');

    // Another person's card: refused, and told how to start their own, without a word about either person.
    await citizen.insertCard('retiring-worker.json');
    await expect(citizen.page.getByRole('alert')).toHaveText(citizen.t('reidentify.otherCard'));
    await expectNothingPersonal(['110102', '0019', '退休']);
    await citizen.check('other-card');
    await expect(citizen.button('reidentify.end')).toBeVisible();
    await removeCard(kiosk);
    // The reader sees a card leave after two empty polls (300 ms apart); only then is the next one read.
    await citizen.page.waitForTimeout(1000);

    // The applicant's own card: back to the form where they were, with their answer.
    await citizen.insertCard('company-founder.json');
    await citizen.onScreen('form');
    await expect(citizen.page.locator('.session-applicant')).toContainText('110108********0057');
    await expect(citizen.page.locator('main.question[data-field="enterprise.name"]')).toHaveCount(0);
  });

  test('a session waiting for its card can be ended there, and the next citizen starts their own', async ({ browser }, testInfo) => {
    const configDir = await reidentifyAfterConfig(0);
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-reidentify-'));
    cleanups.push(() => rm(configDir, { recursive: true, force: true }), () => rm(dataDir, { recursive: true, force: true }));
    kiosk = await open(browser, { configDir, dataDir });
    let citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await citizen.insertCard('company-founder.json');
    await citizen.onScreen('consent');
    await removeCard(kiosk);
    await kiosk.close();
    kiosk = await open(browser, { configDir, dataDir });
    citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('reidentify');
    // The keypad alone: arrows from the heading to "结束办理", Enter, and the confirmation's own button.
    const end = citizen.button('reidentify.end');
    for (let i = 0; i < 10 && !(await end.evaluate((el) => el === document.activeElement)); i++) await citizen.page.keyboard.press('ArrowDown');
    await expect(end).toBeFocused();
    await citizen.page.keyboard.press('Enter');
    const dialog = citizen.page.getByRole('dialog', { name: citizen.t('reidentify.endTitle') });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(citizen.page);
    await citizen.button('reidentify.endConfirm').click();
    await citizen.onScreen('attract');
    await expect(citizen.page.getByRole('status').filter({ hasText: citizen.t('farewell.cancelled') })).toBeVisible();
    await citizen.insertCard('retiring-worker.json');
    await citizen.onScreen('consent');
    await expect(citizen.page.locator('.session-applicant')).toContainText('110102********0019');
  });

  test('cancelling from the form asks first, then ends the session and clears it', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await citizen.insertCard('company-founder.json');
    await citizen.consent();
    await citizen.choose(/企业开办一件事/);
    await citizen.page.locator('.text-input').fill('示例市测试科技有限公司');
    await citizen.button('session.cancel').click();
    const dialog = citizen.page.getByRole('dialog', { name: citizen.t('cancel.title') });
    await expect(citizen.button('cancel.keep')).toBeFocused();
    await screenshot(citizen.page, testInfo, 'cancel-dialog', { fullPage: false });
    await expectNoAxeViolations(citizen.page);
    // Keeping on returns to the question as it was; cancelling ends the session.
    await citizen.page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(citizen.page.locator('.text-input')).toHaveValue('示例市测试科技有限公司');
    await citizen.button('session.cancel').click();
    await citizen.button('cancel.confirm').click();
    await citizen.onScreen('attract');
    await expect(citizen.page.getByRole('status').filter({ hasText: citizen.t('farewell.cancelled') })).toBeVisible();
  });

  test('a bundle the applicant cannot apply for says why and goes back to the choice', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await citizen.insertCard('birth-mother.json');
    await citizen.consent();
    await citizen.page.getByRole('button', { name: /退休一件事/ }).click();
    await citizen.button('choose.start').click();
    await citizen.onScreen('ineligible');
    await expect(citizen.page.getByRole('alert')).toContainText('尚未达到可以申请退休的年龄');
    await screenshot(citizen.page, testInfo, 'ineligible', { fullPage: false });
    await expectNoAxeViolations(citizen.page);
    await citizen.button('ineligible.back').click();
    await citizen.onScreen('choose');
  });

  test('an expired card is refused with a notice on the attract screen', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await sim(kiosk, 'card', 'insert', join(import.meta.dirname, '../../devices/idcard/sim/cards/resident-expired.json'));
    const notice = citizen.page.getByRole('alert');
    await expect(notice).toContainText('请使用有效证件');
    await expect(citizen.page.locator('[data-screen="attract"]')).toBeVisible();
    await screenshot(citizen.page, testInfo, 'expired-card', { fullPage: false });
    await expectNoAxeViolations(citizen.page);
  });

  test('a QR e-ID identifies the citizen', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    // A QR e-ID is resolved by the back office: offline it is refused with a notice instead.
    await citizen.connected();
    await sim(kiosk, 'scan', 'EID1:TESTZHANGSAN0001', '--symbology', 'qr');
    await citizen.onScreen('consent');
    await expect(citizen.page.getByText(citizen.t('consent.identified', { via: citizen.t('session.via.qr') }))).toBeVisible();
    await expect(citizen.page.locator('.session-applicant')).toContainText('110105********002X');
    await citizen.button('consent.decline').click();
    await citizen.onScreen('attract');
    await expect(citizen.page.getByRole('status').filter({ hasText: citizen.t('farewell.declined') })).toBeVisible();
  });

  test('a full disk at submission: the citizen is told and staff called; the retry submits once space returns', async ({ browser }, testInfo) => {
    const disk = mountSmallDisk(256 * 1024 * 1024);
    test.skip('unavailable' in disk, `needs a tmpfs mount (root): ${'unavailable' in disk ? disk.unavailable : ''}`);
    const small = disk as SmallDisk;
    cleanups.push(async () => small.unmount());
    kiosk = await open(browser, { dataDir: join(small.dir, 'data') });
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await citizen.connected();
    await disabilityToSubmit(citizen);
    small.fill(0);
    await citizen.submit();
    await citizen.onScreen('submitFailed');
    await expect(citizen.page.getByRole('heading', { name: citizen.t('submitFailed.storageFull.title') })).toBeVisible();
    await expect(citizen.page.getByText(citizen.t('submitFailed.storageFull.helpCalled'))).toBeVisible();
    await screenshot(citizen.page, testInfo, 'submit-failed-disk-full', { fullPage: false });
    await expectNoAxeViolations(citizen.page);
    await citizen.button('toolbar.elderMode').click();
    await screenshot(citizen.page, testInfo, 'submit-failed-disk-full-elder', { fullPage: false });

    small.unfill();
    await citizen.button('submitFailed.retry').click();
    const receiptNumber = await citizen.printedReceiptNumber();
    await expectPrintedReceipt(kiosk, receiptNumber, '110101197806120036');
  });

  test('with the printer out of paper the receipt is shown on screen as a QR code', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await disabilityToSubmit(citizen);
    await sim(kiosk, 'printer', 'paper-out');
    await citizen.submit();
    await citizen.onScreen('receiptOnScreen');
    const qr = citizen.page.getByRole('img', { name: /SL-/ });
    await expect(qr).toBeVisible();
    const receiptNumber = (await citizen.page.locator('.receipt-number-value').textContent())!;
    expect(await qr.getAttribute('aria-label')).toContain(receiptNumber);
    await screenshot(citizen.page, testInfo, 'receipt-on-screen', { fullPage: false });
    await expectNoAxeViolations(citizen.page);
    await citizen.button('receipt.next').click();
    await citizen.onScreen('rating');
    await expect(citizen.page.getByText(citizen.t('rating.receiptNumber', { number: receiptNumber }))).toBeVisible();
  });
}

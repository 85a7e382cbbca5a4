/**
 * Keys, for citizens who type on the keypad and the on-screen keyboard (issue 10, defects 8 and 9): digits
 * typed fast all arrive, a wrong answer is replaced rather than appended to, a count offers no decimal
 * point, a Chinese name is typed with pinyin on the on-screen keyboard by keypad alone, and a citizen who
 * cannot sign on the pad signs by a commitment confirmed on the keypad.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openBrowserHost } from '../support/browser-opener.ts';
import { Citizen } from '../support/citizen.ts';
import type { OpenedKiosk } from '../support/kiosk-suite.ts';

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

/** 企业开办 from the card to the form, as the founder. */
async function companyForm(citizen: Citizen): Promise<void> {
  await citizen.onScreen('attract');
  await citizen.connected();
  await citizen.insertCard('company-founder.json');
  await citizen.consent();
  await citizen.choose(/企业开办一件事/);
}

test('keypad: fast digits all arrive, a wrong answer is replaced, a count has no decimal point', async ({ browser }, testInfo) => {
  kiosk = await open(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  const { page } = citizen;
  await companyForm(citizen);
  const display = page.locator('.keypad-display');
  const keypad = page.getByRole('group', { name: citizen.t('keypad.label') });
  // The registered capital, an amount, has a decimal point (the count of employees, further on, has none).
  await citizen.fillForm({}, 'enterprise.registeredCapital');
  await expect(keypad.getByRole('button', { name: '.', exact: true })).toBeVisible();
  await citizen.fillForm({}, 'applicant.phone');

  // A physical keypad's digits 10 ms apart, the focus on the question (not in the box).
  await page.locator('#question-title').focus();
  await page.keyboard.type('13912345678', { delay: 10 });
  await expect(display).toHaveValue('13912345678');

  // A wrong number: the problem says so, nothing says "keep it", and the next digits start a new number.
  await keypad.getByRole('button', { name: citizen.t('keypad.clear'), exact: true }).click();
  for (const digit of '12345') await keypad.getByRole('button', { name: digit, exact: true }).click();
  await citizen.button('form.next').click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.locator('.current-answer')).toHaveCount(0);
  await expect(display).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(citizen.t('keypad.replace'))).toBeVisible();
  for (const digit of '13800138000') await keypad.getByRole('button', { name: digit, exact: true }).click();
  await expect(display).toHaveValue('13800138000');
  await citizen.button('form.next').click();
  await expect(page.locator('main.question[data-field="applicant.phone"]')).toHaveCount(0);

  await citizen.fillForm({}, 'enterprise.employeeCount');
  await expect(keypad.getByRole('button')).toHaveCount(12);
  await expect(keypad.getByRole('button', { name: '.', exact: true })).toHaveCount(0);
  await page.locator('#question-title').focus();
  await page.keyboard.type('2.5', { delay: 10 });
  await expect(display).toHaveValue('25');
});

/**
 * Moves the focus to `target` with the arrow keys alone, as a keypad user does (up and down between rows,
 * left and right along one), and presses Enter on it.
 */
async function keypadPress(page: Page, target: Locator): Promise<void> {
  const centre = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  };
  for (let step = 0; step < 40; step++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      await page.keyboard.press('Enter');
      return;
    }
    const from = await page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    const to = await target.evaluate(centre);
    const key = Math.abs(to.y - from.y) > 20 ? (to.y > from.y ? 'ArrowDown' : 'ArrowUp') : to.x > from.x ? 'ArrowRight' : 'ArrowLeft';
    await page.keyboard.press(key);
  }
  throw new Error(`${String(target)} was not reached with the arrows`);
}

test('on-screen keyboard: a Chinese name typed in pinyin with the keypad alone', async ({ browser }, testInfo) => {
  kiosk = await open(browser);
  const citizen = new Citizen(kiosk, testInfo, 'keys');
  const { page } = citizen;
  await companyForm(citizen);
  await expect(page.locator('main.question')).toHaveAttribute('data-field', 'enterprise.name');
  const keyboard = page.getByRole('group', { name: citizen.t('osk.label') });
  const candidates = keyboard.getByRole('group', { name: citizen.t('osk.candidates') });
  await page.locator('#question-title').focus();
  for (const [letters, chosen] of [
    ['chen', '陈'],
    ['ming', '明'],
    ['keji', '科技'],
  ] as const) {
    for (const letter of letters) await keypadPress(page, keyboard.getByRole('button', { name: letter, exact: true }));
    await expect(keyboard.locator('.osk-letters')).toHaveText(letters);
    // The dictionary puts it on the first page of candidates.
    await keypadPress(page, candidates.getByRole('button', { name: chosen, exact: true }));
  }
  await expect(page.locator('.text-input')).toHaveValue('陈明科技');
  await citizen.check('text-keyboard');
  await keypadPress(page, citizen.button('form.next'));
  await expect(page.locator('main.question')).not.toHaveAttribute('data-field', 'enterprise.name');
});

test('signature: a keypad user signs by a commitment confirmed with the keys, its reason recorded', async ({ browser }, testInfo) => {
  kiosk = await open(browser);
  const citizen = new Citizen(kiosk, testInfo, 'keys');
  const { page } = citizen;
  await companyForm(citizen);
  await citizen.fillForm({}, 'applicant.signature');
  await page.locator('#question-title').focus();
  await keypadPress(page, citizen.button('signature.byKeypad'));
  await expect(page.getByText(citizen.t('signature.commitment.text'))).toBeVisible();
  await keypadPress(page, page.getByRole('radio', { name: citizen.t('signature.reason.cannot-see') }));
  await keypadPress(page, citizen.button('signature.commitment.confirm'));
  await expect(page.getByText(citizen.t('signature.commitment.done'))).toBeVisible();
  await citizen.check('signature-commitment');
  await keypadPress(page, citizen.button('form.next'));
  await expect(page.locator('main.question[data-field="applicant.signature"]')).toHaveCount(0);
});

const open = openBrowserHost;

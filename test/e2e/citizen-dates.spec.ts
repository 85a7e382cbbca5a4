/**
 * Dates and the household address on the browser host (issue 10, defects 3 and 13): the date steppers carry
 * like a calendar and stop at the catalog's range (a baby's birth not after today), the two birth dates of
 * 新生儿出生 say whose, and 户籍地址 comes from the ID card with a choice to give another.
 */
import { expect, test, type Locator } from '@playwright/test';
import { openOfflineBrowserHost } from '../support/browser-opener.ts';
import { Citizen } from '../support/citizen.ts';
import { expectNoAxeViolations, screenshot, type OpenedKiosk } from '../support/kiosk-suite.ts';

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

/** The mother at the baby's birth date. Offline the birth record is not fetched, so she gives the date herself. */
async function atBirthDate(citizen: Citizen): Promise<void> {
  await citizen.onScreen('attract');
  await citizen.insertCard('birth-mother.json');
  await citizen.consent();
  await citizen.choose(/新生儿出生一件事/);
  await citizen.fillForm({}, 'newborn.birthDate');
}

/** One part's stepper: its + and − buttons and the number it shows. */
function stepper(citizen: Citizen, part: 'year' | 'month' | 'day') {
  const name = citizen.t(`date.${part}`);
  return {
    more: citizen.page.getByRole('button', { name: citizen.t('date.more', { part: name }), exact: true }),
    less: citizen.page.getByRole('button', { name: citizen.t('date.less', { part: name }), exact: true }),
    value: citizen.page.locator(`.stepper[data-part="${part}"] .stepper-value`),
  };
}

async function shown(citizen: Citizen): Promise<{ year: number; month: number; day: number }> {
  const read = async (part: 'year' | 'month' | 'day') => Number(await stepper(citizen, part).value.textContent());
  return { year: await read('year'), month: await read('month'), day: await read('day') };
}

/** The question's main button, waited out until the question has gone (taken). */
async function next(citizen: Citizen, key: string): Promise<void> {
  await citizen.page.locator('.action-bar .button.primary').click();
  await expect(citizen.page.locator(`main.question[data-field="${key}"]`)).toHaveCount(0);
}

/** The hall's day (Beijing time, as core counts it) as a local midnight, so the date arithmetic below holds. */
function hallToday(): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

async function press(button: Locator, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await button.click();
}

test('a baby’s birth date cannot be set after today: the steppers stop there and say the range; the two birth dates say whose', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'dates');
  await atBirthDate(citizen);
  await expect(citizen.page.locator('#question-title')).toContainText('新生儿出生日期');
  const now = hallToday();
  expect(await shown(citizen)).toEqual({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  // Every step forward would be a day that has not come yet.
  for (const part of ['year', 'month', 'day'] as const) await expect(stepper(citizen, part).more).toBeDisabled();
  const range = citizen.page.locator('.date-range');
  await expect(range).toContainText(citizen.t('date.latest', { bound: '今天' }));
  await expect(range).toContainText(citizen.t('date.earliest', { bound: '申请人出生日期' }));
  await screenshot(citizen.page, testInfo, 'dates-birth-date-normal', { fullPage: false });
  await expectNoAxeViolations(citizen.page);

  // On the 1st of a month the day goes back into the month before, never round to the 31st of this one.
  const { day } = await shown(citizen);
  await press(stepper(citizen, 'day').less, day);
  const yesterdayOfFirst = new Date(now.getFullYear(), now.getMonth(), 0);
  expect(await shown(citizen)).toEqual({ year: yesterdayOfFirst.getFullYear(), month: yesterdayOfFirst.getMonth() + 1, day: yesterdayOfFirst.getDate() });
  await expect(stepper(citizen, 'day').more).toBeEnabled();

  await citizen.button('toolbar.elderMode').click();
  await expect(citizen.page.locator('html')).toHaveAttribute('data-elder', 'true');
  await screenshot(citizen.page, testInfo, 'dates-birth-date-elder', { fullPage: false });
  // axe, and every target at least 60 px in elder mode.
  await citizen.check('birth-date-elder');
  // A portrait screen: the range, the steppers and the chosen date above the action bar.
  await citizen.page.setViewportSize({ width: 1080, height: 1920 });
  await screenshot(citizen.page, testInfo, 'dates-birth-date-elder-portrait', { fullPage: false });
  await citizen.check('birth-date-elder-portrait');
  await citizen.page.setViewportSize({ width: 1920, height: 1080 });

  // The mother's own birth date on the overview says whose it is too.
  await next(citizen, 'newborn.birthDate');
  await citizen.fillForm();
  const labels = await citizen.page.locator('.overview-list dt').allTextContents();
  expect(labels).toContain('申请人出生日期');
  expect(labels.filter((label) => label === '出生日期')).toEqual([]);
});

test('the day and month steppers carry like a calendar: 31 January + 1 month is the end of February', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  await atBirthDate(citizen);
  const [year, month, day] = [stepper(citizen, 'year'), stepper(citizen, 'month'), stepper(citizen, 'day')];
  // Last year, well inside the range: every date of it is allowed.
  await year.less.click();
  const start = await shown(citizen);
  await press(month.less, start.month - 1);
  await press(day.more, 31 - start.day);
  expect(await shown(citizen)).toEqual({ year: start.year, month: 1, day: 31 });
  const leap = new Date(start.year, 1, 29).getMonth() === 1;
  await month.more.click();
  expect(await shown(citizen)).toEqual({ year: start.year, month: 2, day: leap ? 29 : 28 });
  await day.more.click();
  expect(await shown(citizen)).toEqual({ year: start.year, month: 3, day: 1 });
  await day.less.click();
  await month.less.click();
  // From the end of February back a month: 29 (or 28) January, the day kept; then back over the year's turn.
  expect(await shown(citizen)).toEqual({ year: start.year, month: 1, day: leap ? 29 : 28 });
  await month.less.click();
  expect(await shown(citizen)).toEqual({ year: start.year - 1, month: 12, day: leap ? 29 : 28 });
  await expect(citizen.page.locator('.date-chosen')).toContainText(`${start.year - 1}年12月${leap ? 29 : 28}日`);
  // The date is taken as it was shown.
  await next(citizen, 'newborn.birthDate');
});

/** The overview's value of one row, by its label. */
const overviewValue = (citizen: Citizen, label: string): Locator =>
  citizen.page.locator('.field-row').filter({ has: citizen.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('.field-value');

// Online the household register's record gives 户籍地址; offline (or with no record) the card's address is offered.
test('户籍地址 is the ID card’s address unless the citizen says it differs and types another', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'dates');
  await citizen.onScreen('attract');
  await citizen.insertCard('birth-mother.json');
  await citizen.consent();
  await citizen.choose(/新生儿出生一件事/);
  await citizen.fillForm({}, 'applicant.householdAddress');
  const same = citizen.page.getByRole('radio', { name: citizen.t('form.suggestion.same', { label: '身份证地址' }) });
  const different = citizen.page.getByRole('radio', { name: citizen.t('form.suggestion.different', { label: '身份证地址' }) });
  // The card's address (北京市东城区测试路5号) is already the answer.
  await expect(same).toHaveAttribute('aria-checked', 'true');
  await expect(citizen.page.locator('.current-answer')).toContainText('北京市东城区');
  await expect(citizen.page.locator('.text-input')).toHaveCount(0);
  await screenshot(citizen.page, testInfo, 'dates-household-address-normal', { fullPage: false });
  await expectNoAxeViolations(citizen.page);

  await different.click();
  await citizen.page.locator('.text-input').fill('北京市西城区示例街1号');
  await screenshot(citizen.page, testInfo, 'dates-household-address-different-normal', { fullPage: false });
  await next(citizen, 'applicant.householdAddress');
  await citizen.fillForm();
  await expect(overviewValue(citizen, '户籍地址')).toContainText('北京市西城区');

  // Changed back: "same" restores the card's address at once.
  await citizen.page.getByRole('button', { name: citizen.t('form.editLabel', { label: '户籍地址' }) }).click();
  await expect(different).toHaveAttribute('aria-checked', 'true');
  await citizen.button('toolbar.elderMode').click();
  await screenshot(citizen.page, testInfo, 'dates-household-address-elder', { fullPage: false });
  await citizen.check('household-address-elder');
  await same.click();
  await expect(citizen.page.locator('.current-answer')).toContainText('北京市东城区');
  await citizen.page.locator('.action-bar .button.primary').click();
  await expect(overviewValue(citizen, '户籍地址')).toContainText('北京市东城区');
});

test('户籍地址 said to differ and left empty is not silently the card’s: the question says so and stays', async ({ browser }, testInfo) => {
  kiosk = await openOfflineBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  await citizen.onScreen('attract');
  await citizen.insertCard('birth-mother.json');
  await citizen.consent();
  await citizen.choose(/新生儿出生一件事/);
  await citizen.fillForm({}, 'applicant.householdAddress');
  await citizen.page.getByRole('radio', { name: citizen.t('form.suggestion.different', { label: '身份证地址' }) }).click();
  await citizen.page.locator('.action-bar .button.primary').click();
  await expect(citizen.page.getByRole('alert')).toHaveText(citizen.t('form.suggestion.blank', { label: '户籍地址', from: '身份证地址' }));
  await expect(citizen.page.locator('main.question')).toHaveAttribute('data-field', 'applicant.householdAddress');
  await screenshot(citizen.page, testInfo, 'dates-household-address-blank-normal', { fullPage: false });
  await expectNoAxeViolations(citizen.page);
  // Typing one takes the message away and the answer is taken.
  await citizen.page.locator('.text-input').fill('北京市西城区示例街1号');
  await expect(citizen.page.getByRole('alert')).toHaveCount(0);
  await next(citizen, 'applicant.householdAddress');
  await citizen.fillForm();
  await expect(overviewValue(citizen, '户籍地址')).toContainText('北京市西城区');
});

for (const { card, bundle, address } of [
  { card: 'disability-applicant.json', bundle: /残疾人服务一件事/, address: '北京市东城区' },
  { card: 'retiring-worker.json', bundle: /退休一件事/, address: '北京市西城区' },
]) {
  test(`户籍地址 is not typed again in ${bundle.source}: the card's address is offered`, async ({ browser }, testInfo) => {
    kiosk = await openOfflineBrowserHost(browser);
    const citizen = new Citizen(kiosk, testInfo, null);
    await citizen.onScreen('attract');
    await citizen.insertCard(card);
    await citizen.consent();
    await citizen.choose(bundle);
    await citizen.fillForm();
    await expect(overviewValue(citizen, '户籍地址')).toContainText(address);
  });
}

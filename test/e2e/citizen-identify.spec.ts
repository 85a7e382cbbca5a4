/**
 * Identification feedback, the materials page's wording and decisions, and 政策找人 (issue 10, defects 11 and
 * 12 and "policy finds people"), on the browser host with the simulated reader.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../support/browser-host.ts';
import { openBrowserHost } from '../support/browser-opener.ts';
import { Citizen } from '../support/citizen.ts';
import { removeCard, sim, type OpenedKiosk } from '../support/kiosk-suite.ts';

/** The reader's own sample documents: a 港澳台居民居住证 (J) and a 2017 外国人永久居留身份证 (I). */
const SIM_CARDS = join(REPO_ROOT, 'devices/idcard/sim/cards');

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

/** The embedded back office is up (the records behind 政策找人 come from it); slow to start on a loaded machine. */
async function online(citizen: Citizen): Promise<void> {
  await expect(citizen.page.locator('.sync-online')).toBeVisible({ timeout: 90_000 });
}

async function elderMode(citizen: Citizen, on: boolean): Promise<void> {
  await citizen.button('toolbar.elderMode').click();
  await expect(citizen.page.locator('html')).toHaveAttribute('data-elder', String(on));
}

test('a card that cannot be read (three failed reads, or lifted mid-read) asks for the card again', async ({ browser }, testInfo) => {
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'identify');
  await citizen.onScreen('attract');
  const notice = citizen.page.getByRole('alert');
  await sim(kiosk, 'card', 'fault', 'read-failure');
  await citizen.insertCard('birth-mother.json');
  // A kiosk too busy to read the answer in time does not count the read as failed: allow for a busy machine.
  await expect(notice).toContainText('请重新放置身份证', { timeout: 30_000 });
  await citizen.check('attract-read-failed');
  await elderMode(citizen, true);
  await citizen.check('attract-read-failed-elder');
  await elderMode(citizen, false);

  // Put down again and read: the session starts and the notice is gone (declined here, to try the other fault).
  await removeCard(kiosk);
  await sim(kiosk, 'card', 'fault', 'none');
  await citizen.insertCard('birth-mother.json');
  await citizen.onScreen('consent');
  await citizen.button('consent.decline').click();
  await citizen.onScreen('attract');
  await expect(notice).toBeEmpty();
  await removeCard(kiosk);

  // Lifted while it was read: the read fails and the card is gone.
  await sim(kiosk, 'card', 'fault', 'remove-mid-read');
  await citizen.insertCard('birth-mother.json');
  await expect(notice).toContainText('请重新放置身份证', { timeout: 30_000 });
});

test('the J and I cards are greeted by the document read, with the pass number and the English name masked', async ({ browser }, testInfo) => {
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'identify');
  await citizen.onScreen('attract');
  await sim(kiosk, 'card', 'insert', join(SIM_CARDS, 'hmt-permit.json'));
  await citizen.onScreen('consent');
  const identity = citizen.page.locator('.identity');
  await expect(identity).toContainText('已通过港澳台居民居住证确认您的身份');
  await expect(identity).not.toContainText('已通过身份证确认');
  await expect(identity).toContainText(`${citizen.t('consent.passNumber')} H*******1`);
  await expect(identity).not.toContainText('H00000001');
  await citizen.check('consent-hmt-permit');
  await citizen.button('consent.decline').click();
  await citizen.onScreen('attract');
  await removeCard(kiosk);

  await sim(kiosk, 'card', 'insert', join(SIM_CARDS, 'foreign-2017.json'));
  await citizen.onScreen('consent');
  await expect(identity).toContainText('已通过外国人永久居留身份证确认您的身份');
  await expect(identity).toContainText(`${citizen.t('consent.englishName')} S`);
  await expect(identity).not.toContainText('SAMPLE, JOHN TEST');
  await citizen.setLanguage('en');
  await expect(identity).toContainText('Identified by foreign permanent resident ID card');
  await citizen.check('consent-foreign-en');
});

test('with the reader down the prompt offers the QR e-ID; the two ways explain themselves when pressed', async ({ browser }, testInfo) => {
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'identify');
  await citizen.onScreen('attract');
  const prompt = citizen.page.locator('#attract-prompt');
  await expect(prompt).toHaveText(citizen.t('attract.prompt'));

  const card = citizen.page.getByRole('button', { name: citizen.t('attract.idCard') });
  await card.click();
  await expect(card).toHaveAttribute('aria-expanded', 'true');
  await expect(citizen.page.getByText(citizen.t('attract.idCardHow'))).toBeVisible();
  await citizen.check('attract-how-card');
  const qr = citizen.page.getByRole('button', { name: citizen.t('attract.qr') });
  await qr.click();
  await expect(qr).toHaveAttribute('aria-expanded', 'true');
  await expect(card).toHaveAttribute('aria-expanded', 'false');
  await expect(citizen.page.getByText(citizen.t('attract.qrHow'))).toBeVisible();
  await elderMode(citizen, true);
  await citizen.check('attract-how-qr-elder');
  await elderMode(citizen, false);

  await sim(kiosk, 'unplug', 'reader');
  await expect(prompt).toHaveText(citizen.t('attract.promptQrOnly'));
  await expect(citizen.page.getByText(citizen.t('attract.hintQrOnly'))).toBeVisible();
  await expect(citizen.page.locator('.attract-ways').getByText(citizen.t('attract.idCardDown'))).toBeVisible();
  await expect(citizen.page.getByRole('button', { name: citizen.t('attract.idCard') })).toHaveCount(0);
  await citizen.check('attract-reader-down');
  await elderMode(citizen, true);
  await citizen.check('attract-reader-down-elder');
  // A portrait kiosk: the tiles stack, the explanation stays under them.
  await citizen.page.setViewportSize({ width: 1080, height: 1920 });
  await citizen.check('attract-reader-down-elder-portrait');
  await sim(kiosk, 'plug', 'reader');
  await expect(prompt).toHaveText(citizen.t('attract.prompt'), { timeout: 15_000 });
});

test('the materials page counts what the citizen does, decides what the answers decide, and speaks plainly', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'identify');
  await citizen.onScreen('attract');
  await online(citizen);
  await citizen.insertCard('birth-mother.json');
  await citizen.consent();
  await citizen.choose(/新生儿出生一件事/);
  await citizen.fillForm();
  await citizen.checkAnswers();
  const page = citizen.page;
  // The mother applies: her own letter of authority (for a father applying) is not asked for, not even "if it applies".
  await expect(page.locator('article.material')).not.toHaveCount(0);
  await expect(page.locator('article.material', { hasText: '母亲签署的委托书' })).toHaveCount(0);
  // She is married (the civil register says so): her husband's ID card and the marriage certificate are needed, not "if it applies".
  for (const name of ['配偶居民身份证', '结婚证']) {
    const card = page.locator('article.material', { hasText: name });
    await expect(card).toHaveCount(1);
    await expect(card.locator('.chip', { hasText: citizen.t('materials.optional') })).toHaveCount(0);
  }
  for (const jargon of ['联网后核验', '流转', '（A级）', '（B级）']) await expect(page.locator('main')).not.toContainText(jargon);

  // The summary names each count of what the citizen does, as the groups below show it.
  const summary = page.locator('main .lead').first();
  for (const group of ['exempt', 'authorise', 'capture', 'bring'] as const) {
    const count = await page.locator(`section[aria-labelledby="materials-group-${group}"] article.material`).count();
    if (count > 0) await expect(summary).toContainText(citizen.t(`materials.count.${group}`, { count }));
  }
  // One button for the permissions: it names as many as the cards it allows.
  const authorise = page.locator('section[aria-labelledby="materials-group-authorise"]');
  const pending = await authorise.locator('article.material.pending, article.material.optional').count();
  if (pending > 1) await expect(authorise.locator(':scope > .button.primary')).toHaveText(citizen.t('materials.authoriseAll', { count: pending }));
  await citizen.check('materials');
  await elderMode(citizen, true);
  await citizen.check('materials-elder');
});

test('政策找人: a man of 60 is told he may qualify, sees no facts, learns more, dismisses or starts it', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, 'identify');
  await citizen.onScreen('attract');
  await online(citizen);
  await citizen.insertCard('retiring-worker.json');
  await citizen.consent();
  await citizen.onScreen('choose');
  const policies = citizen.page.getByRole('region', { name: citizen.t('policy.title') });
  await expect(policies).toContainText('退休一件事');
  await expect(policies).toContainText('独生子女父母奖励');
  // Names only: no age, no birth date, no record shown to whoever stands behind.
  for (const fact of ['60', '1966', '周岁', '独生子女证', '赵']) await expect(policies).not.toContainText(fact);
  const reward = policies.locator('li', { hasText: '独生子女父母奖励' });
  await reward.getByRole('button', { name: citizen.t('policy.learnMore') }).click();
  await expect(reward).toContainText('人社窗口');
  await citizen.check('policy');
  await elderMode(citizen, true);
  await citizen.check('policy-elder');
  await citizen.page.setViewportSize({ width: 1080, height: 1920 });
  await citizen.check('policy-elder-portrait');
  await elderMode(citizen, false);
  await reward.getByRole('button', { name: citizen.t('policy.dismiss') }).click();
  await expect(policies.locator('li', { hasText: '独生子女父母奖励' })).toHaveCount(0);
  // The bundle the kiosk offers starts from the suggestion.
  await policies.locator('li', { hasText: '退休一件事' }).getByRole('button', { name: citizen.t('policy.start') }).click();
  await expect(citizen.page.locator('#bundle-title')).toContainText('退休一件事');
});

test('政策找人: nothing is suggested to someone the rules do not match', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  await citizen.onScreen('attract');
  await online(citizen);
  await citizen.insertCard('company-founder.json');
  await citizen.consent();
  await citizen.onScreen('choose');
  await expect(citizen.page.locator('.bundle-list')).toBeVisible();
  await expect(citizen.page.getByRole('region', { name: citizen.t('policy.title') })).toHaveCount(0);
});

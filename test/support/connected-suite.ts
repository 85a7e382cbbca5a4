/**
 * The kiosk with its back office, end to end in the UI, written once for each host: online, the exchange
 * fills in what the departments hold and a certificate number finds its record; the submission is delivered
 * while the citizen is still there; 办件查询 finds the case by card and by the receipt's QR code. Offline,
 * every screen says so and the query shows this kiosk's own records, labelled.
 */
import { expect, test } from '@playwright/test';
import { Citizen } from './citizen.ts';
import { expectNoAxeViolations, removeCard, screenshot, sim, type KioskOpener, type OpenedKiosk } from './kiosk-suite.ts';
import { unreachableBackOfficeConfig } from './test-configs.ts';

export function defineConnectedSuite(open: KioskOpener): void {
  let kiosk: OpenedKiosk | undefined;
  test.afterEach(async () => {
    await kiosk?.close();
    kiosk = undefined;
  });

  test('online: records filled in, the premises found by certificate, case numbers at once, 办件查询 by card and by QR', async ({ browser }, testInfo) => {
    kiosk = await open(browser);
    const citizen = new Citizen(kiosk, testInfo, 'connected');
    const { page } = citizen;
    await citizen.onScreen('attract');
    await citizen.connected();
    await citizen.insertCard('company-founder.json');
    await citizen.consent();
    await citizen.choose(/企业开办一件事/);
    const asked = await citizen.fillForm();
    // The registry's record for the certificate number gave the address and its use: not asked.
    expect(asked).toContain('premises.certificateNumber');
    expect(asked).not.toContain('enterprise.address');
    await page.locator('main.overview').waitFor();
    await expect(page.locator('.field-row', { hasText: '住所（经营场所）' })).toContainText(citizen.t('form.fromDepartment'));
    await citizen.checkAnswers();
    await citizen.settleMaterials();
    await citizen.submit();
    const receiptNumber = await citizen.printedReceiptNumber();
    // Online, the departments have it within moments: the citizen sees the case numbers before leaving.
    const delivered = page.locator('[data-delivery="delivered"]');
    await expect(delivered).toBeVisible({ timeout: 15_000 });
    await expect(delivered.locator('.case-number').first()).toHaveText(/^BJ\d{16}$/);
    await citizen.check('rating-delivered');
    await citizen.rate('rating.level.5');
    await citizen.seeFarewell();

    await citizen.button('attract.query').click();
    await citizen.onScreen('query');
    // The founder's card is still on the reader from the session: opening the query reads it again.
    await expect(page.locator('[data-query="results"]')).toBeVisible();
    const found = page.getByRole('article', { name: citizen.t('case.receipt', { number: receiptNumber }) });
    await expect(found).toBeVisible();
    await expect(found.locator('.case-item').first()).toContainText(citizen.t('case.status.received'));
    await expect(page.getByText(citizen.t('query.offline'))).toHaveCount(0);
    await citizen.check('query-results');
    await citizen.button('toolbar.elderMode').click();
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
    await citizen.check('query-results-elder');
    await citizen.button('query.close').click();
    await citizen.onScreen('attract');

    // The receipt's QR code, shown to the scanner at the attract screen, opens that case at once.
    await sim(kiosk, 'scan', receiptNumber, '--symbology', 'qr');
    await expect(page.locator('[data-query="results"]')).toBeVisible();
    await expect(page.getByRole('article', { name: citizen.t('case.receipt', { number: receiptNumber }) })).toBeVisible();
  });

  test('offline: the session says so, the receipt waits to be uploaded, 办件查询 shows this kiosk’s record', async ({ browser }, testInfo) => {
    kiosk = await open(browser, { configDir: await unreachableBackOfficeConfig() });
    const citizen = new Citizen(kiosk, testInfo, 'offline');
    const { page } = citizen;
    await citizen.onScreen('attract');
    await expect(page.locator('.sync-offline')).toBeVisible({ timeout: 15_000 });
    await citizen.insertCard('disability-applicant.json');
    await citizen.consent();
    await citizen.onScreen('choose');
    await expect(page.locator('[data-exchange="offline"]')).toContainText(citizen.t('exchange.offline'));
    await citizen.choose(/残疾人服务一件事/);
    await citizen.fillForm();
    await citizen.checkAnswers();
    await citizen.settleMaterials();
    await citizen.submit();
    const receiptNumber = await citizen.printedReceiptNumber();
    await expect(page.locator('[data-delivery="pending"]')).toContainText(citizen.t('delivery.pending'));
    await citizen.rate('rating.level.4');
    await citizen.seeFarewell();
    await removeCard(kiosk);

    await citizen.button('attract.query').click();
    await citizen.onScreen('query');
    await screenshot(page, testInfo, 'offline-query-waiting', { fullPage: false });
    await expectNoAxeViolations(page);
    await sim(kiosk, 'scan', receiptNumber, '--symbology', 'qr');
    await expect(page.locator('[data-query="results"]')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText(citizen.t('query.offline'))).toBeVisible();
    const mine = page.getByRole('article', { name: citizen.t('case.receipt', { number: receiptNumber }) });
    await expect(mine).toContainText(citizen.t('case.waitingUpload'));
    await screenshot(page, testInfo, 'offline-query-results', { fullPage: false });
    await expectNoAxeViolations(page);
  });
}

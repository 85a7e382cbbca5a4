/**
 * Document capture on the browser host (issue 10, defect 6): a material is captured only when the kiosk's
 * document camera (高拍仪) actually took it. Chromium's fake camera plays a test document: the page is taken
 * by itself once still, previewed, used, shown as a thumbnail on the card and on the review, and delivered
 * to the back office with the submission. The live portrait is taken by the same camera, facing the citizen.
 * Without any camera the kiosk says so and the material is brought to the window instead.
 */
import { expect, test, type Locator } from '@playwright/test';
import config from '../../playwright.config.ts';
import { openBrowserHost } from '../support/browser-opener.ts';
import { Citizen } from '../support/citizen.ts';
import { testDocumentVideo } from '../support/fake-camera.ts';
import { screenshot, type OpenedKiosk } from '../support/kiosk-suite.ts';

const STANDARD_ARGS = config.use?.launchOptions?.args ?? [];

// A whole bundle to its materials, a capture and a delivery: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

/** 退休 up to its materials: the bank card (a document) and the live portrait are to be captured. */
async function retirementMaterials(citizen: Citizen, elder = false): Promise<void> {
  await citizen.onScreen('attract');
  // Online, so the submission is delivered while the citizen is there; the embedded back office can take a
  // while to open on a busy machine.
  await expect(citizen.page.locator('.sync-online')).toBeVisible({ timeout: 60_000 });
  if (elder) {
    await citizen.button('toolbar.elderMode').click();
    await expect(citizen.page.locator('html')).toHaveAttribute('data-elder', 'true');
  }
  await citizen.insertCard('retiring-worker.json');
  await citizen.consent();
  await citizen.choose(/退休一件事/);
  await citizen.fillForm();
  await citizen.checkAnswers();
}

const card = (citizen: Citizen, name: RegExp): Locator => citizen.page.locator('article.material', { has: citizen.page.locator('.material-name', { hasText: name }) });

// The project's Chromium and its standard arguments, with the fake camera playing the test document.
test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    args: [...STANDARD_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${testDocumentVideo()}`],
  },
});

test.describe('with the document camera', () => {
  test('a page is taken by itself once still, previewed, used, shown on the card and the review, and delivered', async ({ browser }, testInfo) => {
    kiosk = await openBrowserHost(browser);
    const citizen = new Citizen(kiosk, testInfo, 'capture');
    const { page } = citizen;
    await retirementMaterials(citizen);
    await citizen.check('materials');
    // Nothing is captured by a tap any more: no scanner to confirm, no face-down wording.
    await expect(page.getByText(/扫描仪|正面朝下/)).toHaveCount(0);

    const bank = card(citizen, /本人银行卡/);
    await expect(bank).toHaveClass(/\bpending\b/);
    await bank.getByRole('button', { name: citizen.t('materials.capture.start') }).click();
    const dialog = page.locator('.capture');
    await expect(dialog).toHaveAttribute('data-phase', 'live');
    await expect(page.getByRole('status').filter({ hasText: citizen.t('capture.hold') }).or(dialog.locator('[data-phase="preview"]'))).toHaveCount(1);
    // Taken without a tap: the fake camera's page is still.
    await expect(dialog).toHaveAttribute('data-phase', 'preview', { timeout: 10_000 });
    await expect(dialog.locator('img.capture-preview')).toBeVisible();
    await citizen.check('dialog-preview');
    // A retake goes back to the live picture, and the page is taken again.
    await citizen.button('capture.retake').click();
    await expect(dialog).toHaveAttribute('data-phase', 'live');
    await screenshot(page, testInfo, 'capture-dialog-live', { fullPage: false });
    await expect(dialog).toHaveAttribute('data-phase', 'preview', { timeout: 10_000 });
    await citizen.button('capture.use').click();
    await expect(dialog).toHaveCount(0);
    await expect(bank).toHaveClass(/\bdone\b/);
    await expect(bank.locator('.capture-thumbs img')).toHaveCount(1);
    // The thumbnail is the page as core stored it: a JPEG of the document.
    expect(await bank.locator('.capture-thumbs img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,\/9j\//);

    // The live portrait: the same camera, facing the citizen, with a face-shaped guide.
    const portrait = card(citizen, /申请人现场人像/);
    await expect(portrait).toContainText(citizen.t('materials.captureHint.portrait'));
    await portrait.getByRole('button', { name: citizen.t('materials.capture.start') }).click();
    await expect(dialog).toHaveClass(/capture-portrait/);
    await expect(dialog).toHaveAttribute('data-phase', /live|preview/);
    await screenshot(page, testInfo, 'capture-portrait', { fullPage: false });
    await expect(page.getByRole('heading', { name: citizen.t('capture.title.portrait') })).toBeVisible();
    await expect(dialog).toHaveAttribute('data-phase', 'preview', { timeout: 10_000 });
    await citizen.button('capture.use').click();
    await expect(portrait).toHaveClass(/\bdone\b/);

    await citizen.settleMaterials();
    await expect(page.locator('.captured-materials .capture-thumbs img')).toHaveCount(2);
    await page.locator('.captured-materials').scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, 'capture-review-photos', { fullPage: false });
    await citizen.submit();
    // The back office accepts a submission only with every attachment complete: the case numbers mean it
    // holds both images.
    await citizen.onScreen('rating');
    await expect(page.locator('[data-delivery="delivered"] .case-number').first()).toBeVisible({ timeout: 30_000 });
  });

  test('in elder mode, the capture dialog and its targets are large', async ({ browser }, testInfo) => {
    kiosk = await openBrowserHost(browser);
    const citizen = new Citizen(kiosk, testInfo, 'capture-elder');
    await retirementMaterials(citizen, true);
    await card(citizen, /本人银行卡/).getByRole('button', { name: citizen.t('materials.capture.start') }).click();
    await expect(citizen.page.locator('.capture')).toHaveAttribute('data-phase', 'preview', { timeout: 10_000 });
    await citizen.check('dialog-preview');
    // Upright, as a kiosk screen often is.
    await citizen.page.setViewportSize({ width: 1080, height: 1920 });
    await citizen.check('dialog-preview-portrait');
    await citizen.page.setViewportSize({ width: 1920, height: 1080 });
    await citizen.button('capture.use').click();
    await expect(card(citizen, /本人银行卡/).locator('.capture-thumbs img')).toHaveCount(1);
    await citizen.check('materials');
  });
});

test('without a camera the kiosk says so, and the material goes to the window, recorded as such', async ({ playwright }, testInfo) => {
  // A browser of its own with the standard arguments only: no fake camera, as on a kiosk without one.
  const browser = await playwright.chromium.launch(config.use?.launchOptions);
  kiosk = await openBrowserHost(browser);
  const close = kiosk.close;
  kiosk = { ...kiosk, close: async () => (await close(), await browser.close()) };
  const citizen = new Citizen(kiosk, testInfo, 'capture-none');
  await retirementMaterials(citizen);
  const bank = card(citizen, /本人银行卡/);
  await expect(bank).toContainText(citizen.t('materials.noCamera'));
  await citizen.check('materials');
  await bank.getByRole('button', { name: citizen.t('capture.bringToWindow') }).click();
  await expect(bank).toContainText(citizen.t('materials.atWindowNote'));
  await expect(bank.locator('.chip')).toHaveText(citizen.t('materials.atWindow'));
  await citizen.settleMaterials();
  // The review counts it among what goes to the window.
  await expect(citizen.page.locator('.captured-materials')).toHaveCount(0);
  await citizen.check('review');
});

test('a camera the kiosk may not use says so in the dialog, and the material goes to the window', async ({ playwright }, testInfo) => {
  // A camera, but no permission to use it (no fake prompt accepting it): getUserMedia is refused.
  const browser = await playwright.chromium.launch({ ...config.use?.launchOptions, args: [...STANDARD_ARGS, '--use-fake-device-for-media-stream'] });
  kiosk = await openBrowserHost(browser);
  const close = kiosk.close;
  kiosk = { ...kiosk, close: async () => (await close(), await browser.close()) };
  const citizen = new Citizen(kiosk, testInfo, 'capture-denied');
  await retirementMaterials(citizen);
  const bank = card(citizen, /本人银行卡/);
  await bank.getByRole('button', { name: citizen.t('materials.capture.start') }).click();
  const dialog = citizen.page.locator('.capture');
  await expect(dialog).toHaveAttribute('data-phase', 'failed');
  await expect(dialog.getByRole('status')).toHaveText(`${citizen.t('capture.problem.denied')}${citizen.t('capture.problemHint')}`);
  await citizen.check('dialog-denied');
  await citizen.button('capture.bringToWindow').click();
  await expect(dialog).toHaveCount(0);
  await expect(bank).toContainText(citizen.t('materials.atWindowNote'));
  await expect(bank).not.toHaveClass(/\bpending\b/);
});

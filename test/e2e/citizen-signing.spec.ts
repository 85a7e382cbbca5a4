/**
 * Signing without a pen, as the summary says it (issue 10, defect 9): the form's overview names how the
 * applicant signed — 协助签名 for strokes drawn with a staff member's help, 按键确认承诺 for a commitment
 * confirmed on the keypad — instead of 已签名 whatever the way.
 */
import { expect, test } from '@playwright/test';
import { openBrowserHost } from '../support/browser-opener.ts';
import { Citizen } from '../support/citizen.ts';
import type { OpenedKiosk } from '../support/kiosk-suite.ts';

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

/** 企业开办 as the founder, up to the signature. */
async function atSignature(citizen: Citizen): Promise<void> {
  await citizen.onScreen('attract');
  await citizen.connected();
  await citizen.insertCard('company-founder.json');
  await citizen.consent();
  await citizen.choose(/企业开办一件事/);
  await citizen.fillForm({}, 'applicant.signature');
}

const WAYS = {
  assisted: {
    shown: 'form.signedAssisted',
    sign: async (citizen: Citizen) => {
      await citizen.button('signature.assisted').click();
      await citizen.sign();
    },
  },
  commitment: {
    shown: 'form.signedCommitment',
    sign: async (citizen: Citizen) => {
      await citizen.button('signature.byKeypad').click();
      await citizen.page.getByRole('radio', { name: citizen.t('signature.reason.hands') }).check();
      await citizen.button('signature.commitment.confirm').click();
      await expect(citizen.page.getByText(citizen.t('signature.commitment.done'))).toBeVisible();
    },
  },
} as const;

for (const [way, { shown, sign }] of Object.entries(WAYS)) {
  test(`the overview says how the applicant signed: ${way}`, async ({ browser }, testInfo) => {
    kiosk = await openBrowserHost(browser);
    const citizen = new Citizen(kiosk, testInfo, 'signing');
    const { page } = citizen;
    await atSignature(citizen);
    await sign(citizen);
    await citizen.button('form.next').click();
    await expect(page.locator('main.question[data-field="applicant.signature"]')).toHaveCount(0);
    if ((await page.locator('main.overview').count()) === 0) await citizen.button('form.showAll').click();
    const row = page.locator('main.overview [data-field="applicant.signature"] dd');
    await expect(row).toContainText(citizen.t(shown));
    await expect(row).not.toContainText(citizen.t('form.signed'));
    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await citizen.check(`overview-${way}`);
    await citizen.button('toolbar.elderMode').click();
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'true');
    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await citizen.check(`overview-${way}-elder`);
  });
}

/**
 * A citizen at the kiosk, for the e2e flows: finds controls by the words on screen (from the renderer's own
 * message catalogs, so a test runs in either language), answers the form through the real inputs (the
 * on-screen keypad, the date steppers, the signature pad), and checks every screen it meets with axe and a
 * screenshot.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import zhCN from '../../renderer/src/i18n/zh-CN.json' with { type: 'json' };
import { expectNoAxeViolations, screenshot, sim, type OpenedKiosk } from './kiosk-suite.ts';

export type Language = 'zh-CN' | 'en';
type MessageKey = keyof typeof zhCN;
const CATALOGS: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export const CARDS = join(import.meta.dirname, '../fixtures/cards');

/**
 * Answers that must be specific: valid for their checks, or chosen to lead somewhere (not married: no
 * spouse questions; another finance officer: three more, one an ID number with its X). Choices are named
 * by their Chinese or English label; anything not listed gets a default for its kind.
 */
const ANSWERS: Readonly<Record<string, string>> = {
  'applicant.maritalStatus': '未婚|Single',
  'newborn.birthTime': '08:30',
  'newborn.gestationalWeeks': '39',
  'newborn.birthWeight': '3250',
  'newborn.birthLength': '50',
  'enterprise.registeredCapital': '50',
  'enterprise.employeeCount': '3',
  'housingFund.contributionRate': '8',
  'specialJob.years': '10',
  'financeOfficer.isApplicant': '否|No',
  'financeOfficer.idNumber': '11010519491231002X',
  // The founder's premises in the registry of backoffice/fixtures/exchange.json.
  'premises.certificateNumber': '京(2025)示例市不动产权第0012345号',
};

const DEFAULTS: Readonly<Record<string, string>> = {
  phone: '13800138000',
  'id-number': '11010519491231002X',
  number: '12',
  text: '6222020200112233445',
};

export class Citizen {
  /** Input kinds already checked with axe and a screenshot in this test. */
  private readonly seen = new Set<string>();

  constructor(
    readonly kiosk: OpenedKiosk,
    private readonly testInfo: TestInfo,
    /** Prefix of this test's screenshots; null to take none and run axe only where asked. */
    private readonly shots: string | null,
    public language: Language = 'zh-CN',
  ) {}

  get page(): Page {
    return this.kiosk.page;
  }

  t(key: MessageKey, values: Record<string, string | number> = {}): string {
    return CATALOGS[this.language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  }

  button(key: MessageKey, values?: Record<string, string | number>) {
    return this.page.getByRole('button', { name: this.t(key, values), exact: true });
  }

  async onScreen(step: string): Promise<void> {
    await this.page.locator(`[data-screen="${step}"]`).waitFor();
  }

  /** axe and a screenshot of what is on screen now, when this test takes screenshots. */
  async check(name: string): Promise<void> {
    if (this.shots === null) return;
    await screenshot(this.page, this.testInfo, `${this.shots}-${name}`, { fullPage: false });
    await expectNoAxeViolations(this.page);
    if ((await this.page.locator('html').getAttribute('data-elder')) === 'true') await expectElderTargets(this.page);
  }

  /** Waits until the kiosk reaches its back office (the embedded one opens its database at start). */
  async connected(): Promise<void> {
    await expect(this.page.locator('.sync-online')).toBeVisible({ timeout: 20_000 });
  }

  async insertCard(file: string): Promise<void> {
    await sim(this.kiosk, 'card', 'insert', join(CARDS, file));
  }

  async setLanguage(language: Language): Promise<void> {
    this.language = language;
    await this.page.getByRole('button', { name: language === 'en' ? 'English' : '中文', exact: true }).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
  }

  async consent(): Promise<void> {
    await this.onScreen('consent');
    await this.check('consent');
    await this.button('consent.agree').click();
  }

  /** Picks the bundle and the optional items named (by label, in the current language). */
  async choose(bundle: RegExp, optional: readonly RegExp[] = []): Promise<void> {
    await this.onScreen('choose');
    await this.check('choose');
    await this.page.getByRole('button', { name: bundle }).click();
    for (const item of optional) {
      const toggle = this.page.locator('.item-toggle', { hasText: item });
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    }
    await this.check('choose-items');
    await this.button('choose.start').click();
    await this.onScreen('form');
  }

  /**
   * Answers every question the form asks, one screen each, until the overview. `answers` add to or override
   * the usual answers by field key; null leaves that question empty (the main button pressed without an answer).
   * `until` stops on that question (a field key, or a test of the key and the input kind), unanswered.
   */
  async fillForm(
    answers: Readonly<Record<string, string | null>> = {},
    until?: string | ((key: string, kind: string) => boolean),
  ): Promise<string[]> {
    const asked: string[] = [];
    const question = this.page.locator('main.question');
    while (await this.questionOrOverview()) {
      const key = (await question.getAttribute('data-field'))!;
      const kind = (await question.getAttribute('data-input'))!;
      if (typeof until === 'function' ? until(key, kind) : key === until) break;
      expect(asked, `${key} asked twice`).not.toContain(key);
      asked.push(key);
      const wanted = key in answers ? answers[key]! : ANSWERS[key];
      if (wanted !== null) await this.answer(kind, (await question.getAttribute('data-type'))!, wanted);
      if (!this.seen.has(kind)) {
        this.seen.add(kind);
        await this.check(`question-${kind}`);
      }
      await this.page.locator('.action-bar .button.primary').click();
      await expect(question.and(this.page.locator(`[data-field="${key}"]`)), `${key} was not taken`).toHaveCount(0);
    }
    return asked;
  }

  /** True when a question is on screen, false at the overview. */
  private async questionOrOverview(): Promise<boolean> {
    const question = this.page.locator('main.question');
    await question.or(this.page.locator('main.overview')).waitFor();
    return (await question.count()) > 0;
  }

  private async answer(kind: string, type: string, wanted: string | undefined): Promise<void> {
    // A value offered from the ID card (户籍地址): kept, unless this test gives another.
    const offered = this.page.locator('.suggested-input [role="radio"]');
    if ((await offered.count()) > 0) {
      if (wanted === undefined) return expect(offered.first()).toHaveAttribute('aria-checked', 'true');
      await offered.last().click();
    }
    switch (kind) {
      case 'choice-list':
      case 'boolean': {
        const options = this.page.getByRole('radio');
        const option = wanted ? options.filter({ hasText: new RegExp(`^✓?(${wanted})$`) }) : options.first();
        await option.click();
        await expect(option).toHaveAttribute('aria-checked', 'true');
        return;
      }
      case 'keypad': {
        const value = wanted ?? DEFAULTS[type] ?? DEFAULTS.text!;
        const display = this.page.locator('.keypad-display');
        if (this.seen.has(kind)) {
          // After the first, typed into the box beside the keypad (as with a keyboard): a tap per digit is slow.
          await display.pressSequentially(value);
        } else {
          const keypad = this.page.getByRole('group', { name: this.t('keypad.label') });
          for (const char of value) await keypad.getByRole('button', { name: char, exact: true }).click();
        }
        await expect(display).toHaveValue(value);
        return;
      }
      case 'date-picker':
        // A baby born yesterday: one step back from today.
        await this.page.getByRole('button', { name: this.t('date.less', { part: this.t('date.day') }) }).click();
        return;
      case 'signature-pad':
        await this.sign();
        return;
      default:
        await this.page.locator('.text-input').fill(wanted ?? '测试填写内容');
    }
  }

  /** Two strokes with the mouse (pointer events, as a finger would send). */
  async sign(): Promise<void> {
    const box = (await this.page.locator('canvas.signature-pad').boundingBox())!;
    for (const [y0, amplitude] of [
      [0.4, 0.2],
      [0.7, 0.1],
    ] as const) {
      await this.page.mouse.move(box.x + box.width * 0.1, box.y + box.height * y0);
      await this.page.mouse.down();
      for (let i = 1; i <= 24; i++) {
        await this.page.mouse.move(box.x + box.width * (0.1 + i * 0.02), box.y + box.height * (y0 + amplitude * Math.sin(i / 2)));
      }
      await this.page.mouse.up();
    }
    await expect(this.page.getByText(this.t('signature.drawn'))).toBeVisible();
  }

  async checkAnswers(): Promise<void> {
    await this.page.locator('main.overview').waitFor();
    await this.check('overview');
    await this.button('form.toMaterials').click();
    await this.onScreen('materials');
  }

  /** Authorises, commits and confirms every required material, then goes on. */
  async settleMaterials(): Promise<void> {
    await this.check('materials');
    const next = this.button('materials.next');
    // Optional materials (e.g. the mother's authority when the father applies) are left alone.
    const pending = this.page.locator('article.material.pending');
    while ((await pending.count()) > 0) {
      // One card (or one group) at a time, each click waited out: every decision re-renders the list.
      const title = (await pending.first().getAttribute('aria-labelledby'))!;
      const card = this.page.locator(`article.material[aria-labelledby="${title}"]`);
      const own = card.locator('.button.primary');
      if ((await own.count()) > 0) {
        await own.click();
        await this.finishCapture();
        await expect(card).not.toHaveClass(/\bpending\b/);
      } else {
        // A required authorisation has no button of its own: its group's "authorise all" takes them all.
        const group = this.page.locator('section.material-group', { has: card });
        await group.locator(':scope > .button.primary').click();
        await expect(group.locator('article.material.pending')).toHaveCount(0);
      }
    }
    await this.check('materials-done');
    await next.click();
    await this.onScreen('review');
  }

  /**
   * A capture dialog, when one opened: each page used once the camera took it by itself (or by the button
   * when it does not), and with no working camera, the material brought to the window instead.
   */
  async finishCapture(): Promise<void> {
    const dialog = this.page.locator('.capture');
    // Opening the camera takes a moment; a kiosk that knows it has none opens no dialog at all.
    if (!(await dialog.waitFor({ timeout: 1_500 }).then(() => true, () => false))) return;
    while ((await dialog.count()) > 0) {
      const phase = await dialog.getAttribute('data-phase').catch(() => null);
      if (phase === 'failed') await this.button('capture.bringToWindow').click();
      else if (phase === 'preview') await this.button('capture.use').click();
      else if (phase === 'live') {
        const taken = await expect(dialog).not.toHaveAttribute('data-phase', 'live', { timeout: 4_000 }).then(() => true, () => false);
        if (!taken) await this.button('capture.takeNow').click();
      }
      await expect(dialog.and(this.page.locator(`[data-phase="${phase}"]`))).toHaveCount(0, { timeout: 15_000 }).catch(() => undefined);
    }
  }

  async submit(): Promise<void> {
    await this.check('review');
    await this.button('review.submit').click();
  }

  /** The printed receipt's number, as the rating screen shows it. */
  async printedReceiptNumber(): Promise<string> {
    await this.onScreen('rating');
    await expect(this.page.getByText(this.t('rating.printed'))).toBeVisible();
    const text = (await this.page.locator('.receipt-number-inline').textContent())!;
    return /[A-Z]{2}-[\w-]+/.exec(text)![0];
  }

  async rate(level: MessageKey, reasons: readonly RegExp[] = [], comment?: string): Promise<void> {
    await this.page.getByRole('radio', { name: this.t(level), exact: true }).click();
    for (const reason of reasons) await this.page.getByRole('button', { name: reason }).click();
    if (comment) await this.page.getByRole('textbox').fill(comment);
    await this.check('rating');
    await this.button('rating.submit').click();
  }

  /** Back at the attract screen, saying the data is gone. */
  async seeFarewell(): Promise<void> {
    await this.onScreen('attract');
    await expect(this.page.getByRole('status').filter({ hasText: this.t('farewell.wiped') })).toBeVisible();
    await this.check('farewell');
  }
}

/** 残疾人服务 from the card to the point of submitting, required items only. */
export async function disabilityToSubmit(citizen: Citizen): Promise<void> {
  await citizen.insertCard('disability-applicant.json');
  await citizen.consent();
  await citizen.choose(/残疾人服务一件事/);
  await citizen.fillForm();
  await citizen.checkAnswers();
  await citizen.settleMaterials();
}

/** MIIT 适老化: every visible button at least 60 × 60 px in elder mode. */
async function expectElderTargets(page: Page): Promise<void> {
  const small = await page.locator('button:visible').evaluateAll((buttons) =>
    buttons.flatMap((b) => {
      const r = b.getBoundingClientRect();
      return r.width < 60 || r.height < 60 ? [`${b.textContent} ${Math.round(r.width)}x${Math.round(r.height)}`] : [];
    }),
  );
  expect(small).toEqual([]);
}

/** The receipt the simulated printer wrote: it carries the number and no ID number in clear. */
export async function expectPrintedReceipt(kiosk: OpenedKiosk, receiptNumber: string, idNumber: string): Promise<void> {
  const dir = join(kiosk.dataDir, 'sim-receipts');
  const texts = async () => {
    const files = await readdir(dir).catch(() => [] as string[]);
    return Promise.all(files.filter((f) => f.endsWith('.txt')).map((f) => readFile(join(dir, f), 'utf8')));
  };
  await expect.poll(async () => (await texts()).some((text) => text.includes(receiptNumber))).toBe(true);
  for (const text of await texts()) expect(text).not.toContain(idNumber);
  expect((await texts()).join('\n')).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
}

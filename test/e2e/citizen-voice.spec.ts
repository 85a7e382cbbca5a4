/**
 * Voice guidance on the browser host, through core's espeak-ng (Chromium here has no Chinese voice of its
 * own): what the renderer asks core to speak is read off the RPC WebSocket, the audio it gets back is
 * checked to be speech, and the Web Audio playback is timed against the clip's length.
 */
import { expect, test, type Page, type WebSocket } from '@playwright/test';
import { openBrowserHost } from '../support/browser-opener.ts';
import { Citizen } from '../support/citizen.ts';
import type { OpenedKiosk } from '../support/kiosk-suite.ts';
import { pcmSamples, speechStats } from '../support/speech-audio.ts';
import { shortTimeoutConfig } from '../support/test-configs.ts';

// The kiosk's own launchers allow sound before the first touch (open-browser.ts, Electron's policy.ts).
test.use({
  launchOptions: {
    executablePath: process.env.KIOSK_TEST_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  },
});

interface Utterance {
  readonly text: string;
  readonly language: string;
  /** From core's answer: samples and rate of the clip, null when core would not speak it. */
  clip?: { id: string; sampleRate: number; samples: number; chunks: number } | null;
}

/** Everything the renderer asks core to say, and the audio it gets back, off the RPC socket. */
class VoiceTap {
  readonly said: Utterance[] = [];
  private readonly calls = new Map<string, Utterance | { clipId: string; index: number }>();
  readonly chunks = new Map<string, string[]>();

  private constructor(page: Page) {
    page.on('websocket', (socket: WebSocket) => {
      socket.on('framesent', ({ payload }) => this.sent(String(payload)));
      socket.on('framereceived', ({ payload }) => this.received(String(payload)));
    });
  }

  /** Taps the kiosk page's RPC socket: the page is reloaded so that it opens a new one under the tap. */
  static async on(kiosk: OpenedKiosk): Promise<VoiceTap> {
    const tap = new VoiceTap(kiosk.page);
    await kiosk.reload();
    return tap;
  }

  private sent(payload: string): void {
    const message = JSON.parse(payload) as { t: string; i?: string; m?: string; a?: [Record<string, unknown>] };
    if (message.t !== 'q' || !message.i) return;
    if (message.m === 'speak') {
      const utterance: Utterance = { text: String(message.a![0].text), language: String(message.a![0].language) };
      this.said.push(utterance);
      this.calls.set(message.i, utterance);
    } else if (message.m === 'speechChunk') {
      this.calls.set(message.i, { clipId: String(message.a![0].id), index: Number(message.a![0].index) });
    }
  }

  private received(payload: string): void {
    const message = JSON.parse(payload) as { t: string; i?: string; r?: unknown };
    const call = message.t === 's' && message.i ? this.calls.get(message.i) : undefined;
    if (!call) return;
    if ('text' in call) call.clip = message.r as Utterance['clip'];
    else if (message.r) {
      const list = this.chunks.get(call.clipId) ?? [];
      list[call.index] = (message.r as { pcm: string }).pcm;
      this.chunks.set(call.clipId, list);
    }
  }

  last(): Utterance | undefined {
    return this.said.at(-1);
  }

  /** Waits for an utterance containing every one of `parts`, and for core's answer to it. */
  async saying(...parts: string[]): Promise<Utterance> {
    await expect.poll(() => this.said.find((u) => parts.every((p) => u.text.includes(p)) && u.clip !== undefined)?.text ?? this.said.map((u) => u.text), { timeout: 15_000 }).toEqual(expect.stringContaining(parts[0]!));
    return this.said.find((u) => parts.every((p) => u.text.includes(p)))!;
  }

  /** The clip's PCM as fetched by the renderer, once every chunk has arrived. */
  async audio(utterance: Utterance): Promise<Int16Array> {
    const clip = utterance.clip!;
    await expect.poll(() => (this.chunks.get(clip.id) ?? []).filter(Boolean).length).toBe(clip.chunks);
    return pcmSamples(Buffer.concat(this.chunks.get(clip.id)!.map((chunk) => Buffer.from(chunk, 'base64'))));
  }
}

const ID_NUMBER = '110105199603150029';
const NAME = '王芳';

function expectNothingPersonal(tap: VoiceTap): void {
  for (const { text } of tap.said) {
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(ID_NUMBER.slice(-4));
    expect(text).not.toMatch(/\d{6}|\*/);
  }
}

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

test('the repeat key turns voice on and says the attract screen; stop, repeat and volume work by key and on screen; a form question is spoken', async ({ browser }, testInfo) => {
  kiosk = await openBrowserHost(browser);
  const tap = await VoiceTap.on(kiosk);
  const citizen = new Citizen(kiosk, testInfo, null);
  const { page } = kiosk;
  await citizen.onScreen('attract');
  // Voice is off by default (kiosk.yaml voice.enabled): nothing is said until a citizen asks.
  await page.waitForTimeout(500);
  expect(tap.said).toEqual([]);
  await expect(citizen.button('voice.toggle')).toHaveAttribute('aria-pressed', 'false');

  await page.keyboard.press('NumpadMultiply');
  await expect(citizen.button('voice.toggle')).toHaveAttribute('aria-pressed', 'true');
  // The heading, the screen's description, what can be pressed, and how the keys work.
  const attract = await tap.saying(citizen.t('attract.prompt'), citizen.t('attract.hint'), citizen.t('attract.query'), citizen.t('voice.keys'));
  expect(attract.language).toBe('zh-CN');
  // Real speech of a length that fits the text: about 0.15 to 0.5 s a character at 150 words a minute.
  const samples = await tap.audio(attract);
  const stats = speechStats(samples, attract.clip!.sampleRate);
  expect(stats.durationMs).toBeGreaterThan(150 * attract.text.length);
  expect(stats.durationMs).toBeLessThan(500 * attract.text.length);
  expect(stats.voicedFraction).toBeGreaterThan(0.5);
  expect(stats.zeroCrossingsPerSecond).toBeGreaterThan(800);
  expect(stats.zeroCrossingsPerSecond).toBeLessThan(6000);

  // While speaking, the repeat button is the stop button; the stop key stops it at once.
  const stopButton = citizen.button('voice.stop');
  await expect(stopButton).toBeVisible();
  await page.keyboard.press('NumpadDivide');
  await expect(citizen.button('voice.repeat')).toBeVisible();

  // The repeat key says the same screen again.
  const before = tap.said.length;
  await page.keyboard.press('NumpadMultiply');
  await expect.poll(() => tap.said.length).toBe(before + 1);
  expect(tap.last()!.text).toBe(attract.text);
  await expect(stopButton).toBeVisible();
  await stopButton.click();
  await expect(citizen.button('voice.repeat')).toBeVisible();

  // Softer by key: the new level is said, and played for as long as its clip lasts (Web Audio's clock).
  await page.keyboard.press('NumpadSubtract');
  await expect(page.locator('.voice-level')).toHaveText(citizen.t('voice.volume', { level: 3, max: 5 }));
  const level = await tap.saying(citizen.t('voice.volumeLevel', { level: 3, max: 5 }));
  const started = Date.now();
  await expect(stopButton).toBeVisible();
  await expect(citizen.button('voice.repeat')).toBeVisible({ timeout: 15_000 });
  const clipMs = (1000 * level.clip!.samples) / level.clip!.sampleRate;
  expect(Date.now() - started).toBeGreaterThan(0.8 * clipMs - 300);
  // Louder on screen, twice: level 5 is the top, its button is then disabled.
  await page.getByRole('button', { name: citizen.t('voice.louder') }).click();
  await page.getByRole('button', { name: citizen.t('voice.louder') }).click();
  await expect(page.locator('.voice-level')).toHaveText(citizen.t('voice.volume', { level: 5, max: 5 }));
  await expect(page.getByRole('button', { name: citizen.t('voice.louder') })).toBeDisabled();

  // The session: each screen is said as it appears, the first question with its options.
  await citizen.insertCard('birth-mother.json');
  await citizen.onScreen('consent');
  // What the data is used for is said before the choice; who the card belongs to is not.
  await tap.saying(citizen.t('consent.title'), citizen.t('consent.useOnce'), citizen.t('consent.agree'));
  await citizen.consent();
  await tap.saying(citizen.t('choose.title'), '新生儿出生一件事');
  await citizen.choose(/新生儿出生一件事/);
  // The first question with options to choose from.
  await citizen.fillForm({}, (_key, kind) => kind === 'choice-list' || kind === 'boolean');
  const question = page.locator('#question-title');
  await expect(question).toBeVisible();
  const heading = (await question.innerText()).replace(/\s+/g, ' ').trim();
  const options = await page.locator('.question-input [role="radio"]').allInnerTexts();
  const spoken = await tap.saying(heading.split(' ')[0]!, citizen.t('form.next'));
  for (const option of options) expect(spoken.text).toContain(option.trim());
  // A keypad user hears each control as the arrows reach it, the choice made, and which option is chosen.
  await page.keyboard.press('ArrowDown');
  const first = options[0]!.trim();
  await expect.poll(() => tap.last()?.text).toBe(first);
  await page.keyboard.press('Enter');
  await expect.poll(() => tap.last()?.text).toBe(citizen.t('voice.chosen', { name: first }));
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => tap.last()?.text).toBe(options[1]!.trim());
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => tap.last()?.text).toBe(citizen.t('voice.chosen', { name: first }));
  expectNothingPersonal(tap);
});

test('elder mode turns voice on by itself; the timeout warning and the end of the session are spoken', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  kiosk = await openBrowserHost(browser, { configDir: await shortTimeoutConfig() });
  const tap = await VoiceTap.on(kiosk);
  const citizen = new Citizen(kiosk, testInfo, null);
  await citizen.onScreen('attract');
  // kiosk.yaml voice.withElderMode (default true): elder mode brings voice with it.
  await citizen.button('toolbar.elderMode').click();
  await expect(citizen.button('voice.toggle')).toHaveAttribute('aria-pressed', 'true');
  await tap.saying(citizen.t('attract.prompt'));
  await citizen.insertCard('birth-mother.json');
  await citizen.onScreen('consent');
  // 30 s a step, the warning 20 s before the end.
  await expect(kiosk.page.getByRole('alertdialog')).toBeVisible({ timeout: 20_000 });
  await tap.saying(citizen.t('timeout.title'), citizen.t('timeout.body'), citizen.t('timeout.extend'));
  // Not extended: the end is said with the session's voice …
  await citizen.onScreen('attract');
  await tap.saying(citizen.t('farewell.timeout'), citizen.t('farewell.wiped'));
  // … and once the farewell is over, the next citizen starts from the hall's defaults: elder mode and voice off.
  await expect(citizen.button('voice.toggle')).toHaveAttribute('aria-pressed', 'false', { timeout: 15_000 });
  await expect(citizen.button('toolbar.elderMode')).toHaveAttribute('aria-pressed', 'false');
  expectNothingPersonal(tap);
});

test('the voice controls: axe-clean, at least 60 px in elder mode, landscape and portrait; English is said in English', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  kiosk = await openBrowserHost(browser);
  const tap = await VoiceTap.on(kiosk);
  const citizen = new Citizen(kiosk, testInfo, 'voice');
  const { page } = kiosk;
  await citizen.onScreen('attract');
  await citizen.check('attract-off-normal');
  await citizen.button('voice.toggle').click();
  await page.keyboard.press('NumpadDivide');
  await expect(citizen.button('voice.repeat')).toBeVisible();
  await citizen.check('attract-on-normal');
  await citizen.button('toolbar.elderMode').click();
  await page.keyboard.press('NumpadDivide');
  await citizen.check('attract-on-elder');
  await page.setViewportSize({ width: 1080, height: 1920 });
  await citizen.check('attract-on-elder-portrait');
  await citizen.button('toolbar.elderMode').click();
  await citizen.check('attract-on-normal-portrait');
  await citizen.setLanguage('en');
  const english = await tap.saying(citizen.t('attract.prompt'), citizen.t('voice.keys'));
  expect(english.language).toBe('en');
  const stats = speechStats(await tap.audio(english), english.clip!.sampleRate);
  expect(stats.durationMs).toBeGreaterThan(30 * english.text.length);
  expect(stats.durationMs).toBeLessThan(150 * english.text.length);
  expect(stats.voicedFraction).toBeGreaterThan(0.5);
  await citizen.check('attract-on-english');
});

/**
 * The renderer's budgets (DESIGN.md §9, issue 10), run by Playwright through the real browser host and
 * Debian's Chromium, started by bench/renderer-lines.ts: touch → next paint over whole bundles, and the
 * renderer's heap over many consecutive sessions. Each test writes its figures as JSON to BENCH_UI_RESULTS.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { openBrowserHost } from '../../test/support/browser-opener.ts';
import { CARDS, Citizen } from '../../test/support/citizen.ts';
import { removeCard, type OpenedKiosk } from '../../test/support/kiosk-suite.ts';
import { recordInputLatency, type LatencySamples } from './input-latency.ts';

const RESULTS = process.env.BENCH_UI_RESULTS ?? '.';
const SOAK_SESSIONS = Number(process.env.BENCH_SOAK_SESSIONS ?? 1000);
const SOAK_WARMUP = 30;

let kiosk: OpenedKiosk | undefined;
test.afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

test('touch → next paint over every sample bundle', async ({ browser }, testInfo) => {
  test.setTimeout(Number(process.env.BENCH_UI_TIMEOUT ?? 600_000));
  kiosk = await openBrowserHost(browser);
  const citizen = new Citizen(kiosk, testInfo, null);
  await citizen.onScreen('attract');
  await citizen.connected();
  await kiosk.page.evaluate(recordInputLatency);
  const walks: [string, RegExp, RegExp[]][] = [
    ['birth-mother.json', /新生儿出生一件事/, [/预防接种证办理/, /生育医疗待遇支付/, /科学育儿指导服务登记/]],
    ['company-founder.json', /企业开办一件事/, [/住房公积金单位缴存登记/]],
    ['disability-applicant.json', /残疾人服务一件事/, [/城乡居民基本养老保险参保登记/]],
    ['retiring-worker.json', /退休一件事/, []],
  ];
  for (const [card, bundle, optional] of walks) {
    await citizen.insertCard(card);
    await citizen.consent();
    await citizen.choose(bundle, optional);
    await citizen.fillForm();
    await citizen.checkAnswers();
    await citizen.settleMaterials();
    await citizen.submit();
    await citizen.printedReceiptNumber();
    await citizen.button('rating.skip').click();
    await citizen.seeFarewell();
    await removeCard(kiosk);
  }
  const samples = await kiosk.page.evaluate(() => window.__inputLatency!);
  await writeFile(join(RESULTS, 'latency.json'), JSON.stringify(samples satisfies LatencySamples));
});

/** The simulator's control endpoint of the kiosk under test, called directly: a `npm run sim` per session is slow. */
async function simulator(dataDir: string): Promise<(command: object) => Promise<unknown>> {
  const { url, token } = JSON.parse(await readFile(join(dataDir, 'sim-control.json'), 'utf8')) as { url: string; token: string };
  return async (command) => {
    const response = await fetch(`${url}/sim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(command),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { state?: unknown }).state;
  };
}

/** The card taken away, once the reader has seen it gone (as removeCard does through `npm run sim`). */
async function takeCard(sim: (command: object) => Promise<unknown>): Promise<void> {
  await sim({ action: 'card-remove' });
  const readerCode = async () => ((await sim({ action: 'status' })) as { devices: { reader: { status: { code: string } } } }).devices.reader.status.code;
  await expect.poll(readerCode).not.toBe('MEDIA_PRESENT');
}

async function heapUsedBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/**
 * One short session as a citizen who changes their mind: card, consent, a bundle, its first question, then
 * 取消办理 and back to the attract screen. The card is taken away after the consent, while the session goes on
 * (the reader takes a few polls to be sure it is gone), and is gone before the next session puts one down.
 * Every screen of the start of a session mounts and unmounts.
 */
async function shortSession(citizen: Citizen, page: Page, sim: (command: object) => Promise<unknown>, card: unknown, bundle: RegExp): Promise<void> {
  await sim({ action: 'card-insert', card });
  await citizen.consent();
  const taken = takeCard(sim);
  await citizen.onScreen('choose');
  await page.getByRole('button', { name: bundle }).click();
  await citizen.button('choose.start').click();
  await page.locator('main.question').waitFor();
  await citizen.button('session.cancel').click();
  await citizen.button('cancel.confirm').click();
  await citizen.onScreen('attract');
  await taken;
}

test('the renderer heap over consecutive sessions', async ({ browser }, testInfo) => {
  test.setTimeout(3_600_000);
  kiosk = await openBrowserHost(browser);
  const { page } = kiosk;
  const citizen = new Citizen(kiosk, testInfo, null);
  await citizen.onScreen('attract');
  const sim = await simulator(kiosk.dataDir);
  const rounds: [unknown, RegExp][] = await Promise.all(
    (
      [
        ['birth-mother.json', /新生儿出生一件事/],
        ['company-founder.json', /企业开办一件事/],
        ['disability-applicant.json', /残疾人服务一件事/],
        ['retiring-worker.json', /退休一件事/],
      ] as const
    ).map(async ([file, bundle]) => [JSON.parse(await readFile(join(CARDS, file), 'utf8')), bundle] as [unknown, RegExp]),
  );
  const cdp = await page.context().newCDPSession(page);
  const run = async (from: number, count: number) => {
    for (let i = from; i < from + count; i++) {
      const [card, bundle] = rounds[i % rounds.length]!;
      await shortSession(citizen, page, sim, card, bundle);
    }
  };
  await run(0, SOAK_WARMUP);
  const before = await heapUsedBytes(cdp);
  const started = Date.now();
  await run(SOAK_WARMUP, SOAK_SESSIONS);
  const msPerSession = (Date.now() - started) / SOAK_SESSIONS;
  const after = await heapUsedBytes(cdp);
  await writeFile(join(RESULTS, 'soak.json'), JSON.stringify({ sessions: SOAK_SESSIONS, before, after, msPerSession }));
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { connectKioskRpc } from '../contract/kiosk-rpc.ts';
import { FAREWELL_MS } from '../contract/kiosk-view.ts';
import type { TransactionView } from '../contract/transaction-view.ts';
import type { RendererApi } from '../contract/rpc-contract.ts';
import { portPair as pair } from '../../test/support/port-pair.ts';
import { KioskRuntime } from './kiosk-runtime.ts';

function sinks(): RendererApi {
  return { kiosk: vi.fn(), session: vi.fn(), devices: vi.fn(), sync: vi.fn() };
}

function options() {
  return {
    kiosk: {
      status: { state: 'available' },
      hall: { kioskId: 'K1', hallName: { 'zh-CN': '示例' }, languages: { default: 'zh-CN', available: ['zh-CN', 'en'] } },
    },
    session: { language: 'zh-CN', elderMode: false },
    log: pino({ level: 'silent' }),
  } satisfies ConstructorParameters<typeof KioskRuntime>[0];
}

function runtime() {
  return new KioskRuntime(options());
}

afterEach(() => vi.useRealTimers());

/** A logger whose lines are kept (parsed), to count what a flood writes. */
function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe('KioskRuntime', () => {
  it('keeps session preferences across renderer reconnects and fans out changes', async () => {
    const rt = runtime();
    const [coreA, rendererA] = pair();
    const [coreB, rendererB] = pair();
    const connA = rt.connect(coreA, 'a');
    rt.connect(coreB, 'b');
    const sinksB = sinks();
    const a = connectKioskRpc({ port: rendererA, onReject: () => undefined }, sinks());
    connectKioskRpc({ port: rendererB, onReject: () => undefined }, sinksB);

    await a.call.setElderMode({ enabled: true });
    await a.call.setLanguage({ language: 'en' });
    expect(sinksB.session).toHaveBeenLastCalledWith({ step: 'attract', language: 'en', elderMode: true, transaction: null, query: null });

    // A renderer crash: the connection goes, the state stays.
    a.close();
    connA.close();
    const [coreC, rendererC] = pair();
    rt.connect(coreC, 'c');
    const c = connectKioskRpc({ port: rendererC, onReject: () => undefined }, sinks());
    const snap = await c.call.getSnapshot({});
    expect(snap.session).toEqual({ step: 'attract', language: 'en', elderMode: true, transaction: null, query: null });
  });

  it('ignores a language the hall does not offer', async () => {
    const rt = runtime();
    rt.snapshot().kiosk.hall!.languages.available.splice(1);
    expect(await rt.api.setLanguage({ language: 'en' })).toMatchObject({ language: 'zh-CN' });
  });

  it('pushes kiosk, sync and device changes', async () => {
    const rt = runtime();
    const [core, renderer] = pair();
    rt.connect(core, 'x');
    const s = sinks();
    connectKioskRpc({ port: renderer, onReject: () => undefined }, s);
    rt.setKioskStatus({ state: 'unavailable', reason: 'maintenance', details: [] });
    rt.setSyncStatus({ backOffice: 'online', lastContactAt: 1, queued: 0 });
    rt.setDevices([{ id: 'printer', kind: 'printer', status: 'UNAVAILABLE', code: 'MEDIA_EMPTY' }]);
    await new Promise((r) => setTimeout(r, 5));
    expect(s.kiosk).toHaveBeenCalledWith(expect.objectContaining({ status: { state: 'unavailable', reason: 'maintenance', details: [] } }));
    expect(s.sync).toHaveBeenCalledWith({ backOffice: 'online', lastContactAt: 1, queued: 0 });
    expect(s.devices).toHaveBeenCalledWith([{ id: 'printer', kind: 'printer', status: 'UNAVAILABLE', code: 'MEDIA_EMPTY' }]);
  });

  it('thanks the citizen in their language and elder mode, and gives the next one the defaults after the farewell', async () => {
    vi.useFakeTimers();
    const rt = runtime();
    await rt.api.setLanguage({ language: 'en' });
    await rt.api.setElderMode({ enabled: true });
    rt.setTransaction(null, false);
    expect(rt.snapshot().session).toMatchObject({ language: 'en', elderMode: true });
    rt.setTransaction(null, true);
    expect(rt.snapshot().session).toMatchObject({ step: 'attract', language: 'en', elderMode: true });
    vi.advanceTimersByTime(FAREWELL_MS);
    expect(rt.snapshot().session).toEqual({ step: 'attract', language: 'zh-CN', elderMode: false, transaction: null, query: null });
  });

  it('gives the defaults at once to a citizen who starts during the farewell of the last', async () => {
    vi.useFakeTimers();
    const rt = runtime();
    await rt.api.setElderMode({ enabled: true });
    rt.setTransaction(null, true);
    // The next citizen's own choice keeps; the rest is the default, and the farewell's timer no longer resets it.
    await rt.api.setLanguage({ language: 'en' });
    expect(rt.snapshot().session).toMatchObject({ language: 'en', elderMode: false });
    vi.advanceTimersByTime(FAREWELL_MS);
    expect(rt.snapshot().session).toMatchObject({ language: 'en', elderMode: false });
    await rt.api.setElderMode({ enabled: true });
    rt.setTransaction(null, true);
    rt.setTransaction({ step: 'consent' } as TransactionView, false);
    expect(rt.snapshot().session).toMatchObject({ step: 'consent', language: 'zh-CN', elderMode: false });
  });

  it("answers the applicant's own answer through the session, logging which field and never the value", async () => {
    const { log, lines } = recordingLog();
    const rt = new KioskRuntime({ ...options(), log, onOwnAnswer: (key) => (key === 'newborn.name' ? '李小明' : null) });
    expect(await rt.api.ownAnswer({ key: 'newborn.name' })).toEqual({ value: '李小明' });
    expect(await rt.api.ownAnswer({ key: 'applicant.idNumber' })).toEqual({ value: null });
    expect(lines.filter((l) => l.msg === 'own answer shown to the applicant').map((l) => l.key)).toEqual(['newborn.name']);
    expect(JSON.stringify(lines)).not.toContain('李小明');
    // A flood cannot read a form out: the limit holds it to a burst.
    const answers = await Promise.all(Array.from({ length: 50 }, () => rt.api.ownAnswer({ key: 'newborn.name' })));
    expect(answers.filter((a) => a.value !== null).length).toBeLessThanOrEqual(10);
  });

  it('asks the pinyin lookup for candidates, and says pinyin is unavailable without one or when it fails', async () => {
    const candidates = vi.fn(async (letters: string) => (letters === 'zhang' ? [{ text: '张', letters: 5 }] : null));
    const rt = new KioskRuntime({ ...options(), pinyin: { candidates, close: async () => undefined } });
    expect(await rt.api.pinyinCandidates({ letters: 'zhang' })).toEqual({ available: true, candidates: [{ text: '张', letters: 5 }] });
    expect(await rt.api.pinyinCandidates({ letters: 'li' })).toEqual({ available: false, candidates: [] });
    expect(candidates).toHaveBeenCalledTimes(2);
    const without = new KioskRuntime(options());
    expect(await without.api.pinyinCandidates({ letters: 'zhang' })).toEqual({ available: false, candidates: [] });
  });

  it('refuses citizen events while the kiosk is out of service or has no sessions', async () => {
    const handler = vi.fn(() => true);
    const rt = new KioskRuntime({ ...options(), onSessionEvent: handler });
    expect(await rt.api.sessionEvent({ type: 'user.next' })).toEqual({ accepted: true });
    rt.setKioskStatus({ state: 'unavailable', reason: 'config', details: [] });
    expect(await rt.api.sessionEvent({ type: 'user.next' })).toEqual({ accepted: false });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(await runtime().api.sessionEvent({ type: 'user.next' })).toEqual({ accepted: false });
  });

  it('takes a citizen flood over the RPC at a person\'s pace, refuses the rest and says so in one line', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let now = 0;
    const handler = vi.fn(() => true);
    const scans = vi.fn();
    const { log, lines } = recordingLog();
    const rt = new KioskRuntime({ ...options(), log, onSessionEvent: handler, onWedgeScan: scans, now: () => now });
    const [core, renderer] = pair();
    rt.connect(core, 'flood');
    const client = connectKioskRpc({ port: renderer, onReject: () => undefined }, sinks());

    const answers = await Promise.all(Array.from({ length: 30_000 }, () => client.call.sessionEvent({ type: 'user.active' })));
    const accepted = answers.filter((a) => a.accepted).length;
    expect(accepted).toBe(5);
    expect(handler).toHaveBeenCalledTimes(5);
    // Other kinds of input have their own budget: the citizen can still go on.
    expect(await client.call.sessionEvent({ type: 'user.next' })).toEqual({ accepted: true });
    for (let i = 0; i < 20; i++) await client.call.wedgeScan({ text: 'EID1:x' });
    expect(scans).toHaveBeenCalledTimes(5);
    for (let i = 0; i < 10; i++) await client.call.setElderMode({ enabled: i % 2 === 0 });
    expect(rt.snapshot().session.elderMode).toBe(true);

    const refusalLines = () => lines.filter((l) => l.msg === 'citizen input over its rate limit refused');
    expect(refusalLines()).toHaveLength(0);
    vi.advanceTimersByTime(10_000);
    expect(refusalLines()).toEqual([expect.objectContaining({ level: 40, refused: { 'user.active': 29_995, wedgeScan: 15, setElderMode: 5 } })]);
    // A scan refused is not logged (its length) either: one line per scan taken.
    expect(lines.filter((l) => l.msg === 'code scanned')).toHaveLength(5);

    // A second later a person's next taps are taken again.
    now = 1_000;
    expect(await client.call.sessionEvent({ type: 'user.active' })).toEqual({ accepted: true });
  });
});

/**
 * Issue 9's flood, through the RPC into a real session on a real store: 30,000 `user.active` in 3 s stalled
 * the kiosk for 53 s, each one a sealed, fsync'd write. The timing is measured by bench/citizen-flood.ts;
 * here the work done is counted.
 */
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BIRTH_CATALOG } from '../bundle/birth-catalog.fixture.ts';
import { connectKioskRpc } from '../contract/kiosk-rpc.ts';
import { openTempStore, TempDirs } from '../store/test-helpers.ts';
import { KioskSessions } from '../transaction/kiosk-sessions.ts';
import { motherCardRead } from '../../test/support/card-read.ts';
import { portPair } from '../../test/support/port-pair.ts';
import { testSessionOptions } from '../../test/support/session-options.ts';
import { until } from '../../test/support/until.ts';
import { KioskRuntime } from './kiosk-runtime.ts';

const TODAY = new Date('2025-03-01T09:00:00+08:00');
const dirs = new TempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await dirs.cleanup();
});

describe('a flood of citizen events over the RPC', () => {
  it('takes 7 of 30,000 user.active sent in 3 s and writes none of them; the next step is taken and written', async () => {
    let now = TODAY.getTime();
    const log = pino({ level: 'silent' });
    const { store } = await openTempStore(dirs, { now: () => now });
    const runtime: KioskRuntime = new KioskRuntime({
      kiosk: { status: { state: 'available' }, hall: null },
      session: { language: 'zh-CN', elderMode: false },
      log,
      onSessionEvent: (event) => sessions.handle(event),
      now: () => now,
    });
    const sessions = new KioskSessions(
      testSessionOptions(TODAY, { catalog: BIRTH_CATALOG, store, log, print: async () => undefined, onView: (view, ended) => runtime.setTransaction(view, ended), now: () => now }),
    );
    cleanups.push(async () => {
      await sessions.stop();
      store.close();
    });
    const [core, renderer] = portPair();
    runtime.connect(core, 'flood');
    const client = connectKioskRpc({ port: renderer, onReject: () => undefined }, { kiosk: () => undefined, session: () => undefined, devices: () => undefined, sync: () => undefined });

    sessions.cardRead(motherCardRead(TODAY));
    await sessions.flush();
    expect(runtime.snapshot().session.step).toBe('consent');
    const save = vi.spyOn(store.sessions, 'save');

    // 10 events a millisecond for 3 s.
    const start = now;
    let accepted = 0;
    for (let ms = 0; ms < 3_000; ms++) {
      now = start + ms;
      const answers = await Promise.all(Array.from({ length: 10 }, () => client.call.sessionEvent({ type: 'user.active' })));
      accepted += answers.filter((a) => a.accepted).length;
    }
    await sessions.flush();
    // The burst of 5, then one a second.
    expect(accepted).toBe(7);
    expect(save).not.toHaveBeenCalled();

    expect(await client.call.sessionEvent({ type: 'user.consent', accepted: true })).toEqual({ accepted: true });
    await until(() => runtime.snapshot().session.step === 'choose');
    await sessions.flush();
    // Two steps, two writes: the consent (asking the exchange), then the choice, the exchange being offline.
    expect(save).toHaveBeenCalledTimes(2);
    client.close();
  }, 30_000);
});

import { cp } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BIRTH_BUNDLE, BIRTH_CATALOG, MOTHER_CARD } from '../bundle/birth-catalog.fixture.ts';
import { applicantFactsFromCard } from '../bundle/index.ts';
import type { Store } from '../store/database.ts';
import { staticKeyProvider, TempStores } from '../store/test-helpers.ts';
import { until } from '../../test/support/until.ts';
import { SessionRunner } from './session-runner.ts';
import { ACTIVITY_SAVE_MS } from './snapshot-writes.ts';
import type { Applicant } from './transaction-machine.ts';

const applicant: Applicant = { via: 'idcard', card: MOTHER_CARD, facts: applicantFactsFromCard(MOTHER_CARD, '2025-03-01') };
// One key for every store of a test, so a crash image opens again.
const keyProvider = staticKeyProvider();
const stores = new TempStores();
afterEach(() => stores.cleanup());

const store = (dir?: string) => stores.open({ keyProvider, ...(dir ? { dir } : {}) });

function runner(s: Store, now: () => number) {
  return SessionRunner.start({ catalog: BIRTH_CATALOG, store: s, kioskId: 'K1', printReceipt: async () => undefined, maxResumeAgeMs: 30 * 60_000, now, tickMs: 60_000 });
}

describe('snapshot writes (real SQLite store)', () => {
  it('writes every step but not each user.active, and resumes after a crash at the same step', async () => {
    const first = await store();
    const start = Date.parse('2025-03-01T09:00:00+08:00');
    let now = start;
    const r = runner(first.store, () => now);
    r.send({ type: 'device.cardRead', applicant });
    r.send({ type: 'user.consent', accepted: true });
    await until(() => r.snapshot.matches({ session: 'choose' }), 3000, 'the choose step');
    await r.flush();
    const save = vi.spyOn(first.store.sessions, 'save');

    // A flood of activity within the window: the deadline moves in memory, nothing is written.
    for (let i = 0; i < 1000; i++) {
      now = start + i * 20;
      r.send({ type: 'user.active' });
    }
    await r.flush();
    expect(save).toHaveBeenCalledTimes(0);
    expect(r.snapshot.context.deadline).toBe(now + r.snapshot.context.timeouts.stepMs);

    // The citizen's last activity reaches the disk at least once per window.
    now = start + ACTIVITY_SAVE_MS;
    r.send({ type: 'user.active' });
    await r.flush();
    expect(save).toHaveBeenCalledTimes(1);

    // A step is always written.
    r.send({ type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [] });
    await r.flush();
    expect(save).toHaveBeenCalledTimes(2);
    const before = r.snapshot;

    // As after kill -9: the files as they are on disk this moment.
    const image = await stores.make('kiosk-writes-crash-');
    await cp(first.dir, image, { recursive: true });
    await r.stop();

    now += 5_000;
    const again = await store(image);
    const resumed = runner(again.store, () => now);
    expect(resumed.snapshot.value).toEqual(before.value);
    expect(resumed.snapshot.context.bundleCode).toBe(BIRTH_BUNDLE.code);
    expect(resumed.snapshot.context.values).toEqual(before.context.values);
    // The deadline is restarted on resume, whatever was last written.
    expect(resumed.snapshot.context.deadline).toBe(now + resumed.snapshot.context.timeouts.stepMs);
    await resumed.stop();
  });

  it('still tells listeners of every change, in order, when nothing is written', async () => {
    const { store: s } = await store();
    let now = Date.parse('2025-03-01T09:00:00+08:00');
    const seen: (number | null)[] = [];
    const r = SessionRunner.start({
      catalog: BIRTH_CATALOG,
      store: s,
      kioskId: 'K1',
      printReceipt: async () => undefined,
      maxResumeAgeMs: 60_000,
      now: () => now,
      tickMs: 60_000,
      onChange: (snapshot) => seen.push(snapshot.context.deadline),
    });
    r.send({ type: 'device.cardRead', applicant });
    for (let i = 1; i <= 3; i++) {
      now += 1_000;
      r.send({ type: 'user.active' });
    }
    await r.flush();
    const stepMs = r.snapshot.context.timeouts.stepMs;
    expect(seen.slice(-3)).toEqual([now - 2_000 + stepMs, now - 1_000 + stepMs, now + stepMs]);
    await r.stop();
  });
});

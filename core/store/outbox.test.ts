import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './database.ts';
import type { CommitInput } from './outbox.ts';
import { manualClock, openTempStore, staticKeyProvider, TempDirs, thrown } from './test-helpers.ts';

const dirs = new TempDirs();
const stores: Store[] = [];
afterEach(async () => {
  stores.splice(0).forEach((s) => s.close());
  await dirs.cleanup();
});

// 2026-03-05 10:00 in Beijing.
const START = Date.UTC(2026, 2, 5, 2, 0, 0);

async function open(now: () => number = () => START): Promise<Store> {
  const { store } = await openTempStore(dirs, { now });
  stores.push(store);
  return store;
}


function commitInput(overrides: Partial<CommitInput['submission']> = {}, sessionId = 'session-1'): CommitInput {
  return {
    submission: {
      idempotencyKey: randomUUID(),
      kioskId: 'HALL-K01',
      catalogVersion: '2026.03',
      payload: { applicant: { idNumber: '11010519491231002X', name: '张三' }, form: { phone: '13800000000' } },
      ...overrides,
    },
    sessionId,
    finalSnapshot: { value: 'submit' },
    machineVersion: 7,
  };
}

function counts(store: Store): { outbox: number; sessions: number } {
  const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { outbox: count('outbox'), sessions: count('sessions') };
}

describe('Outbox.commitSubmission', () => {
  it('writes the outbox row and the final snapshot together, with a receipt number', async () => {
    const store = await open();
    const input = commitInput();
    const { entry, created } = store.outbox.commitSubmission(input);
    expect(created).toBe(true);
    expect(entry).toEqual({
      idempotencyKey: input.submission.idempotencyKey,
      receiptNumber: 'SL-HALL-K01-20260305-000001',
      catalogVersion: '2026.03',
      state: 'pending',
      attempts: 0,
      nextAttemptAt: START,
      caseNumbers: undefined,
      hasPayload: true,
      createdAt: START,
      updatedAt: START,
    });
    expect(store.sessions.load('session-1')).toMatchObject({ machineVersion: 7, snapshot: { value: 'submit' } });
    expect(store.outbox.pending(10)[0]?.payload).toEqual(input.submission.payload);
  });

  it('lets the final snapshot carry the receipt number it is committed with', async () => {
    const store = await open();
    const { entry } = store.outbox.commitSubmission({
      ...commitInput(),
      finalSnapshot: (receiptNumber: string) => ({ value: 'receipt', context: { receiptNumber } }),
    });
    expect(store.sessions.load('session-1')?.snapshot).toEqual({
      value: 'receipt',
      context: { receiptNumber: entry.receiptNumber },
    });
  });

  it('treats a repeated commit with the same idempotency key as a no-op returning the first row', async () => {
    const store = await open();
    const input = commitInput();
    const first = store.outbox.commitSubmission(input);
    const again = store.outbox.commitSubmission({ ...input, finalSnapshot: { value: 'restored-and-resubmitted' } });
    expect(again).toEqual({ entry: first.entry, created: false });
    expect(counts(store)).toEqual({ outbox: 1, sessions: 1 });
    expect(store.sessions.load('session-1')?.snapshot).toEqual({ value: 'submit' });
    // The repeat did not consume a receipt number either.
    expect(store.outbox.commitSubmission(commitInput()).entry.receiptNumber).toBe('SL-HALL-K01-20260305-000002');
  });

  it('writes neither row when the session write fails inside the transaction (trigger fault)', async () => {
    const store = await open();
    store.db.exec(`CREATE TRIGGER fault BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    const error = thrown(() => store.outbox.commitSubmission(commitInput()));
    expect(error.message).toContain('injected fault');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 0 });
    store.db.exec('DROP TRIGGER fault');
    // The receipt sequence rolled back with it: no gap.
    expect(store.outbox.commitSubmission(commitInput()).entry.receiptNumber).toBe('SL-HALL-K01-20260305-000001');
  });

  it('keeps the previous snapshot when updating an existing session fails (update trigger fault)', async () => {
    const store = await open();
    store.sessions.save('session-1', 7, { value: 'review' });
    store.db.exec(`CREATE TRIGGER fault BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    expect(() => store.outbox.commitSubmission(commitInput())).toThrow('injected fault');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 1 });
    expect(store.sessions.load('session-1')?.snapshot).toEqual({ value: 'review' });
  });

  it('writes nothing when the outbox insert or the snapshot itself fails', async () => {
    const store = await open();
    store.db.exec(`CREATE TRIGGER fault BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    expect(() => store.outbox.commitSubmission(commitInput())).toThrow('injected fault');
    store.db.exec('DROP TRIGGER fault');
    const unserialisable = { ...commitInput(), finalSnapshot: () => ({ big: 1n }) };
    expect(thrown(() => store.outbox.commitSubmission(unserialisable)).code).toBe('E_INVALID');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 0 });
    expect(store.db.prepare('SELECT count(*) FROM receipt_sequences').pluck().get()).toBe(0);
  });

  it('writes nothing when a CHECK constraint refuses the receipt sequence (day exhausted)', async () => {
    const store = await open();
    store.db.prepare(`INSERT INTO receipt_sequences VALUES ('HALL-K01', '20260305', 999999)`).run();
    expect(thrown(() => store.outbox.commitSubmission(commitInput())).code).toBe('E_CONSTRAINT');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 0 });
  });

  it('reports a full disk as E_FULL with nothing half-written, and succeeds once there is room', async () => {
    const store = await open();
    store.sessions.save('session-1', 7, { value: 'review' });
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 3}`);
    const big = commitInput({ payload: { signature: randomBytes(200 * 1024).toString('base64') } });
    const error = thrown(() => store.outbox.commitSubmission(big));
    expect(error.code).toBe('E_FULL');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 1 });
    expect(store.sessions.load('session-1')?.snapshot).toEqual({ value: 'review' });
    expect(store.db.prepare('SELECT count(*) FROM receipt_sequences').pluck().get()).toBe(0);
    expect(store.integrityProblems()).toEqual([]);
    store.db.pragma('max_page_count = 1073741823');
    expect(store.outbox.commitSubmission(big).entry.receiptNumber).toBe('SL-HALL-K01-20260305-000001');
  });

  it('validates its input before writing', async () => {
    const store = await open();
    expect(thrown(() => store.outbox.commitSubmission(commitInput({ kioskId: 'bad id!' }))).code).toBe('E_INVALID');
    expect(thrown(() => store.outbox.commitSubmission(commitInput({ idempotencyKey: '' }))).code).toBe('E_INVALID');
    expect(thrown(() => store.outbox.commitSubmission(commitInput({ payload: undefined }))).code).toBe('E_INVALID');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 0 });
  });
});

describe('receipt numbers', () => {
  it('count per kiosk and per Beijing day, from 000001', async () => {
    const store = await open();
    const next = (kiosk: string, at: number | Date) => store.outbox.nextReceiptNumber(kiosk, at);
    expect(next('K01', START)).toBe('SL-K01-20260305-000001');
    expect(next('K01', START)).toBe('SL-K01-20260305-000002');
    expect(next('K02', START)).toBe('SL-K02-20260305-000001');
    // 16:30 UTC on the 5th is 00:30 on the 6th in Beijing.
    expect(next('K01', Date.UTC(2026, 2, 5, 16, 30))).toBe('SL-K01-20260306-000001');
    expect(next('K01', new Date(Date.UTC(2026, 2, 5, 15, 59)))).toBe('SL-K01-20260305-000003');
  });

  it('stay unique and gap-free under concurrent commits from two connections', async () => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    const a = await openStore({ dir, keyProvider, now: () => START });
    const b = await openStore({ dir, keyProvider, now: () => START });
    stores.push(a, b);
    const commits = Array.from({ length: 200 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      const store = i % 2 === 0 ? a : b;
      return store.outbox.commitSubmission(commitInput({}, `session-${i}`)).entry.receiptNumber;
    });
    const numbers = await Promise.all(commits);
    expect(new Set(numbers).size).toBe(200);
    const sequences = numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('refuse to wrap around when a day is exhausted', async () => {
    const store = await open();
    store.db.prepare(`INSERT INTO receipt_sequences VALUES ('K01', '20260305', 999999)`).run();
    const error = thrown(() => store.outbox.nextReceiptNumber('K01', START));
    expect(error.code).toBe('E_CONSTRAINT');
    expect(error.message).toContain('exhausted');
    expect(thrown(() => store.outbox.nextReceiptNumber('K 01', START)).code).toBe('E_INVALID');
  });
});

describe('Outbox delivery bookkeeping', () => {
  it('moves a submission through sending, failed, retry and delivered', async () => {
    const c = manualClock(START);
    const store = await open(c.now);
    const { entry } = store.outbox.commitSubmission(commitInput());
    const key = entry.idempotencyKey;
    expect(store.outbox.pending(10).map((s) => s.idempotencyKey)).toEqual([key]);

    expect(store.outbox.markSending(key)).toBe(true);
    expect(store.outbox.markSending(key)).toBe(false);
    expect(store.outbox.pending(10)).toEqual([]);
    c.advance(1_000);
    expect(store.outbox.markFailed(key, c.now() + 30_000)).toBe(true);
    expect(store.outbox.get(key)).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: START + 31_000 });
    expect(store.outbox.pending(10)).toEqual([]);

    c.advance(30_000);
    expect(store.outbox.pending(10).map((s) => s.state)).toEqual(['failed']);
    // A failure reported without markSending still counts as an attempt.
    expect(store.outbox.markFailed(key, c.now())).toBe(true);
    expect(store.outbox.get(key)?.attempts).toBe(2);

    expect(store.outbox.markSending(key)).toBe(true);
    expect(store.outbox.markDelivered(key, { submission: 'BJ2026030500001' })).toBe(true);
    expect(store.outbox.markDelivered(key, { submission: 'other' })).toBe(false);
    expect(store.outbox.markFailed(key, c.now())).toBe(false);
    expect(store.outbox.get(key)).toMatchObject({
      state: 'delivered',
      attempts: 3,
      caseNumbers: { submission: 'BJ2026030500001' },
    });
    expect(store.outbox.byReceiptNumber(entry.receiptNumber)?.idempotencyKey).toBe(key);
    expect(store.outbox.pending(10)).toEqual([]);
  });

  it('requeues submissions a crash left in sending', async () => {
    const store = await open();
    const key = store.outbox.commitSubmission(commitInput()).entry.idempotencyKey;
    store.outbox.markSending(key);
    expect(store.outbox.requeueInterrupted()).toBe(1);
    expect(store.outbox.get(key)?.state).toBe('pending');
    expect(store.outbox.requeueInterrupted()).toBe(0);
  });

  it('returns due submissions oldest first, up to the limit', async () => {
    const c = manualClock(START);
    const store = await open(c.now);
    const keys = [0, 1, 2].map((i) => {
      c.advance(1_000);
      return store.outbox.commitSubmission(commitInput({}, `s${i}`)).entry.idempotencyKey;
    });
    expect(store.outbox.pending(2).map((s) => s.idempotencyKey)).toEqual(keys.slice(0, 2));
  });

  it('purges the payload of delivered submissions after retention, keeping the numbers', async () => {
    const c = manualClock(START);
    const store = await open(c.now);
    const { entry } = store.outbox.commitSubmission(commitInput());
    const pendingKey = store.outbox.commitSubmission(commitInput({}, 's2')).entry.idempotencyKey;
    store.outbox.markDelivered(entry.idempotencyKey, { submission: 'BJ1' });
    expect(store.outbox.purgeDelivered({ retentionMs: 60_000 })).toBe(0);
    c.advance(60_001);
    expect(store.outbox.purgeDelivered({ retentionMs: 60_000 })).toBe(1);
    expect(store.outbox.get(entry.idempotencyKey)).toMatchObject({ hasPayload: false, caseNumbers: { submission: 'BJ1' } });
    expect(store.outbox.get(pendingKey)?.hasPayload).toBe(true);
  });

  it('reports unknown keys as E_NOT_FOUND', async () => {
    const store = await open();
    expect(thrown(() => store.outbox.markDelivered('missing', {})).code).toBe('E_NOT_FOUND');
    expect(thrown(() => store.outbox.markFailed('missing', 0)).code).toBe('E_NOT_FOUND');
    expect(thrown(() => store.outbox.markSending('missing')).code).toBe('E_NOT_FOUND');
    expect(store.outbox.get('missing')).toBeUndefined();
  });
});

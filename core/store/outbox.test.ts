import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from './database.ts';
import { manualClock, staticKeyProvider, submissionInput, TempStores, thrown } from './test-helpers.ts';

const dirs = new TempStores();
afterEach(() => dirs.cleanup());

// 2026-03-05 10:00 in Beijing.
const START = Date.UTC(2026, 2, 5, 2, 0, 0);
const ID_NUMBER = '11010519491231002X';

async function open(now: () => number = () => START): Promise<Store> {
  return (await dirs.open({ now })).store;
}


function counts(store: Store): { outbox: number; sessions: number } {
  const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { outbox: count('outbox'), sessions: count('sessions') };
}

describe('Outbox.commitSubmission', () => {
  it('writes the outbox row and the final snapshot together, with a receipt number', async () => {
    const store = await open();
    const input = submissionInput();
    const { entry, created } = store.outbox.commitSubmission(input);
    expect(created).toBe(true);
    expect(entry).toEqual({
      idempotencyKey: input.submission.idempotencyKey,
      receiptNumber: 'SL-HALL-K01-20260305-000001',
      catalogVersion: '2026.03',
      bundleCode: 'BIRTH-1',
      state: 'pending',
      attempts: 0,
      nextAttemptAt: START,
      lastError: undefined,
      caseNumbers: undefined,
      hasPayload: true,
      createdAt: START,
      updatedAt: START,
      deliveredAt: undefined,
    });
    expect(store.sessions.load('session-1')).toMatchObject({ machineVersion: 7, snapshot: { value: 'submit' } });
    expect(store.outbox.pending(10)[0]?.payload).toEqual(input.submission.payload);
  });

  it('lets the final snapshot carry the receipt number it is committed with', async () => {
    const store = await open();
    const { entry } = store.outbox.commitSubmission({
      ...submissionInput(),
      finalSnapshot: (receiptNumber: string) => ({ value: 'receipt', context: { receiptNumber } }),
    });
    expect(store.sessions.load('session-1')?.snapshot).toEqual({
      value: 'receipt',
      context: { receiptNumber: entry.receiptNumber },
    });
  });

  it('treats a repeated commit with the same idempotency key as a no-op returning the first row', async () => {
    const store = await open();
    const input = submissionInput();
    const first = store.outbox.commitSubmission(input);
    const again = store.outbox.commitSubmission({ ...input, finalSnapshot: { value: 'restored-and-resubmitted' } });
    expect(again).toEqual({ entry: first.entry, created: false });
    expect(counts(store)).toEqual({ outbox: 1, sessions: 1 });
    expect(store.sessions.load('session-1')?.snapshot).toEqual(input.finalSnapshot);
    // The repeat did not consume a receipt number either.
    expect(store.outbox.commitSubmission(submissionInput()).entry.receiptNumber).toBe('SL-HALL-K01-20260305-000002');
  });

  it('writes neither row when the session write fails inside the transaction (trigger fault)', async () => {
    const store = await open();
    store.db.exec(`CREATE TRIGGER fault BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    const error = thrown(() => store.outbox.commitSubmission(submissionInput()));
    expect(error.message).toContain('injected fault');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 0 });
    store.db.exec('DROP TRIGGER fault');
    // The receipt sequence rolled back with it: no gap.
    expect(store.outbox.commitSubmission(submissionInput()).entry.receiptNumber).toBe('SL-HALL-K01-20260305-000001');
  });

  it('keeps the previous snapshot when updating an existing session fails (update trigger fault)', async () => {
    const store = await open();
    store.sessions.save('session-1', 7, { value: 'review' });
    store.db.exec(`CREATE TRIGGER fault BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    expect(() => store.outbox.commitSubmission(submissionInput())).toThrow('injected fault');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 1 });
    expect(store.sessions.load('session-1')?.snapshot).toEqual({ value: 'review' });
  });

  it('writes nothing when the outbox insert or the snapshot itself fails', async () => {
    const store = await open();
    store.db.exec(`CREATE TRIGGER fault BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    expect(() => store.outbox.commitSubmission(submissionInput())).toThrow('injected fault');
    store.db.exec('DROP TRIGGER fault');
    const unserialisable = { ...submissionInput(), finalSnapshot: () => ({ big: 1n }) };
    expect(thrown(() => store.outbox.commitSubmission(unserialisable)).code).toBe('E_INVALID');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 0 });
    expect(store.db.prepare('SELECT count(*) FROM receipt_sequences').pluck().get()).toBe(0);
  });

  it('writes nothing when a CHECK constraint refuses the receipt sequence (day exhausted)', async () => {
    const store = await open();
    store.db.prepare(`INSERT INTO receipt_sequences VALUES ('HALL-K01', '20260305', 999999)`).run();
    expect(thrown(() => store.outbox.commitSubmission(submissionInput())).code).toBe('E_CONSTRAINT');
    expect(counts(store)).toEqual({ outbox: 0, sessions: 0 });
  });

  it('reports a full disk as E_FULL with nothing half-written, and succeeds once there is room', async () => {
    const store = await open();
    store.sessions.save('session-1', 7, { value: 'review' });
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 3}`);
    const big = submissionInput({ payload: { signature: randomBytes(200 * 1024).toString('base64') } });
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
    expect(thrown(() => store.outbox.commitSubmission(submissionInput({ kioskId: 'bad id!' }))).code).toBe('E_INVALID');
    expect(thrown(() => store.outbox.commitSubmission(submissionInput({ idempotencyKey: '' }))).code).toBe('E_INVALID');
    expect(thrown(() => store.outbox.commitSubmission(submissionInput({ payload: undefined }))).code).toBe('E_INVALID');
    expect(thrown(() => store.outbox.commitSubmission(submissionInput({ bundleCode: '' }))).code).toBe('E_INVALID');
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
    dirs.track(a);
    dirs.track(b);
    const commits = Array.from({ length: 200 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      const store = i % 2 === 0 ? a : b;
      return store.outbox.commitSubmission(submissionInput({}, `session-${i}`)).entry.receiptNumber;
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
  async function queue(n: number, c = manualClock(START)): Promise<{ store: Store; keys: string[]; clock: typeof c }> {
    const store = await open(c.now);
    const keys = Array.from({ length: n }, (_, i) => {
      c.advance(1_000);
      return store.outbox.commitSubmission(submissionInput({}, `s${i}`)).entry.idempotencyKey;
    });
    return { store, keys, clock: c };
  }

  function idOf(store: Store, key: string): number {
    return store.db.prepare('SELECT id FROM outbox WHERE idempotency_key = ?').pluck().get(key) as number;
  }

  it('claims due submissions oldest first, up to the limit, and marks them sending', async () => {
    const { store, keys } = await queue(3);
    const claimed = store.outbox.claimDue(2);
    expect(claimed.map((c) => c.idempotencyKey)).toEqual(keys.slice(0, 2));
    expect(claimed[0]!.openPayload()).toEqual(submissionInput().submission.payload);
    expect(store.outbox.get(keys[0]!)?.state).toBe('sending');
    expect(store.outbox.claimDue(10).map((c) => c.idempotencyKey)).toEqual([keys[2]]);
    expect(store.outbox.claimDue(10)).toEqual([]);
  });

  it('on delivery keeps the case numbers and wipes the payload at once', async () => {
    const { store, keys, clock } = await queue(1);
    const [claimed] = store.outbox.claimDue(1);
    clock.advance(500);
    store.outbox.record([{ id: claimed!.id, kind: 'delivered', ack: { '11000000000000000001': 'BJ2026030500000001' } }]);
    expect(store.outbox.get(keys[0]!)).toMatchObject({
      state: 'delivered',
      attempts: 1,
      hasPayload: false,
      deliveredAt: clock.now(),
      caseNumbers: { '11000000000000000001': 'BJ2026030500000001' },
    });
    expect(store.db.prepare('SELECT payload FROM outbox').pluck().get()).toBeNull();
    expect(store.outbox.byCaseNumber('BJ2026030500000001')?.idempotencyKey).toBe(keys[0]);
    expect(store.outbox.byCaseNumber('BJ2026030500000002')).toBeUndefined();
    // A late duplicate outcome changes nothing.
    store.outbox.record([{ id: claimed!.id, kind: 'park', reason: 'late' }]);
    expect(store.outbox.get(keys[0]!)?.state).toBe('delivered');
  });

  it('retries after a delay, or in its own place when the back office was not reached', async () => {
    const { store, keys, clock } = await queue(2);
    const [first, second] = store.outbox.claimDue(2);
    store.outbox.record([
      { id: first!.id, kind: 'retry', reason: 'http-503', nextAttemptAt: clock.now() + 30_000 },
      { id: second!.id, kind: 'retry', reason: 'unreachable', nextAttemptAt: null },
    ]);
    expect(store.outbox.get(keys[0]!)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'http-503', nextAttemptAt: clock.now() + 30_000 });
    expect(store.outbox.get(keys[1]!)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'unreachable', nextAttemptAt: START + 2_000 });
    expect(store.outbox.nextDueAt()).toBe(START + 2_000);
    expect(store.outbox.claimDue(10).map((c) => c.idempotencyKey)).toEqual([keys[1]]);
    clock.advance(30_000);
    expect(store.outbox.claimDue(10).map((c) => c.idempotencyKey)).toEqual([keys[0]]);
  });

  it('makes every waiting row due again in its original place once the back office is back', async () => {
    const { store, keys, clock } = await queue(3);
    for (const c of store.outbox.claimDue(3)) store.outbox.record([{ id: c.id, kind: 'retry', reason: 'http-500', nextAttemptAt: clock.now() + 60_000 }]);
    expect(store.outbox.claimDue(3)).toEqual([]);
    expect(store.outbox.retryWaitingNow()).toBe(3);
    expect(store.outbox.claimDue(3).map((c) => c.idempotencyKey)).toEqual(keys);
  });

  it('parks a refused submission with its reason and payload; a technician can requeue it', async () => {
    const { store, keys } = await queue(2);
    const [first] = store.outbox.claimDue(1);
    store.outbox.record([{ id: first!.id, kind: 'park', reason: 'idempotency-conflict' }]);
    expect(store.outbox.get(keys[0]!)).toMatchObject({ state: 'parked', lastError: 'idempotency-conflict', hasPayload: true });
    expect(store.outbox.parked().map((e) => e.idempotencyKey)).toEqual([keys[0]]);
    expect(store.outbox.claimDue(10).map((c) => c.idempotencyKey)).toEqual([keys[1]]);
    const woken = vi.fn();
    store.outbox.onEnqueued(woken);
    expect(store.outbox.requeue(keys[0]!)).toBe(true);
    expect(store.outbox.requeue(keys[0]!)).toBe(false);
    await Promise.resolve();
    expect(woken).toHaveBeenCalledTimes(1);
    expect(store.outbox.claimDue(10).map((c) => c.idempotencyKey)).toEqual([keys[0]]);
    expect(thrown(() => store.outbox.requeue('missing')).code).toBe('E_NOT_FOUND');
  });

  it('releases unsent rows without counting an attempt, and requeues rows a crash left in sending', async () => {
    const { store, keys } = await queue(2);
    const [first] = store.outbox.claimDue(2);
    store.outbox.record([{ id: first!.id, kind: 'release' }]);
    expect(store.outbox.get(keys[0]!)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(store.outbox.get(keys[1]!)?.state).toBe('sending');
    expect(store.outbox.requeueInterrupted()).toBe(1);
    expect(store.outbox.get(keys[1]!)?.state).toBe('pending');
    expect(store.outbox.requeueInterrupted()).toBe(0);
  });

  it('counts what waits and what is parked, and the oldest undelivered row', async () => {
    const { store } = await queue(3);
    expect(store.outbox.figures()).toEqual({ pending: 3, parked: 0, oldestUndeliveredAt: START + 1_000 });
    const [a, b] = store.outbox.claimDue(2);
    store.outbox.record([
      { id: a!.id, kind: 'delivered', ack: {} },
      { id: b!.id, kind: 'park', reason: 'invalid-body' },
    ]);
    expect(store.outbox.figures()).toEqual({ pending: 1, parked: 1, oldestUndeliveredAt: START + 2_000 });
    expect(store.queueFigures().messages).toEqual({ pending: 0, parked: 0, oldestUndeliveredAt: null });
  });

  it('never lets an undelivered row lose its payload, nor a delivered one keep it (CHECK)', async () => {
    const { store, keys } = await queue(1);
    const id = idOf(store, keys[0]!);
    expect(() => store.db.prepare('UPDATE outbox SET payload = NULL WHERE id = ?').run(id)).toThrow(/CHECK/);
    expect(() => store.db.prepare(`UPDATE outbox SET state = 'delivered', delivered_at = 1 WHERE id = ?`).run(id)).toThrow(/CHECK/);
  });

  it('finds an applicant\'s submissions by ID number through a keyed hash, newest first', async () => {
    const { store, keys } = await queue(2);
    store.outbox.commitSubmission(submissionInput({ applicantIdNumber: '110105194912310037' }, 'other'));
    expect(store.outbox.byIdNumber('11010519491231002x').map((e) => e.idempotencyKey)).toEqual([...keys].reverse());
    expect(store.outbox.byIdNumber('110101190001011009')).toEqual([]);
    const hash = store.db.prepare('SELECT id_hash FROM outbox LIMIT 1').pluck().get() as Buffer;
    expect(hash.length).toBe(32);
    expect(hash.equals(createHash('sha256').update(ID_NUMBER).digest())).toBe(false);
  });

  it('tells listeners about new submissions, after the commit', async () => {
    const store = await open();
    const seen: number[] = [];
    const stop = store.outbox.onEnqueued(() => seen.push(store.outbox.figures().pending));
    store.outbox.commitSubmission(submissionInput());
    await Promise.resolve();
    expect(seen).toEqual([1]);
    stop();
    store.outbox.commitSubmission(submissionInput({}, 's2'));
    await Promise.resolve();
    expect(seen).toEqual([1]);
  });
});

import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from './database.ts';
import { manualClock, TempStores, thrown } from './test-helpers.ts';

const dirs = new TempStores();
afterEach(() => dirs.cleanup());

const START = Date.UTC(2026, 2, 5, 2, 0, 0);

async function open(now = () => START): Promise<Store> {
  return (await dirs.open({ now })).store;
}

function rating(key: string, comment = '窗口很好') {
  return { kind: 'rating' as const, key, payload: { submissionKey: key, level: 5, reasons: [], comment } };
}

describe('messages', () => {
  it('are queued once per kind and key, sealed, and delivered like submissions', async () => {
    const c = manualClock(START);
    const store = await open(c.now);
    const key = randomUUID();
    expect(store.messages.enqueue(rating(key))).toBe(true);
    expect(store.messages.enqueue(rating(key, 'another body'))).toBe(false);
    const sealed = store.db.prepare('SELECT payload FROM messages').pluck().get() as Buffer;
    expect(sealed.includes(Buffer.from('窗口很好'))).toBe(false);
    expect(store.messages.figures()).toEqual({ pending: 1, parked: 0, oldestUndeliveredAt: START });

    const [claimed] = store.messages.claimDue(10);
    expect(claimed).toMatchObject({ kind: 'rating', key, attempts: 0 });
    expect(claimed!.openPayload()).toEqual(rating(key).payload);
    store.messages.record([{ id: claimed!.id, kind: 'retry', reason: 'http-502', nextAttemptAt: START + 1_000 }]);
    expect(store.messages.get('rating', key)).toMatchObject({ state: 'failed', lastError: 'http-502', attempts: 1 });
    c.advance(1_000);
    const [again] = store.messages.claimDue(10);
    store.messages.record([{ id: again!.id, kind: 'delivered', ack: null }]);
    expect(store.messages.get('rating', key)).toMatchObject({ state: 'delivered', attempts: 2, deliveredAt: START + 1_000 });
    expect(store.db.prepare('SELECT payload FROM messages').pluck().get()).toBeNull();
    // Queued once: a delivered key is not queued again.
    expect(store.messages.enqueue(rating(key))).toBe(false);
  });

  it('park, requeue and refuse unknown kinds', async () => {
    const store = await open();
    const key = randomUUID();
    store.messages.enqueue(rating(key));
    const [claimed] = store.messages.claimDue(1);
    store.messages.record([{ id: claimed!.id, kind: 'park', reason: 'reason-required' }]);
    expect(store.messages.figures()).toEqual({ pending: 0, parked: 1, oldestUndeliveredAt: START });
    expect(store.messages.requeue('rating', key)).toBe(true);
    expect(store.messages.get('rating', key)?.state).toBe('pending');
    expect(thrown(() => store.messages.enqueue({ kind: 'gossip' as 'rating', key, payload: {} })).code).toBe('E_INVALID');
    expect(thrown(() => store.messages.requeue('rating', 'missing')).code).toBe('E_NOT_FOUND');
  });
});

describe('Store.endSession', () => {
  it('queues the rating and deletes the session in one transaction, and adds nothing when run again', async () => {
    const store = await open();
    const key = randomUUID();
    store.sessions.save('s1', 1, { value: 'rating' });
    expect(store.endSession('s1', [rating(key)])).toEqual({ deleted: true, busy: false });
    expect(store.sessions.load('s1')).toBeUndefined();
    expect(store.messages.figures().pending).toBe(1);
    expect(store.endSession('s1', [rating(key)]).deleted).toBe(false);
    expect(store.messages.figures().pending).toBe(1);
  });

  it('keeps the session when queueing its message fails', async () => {
    const store = await open();
    store.sessions.save('s1', 1, { value: 'rating' });
    store.db.exec(`CREATE TRIGGER fault BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    expect(() => store.endSession('s1', [rating(randomUUID())])).toThrow('injected fault');
    expect(store.sessions.load('s1')?.snapshot).toEqual({ value: 'rating' });
  });
});

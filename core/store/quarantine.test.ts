import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentInput } from './attachments.ts';
import type { Store } from './database.ts';
import type { QuarantinedRow } from './quarantine.ts';
import { manualClock, staticKeyProvider, submissionInput, TempStores, thrown } from './test-helpers.ts';

const dirs = new TempStores();
afterEach(() => dirs.cleanup());

const ID_NUMBER = '11010519491231002X';
const K1 = randomBytes(32);
const K2 = randomBytes(32);

function signature(text: string): AttachmentInput {
  const bytes = Buffer.from(text);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, contentType: 'application/x-kiosk-signature', role: 'signature', bytes };
}

/** A store in `dir` opened with `key`. */
async function openWith(dir: string, key: Buffer, now?: () => number): Promise<Store> {
  return (await dirs.open({ dir, keyProvider: staticKeyProvider(key), ...(now ? { now } : {}) })).store;
}

/** Under K1: a session in progress, a submitted one (its row with an attachment) and a rating message. */
async function writtenUnderK1(dir: string, now?: () => number): Promise<{ receiptNumber: string; submissionKey: string }> {
  const store = await openWith(dir, K1, now);
  store.sessions.save('in-progress', 7, { value: 'form', context: { applicant: { idNumber: ID_NUMBER, name: '张三' } } });
  const { entry } = store.outbox.commitSubmission(submissionInput({ attachments: [signature('sig1:1x1:K1')] }, 'submitted'));
  store.messages.enqueue({ kind: 'rating', key: entry.idempotencyKey, payload: { level: 5 } });
  store.close();
  return { receiptNumber: entry.receiptNumber, submissionKey: entry.idempotencyKey };
}

/** The sealed values as they are on disk. */
function sealedValues(store: Store): Buffer[] {
  return ['SELECT state_json FROM sessions ORDER BY id', 'SELECT payload FROM outbox', 'SELECT sealed FROM attachments', 'SELECT payload FROM messages'].flatMap(
    (sql) => store.db.prepare(sql).pluck().all() as Buffer[],
  );
}

const refs = (rows: readonly QuarantinedRow[]) => rows.map((r) => `${r.source}:${r.receiptNumber ?? r.ref}`).sort();

describe('the key check at open', () => {
  it('sets aside what another key sealed, keeps it sealed in place, and the store goes on working', async () => {
    const dir = await dirs.make();
    const { receiptNumber, submissionKey } = await writtenUnderK1(dir);
    const before = await openWith(dir, K1);
    const sealedBefore = sealedValues(before);
    before.close();

    const store = await openWith(dir, K2);
    expect(store.keyCheck.keyChanged).toBe(true);
    expect(refs(store.keyCheck.setAside)).toEqual(
      [`message:rating:${submissionKey}`, 'session:in-progress', 'session:submitted', `submission:${receiptNumber}`].sort(),
    );
    // Nothing to resume, nothing to send; the submission is parked as unreadable, its payload still there.
    expect(store.sessions.latest()).toBeUndefined();
    expect(store.outbox.get(submissionKey)).toMatchObject({ state: 'parked', lastError: 'store:E_DECRYPT', hasPayload: true });
    expect(store.messages.get('rating', submissionKey)).toMatchObject({ state: 'parked', lastError: 'store:E_DECRYPT' });
    expect(store.outbox.claimDue(10)).toEqual([]);
    expect(store.messages.claimDue(10)).toEqual([]);
    expect(sealedValues(store)).toEqual(sealedBefore);
    // Never discarded automatically, however old.
    expect(store.sessions.discardStale({ maxAgeMs: 0, machineVersion: 99 })).toEqual([]);

    // A new citizen: saved, resumed, submitted under the new key.
    store.sessions.save('new', 7, { value: 'consent' });
    expect(store.sessions.latest()).toMatchObject({ id: 'new', snapshot: { value: 'consent' } });
    const { entry } = store.outbox.commitSubmission(submissionInput({}, 'new'));
    expect(store.outbox.claimDue(10).map((c) => c.receiptNumber)).toEqual([entry.receiptNumber]);

    expect(store.quarantine.counts()).toMatchObject({ sessions: 2, submissions: 1, messages: 1 });
    const alert = store.quarantine.alert()!;
    expect(alert).toMatchObject({ code: 'undecryptable-rows', counts: { sessions: 2, submissions: 1, messages: 1 } });
    expect(alert.detail).toContain(`1 undelivered submission(s) lost (${receiptNumber})`);
    expect(JSON.stringify([store.quarantine.list(), alert])).not.toContain(ID_NUMBER);
  });

  it('checks nothing again while the key stays the same', async () => {
    const dir = await dirs.make();
    await writtenUnderK1(dir);
    (await openWith(dir, K2)).close();
    const again = await openWith(dir, K2);
    expect(again.keyCheck).toEqual({ keyChanged: false, setAside: [], recovered: [] });
    expect(again.quarantine.counts()).toMatchObject({ sessions: 2, submissions: 1, messages: 1 });
  });

  it('takes the rows back when the original key returns, and sets aside what the other key sealed meanwhile', async () => {
    const dir = await dirs.make();
    const clock = manualClock();
    const { receiptNumber, submissionKey } = await writtenUnderK1(dir, clock.now);
    const interim = await openWith(dir, K2, clock.now);
    interim.sessions.save('under-k2', 7, { value: 'form' });
    interim.close();

    clock.advance(60_000);
    const store = await openWith(dir, K1, clock.now);
    expect(store.keyCheck.keyChanged).toBe(true);
    expect(refs(store.keyCheck.recovered)).toEqual(
      [`message:rating:${submissionKey}`, 'session:in-progress', 'session:submitted', `submission:${receiptNumber}`].sort(),
    );
    expect(refs(store.keyCheck.setAside)).toEqual(['session:under-k2']);
    expect(store.outbox.get(submissionKey)).toMatchObject({ state: 'pending' });
    const [claimed] = store.outbox.claimDue(10);
    expect(claimed!.openPayload()).toMatchObject({ applicant: { name: '张三' } });
    expect(store.outbox.attachmentBytes(claimed!.attachments[0]!.sha256).toString()).toBe('sig1:1x1:K1');
    expect(store.messages.claimDue(10).map((m) => m.key)).toEqual([submissionKey]);
    expect(store.quarantine.counts()).toMatchObject({ sessions: 1, submissions: 0, messages: 0 });
  });
});

describe('a row that stops opening while the key stays', () => {
  it('is skipped by latest(), set aside once, and the listeners hear of it', async () => {
    const clock = manualClock();
    const { store } = await dirs.open({ now: clock.now });
    const heard: QuarantinedRow[] = [];
    store.quarantine.onQuarantined((row) => heard.push(row));
    store.sessions.save('older', 7, { value: 'older' });
    clock.advance(1_000);
    store.sessions.save('newer', 7, { value: 'newer' });
    store.db.prepare(`UPDATE sessions SET state_json = (SELECT state_json FROM sessions WHERE id = 'older') WHERE id = 'newer'`).run();
    expect(store.sessions.latest()).toMatchObject({ id: 'older' });
    expect(store.sessions.latest()).toMatchObject({ id: 'older' });
    await Promise.resolve();
    expect(heard.map((r) => [r.source, r.ref, r.reason])).toEqual([['session', 'newer', 'E_DECRYPT']]);
  });

  it('is set aside with its receipt number when the sync worker reads it: payload or attachment', async () => {
    const { store } = await dirs.open();
    const a = store.outbox.commitSubmission(submissionInput({ attachments: [signature('sig1:1x1:A')] }, 'a')).entry;
    const b = store.outbox.commitSubmission(submissionInput({ attachments: [signature('sig1:1x1:B')] }, 'b')).entry;
    store.db.prepare('UPDATE outbox SET payload = ? WHERE idempotency_key = ?').run(randomBytes(64), a.idempotencyKey);
    store.db.prepare('UPDATE attachments SET sealed = ? WHERE sha256 = ?').run(randomBytes(64), signature('sig1:1x1:B').sha256);
    const [first, second] = store.outbox.claimDue(10);
    expect(thrown(() => first!.openPayload()).code).toBe('E_DECRYPT');
    expect(second!.openPayload()).toBeDefined();
    expect(thrown(() => store.outbox.attachmentBytes(second!.attachments[0]!.sha256)).code).toBe('E_DECRYPT');
    // Set aside within the same millisecond, the two are listed in either order.
    expect(store.quarantine.list().map((r) => r.receiptNumber).sort()).toEqual([a.receiptNumber, b.receiptNumber].sort());
    // What the worker records for them (delivery.ts parks store failures as store:<code>).
    store.outbox.record([first!, second!].map((row) => ({ id: row.id, kind: 'park' as const, reason: 'store:E_DECRYPT' })));
    expect(store.outbox.figures()).toMatchObject({ pending: 0, parked: 2 });
  });
});

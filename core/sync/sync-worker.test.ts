/**
 * The worker's decisions, with the client injected (the seam the fault and crash harness uses): what it
 * does on each kind of answer, when it pauses, wakes and resumes, what it leaves behind when stopped. The
 * end-to-end tests against the real back office are in sync-worker.e2e.test.ts.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncStatusSchema } from '../contract/kiosk-view.ts';
import type { DeskPrintAck, RatingAck, ReceiptSmsAck, SubmissionAck, SubmissionRequest } from '../../backoffice/api/schemas.ts';
import type { Store } from '../store/database.ts';
import { openTempStore, TempDirs } from '../store/test-helpers.ts';
import { until } from '../../test/support/until.ts';
import type { BackOfficeResult } from './client-types.ts';
import { syncStatusView } from './sync-status.ts';
import { SyncWorker, type SyncClient, type SyncWorkerOptions, type SyncWorkerStatus } from './sync-worker.ts';
import { wireRecord } from './test-support.ts';

const dirs = new TempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await dirs.cleanup();
});

type Answer = (key: string) => BackOfficeResult<SubmissionAck> | undefined;

/** A client whose answers the test scripts; by default it acknowledges like the back office would. */
class ScriptedClient implements SyncClient {
  up = true;
  answer: Answer = () => undefined;
  readonly puts: string[] = [];
  readonly ratings: string[] = [];
  readonly copies: string[] = [];

  async health(): Promise<BackOfficeResult<{ apiVersion: number }>> {
    return this.up ? { kind: 'ok', value: { apiVersion: 1 } } : { kind: 'retry', reason: 'unreachable', reached: false };
  }
  async putSubmission(key: string, request: SubmissionRequest): Promise<BackOfficeResult<SubmissionAck>> {
    await new Promise((resolve) => setImmediate(resolve));
    this.puts.push(key);
    if (!this.up) return { kind: 'retry', reason: 'unreachable', reached: false };
    const scripted = this.answer(key);
    if (scripted) return scripted;
    const caseNumbers = Object.fromEntries(request.record.items.map((item, i) => [item.itemCode, `BJ20260305${String(i).padStart(8, '0')}`]));
    return { kind: 'ok', value: { idempotencyKey: key, receiptNumber: request.receiptNumber, caseNumbers, receivedAt: 1 } };
  }
  async putRating(key: string): Promise<BackOfficeResult<RatingAck>> {
    this.ratings.push(key);
    return { kind: 'ok', value: { submissionKey: key, channel: 'kiosk', receivedAt: 1 } };
  }
  async putDeskPrint(key: string): Promise<BackOfficeResult<DeskPrintAck>> {
    this.copies.push(`deskPrint:${key}`);
    return { kind: 'ok', value: { submissionKey: key, receivedAt: 1 } };
  }
  async putReceiptSms(key: string): Promise<BackOfficeResult<ReceiptSmsAck>> {
    this.copies.push(`receiptSms:${key}`);
    return { kind: 'ok', value: { submissionKey: key, to: '139****5678', sentAt: 1 } };
  }
  async attachmentStatus(): Promise<never> {
    throw new Error('no attachments in these tests');
  }
  async putAttachmentChunk(): Promise<never> {
    throw new Error('no attachments in these tests');
  }
}

async function setup(options: Partial<SyncWorkerOptions> = {}) {
  const { store } = await openTempStore(dirs);
  cleanups.push(() => store.close());
  const client = new ScriptedClient();
  const statuses: SyncWorkerStatus[] = [];
  const worker = new SyncWorker({
    outbox: store.outbox,
    messages: store.messages,
    client,
    probeIntervalMs: { online: 60_000, offline: 30 },
    onStatus: (s) => statuses.push(s),
    ...options,
  });
  cleanups.push(() => worker.stop());
  return { store, client, worker, statuses };
}

function submit(store: Store, n = 1): string[] {
  return Array.from({ length: n }, () => {
    const key = randomUUID();
    store.outbox.commitSubmission({
      submission: { idempotencyKey: key, kioskId: 'K01', catalogVersion: 'abcdefabcdef', bundleCode: 'BIRTH-01', payload: wireRecord(key) },
      sessionId: key,
      finalSnapshot: {},
      machineVersion: 1,
    });
    return key;
  });
}

const stateOf = (store: Store, key: string) => store.outbox.get(key)?.state;

describe('SyncWorker', () => {
  it('drains the outbox oldest first, stores the case numbers, wipes the payload, and goes idle', async () => {
    const { store, client, worker, statuses } = await setup({ batchSize: 4, concurrency: 2 });
    const keys = submit(store, 10);
    worker.start();
    await until(() => worker.status.state === 'idle' && keys.every((k) => stateOf(store, k) === 'delivered'));
    expect(client.puts).toEqual(keys);
    expect(store.outbox.get(keys[0]!)).toMatchObject({ hasPayload: false, caseNumbers: { '1101050001': 'BJ2026030500000000' } });
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', backOffice: 'online', submissions: { pending: 0, parked: 0, oldestUndeliveredAt: null } });
    // What the attract screen and the technician get, valid for the renderer's contract.
    const sending = statuses.find((status) => status.state === 'sending')!;
    expect(v.parse(SyncStatusSchema, syncStatusView(sending))).toMatchObject({ worker: 'sending', queued: expect.any(Number) });
    expect(syncStatusView(statuses.at(-1)!)).toEqual({
      backOffice: 'online',
      lastContactAt: expect.any(Number),
      queued: 0,
      worker: 'idle',
      parked: 0,
      oldestUndeliveredAt: null,
      messagesQueued: 0,
      lastError: null,
      lastDeliveredAt: expect.any(Number),
    });
  });

  it('parks a row the back office refuses for good and goes on with the next', async () => {
    const { store, client, worker } = await setup();
    const keys = submit(store, 3);
    client.answer = (key) => (key === keys[1] ? { kind: 'park', reason: 'idempotency-conflict', status: 409 } : undefined);
    worker.start();
    await until(() => stateOf(store, keys[2]!) === 'delivered' && worker.status.state === 'idle');
    expect(store.outbox.get(keys[1]!)).toMatchObject({ state: 'parked', lastError: 'idempotency-conflict', hasPayload: true });
    expect(worker.status).toMatchObject({ submissions: { parked: 1, pending: 0 } });
  });

  it('parks a row its key no longer opens, reports it lost with its receipt number, and delivers the others', async () => {
    const { store, client, worker } = await setup();
    const keys = submit(store, 3);
    const lost: string[] = [];
    store.quarantine.onQuarantined((row) => lost.push(row.receiptNumber!));
    // Sealed for another row: it fails authentication like a payload sealed under another key.
    store.db.prepare('UPDATE outbox SET payload = (SELECT payload FROM outbox WHERE idempotency_key = ?) WHERE idempotency_key = ?').run(keys[0], keys[1]);
    worker.start();
    await until(() => stateOf(store, keys[2]!) === 'delivered' && worker.status.state === 'idle');
    expect(client.puts).toEqual([keys[0], keys[2]]);
    expect(store.outbox.get(keys[1]!)).toMatchObject({ state: 'parked', lastError: 'store:E_DECRYPT', hasPayload: true });
    expect(lost).toEqual([store.outbox.get(keys[1]!)!.receiptNumber]);
    expect(store.quarantine.alert()).toMatchObject({ code: 'undecryptable-rows', counts: { sessions: 0, submissions: 1, messages: 0 } });
  });

  it('backs off on 5xx, and resumes within the offline probe interval once the back office is back', async () => {
    const { store, client, worker } = await setup({ backoff: { baseMs: 60_000, maxMs: 60_000, jitter: 0 } });
    const [key] = submit(store);
    client.answer = () => ({ kind: 'retry', reason: 'http-503', reached: true, status: 503 });
    client.up = true;
    worker.start();
    await until(() => worker.status.state === 'waiting');
    expect(store.outbox.get(key!)).toMatchObject({ state: 'failed', lastError: 'http-503', attempts: 1 });
    // The back office goes down altogether, then comes back: the probe notices, not the minute of backoff.
    client.up = false;
    await until(() => worker.status.backOffice === 'offline', 1_000);
    client.answer = () => undefined;
    client.up = true;
    const back = Date.now();
    await until(() => stateOf(store, key!) === 'delivered', 2_000);
    expect(Date.now() - back).toBeLessThan(1_000);
  });

  it('never parks on refused credentials: it pauses, releases the rows untouched, and tries again', async () => {
    const { store, client, worker } = await setup({ backoff: { baseMs: 100, maxMs: 100, jitter: 0 } });
    const keys = submit(store, 3);
    client.answer = () => ({ kind: 'auth', reason: 'unknown-kiosk', status: 401 });
    worker.start();
    await until(() => worker.status.state === 'auth-refused');
    expect(keys.map((k) => store.outbox.get(k)).map((e) => [e?.state, e?.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(worker.status.lastError).toBe('unknown-kiosk');
    const refused = client.puts.length;
    client.answer = () => undefined;
    await until(() => keys.every((k) => stateOf(store, k) === 'delivered'), 2_000);
    expect(client.puts.length).toBe(refused + 3);
  });

  it('keeps a row in its place when the back office cannot be reached at all', async () => {
    const { store, client, worker } = await setup({ backoff: { baseMs: 60_000, maxMs: 60_000, jitter: 0 } });
    const keys = submit(store, 2);
    client.up = false;
    worker.start();
    await until(() => worker.status.state === 'offline' && keys.every((k) => stateOf(store, k) === 'failed'));
    for (const key of keys) expect(store.outbox.get(key)).toMatchObject({ lastError: 'unreachable', nextAttemptAt: store.outbox.get(key)!.createdAt });
    client.up = true;
    await until(() => keys.every((k) => stateOf(store, k) === 'delivered'), 2_000);
    expect(client.puts.slice(-2)).toEqual(keys);
  });

  it('wakes on a new commit instead of waiting for its next check', async () => {
    const { store, client, worker } = await setup();
    worker.start();
    await until(() => worker.status.state === 'idle' && worker.status.backOffice === 'online');
    const [key] = submit(store);
    await until(() => stateOf(store, key!) === 'delivered', 500);
    expect(client.puts).toEqual([key]);
  });

  it('delivers queued ratings too', async () => {
    const { store, client, worker } = await setup();
    const key = randomUUID();
    store.messages.enqueue({ kind: 'rating', key, payload: { submissionKey: key } });
    worker.start();
    await until(() => store.messages.get('rating', key)?.state === 'delivered');
    expect(client.ratings).toEqual([key]);
  });

  it('requeues rows a crash left in sending, and leaves rows in flight untouched when stopped', async () => {
    const { store, client, worker } = await setup();
    const [crashed] = submit(store);
    store.outbox.claimDue(1);
    expect(stateOf(store, crashed!)).toBe('sending');
    const original = client.putSubmission.bind(client);
    // The second request hangs until the worker aborts it, as the HTTP client does on stop().
    client.putSubmission = (key, request, options?: { signal?: AbortSignal }) =>
      key === crashed
        ? original(key, request)
        : new Promise((resolve) => options?.signal?.addEventListener('abort', () => resolve({ kind: 'retry', reason: 'aborted', reached: true })));
    const [second] = submit(store);
    worker.start();
    await until(() => stateOf(store, crashed!) === 'delivered');
    expect(stateOf(store, second!)).toBe('sending');
    await worker.stop();
    expect(store.outbox.get(second!)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(worker.status.state).toBe('stopped');
  });
});

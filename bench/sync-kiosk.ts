/**
 * A kiosk for the sync benchmarks: the real store in a temp directory with a queue of submissions, the
 * real signed client and the real `SyncWorker`, with counters around them that do not change what they do:
 * the delivered rows (to stop the clock at the last one) and each request's time to its answer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newSecret, type Credentials } from '../backoffice/api/signing.ts';
import type { Catalog } from '../kiosk-config/catalog-schema.ts';
import { openStore, type Store } from '../core/store/database.ts';
import { staticKeyProvider } from '../core/store/test-helpers.ts';
import { BackOfficeClient } from '../core/sync/backoffice-client.ts';
import type { BackOfficeResult } from '../core/sync/client-types.ts';
import { SyncWorker, type SyncClient } from '../core/sync/sync-worker.ts';
import { queueSubmissions, type QueuedSubmission, type SubmissionTemplate } from './queued-submissions.ts';

/** The production defaults (kiosk-config/schema.ts, backOffice). */
const CONNECT_TIMEOUT_MS = 5_000;
const RESPONSE_TIMEOUT_MS = 15_000;
const PROBE_INTERVAL_MS = { online: 15_000, offline: 3_000 };

export interface BenchKiosk {
  readonly credentials: Credentials;
  readonly store: Store;
  readonly queued: readonly QueuedSubmission[];
  /** Opens a signed client to `baseUrl` as this kiosk, the way the sync service does. */
  client(baseUrl: string): BackOfficeClient;
  close(): Promise<void>;
}

/**
 * A kiosk's store in a temp directory with `count` submissions queued. The commits run with
 * `synchronous = OFF` (the setup is not measured, and the rows are the same); FULL again before returning.
 */
export async function benchKiosk(kioskId: string, catalog: Catalog, templates: readonly SubmissionTemplate[], count: number): Promise<BenchKiosk> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-sync-'));
  const store = await openStore({ dir, keyProvider: staticKeyProvider() });
  store.db.pragma('synchronous = OFF');
  const queued = queueSubmissions(store, kioskId, catalog, templates, count);
  store.db.pragma('synchronous = FULL');
  const credentials = { kioskId, secret: newSecret() };
  const clients: BackOfficeClient[] = [];
  return {
    credentials,
    store,
    queued,
    client(baseUrl) {
      const client = new BackOfficeClient({ baseUrl, credentials, connectTimeoutMs: CONNECT_TIMEOUT_MS, responseTimeoutMs: RESPONSE_TIMEOUT_MS });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Request times in ms, as the kiosk waits for them (from sending to the checked answer). */
export type Latencies = number[];

/** The client with each call timed into `latencies`; what it sends and answers is unchanged. */
export function timedClient(client: BackOfficeClient, latencies: Latencies): SyncClient {
  const timed = async <T>(call: Promise<BackOfficeResult<T>>): Promise<BackOfficeResult<T>> => {
    const started = performance.now();
    const result = await call;
    latencies.push(performance.now() - started);
    return result;
  };
  return {
    health: (o) => client.health(o),
    putSubmission: (key, request, o) => timed(client.putSubmission(key, request, o)),
    attachmentStatus: (sha256, o) => timed(client.attachmentStatus(sha256, o)),
    putAttachmentChunk: (sha256, offset, size, chunk, o) => timed(client.putAttachmentChunk(sha256, offset, size, chunk, o)),
    putRating: (key, request, o) => timed(client.putRating(key, request, o)),
    putDeskPrint: (key, request, o) => timed(client.putDeskPrint(key, request, o)),
    putReceiptSms: (key, request, o) => timed(client.putReceiptSms(key, request, o)),
  };
}

export interface CountedWorker {
  readonly worker: SyncWorker;
  /** Resolves when `count` submissions have been recorded as delivered; rejects when one is parked. */
  delivered(count: number): Promise<void>;
  /** Attempts recorded as retries (a 503, a timeout): 0 in a clean run, allowed under a fleet's load. */
  readonly retries: () => number;
  /** The worker's synchronous calls on the store (claim a batch, read an attachment, record a batch). */
  readonly storeCalls: () => StoreCalls;
}

export interface StoreCalls {
  readonly calls: number;
  readonly totalMs: number;
  readonly longestMs: number;
}

/** The real worker on the kiosk's store, counting what it records. */
export function countedWorker(store: Store, client: SyncClient): CountedWorker {
  let delivered = 0;
  let retries = 0;
  let parked: string | undefined;
  const waiting = new Set<{ count: number; resolve: () => void; reject: (error: Error) => void }>();
  const settle = () => {
    for (const w of waiting) {
      if (parked !== undefined) w.reject(new Error(`a submission was parked: ${parked}`));
      else if (delivered >= w.count) w.resolve();
      else continue;
      waiting.delete(w);
    }
  };
  const calls = { calls: 0, totalMs: 0, longestMs: 0 };
  const timed = <T>(call: () => T): T => {
    const started = performance.now();
    try {
      return call();
    } finally {
      const ms = performance.now() - started;
      calls.calls++;
      calls.totalMs += ms;
      calls.longestMs = Math.max(calls.longestMs, ms);
    }
  };
  const outbox = {
    claimDue: (limit: number) => timed(() => store.outbox.claimDue(limit)),
    record: (outcomes: Parameters<Store['outbox']['record']>[0]) => {
      timed(() => store.outbox.record(outcomes));
      for (const outcome of outcomes) {
        if (outcome.kind === 'delivered') delivered++;
        else if (outcome.kind === 'retry') retries++;
        else if (outcome.kind === 'park') parked ??= outcome.reason;
      }
      settle();
    },
    attachmentBytes: (sha256: string) => timed(() => store.outbox.attachmentBytes(sha256)),
    requeueInterrupted: () => store.outbox.requeueInterrupted(),
    retryWaitingNow: () => store.outbox.retryWaitingNow(),
    figures: () => store.outbox.figures(),
    nextDueAt: () => store.outbox.nextDueAt(),
    onEnqueued: (listener: () => void) => store.outbox.onEnqueued(listener),
  };
  const worker = new SyncWorker({ outbox, messages: store.messages, client, probeIntervalMs: PROBE_INTERVAL_MS });
  return {
    worker,
    delivered: (count) =>
      new Promise((resolve, reject) => {
        waiting.add({ count, resolve, reject });
        settle();
      }),
    retries: () => retries,
    storeCalls: () => ({ ...calls }),
  };
}

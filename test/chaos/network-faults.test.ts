/**
 * A fault-injecting proxy between the kiosk's sync worker and the reference back office (DESIGN.md §10),
 * with a random mix of faults on every kind of request (health, attachment chunks, submissions, ratings):
 * connections refused for a while, reset before forwarding, the answer lost after the server committed,
 * 5xx, a stall before or after the server committed (the "30 s" stall: the worker's answer deadline is
 * shortened to 400 ms, so a stalled request is abandoned and retried within the test), and a request sent
 * twice. A few hundred submissions, some with attachments, are committed while the worker drains; in the
 * end each is at the back office exactly once (core/sync's own tests cover each fault on its own).
 */
import { randomInt } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../backoffice/db/database.ts';
import { startBackOffice } from '../../backoffice/server.ts';
import { TempStores } from '../../core/store/test-helpers.ts';
import { BackOfficeClient } from '../../core/sync/backoffice-client.ts';
import { startFaultProxy, type Fault } from '../../core/sync/fault-proxy.ts';
import { SyncWorker } from '../../core/sync/sync-worker.ts';
import { testCredentials } from '../../core/sync/test-support.ts';
import { expectExactlyOnce, type Receipt } from '../support/exactly-once.ts';
import { commitFakeSubmissions } from '../support/fake-submissions.ts';
import { mulberry32 } from '../support/seeded-random.ts';
import { until } from '../support/until.ts';

const SUBMISSIONS = Number(process.env.KIOSK_CHAOS_SUBMISSIONS ?? 300);
const SEED = Number(process.env.KIOSK_CHAOS_SEED ?? randomInt(2 ** 31));
/** The worker's answer deadline: a stall is noticed after this long instead of 30 s. */
const ANSWER_TIMEOUT_MS = 400;

/** Cumulative odds of each fault for one request; the rest pass. */
const FAULTS: readonly (readonly [number, Fault])[] = [
  [0.07, { kind: 'reset' }],
  [0.15, { kind: 'lose-answer' }],
  [0.19, { kind: 'status', status: 503 }],
  [0.21, { kind: 'status', status: 500 }],
  [0.23, { kind: 'status', status: 502 }],
  [0.25, { kind: 'stall' }],
  [0.29, { kind: 'stall-answer' }],
  [0.37, { kind: 'duplicate' }],
];

const stores = new TempStores();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await stores.cleanup();
});

it(`delivers ${SUBMISSIONS} submissions exactly once through a random mix of network faults (seed ${SEED}; rerun with KIOSK_CHAOS_SEED)`, async ({ annotate }) => {
  const started = performance.now();
  const rng = mulberry32(SEED);
  const db = await openDatabase({ memory: true });
  cleanups.push(() => db.close());
  const server = await startBackOffice({ database: db });
  cleanups.push(() => server.close());
  const credentials = testCredentials('CHAOS-NET');
  await server.registerKiosk(credentials);
  const proxy = await startFaultProxy(server.url);
  cleanups.push(() => proxy.close());
  proxy.rule(() => {
    const draw = rng();
    return FAULTS.find(([odds]) => draw < odds)?.[1] ?? { kind: 'pass' };
  });

  const { store } = await stores.open();
  const client = new BackOfficeClient({ baseUrl: proxy.url, credentials, connectTimeoutMs: 300, responseTimeoutMs: ANSWER_TIMEOUT_MS });
  cleanups.push(() => client.close());
  const worker = new SyncWorker({
    outbox: store.outbox,
    messages: store.messages,
    client,
    probeIntervalMs: { online: 60_000, offline: 50 },
    backoff: { baseMs: 10, maxMs: 100, jitter: 0.5 },
    random: rng,
  });
  cleanups.push(() => worker.stop());
  worker.start();

  // Citizens keep submitting while the worker drains; now and then the back office cannot be reached at all.
  const receipts: Receipt[] = [];
  let refusals = 0;
  for (let batch = 0; receipts.length < SUBMISSIONS; batch++) {
    receipts.push(...commitFakeSubmissions(store, credentials.kioskId, Math.min(20, SUBMISSIONS - receipts.length), rng));
    if (batch % 4 === 1) {
      refusals += 1;
      await proxy.refuse(50 + Math.floor(rng() * 200));
    } else {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await until(() => store.outbox.figures().pending === 0, 60_000, 'every submission delivered');
  await worker.stop();

  const figures = await expectExactlyOnce(db, credentials.kioskId, store, receipts);
  const faults = new Map<string, number>();
  for (const request of proxy.log) faults.set(request.fault, (faults.get(request.fault) ?? 0) + 1);
  const submissionFaults = new Set(proxy.log.filter((r) => r.path.includes('/submissions/')).map((r) => r.fault));
  await annotate(
    `${SUBMISSIONS} submissions in ${Math.round(performance.now() - started)} ms, seed ${SEED}: ${JSON.stringify({ ...figures, requests: proxy.log.length, refusals, faults: Object.fromEntries(faults) })}`,
  );
  // Every fault hit the submissions themselves, not only the health checks and uploads.
  expect([...submissionFaults].sort()).toEqual(['duplicate', 'lose-answer', 'pass', 'reset', 'stall', 'stall-answer', 'status']);
}, 180_000);

/**
 * Draining a kiosk's queue to the reference back office over loopback (DESIGN.md §9: 10,000 submissions
 * in ≤ 30 s and at ≥ 0.5× a plain loop's rate), the back office in a process of its own on a fresh
 * database, PGlite or PostgreSQL.
 *
 * - The worker: the real `SyncWorker` on the real store, 10,000 realistic submissions queued
 *   (queued-submissions.ts), from its start to the last one recorded as delivered.
 * - The loop: the same requests from the same kind of signed client with the same bodies, one after the
 *   other (a signature inside its submission, as the worker sends it), no outbox, to a back office on a fresh database.
 * - With citizens: the drain again, while the scripted citizen goes through sessions back to back at the
 *   same kiosk (same store, same process); the kiosk's event-loop delay (`monitorEventLoopDelay`, 1 ms
 *   resolution) from the worker's start to the last queued submission delivered; and, for comparison, over
 *   the same citizen's sessions just before, with no drain.
 *
 * Each run checks the back office afterwards: every submission once, every case number once.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { travelsInline } from '../core/sync/delivery.ts';
import type { Catalog } from '../kiosk-config/catalog-schema.ts';
import { deliveryCheck, expectExactlyOnce, freshBackOffice, type BenchDatabase } from './back-office-db.ts';
import { scriptedKiosk } from './citizen-sessions.ts';
import { cpuSample, cpuSpent, type CpuSpent } from './cpu-time.ts';
import type { SubmissionTemplate } from './queued-submissions.ts';
import { percentile } from './stats.ts';
import { benchKiosk, countedWorker, timedClient, type BenchKiosk, type Latencies } from './sync-kiosk.ts';

export interface DrainSetup {
  readonly catalog: Catalog;
  readonly templates: readonly SubmissionTemplate[];
}

export interface DrainRun {
  readonly seconds: number;
  readonly perSecond: number;
  readonly cpu: CpuSpent;
}

export interface DrainFigures {
  readonly database: BenchDatabase;
  readonly rows: number;
  readonly loop: DrainRun;
  readonly worker: DrainRun & {
    readonly requestP50Ms: number;
    readonly requestP99Ms: number;
    /** The kiosk's CPU time per delivered submission (worker, store, client: everything in its process). */
    readonly kioskCpuMsPerRow: number;
    /** The worker's synchronous store calls (claim, attachment read, record) per row and the longest one. */
    readonly storeMsPerRow: number;
    readonly longestStoreCallMs: number;
    /** The kiosk's event-loop delay during the drain alone: its longest synchronous stretch, roughly. */
    readonly loopDelayMaxMs: number;
  };
  /** The worker's rate over the loop's. */
  readonly ratio: number;
}

export interface DrainWithCitizens {
  readonly database: BenchDatabase;
  readonly rows: number;
  readonly drainSeconds: number;
  readonly sessions: number;
  readonly msPerSession: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  /** The same citizen's sessions before the drain starts, nothing else running in the kiosk. */
  readonly alone: { readonly msPerSession: number; readonly loopDelayP99Ms: number; readonly loopDelayMaxMs: number };
}

const KIOSK_ID = 'BENCH-DRAIN';
/** Sessions measured alone before the drain with citizens (about 2 s). */
const SESSIONS_ALONE = 60;

function casesOf(kiosk: BenchKiosk): number {
  return kiosk.queued.reduce((sum, q) => sum + q.request.record.items.length, 0);
}

export async function measureDrain(database: BenchDatabase, rows: number, setup: DrainSetup): Promise<DrainFigures> {
  const kiosk = await benchKiosk(KIOSK_ID, setup.catalog, setup.templates, rows);
  try {
    const loop = await plainLoop(database, kiosk);
    const worker = await workerDrain(database, kiosk);
    return { database, rows, loop, worker, ratio: worker.perSecond / loop.perSecond };
  } finally {
    await kiosk.close();
  }
}

async function plainLoop(database: BenchDatabase, kiosk: BenchKiosk): Promise<DrainRun> {
  const backOffice = await freshBackOffice(database);
  try {
    const [instance] = backOffice.instances;
    await instance!.register([kiosk.credentials]);
    const client = kiosk.client(instance!.url);
    const before = await cpuSample(backOffice.instances, database === 'postgres');
    const started = performance.now();
    for (const { key, request, attachments } of kiosk.queued) {
      // As the worker sends them: small attachments inside the submission, larger ones first.
      for (const a of attachments.filter((a) => !travelsInline(a.size))) {
        const chunk = await client.putAttachmentChunk(a.sha256, 0, a.size, a.bytes);
        if (chunk.kind !== 'ok') throw new Error(`the loop's attachment failed: ${chunk.reason}`);
      }
      const inline = attachments.filter((a) => travelsInline(a.size)).map((a) => ({ sha256: a.sha256, content: a.bytes.toString('base64') }));
      const answer = await client.putSubmission(key, inline.length > 0 ? { ...request, inline } : request);
      if (answer.kind !== 'ok') throw new Error(`the loop's submission failed: ${answer.reason}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSpent(before, await cpuSample(backOffice.instances, database === 'postgres'));
    expectExactlyOnce(await deliveryCheck(instance!), kiosk.queued.length, casesOf(kiosk));
    return { seconds, perSecond: kiosk.queued.length / seconds, cpu };
  } finally {
    await backOffice.close();
  }
}

async function workerDrain(database: BenchDatabase, kiosk: BenchKiosk): Promise<DrainFigures['worker']> {
  const backOffice = await freshBackOffice(database);
  try {
    const [instance] = backOffice.instances;
    await instance!.register([kiosk.credentials]);
    const latencies: Latencies = [];
    const { worker, delivered, retries, storeCalls } = countedWorker(kiosk.store, timedClient(kiosk.client(instance!.url), latencies));
    const before = await cpuSample(backOffice.instances, database === 'postgres');
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const started = performance.now();
    worker.start();
    await delivered(kiosk.queued.length);
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    const cpu = cpuSpent(before, await cpuSample(backOffice.instances, database === 'postgres'));
    await worker.stop();
    if (retries() > 0) throw new Error(`${retries()} deliveries were retried during the drain: not a clean run`);
    expectExactlyOnce(await deliveryCheck(instance!), kiosk.queued.length, casesOf(kiosk));
    const rows = kiosk.queued.length;
    const store = storeCalls();
    return {
      seconds,
      perSecond: rows / seconds,
      cpu,
      requestP50Ms: percentile(latencies, 50),
      requestP99Ms: percentile(latencies, 99),
      kioskCpuMsPerRow: cpu.kioskMs / rows,
      storeMsPerRow: store.totalMs / rows,
      longestStoreCallMs: store.longestMs,
      loopDelayMaxMs: delay.max / 1e6,
    };
  } finally {
    await backOffice.close();
  }
}

export async function measureDrainWithCitizens(database: BenchDatabase, rows: number, setup: DrainSetup): Promise<DrainWithCitizens> {
  const kiosk = await benchKiosk(KIOSK_ID, setup.catalog, setup.templates, rows);
  const backOffice = await freshBackOffice(database);
  const citizens = scriptedKiosk(kiosk.store, setup.catalog, KIOSK_ID);
  try {
    const [instance] = backOffice.instances;
    await instance!.register([kiosk.credentials]);
    const { worker, delivered } = countedWorker(kiosk.store, kiosk.client(instance!.url));
    // A warm session first: the first one compiles what the others reuse.
    await citizens.session(0);
    // The same sessions with no drain, for comparison: what the kiosk's loop sees from the citizen alone.
    const alone = monitorEventLoopDelay({ resolution: 1 });
    alone.enable();
    const aloneStarted = performance.now();
    for (let i = 1; i <= SESSIONS_ALONE; i++) await citizens.session(i);
    const aloneMsPerSession = (performance.now() - aloneStarted) / SESSIONS_ALONE;
    alone.disable();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    let drained = false;
    let sessions = 0;
    delay.enable();
    const started = performance.now();
    worker.start();
    const sessionsDone = (async () => {
      while (!drained) await citizens.session(SESSIONS_ALONE + ++sessions);
    })();
    await delivered(rows);
    const drainSeconds = (performance.now() - started) / 1000;
    delay.disable();
    drained = true;
    await sessionsDone;
    const sessionsSeconds = (performance.now() - started) / 1000;
    await worker.stop();
    return {
      database,
      rows,
      drainSeconds,
      sessions,
      msPerSession: (sessionsSeconds * 1000) / sessions,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
      alone: { msPerSession: aloneMsPerSession, loopDelayP99Ms: alone.percentile(99) / 1e6, loopDelayMaxMs: alone.max / 1e6 },
    };
  } finally {
    await citizens.stop();
    await backOffice.close();
    await kiosk.close();
  }
}

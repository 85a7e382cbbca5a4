/**
 * A hall's fleet delivering at once (DESIGN.md §6: several back-office instances on one PostgreSQL,
 * duplicates refused by the database): 200 kiosks, each its own store in a temp directory, its own
 * credentials and its own `SyncWorker`, all started together, split between two back-office processes on
 * one scratch database (kiosk i → instance i mod 2). The kiosks run in this one process: their workers
 * are asynchronous, and the CPU split the bench reports shows whether this process is the bottleneck.
 *
 * Reported: submissions per second from the start to the last delivery, each request's time as the kiosk
 * waits for it (p50, p99), and the back office's content afterwards: as many submissions as were queued,
 * as many distinct receipt numbers and keys, every case number once.
 */
import type { Catalog } from '../kiosk-config/catalog-schema.ts';
import { deliveryCheck, freshBackOffice, type DeliveryCheck } from './back-office-db.ts';
import { cpuSample, cpuSpent, type CpuSpent } from './cpu-time.ts';
import type { SubmissionTemplate } from './queued-submissions.ts';
import { benchKiosk, countedWorker, timedClient, type BenchKiosk, type Latencies } from './sync-kiosk.ts';
import { percentile } from './stats.ts';

export interface FleetFigures {
  readonly kiosks: number;
  readonly perKiosk: number;
  readonly instances: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly requestP50Ms: number;
  readonly requestP99Ms: number;
  /** What the back office holds afterwards, counted in its database, and what was queued. */
  readonly check: DeliveryCheck;
  readonly expected: { readonly submissions: number; readonly cases: number };
  /** Attempts that ended in a retry (a busy back office answering 503, a timeout): allowed, and counted. */
  readonly retries: number;
  readonly cpu: CpuSpent;
}

const INSTANCES = 2;

export async function measureFleet(kioskCount: number, perKiosk: number, setup: { catalog: Catalog; templates: readonly SubmissionTemplate[] }): Promise<FleetFigures> {
  const backOffice = await freshBackOffice('postgres', INSTANCES);
  const kiosks: BenchKiosk[] = [];
  try {
    for (let i = 0; i < kioskCount; i++) kiosks.push(await benchKiosk(`FLEET-${String(i + 1).padStart(3, '0')}`, setup.catalog, setup.templates, perKiosk));
    await backOffice.instances[0]!.register(kiosks.map((k) => k.credentials));
    const latencies: Latencies = [];
    const workers = kiosks.map((k, i) => countedWorker(k.store, timedClient(k.client(backOffice.instances[i % INSTANCES]!.url), latencies)));
    const before = await cpuSample(backOffice.instances, true);
    const started = performance.now();
    for (const w of workers) w.worker.start();
    await Promise.all(workers.map((w) => w.delivered(perKiosk)));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSpent(before, await cpuSample(backOffice.instances, true));
    await Promise.all(workers.map((w) => w.worker.stop()));
    const check = await deliveryCheck(backOffice.instances[1]!);
    const cases = kiosks.reduce((sum, k) => sum + k.queued.reduce((n, q) => n + q.request.record.items.length, 0), 0);
    return {
      expected: { submissions: kioskCount * perKiosk, cases },
      kiosks: kioskCount,
      perKiosk,
      instances: INSTANCES,
      seconds,
      perSecond: (kioskCount * perKiosk) / seconds,
      requestP50Ms: percentile(latencies, 50),
      requestP99Ms: percentile(latencies, 99),
      check,
      retries: workers.reduce((sum, w) => sum + w.retries(), 0),
      cpu,
    };
  } finally {
    await Promise.all(kiosks.map((k) => k.close()));
    await backOffice.close();
  }
}

/**
 * The back office killed and restarted with 1,000 submissions queued (DESIGN.md §6): the back office runs
 * as its own process (the CLI's `serve`, on a PGlite directory or on PostgreSQL), the kiosk's sync worker
 * drains a queue of 1,000 into it, and the back office is SIGKILLed twice mid-drain (requests in flight)
 * and started again on the same port and data. The queue drains with no action from anyone, and every
 * submission is at the back office exactly once.
 */
import { randomInt } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { DatabaseChoice } from '../../backoffice/cli/args.ts';
import { openDatabase } from '../../backoffice/db/database.ts';
import { migrate } from '../../backoffice/db/migrate.ts';
import { describeEachDatabase } from '../../backoffice/db/test-databases.ts';
import { addKiosk } from '../../backoffice/model/kiosks.ts';
import { TempStores } from '../../core/store/test-helpers.ts';
import { BackOfficeClient } from '../../core/sync/backoffice-client.ts';
import { SyncWorker } from '../../core/sync/sync-worker.ts';
import { testCredentials } from '../../core/sync/test-support.ts';
import { freePort, serveBackOffice } from '../support/backoffice-process.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { commitFakeSubmissions } from '../support/fake-submissions.ts';
import type { LineProcess } from '../support/line-process.ts';
import { mulberry32 } from '../support/seeded-random.ts';
import { until } from '../support/until.ts';

const QUEUED = 1000;
const SEED = Number(process.env.KIOSK_CHAOS_SEED ?? randomInt(2 ** 31));
/** Kill when this many are delivered: early in the drain and again past the middle. */
const KILL_AT = [250, 650];

const stores = new TempStores();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await stores.cleanup();
});

describeEachDatabase('the back office killed mid-drain', (target) => {
  it(`drains ${QUEUED} queued submissions exactly once through two kill -9 of the back office (seed ${SEED})`, { timeout: 180_000 }, async ({ annotate }) => {
    const started = performance.now();
    const { store, dir } = await stores.open();
    // PGlite in a directory beside the kiosk's data, as a hall's single back office would keep it.
    const database: DatabaseChoice = target.url ? { postgres: target.url } : { pglite: `${dir}-backoffice` };
    const credentials = testCredentials('CHAOS-BO');
    const setup = await openDatabase(database);
    await migrate(setup);
    await addKiosk(setup, credentials, Date.now());
    await setup.close();

    const receipts = commitFakeSubmissions(store, credentials.kioskId, QUEUED, mulberry32(SEED));
    const port = await freePort();
    let server: LineProcess | undefined;
    cleanups.push(() => server?.dispose());
    const serve = async (n: number) => {
      const started = await serveBackOffice(database, port, `back office ${n}`);
      server = started.process;
      return started.url;
    };
    const url = await serve(0);
    const client = new BackOfficeClient({ baseUrl: url, credentials, connectTimeoutMs: 1_000, responseTimeoutMs: 5_000 });
    cleanups.push(() => client.close());
    const worker = new SyncWorker({
      outbox: store.outbox,
      messages: store.messages,
      client,
      probeIntervalMs: { online: 60_000, offline: 100 },
      backoff: { baseMs: 50, maxMs: 500, jitter: 0.5 },
    });
    cleanups.push(() => worker.stop());
    const delivered = () => QUEUED - store.outbox.figures().pending;
    worker.start();

    const kills: { delivered: number; offlineMs: number }[] = [];
    for (const [i, at] of KILL_AT.entries()) {
      await until(() => delivered() >= at, 60_000, `${at} delivered`);
      await server!.kill();
      const down = performance.now();
      await until(() => worker.status.backOffice === 'offline', 10_000, 'the worker to notice');
      kills.push({ delivered: delivered(), offlineMs: Math.round(performance.now() - down) });
      await serve(i + 1);
    }
    await until(() => delivered() === QUEUED, 60_000, 'the whole queue delivered');
    await worker.stop();
    await server!.terminate();

    const db = await openDatabase(database);
    try {
      const figures = await expectExactlyOnce(db, credentials.kioskId, store, receipts);
      await annotate(`${QUEUED} queued, ${target.kind}, ${Math.round(performance.now() - started)} ms: ${JSON.stringify({ ...figures, kills })}`);
      expect(figures.submissions).toBe(QUEUED);
    } finally {
      await db.close();
    }
  });
});

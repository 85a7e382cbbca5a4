/**
 * Disk full while a citizen commits a submission (DESIGN.md §6), on a real small disk (a tmpfs): the citizen
 * is told so and staff are called (the storage alarm the heartbeat carries); nothing half-written remains
 * (no outbox row, no receipt number used, no attachment, an intact database); and once the space returns the
 * same session submits on retry, the receipt prints once and the submission reaches the back office exactly
 * once. A second test fills the disk to many different levels so the failure falls at different points of
 * the commit. Needs root for the mount: skipped elsewhere, required where KIOSK_REQUIRE_SMALL_DISK=1 (CI).
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskAlert } from '../../backoffice/api/schemas.ts';
import { openDatabase } from '../../backoffice/db/database.ts';
import { startBackOffice } from '../../backoffice/server.ts';
import { SAMPLE_CATALOG_DIR } from '../../core/catalog/catalog-test-dir.ts';
import { loadCatalog } from '../../core/catalog/load-catalog.ts';
import type { TransactionView } from '../../core/contract/transaction-view.ts';
import { createKioskLogger } from '../../core/logging/logger.ts';
import { openStore, type Store } from '../../core/store/database.ts';
import { isStoreError } from '../../core/store/errors.ts';
import { StorageAlarm } from '../../core/store/storage-alarm.ts';
import { staticKeyProvider } from '../../core/store/test-helpers.ts';
import { BackOfficeClient } from '../../core/sync/backoffice-client.ts';
import { SyncWorker } from '../../core/sync/sync-worker.ts';
import { testCredentials } from '../../core/sync/test-support.ts';
import { KioskSessions } from '../../core/transaction/kiosk-sessions.ts';
import { motherCardRead } from '../support/card-read.ts';
import { expectExactlyOnce, type Receipt } from '../support/exactly-once.ts';
import { commitFakeSubmissions } from '../support/fake-submissions.ts';
import { fillAndSubmit } from '../support/scripted-citizen.ts';
import { testSessionOptions } from '../support/session-options.ts';
import { mulberry32 } from '../support/seeded-random.ts';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk.ts';
import { until } from '../support/until.ts';

const TODAY = new Date('2025-03-01T09:00:00+08:00');
const disk = mountSmallDisk(16 * 1024 * 1024);
const unavailable = 'unavailable' in disk ? disk.unavailable : null;
if (unavailable && process.env.KIOSK_REQUIRE_SMALL_DISK === '1') throw new Error(`KIOSK_REQUIRE_SMALL_DISK=1 but ${unavailable}`);

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function rows(store: Store): { outbox: number; attachments: number; receiptNumbers: number } {
  const count = (sql: string) => store.db.prepare(sql).pluck().get() as number;
  return {
    outbox: count('SELECT count(*) FROM outbox'),
    attachments: count('SELECT count(*) FROM attachments'),
    receiptNumbers: count('SELECT coalesce(sum(last), 0) FROM receipt_sequences'),
  };
}

/** A back office in memory and a worker draining `store` to it; resolves once nothing is left to send. */
async function deliverAll(store: Store, kioskId: string) {
  const db = await openDatabase({ memory: true });
  cleanups.push(() => db.close());
  const server = await startBackOffice({ database: db });
  cleanups.push(() => server.close());
  const credentials = { ...testCredentials(kioskId) };
  await server.registerKiosk(credentials);
  const client = new BackOfficeClient({ baseUrl: server.url, credentials, connectTimeoutMs: 2_000, responseTimeoutMs: 10_000 });
  cleanups.push(() => client.close());
  const worker = new SyncWorker({ outbox: store.outbox, messages: store.messages, client, probeIntervalMs: { online: 60_000, offline: 50 } });
  worker.start();
  await until(() => store.outbox.figures().pending === 0 && store.messages.figures().pending === 0, 30_000, 'everything delivered');
  await worker.stop();
  return db;
}

describe.skipIf(unavailable !== null)(`disk full (${unavailable ?? 'a 16 MB tmpfs'})`, () => {
  const small = disk as SmallDisk;
  afterEach(() => small.unfill());
  afterAll(() => small.unmount());

  it('tells the citizen, calls staff, writes nothing, and submits on retry once the space returns, exactly once', async () => {
    const loaded = await loadCatalog(SAMPLE_CATALOG_DIR);
    if (!loaded.ok) throw new Error('the sample catalog does not load');
    const { catalog } = loaded;
    const dir = `${small.dir}/kiosk-citizen`;
    const store = await openStore({ dir, keyProvider: staticKeyProvider(), now: () => TODAY.getTime() });
    cleanups.push(() => store.close());
    const logger = createKioskLogger({ dir: `${small.dir}/logs-citizen`, level: 'warn' });
    cleanups.push(() => logger.close());
    const alerts: (KioskAlert | null)[] = [];
    const alarm = new StorageAlarm((alert) => alerts.push(alert), () => TODAY.getTime());
    const views: (TransactionView | null)[] = [];
    const print = vi.fn(async () => undefined);
    const sessions = new KioskSessions(
      testSessionOptions(TODAY, { catalog, store, kioskId: 'K-DISK', log: logger.log, print, onView: (view) => views.push(view), onStored: (error) => alarm.report(error) }),
    );
    cleanups.push(() => sessions.stop());
    const last = () => views.at(-1) ?? null;

    // The GB 11643 sample number: eligible for every sample bundle.
    sessions.cardRead(motherCardRead(TODAY, { name: '测试', idNumber: '11010519491231002X', birthDate: '1949-12-31' }));
    await until(() => last()?.step === 'consent');
    const driver = { send: sessions.handle.bind(sessions), view: last, settle: () => sessions.flush() };
    // Up to the review: the citizen's own submit comes once the disk is full.
    await fillAndSubmit({ ...driver, send: (event) => event.type !== 'user.submit' && driver.send(event) }, catalog.bundles[0]!.code);
    await until(() => last()?.step === 'review');
    const before = rows(store);

    small.fill(0);
    expect(sessions.handle({ type: 'user.submit' })).toBe(true);
    await until(() => last()?.step === 'submitFailed', 5_000, 'the failure on screen');
    expect(last()!.submitFailure).toBe('storageFull');
    expect(last()!.submission).toBeNull();
    expect(alerts).toEqual([expect.objectContaining({ code: 'storage-full', since: TODAY.getTime(), detail: expect.stringContaining('the disk is full') })]);
    expect(print).not.toHaveBeenCalled();
    expect(rows(store)).toEqual(before);

    // Retrying on a disk still full fails the same way, and raises no second alarm.
    expect(sessions.handle({ type: 'user.retry' })).toBe(true);
    await sessions.flush();
    await until(() => last()?.step === 'submitFailed');
    expect(alerts).toHaveLength(1);
    expect(rows(store)).toEqual(before);

    small.unfill();
    expect(sessions.handle({ type: 'user.retry' })).toBe(true);
    await until(() => last()?.step === 'rating', 5_000, 'the receipt after the retry');
    expect(alerts).toEqual([expect.anything(), null]);
    expect(print).toHaveBeenCalledTimes(1);
    const receipt: Receipt = { key: store.outbox.pending(10)[0]!.idempotencyKey, receiptNumber: last()!.submission!.receiptNumber };
    expect(receipt.receiptNumber).toBe('SL-K-DISK-20250301-000001');
    expect(sessions.handle({ type: 'user.rate', level: 5, reasons: [] })).toBe(true);
    await until(() => views.at(-1) === null && store.sessions.latest() === undefined);

    expect(store.integrityProblems()).toEqual([]);
    const db = await deliverAll(store, 'K-DISK');
    await expectExactlyOnce(db, 'K-DISK', store, [receipt]);
  }, 60_000);

  it('leaves every commit whole or absent, whatever space is left when it fails', async ({ annotate }) => {
    const seed = 20261203;
    const rng = mulberry32(seed);
    const dir = `${small.dir}/kiosk-sweep`;
    const key = staticKeyProvider();
    let store = await openStore({ dir, keyProvider: key });
    const receipts: Receipt[] = [];
    let failures = 0;
    // From nothing left to more than the largest submission (an image of two upload chunks).
    for (let left = 0; left <= 640 * 1024; left += 8 * 1024 + Math.floor(rng() * 4096)) {
      small.fill(left);
      for (;;) {
        const before = rows(store);
        try {
          receipts.push(...commitFakeSubmissions(store, 'K-SWEEP', 1, rng));
        } catch (error) {
          if (!isStoreError(error, 'E_FULL')) throw error;
          failures += 1;
          expect(rows(store), `after a failed commit with ${left} bytes left`).toEqual(before);
          break;
        }
      }
      small.unfill();
      // What the kiosk holds after each failure survives a restart whole.
      if (failures % 10 === 0) {
        store.close();
        store = await openStore({ dir, keyProvider: key });
      }
    }
    cleanups.push(() => store.close());
    expect(failures).toBeGreaterThan(50);
    expect(store.integrityProblems()).toEqual([]);
    expect(rows(store).outbox).toBe(receipts.length);
    const db = await deliverAll(store, 'K-SWEEP');
    const figures = await expectExactlyOnce(db, 'K-SWEEP', store, receipts);
    await annotate(`${failures} commits failed on a full disk, ${receipts.length} succeeded and were delivered once: ${JSON.stringify(figures)} (seed ${seed})`);
  }, 120_000);
});

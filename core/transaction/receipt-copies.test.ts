/**
 * The receipt shown on screen when the printer fails after the submission: the citizen asks for it at the
 * hall's desk and for its number by text message; both are durable messages sent once by the sync worker to
 * a real back office, queued while it cannot be reached, however often the citizen asks.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { newSecret } from '../../backoffice/api/signing.ts';
import { openDatabase } from '../../backoffice/db/database.ts';
import { waitingDeskPrints } from '../../backoffice/model/desk-prints.ts';
import { startBackOffice } from '../../backoffice/server.ts';
import { recordedSms } from '../../backoffice/sms/recording-gateway.ts';
import { motherCardRead } from '../../test/support/card-read.ts';
import { fillAndSubmit } from '../../test/support/scripted-citizen.ts';
import { testSessionOptions } from '../../test/support/session-options.ts';
import { until } from '../../test/support/until.ts';
import { BIRTH_CATALOG, MOTHER_CARD } from '../bundle/birth-catalog.fixture.ts';
import type { TransactionView } from '../contract/transaction-view.ts';
import { createKioskLogger } from '../logging/logger.ts';
import { openTempStore, TempDirs } from '../store/test-helpers.ts';
import { BackOfficeClient } from '../sync/backoffice-client.ts';
import { SyncWorker } from '../sync/sync-worker.ts';
import { KioskSessions } from './kiosk-sessions.ts';
import { DEFAULT_TIMEOUTS } from './transaction-types.ts';

const TODAY = new Date('2026-12-03T09:00:00+08:00');
const PHONE = '13812345678';
const dirs = new TempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await dirs.cleanup();
});

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A kiosk whose printer is out of paper, its sync worker pointed at a back office that is not up yet. */
async function paperOutKiosk() {
  const { store, dir } = await openTempStore(dirs, { now: () => TODAY.getTime() });
  const logger = createKioskLogger({ dir: `${dir}/logs`, level: 'info' });
  const views: (TransactionView | null)[] = [];
  const sessions = new KioskSessions(
    testSessionOptions(TODAY, {
      catalog: BIRTH_CATALOG,
      store,
      log: logger.log,
      print: async () => Promise.reject(new Error('E_MEDIA: paper out')),
      onView: (view) => views.push(view),
      tickMs: 50,
    }),
  );
  const port = await freePort();
  const credentials = { kioskId: 'K1', secret: newSecret() };
  const client = new BackOfficeClient({ baseUrl: `http://127.0.0.1:${port}`, credentials, connectTimeoutMs: 500, responseTimeoutMs: 5_000 });
  const worker = new SyncWorker({
    outbox: store.outbox,
    messages: store.messages,
    client,
    probeIntervalMs: { online: 60_000, offline: 100 },
    backoff: { baseMs: 50, maxMs: 200, jitter: 0 },
    onStatus: () => sessions.deliveryChanged(),
  });
  worker.start();
  cleanups.push(async () => {
    await worker.stop();
    client.close();
    await sessions.stop();
    store.close();
    await logger.close();
  });
  const db = await openDatabase({ memory: true });
  cleanups.push(() => db.close());
  const backOfficeUp = async () => {
    const server = await startBackOffice({ database: db, port, log: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    cleanups.push(() => server.close());
    await server.registerKiosk(credentials);
  };
  const last = () => views.at(-1) ?? null;
  return { sessions, store, dir, db, last, backOfficeUp };
}

describe('receipt copies when the printer fails after the submission', () => {
  it('queue the desk print and the text message offline, once however often asked, and deliver each once when the back office answers', { timeout: 90_000 }, async () => {
    const k = await paperOutKiosk();
    k.sessions.cardRead(motherCardRead(TODAY));
    await until(() => k.last()?.step === 'consent');
    await fillAndSubmit({ send: (e) => k.sessions.handle(e), view: k.last, settle: () => k.sessions.flush().then(() => until(() => k.last() !== null)) }, BIRTH_CATALOG.bundles[0]!.code);
    await until(() => k.last()?.step === 'receiptOnScreen', 40_000);
    const shown = k.last()!;
    expect(shown.receiptCopies).toEqual({ desk: null, sms: null, smsTo: '138****5678' });
    // The only copy of the number stays longer than a step: 10 minutes, not 2.
    await until(() => (k.last()?.timer.remainingMs ?? 0) > DEFAULT_TIMEOUTS.stepMs, 5_000);

    for (let i = 0; i < 3; i++) {
      expect(k.sessions.handle({ type: 'user.receiptCopy', via: 'desk' })).toBe(true);
      expect(k.sessions.handle({ type: 'user.receiptCopy', via: 'sms' })).toBe(true);
    }
    await until(() => k.last()?.receiptCopies?.desk === 'queued' && k.last()?.receiptCopies?.sms === 'queued');
    const key = k.store.outbox.byReceiptNumber(shown.submission!.receiptNumber)!.idempotencyKey;
    // Offline: each is kept on the kiosk (being tried, or waiting to be), none delivered.
    for (const kind of ['deskPrint', 'receiptSms'] as const) expect(k.store.messages.get(kind, key)?.state).toMatch(/^(pending|sending|failed)$/);
    expect(k.store.messages.figures().pending).toBe(2);

    await k.backOfficeUp();
    await until(() => k.last()?.receiptCopies?.desk === 'done' && k.last()?.receiptCopies?.sms === 'done', 20_000);
    // Asked again after delivery: nothing more is queued or sent.
    expect(k.sessions.handle({ type: 'user.receiptCopy', via: 'sms' })).toBe(true);
    await k.sessions.flush();
    const prints = await waitingDeskPrints(k.db);
    expect(prints).toHaveLength(1);
    expect(prints[0]!.receiptNumber).toBe(shown.submission!.receiptNumber);
    expect(prints[0]!.lines.join('\n')).toContain(shown.submission!.receiptNumber);
    expect(prints[0]!.lines.join('\n')).not.toContain(MOTHER_CARD.name);
    const sms = await recordedSms(k.db);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ toMasked: '138****5678' });
    expect(sms[0]!.text).toContain(shown.submission!.receiptNumber);
    // The kiosk's log names the copies, never the number.
    expect(await readFile(`${k.dir}/logs/kiosk.log`, 'utf8')).not.toContain(PHONE);
  });
});

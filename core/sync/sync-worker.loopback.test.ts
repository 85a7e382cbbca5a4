/**
 * The sync worker end to end against the real reference back office (PGlite in memory) on loopback, with
 * the fault proxy in between where a test needs the network to misbehave.
 */
import { MAX_INLINE_ATTACHMENT_BYTES } from '../../backoffice/api/schemas.ts';
import { createHash, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../backoffice/db/database.ts';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import type { Store } from '../store/database.ts';
import type { AttachmentInput } from '../store/attachments.ts';
import { openTempStore, readAllFiles, TempDirs } from '../store/test-helpers.ts';
import { until } from '../../test/support/until.ts';
import { BackOfficeClient } from './backoffice-client.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { SyncWorker, type SyncClient, type SyncWorkerOptions } from './sync-worker.ts';
import { FAKE_ID_NUMBER, testCredentials, wireRecord } from './test-support.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ memory: true });
}, 60_000);
afterAll(() => db?.close());

const dirs = new TempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await dirs.cleanup();
});

async function backOffice(port = 0): Promise<BackOfficeServer> {
  const server = await startBackOffice({ database: db, port });
  cleanups.push(() => server.close());
  return server;
}

async function proxyTo(server: BackOfficeServer): Promise<FaultProxy> {
  const proxy = await startFaultProxy(server.url);
  cleanups.push(() => proxy.close());
  return proxy;
}

interface Kiosk {
  readonly store: Store;
  readonly dir: string;
  readonly credentials: ReturnType<typeof testCredentials>;
  readonly client: BackOfficeClient;
  readonly worker: SyncWorker;
  /** Idempotency keys in the order the worker started delivering them (an attachment, or the submission). */
  readonly started: string[];
  /** Which submission an attachment belongs to, for `started`. */
  readonly owners: Map<string, string>;
}

async function kiosk(baseUrl: string, options: Partial<SyncWorkerOptions> & { register?: BackOfficeServer } = {}): Promise<Kiosk> {
  const { store, dir } = await openTempStore(dirs);
  cleanups.push(() => store.close());
  const credentials = testCredentials(`K${randomUUID().slice(0, 8)}`);
  await options.register?.registerKiosk(credentials);
  const client = new BackOfficeClient({ baseUrl, credentials, connectTimeoutMs: 1_000, responseTimeoutMs: 5_000 });
  cleanups.push(() => client.close());
  const started: string[] = [];
  const owners = new Map<string, string>();
  const touch = (key: string | undefined) => key && !started.includes(key) && started.push(key);
  const spied: SyncClient = {
    health: (o) => client.health(o),
    putSubmission: (key, request, o) => (touch(key), client.putSubmission(key, request, o)),
    attachmentStatus: (sha, o) => (touch(owners.get(sha)), client.attachmentStatus(sha, o)),
    putAttachmentChunk: (sha, offset, size, chunk, o) => (touch(owners.get(sha)), client.putAttachmentChunk(sha, offset, size, chunk, o)),
    putRating: (key, request, o) => client.putRating(key, request, o),
    putDeskPrint: (key, request, o) => client.putDeskPrint(key, request, o),
    putReceiptSms: (key, request, o) => client.putReceiptSms(key, request, o),
  };
  const worker = new SyncWorker({ outbox: store.outbox, messages: store.messages, client: spied, probeIntervalMs: { online: 60_000, offline: 500 }, ...options });
  cleanups.push(() => worker.stop());
  return { store, dir, credentials, client, worker, started, owners };
}

function attachment(bytes: Buffer, contentType: AttachmentInput['contentType'] = 'application/x-kiosk-signature'): AttachmentInput {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return contentType === 'application/x-kiosk-signature'
    ? { sha256, size: bytes.length, contentType, role: 'signature', fieldKey: 'applicant.signature', bytes }
    : { sha256, size: bytes.length, contentType, role: 'capture', materialKey: 'birth.medicalCertificate', bytes };
}

/** Commits `n` submissions, the i-th with the attachments `extra(i)`. */
function submit(k: Kiosk, n: number, extra: (i: number) => AttachmentInput[] = () => []): string[] {
  return Array.from({ length: n }, (_, i) => {
    const key = randomUUID();
    const record = wireRecord(key);
    const attachments = extra(i);
    for (const a of attachments) k.owners.set(a.sha256, key);
    const signature = attachments.find((a) => a.role === 'signature');
    if (signature) record.items[0]!.values = { ...record.items[0]!.values, 'applicant.signature': `sha256:${signature.sha256}` } as never;
    k.store.outbox.commitSubmission({
      submission: { idempotencyKey: key, kioskId: k.credentials.kioskId, catalogVersion: 'abcdefabcdef', bundleCode: 'BIRTH-01', applicantIdNumber: FAKE_ID_NUMBER, payload: record, attachments },
      sessionId: key,
      finalSnapshot: {},
      machineVersion: 1,
    });
    return key;
  });
}

const delivered = (k: Kiosk, keys: readonly string[]) => keys.every((key) => k.store.outbox.get(key)?.state === 'delivered');

async function atBackOffice(kioskId: string): Promise<{ key: string; caseNumbers: Record<string, string> }[]> {
  const rows = await db.query<{ idempotency_key: string; ack: string }>('SELECT idempotency_key, ack FROM submissions WHERE kiosk_id = $1', [kioskId]);
  return rows.map((row) => ({ key: row.idempotency_key, caseNumbers: (JSON.parse(row.ack) as { caseNumbers: Record<string, string> }).caseNumbers }));
}

describe('SyncWorker against the reference back office', () => {
  it('drains oldest first, each submission exactly once, and leaves no personal data behind', async () => {
    const server = await backOffice();
    const k = await kiosk(server.url, { register: server });
    const keys = submit(k, 40, (i) => (i % 4 === 0 ? [attachment(Buffer.from(`sig1:320x120:${'AbC'.repeat(50 + i)}`))] : []));
    k.worker.start();
    await until(() => delivered(k, keys), 20_000, 'all delivered');
    expect(k.started).toEqual(keys);
    const held = await atBackOffice(k.credentials.kioskId);
    expect(held.map((h) => h.key).sort()).toEqual([...keys].sort());
    for (const { key, caseNumbers } of held) expect(k.store.outbox.get(key)?.caseNumbers).toEqual(caseNumbers);
    expect(k.store.db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
    const needle = Buffer.from(FAKE_ID_NUMBER);
    for (const file of await readAllFiles(k.dir)) expect(file.bytes.includes(needle), file.path).toBe(false);
    await until(() => k.worker.status.state === 'idle');
    expect(k.worker.status).toMatchObject({ backOffice: 'online', submissions: { pending: 0, parked: 0, oldestUndeliveredAt: null }, lastError: null });
  }, 30_000);

  it('sends a signature inside its submission, a capture larger than that first: the signature costs no request of its own', async () => {
    const server = await backOffice();
    const proxy = await proxyTo(server);
    const k = await kiosk(proxy.url, { register: server });
    const signature = attachment(Buffer.from(`sig1:320x120:${'Qz'.repeat(300)}`));
    const capture = attachment(Buffer.alloc(MAX_INLINE_ATTACHMENT_BYTES + 1, 'c'), 'image/png');
    const keys = [...submit(k, 1, () => [signature]), ...submit(k, 1, () => [capture])];
    k.worker.start();
    await until(() => delivered(k, keys), 20_000, 'all delivered');
    expect(proxy.log.filter((r) => r.method === 'PUT').map((r) => r.path.replace(/\/[0-9a-f-]{36}$|\/[0-9a-f]{64}\?.*$/, ''))).toEqual(['/api/v1/submissions', '/api/v1/attachments', '/api/v1/submissions']);
    const stored = await db.query<{ sha256: string; complete: boolean }>('SELECT sha256, complete FROM attachments WHERE sha256 = ANY ($1::text[]) ORDER BY size', [[signature.sha256, capture.sha256]]);
    expect(stored).toEqual([{ sha256: signature.sha256, complete: true }, { sha256: capture.sha256, complete: true }]);
  }, 30_000);

  it('stays exactly once when answers are lost after the commit and requests arrive twice', async () => {
    const server = await backOffice();
    const proxy = await proxyTo(server);
    const k = await kiosk(proxy.url, { register: server, backoff: { baseMs: 50, maxMs: 200, jitter: 0.5 } });
    const keys = submit(k, 12);
    const faulted = new Set<string>();
    proxy.rule((req) => {
      const key = /submissions\/(.+)$/.exec(req.path)?.[1];
      if (!key || faulted.has(key)) return { kind: 'pass' };
      faulted.add(key);
      return { kind: keys.indexOf(key) % 2 === 0 ? 'lose-answer' : 'duplicate' };
    });
    k.worker.start();
    await until(() => delivered(k, keys), 20_000, 'all delivered');
    const held = await atBackOffice(k.credentials.kioskId);
    expect(held).toHaveLength(keys.length);
    for (const { key, caseNumbers } of held) expect(k.store.outbox.get(key)?.caseNumbers).toEqual(caseNumbers);
    const cases = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_items c JOIN submissions s USING (idempotency_key) WHERE s.kiosk_id = $1', [k.credentials.kioskId]);
    expect(cases[0]!.n).toBe(keys.length);
  }, 30_000);

  it('parks a submission the back office refuses and goes on with the next', async () => {
    const server = await backOffice();
    const k = await kiosk(server.url, { register: server });
    const keys = submit(k, 3);
    // Someone already used the middle key with another body: 409 idempotency-conflict, for good.
    const [, taken] = keys;
    const other = { ...wireRecord(taken!), bundleCode: 'OTHER-01' };
    const first = await k.client.putSubmission(taken!, { receiptNumber: `SL-${k.credentials.kioskId}-20260101-999999`, catalogVersion: 'abcdefabcdef', record: other, attachments: [] });
    expect(first.kind).toBe('ok');
    k.worker.start();
    await until(() => k.store.outbox.get(keys[2]!)?.state === 'delivered' && k.worker.status.state === 'idle', 20_000);
    expect(k.store.outbox.get(taken!)).toMatchObject({ state: 'parked', lastError: 'idempotency-conflict', hasPayload: true });
    expect(k.store.outbox.get(keys[0]!)?.state).toBe('delivered');
    expect(k.worker.status.submissions).toMatchObject({ parked: 1, pending: 0 });
  }, 30_000);

  it('backs off on 5xx and resumes within 10 s of the back office answering again', async ({ annotate }) => {
    const server = await backOffice();
    const proxy = await proxyTo(server);
    const k = await kiosk(proxy.url, { register: server });
    proxy.rule(() => ({ kind: 'status', status: 503 }));
    const keys = submit(k, 5);
    k.worker.start();
    await until(() => k.worker.status.lastError === 'injected-503', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(k.store.outbox.get(keys[0]!)).toMatchObject({ state: 'failed', lastError: 'injected-503' });
    const attempts = proxy.log.filter((r) => r.path.includes('/submissions/')).length;
    // Backing off: a handful of attempts in 3 s, not a request storm.
    expect(attempts).toBeLessThan(12);
    proxy.rule(() => ({ kind: 'pass' }));
    const back = Date.now();
    await until(() => delivered(k, keys), 10_000, 'delivered within 10 s');
    const resumedMs = Date.now() - back;
    expect(resumedMs).toBeLessThan(10_000);
    await annotate(`resumed ${resumedMs} ms after the back office answered again (5xx)`);
  }, 30_000);

  it('resumes within 10 s when the back office is stopped and started again on the same port', async ({ annotate }) => {
    const server = await backOffice();
    const port = Number(new URL(server.url).port);
    const k = await kiosk(server.url, { register: server });
    k.worker.start();
    const before = submit(k, 3);
    await until(() => delivered(k, before), 20_000);
    await server.close();
    const during = submit(k, 5);
    await until(() => k.worker.status.state === 'offline', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(during.every((key) => k.store.outbox.get(key)?.state !== 'delivered')).toBe(true);
    await backOffice(port);
    const back = Date.now();
    await until(() => delivered(k, during), 10_000, 'delivered within 10 s');
    const resumedMs = Date.now() - back;
    await annotate(`resumed ${resumedMs} ms after the back office came back on its port`);
    expect((await atBackOffice(k.credentials.kioskId)).length).toBe(8);
  }, 30_000);

  it('never parks on 401: it waits for the credentials to be accepted and then delivers', async () => {
    const server = await backOffice();
    const k = await kiosk(server.url, { backoff: { baseMs: 200, maxMs: 400, jitter: 0.5 } });
    const keys = submit(k, 3);
    k.worker.start();
    const untouched = () => keys.every((key) => k.store.outbox.get(key)?.state === 'pending' && k.store.outbox.get(key)?.attempts === 0);
    await until(() => k.worker.status.state === 'auth-refused' && untouched(), 5_000);
    expect(k.worker.status.lastError).toBe('unknown-kiosk');
    // Still refused a few rounds later, and still nothing parked or counted against the rows.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(k.worker.status.submissions.parked).toBe(0);
    await server.registerKiosk(k.credentials);
    await until(() => delivered(k, keys), 10_000);
  }, 30_000);

  it('continues an interrupted upload from where the back office stopped, never from the start', async () => {
    const server = await backOffice();
    const proxy = await proxyTo(server);
    const k = await kiosk(proxy.url, { register: server, backoff: { baseMs: 100, maxMs: 200, jitter: 0.5 } });
    const image = Buffer.alloc(700 * 1024, 7);
    image.write('\x89PNG', 0, 'latin1');
    const capture = attachment(image, 'image/png');
    const [key] = submit(k, 1, () => [capture]);
    // The second chunk's connection is cut, and so is the client's immediate resend of it.
    let chunks = 0;
    proxy.rule((req) => (req.method === 'PUT' && req.path.includes('/attachments/') && [2, 3].includes(++chunks) ? { kind: 'reset' } : { kind: 'pass' }));
    k.worker.start();
    await until(() => delivered(k, [key!]), 20_000);
    const uploads = proxy.log.filter((r) => r.path.includes('/attachments/')).map((r) => `${r.method} ${/offset=(\d+)/.exec(r.path)?.[1] ?? ''}`);
    expect(uploads).toEqual(['GET ', 'PUT 0', 'PUT 262144', 'PUT 262144', 'GET ', 'PUT 262144', 'PUT 524288']);
    const [stored] = await db.query<{ complete: boolean }>('SELECT received = size AS complete FROM attachments WHERE sha256 = $1', [capture.sha256]);
    expect(stored?.complete).toBe(true);
  }, 30_000);

  it('keeps the event loop free while draining: a few ms per synchronous section at most', async ({ annotate }) => {
    const server = await backOffice();
    const k = await kiosk(server.url, { register: server });
    const keys = submit(k, 300, (i) => (i % 3 === 0 ? [attachment(Buffer.from(`sig1:320x120:${i}-${'Xy'.repeat(400)}`))] : []));
    const sections: number[] = [];
    for (const method of ['claimDue', 'record'] as const) {
      const original = k.store.outbox[method].bind(k.store.outbox) as (...args: unknown[]) => unknown;
      (k.store.outbox as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const start = performance.now();
        try {
          return original(...args);
        } finally {
          sections.push(performance.now() - start);
        }
      };
    }
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const started = performance.now();
    k.worker.start();
    await until(() => delivered(k, keys), 30_000);
    const elapsed = performance.now() - started;
    delay.disable();
    sections.sort((a, b) => a - b);
    const figures = {
      rows: keys.length,
      rowsPerSecond: Math.round(keys.length / (elapsed / 1000)),
      syncSectionMaxMs: +sections.at(-1)!.toFixed(2),
      syncSectionP50Ms: +sections[Math.floor(sections.length / 2)]!.toFixed(2),
      syncMsPerRow: +(sections.reduce((a, b) => a + b, 0) / keys.length).toFixed(3),
      loopDelayMaxMs: +(delay.max / 1e6).toFixed(1),
      loopDelayP99Ms: +(delay.percentile(99) / 1e6).toFixed(1),
    };
    // The loop delay includes the back office, which runs in this same process (PGlite is WebAssembly).
    await annotate(`event loop while draining: ${JSON.stringify(figures)}`);
    // Generous bounds (a loaded CI machine), still far below anything a citizen would feel.
    expect(figures.syncMsPerRow).toBeLessThan(2);
    expect(figures.syncSectionMaxMs).toBeLessThan(100);
  }, 60_000);
});

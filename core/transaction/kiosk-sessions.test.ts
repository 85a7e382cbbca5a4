import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_RECEIPT_WORDING } from '../../kiosk-config/schema.ts';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import type { IdCardRead } from '../../devices/idcard/id-card-reader.ts';
import type { IdCardFields } from '../../devices/idcard/id-card-text.ts';
import { motherCardRead } from '../../test/support/card-read.ts';
import { testSessionOptions } from '../../test/support/session-options.ts';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { BIRTH_CATALOG, MOTHER_CARD } from '../bundle/birth-catalog.fixture.ts';
import type { TransactionView } from '../contract/transaction-view.ts';
import { fillAndSubmit, SECOND_PERSON_ID, type CitizenDriver } from '../../test/support/scripted-citizen.ts';
import { createKioskLogger } from '../logging/logger.ts';
import { openTempStore, TempDirs } from '../store/test-helpers.ts';
import { newSecret } from '../../backoffice/api/signing.ts';
import { BackOfficeClient } from '../sync/backoffice-client.ts';
import { resolveEid } from '../sync/eid-client.ts';
import { until } from '../../test/support/until.ts';
import type { QueryView } from '../contract/query-view.ts';
import { ProgressQuery } from '../query/progress-query.ts';
import type { Store } from '../store/database.ts';
import { KioskSessions, type KioskSessionsOptions } from './kiosk-sessions.ts';

const TODAY = new Date('2025-03-01T09:00:00+08:00');
const dirs = new TempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await dirs.cleanup();
});

const read = (fields: Partial<IdCardFields> = {}): IdCardRead => motherCardRead(TODAY, fields);

async function start(options: Partial<KioskSessionsOptions> = {}) {
  const { store, dir } = await openTempStore(dirs, { now: () => TODAY.getTime() });
  const logger = createKioskLogger({ dir: `${dir}/logs`, level: 'info' });
  const views: (TransactionView | null)[] = [];
  const ended = vi.fn();
  const print = vi.fn(async () => undefined);
  const sessionOptions: KioskSessionsOptions = testSessionOptions(TODAY, {
    catalog: BIRTH_CATALOG,
    store,
    log: logger.log,
    print,
    onView: (view, end) => {
      views.push(view);
      if (end) ended();
    },
    ...options,
  });
  const sessions = new KioskSessions(sessionOptions);
  cleanups.push(async () => {
    await sessions.stop();
    store.close();
    await logger.close();
  });
  const last = () => views.at(-1) ?? null;
  const step = async (expected: string) => until(() => last()?.step === expected);
  return { sessions, options: sessionOptions, store, dir, views, last, step, print, ended };
}

async function toReview(s: Awaited<ReturnType<typeof start>>) {
  s.sessions.cardRead(read());
  await s.step('consent');
  expect(s.sessions.handle({ type: 'user.next' })).toBe(false);
  const driver: CitizenDriver = {
    send: (event) => s.sessions.handle(event),
    view: () => s.last(),
    settle: () => s.sessions.flush().then(() => until(() => s.last() !== null)),
  };
  // Stop before the submit: fillAndSubmit's last event is the submit, which the callers send themselves.
  await fillAndSubmit({ ...driver, send: (event) => event.type !== 'user.submit' && driver.send(event) }, BIRTH_CATALOG.bundles[0]!.code);
  await s.step('review');
}

describe('KioskSessions', () => {
  it('takes a citizen from the card read to the printed receipt and back to attract', async () => {
    const s = await start({ receiptWording: { ...DEFAULT_RECEIPT_WORDING, footer: ['测试热线 12345'] } });
    await toReview(s);
    const review = s.last()!;
    expect(review.departments.map((d) => d.item.code)).toEqual(BIRTH_CATALOG.bundles[0]!.items.filter((i) => i.required).map((i) => i.item));
    expect(s.sessions.handle({ type: 'user.submit' })).toBe(true);
    await s.step('rating');
    const submission = s.last()!.submission!;
    expect(submission.receiptNumber).toMatch(/^SL-K1-20250301-000001$/);
    expect(submission.qr.rows).toHaveLength(submission.qr.size);
    expect(s.print).toHaveBeenCalledTimes(1);
    const [jobId, bytes] = s.print.mock.calls[0] as unknown as [string, Uint8Array];
    expect(jobId).toMatch(/^receipt-/);
    const printed = iconv.decode(Buffer.from(bytes), 'gb18030');
    expect(printed).toContain(submission.receiptNumber);
    expect(printed).toContain('李*');
    expect(printed).toContain('测试热线 12345');
    expect(printed).not.toContain(MOTHER_CARD.idNumber);
    expect(printed).not.toContain(MOTHER_CARD.name);
    // Printed before the upload, the receipt says so.
    expect(printed).toContain('办理状态');
    expect(printed).toContain('已受理，待上传部门');

    expect(s.sessions.handle({ type: 'user.rate', level: 1, reasons: [] })).toBe(false);
    expect(s.sessions.handle({ type: 'user.rate', level: 1, reasons: ['slow'] })).toBe(true);
    await until(() => s.ended.mock.calls.length === 1);
    expect(s.last()).toBeNull();
    expect(s.store.outbox.pending(10)).toHaveLength(1);
  });

  it('settles a capture only with its pages: sealed with the session, shown as thumbnails, attached to the submission, wiped at the end', async () => {
    const s = await start();
    await toReview(s);
    // The scripted citizen had no camera: the birth record went to the window. Back to capture it after all.
    expect(s.last()!.materials.find((m) => m.key === 'birth.medicalRecord')!.capture).toMatchObject({ pages: 2, subject: 'document', taken: [], atWindow: true });
    expect(s.sessions.handle({ type: 'user.back' })).toBe(true);
    await s.step('materials');
    const jpeg = (width: number, marker: number) =>
      Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x04, 0xb0, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, marker, 0xff, 0xd9]).toString('base64');
    const page = (n: number, marker: number) => ({ key: 'birth.medicalRecord', page: n, image: jpeg(1600, marker), thumbnail: jpeg(160, marker) });
    // Not a JPEG, too large an image, a page the material does not have, a material not to capture: refused.
    expect(await s.sessions.capture({ ...page(0, 1), image: Buffer.from('GIF89a').toString('base64') })).toBe(false);
    expect(await s.sessions.capture({ ...page(0, 1), image: jpeg(4000, 1) })).toBe(false);
    expect(await s.sessions.capture(page(2, 1))).toBe(false);
    expect(await s.sessions.capture({ ...page(0, 1), key: 'birth.certificate' })).toBe(false);
    expect(s.store.db.prepare('SELECT count(*) FROM session_captures').pluck().get()).toBe(0);
    // One page of two: not yet captured, and no longer at the window.
    expect(await s.sessions.capture(page(0, 1))).toBe(true);
    await until(() => s.last()!.materials.find((m) => m.key === 'birth.medicalRecord')!.capture!.taken.length === 1);
    let record = s.last()!.materials.find((m) => m.key === 'birth.medicalRecord')!;
    expect(record).toMatchObject({ done: false, capture: { atWindow: false, taken: [{ page: 0, thumbnail: `data:image/jpeg;base64,${jpeg(160, 1)}` }] } });
    expect(s.sessions.handle({ type: 'user.next' })).toBe(false);
    // The second page, then a retake of the first: the retake replaces it.
    expect(await s.sessions.capture(page(1, 2))).toBe(true);
    expect(await s.sessions.capture(page(0, 3))).toBe(true);
    await until(() => s.last()!.materials.find((m) => m.key === 'birth.medicalRecord')!.capture!.taken[0]!.thumbnail?.endsWith(jpeg(160, 3).slice(-8)) === true);
    record = s.last()!.materials.find((m) => m.key === 'birth.medicalRecord')!;
    expect(record.done).toBe(true);
    expect(record.capture!.taken.map((t) => t.page)).toEqual([0, 1]);
    // The citizen's word alone no longer captures anything.
    expect(s.sessions.handle({ type: 'user.decideMaterial', key: 'id.parents', decision: 'captured' as never })).toBe(false);
    expect(s.sessions.handle({ type: 'user.next' })).toBe(true);
    await s.step('review');
    expect(s.sessions.handle({ type: 'user.submit' })).toBe(true);
    await s.step('rating');
    const [submission] = s.store.outbox.claimDue(10);
    const pages = submission!.attachments.filter((a) => a.role === 'capture');
    expect(pages.map((a) => [a.materialKey, a.contentType, s.store.outbox.attachmentBytes(a.sha256).toString('base64')])).toEqual([
      ['birth.medicalRecord', 'image/jpeg', jpeg(1600, 3)],
      ['birth.medicalRecord', 'image/jpeg', jpeg(1600, 2)],
    ]);
    expect((submission!.openPayload() as { materials: { key: string; decision?: string }[] }).materials.find((m) => m.key === 'birth.medicalRecord')?.decision).toBe('captured');
    expect(s.sessions.handle({ type: 'user.rate', level: 5, reasons: [] })).toBe(true);
    await until(() => s.ended.mock.calls.length === 1);
    expect(s.store.db.prepare('SELECT count(*) FROM session_captures').pluck().get()).toBe(0);
  });

  it('never shows the ID number or the name in clear, on any screen', async () => {
    const s = await start();
    await toReview(s);
    const shown = JSON.stringify(s.views);
    expect(shown).not.toContain(MOTHER_CARD.idNumber);
    expect(shown).not.toContain(MOTHER_CARD.name);
    expect(shown).not.toContain(SECOND_PERSON_ID);
    expect(shown).not.toContain('13812345678');
    expect(s.last()!.applicant).toEqual({ via: 'idcard', name: '李*', idNumber: '430102********0026', document: 'resident' });
  });

  it('refuses answers to fields read from the card and to computed fields', async () => {
    const s = await start();
    s.sessions.cardRead(read());
    await s.step('consent');
    s.sessions.handle({ type: 'user.consent', accepted: true });
    await s.step('choose');
    s.sessions.handle({ type: 'user.chooseBundle', code: BIRTH_CATALOG.bundles[0]!.code, optionalItems: [] });
    await s.step('form');
    const fields = s.last()!.fields;
    const fromCard = fields.find((f) => f.origin === 'idcard')!;
    expect(fromCard.editable).toBe(false);
    expect(s.sessions.handle({ type: 'user.setValue', key: fromCard.key, value: '王五' })).toBe(false);
    const computed = [...BIRTH_CATALOG.fields.values()].find((f) => f.source.kind === 'computed')!;
    expect(s.sessions.handle({ type: 'user.setValue', key: computed.key, value: 'x' })).toBe(false);
    expect(s.sessions.handle({ type: 'user.setValue', key: 'no.such.field', value: 'x' })).toBe(false);
  });

  it('shows on screen why an expired card does not start a session', async () => {
    const s = await start();
    s.sessions.cardRead(read({ validFrom: '2005-01-01', validTo: '2015-01-01' }));
    await until(() => s.last()?.notice != null);
    expect(s.last()!.step).toBe('attract');
    expect(s.last()!.notice!['zh-CN']).toContain('证件已于 2015-01-01 过期');
  });

  it('asks for the card again after a read that failed, on the attract screen only', async () => {
    const s = await start();
    s.sessions.cardReadFailed();
    await until(() => s.last()?.notice != null);
    expect(s.last()!.step).toBe('attract');
    expect(s.last()!.notice!['zh-CN']).toContain('请重新放置身份证');
    // Read at the next try: the session starts and the notice is gone.
    s.sessions.cardRead(read());
    await s.step('consent');
    expect(s.last()!.notice).toBeNull();
    const shown = s.views.length;
    s.sessions.cardReadFailed();
    await s.sessions.flush();
    expect(s.views.length).toBe(shown);
  });

  it('ignores a second card during a session', async () => {
    const s = await start();
    s.sessions.cardRead(read());
    await s.step('consent');
    s.sessions.cardRead(read({ name: '王五' }));
    await s.sessions.flush();
    expect(s.last()!.applicant!.name).toBe('李*');
  });

  it('identifies a citizen by QR e-ID through the back office, and says so when it cannot', async () => {
    const backOffice: BackOfficeServer = await startBackOffice({ seedExchange: true });
    cleanups.push(() => backOffice.close());
    const credentials = { kioskId: 'K1', secret: newSecret() };
    await backOffice.registerKiosk(credentials);
    const client = new BackOfficeClient({ baseUrl: backOffice.url, credentials, connectTimeoutMs: 5000, responseTimeoutMs: 15_000 });
    const s = await start({ resolveEid: (code) => resolveEid(code, client) });
    await s.sessions.scanned('EID1:NOSUCHCODE0001');
    expect(s.last()!.notice!['zh-CN']).toContain('无效或已过期');
    await s.sessions.scanned('a product barcode 6901234567892');
    expect(s.views.filter((v) => v && v.step !== 'attract')).toEqual([]);
    await s.sessions.scanned('EID1:TESTZHANGSAN0001');
    await s.step('consent');
    expect(s.last()!.applicant).toEqual({ via: 'qr', name: '张*', idNumber: '110105********002X', document: 'eid' });
    expect(s.last()!.notice).toBeNull();
    // Starting an embedded back office (PGlite) takes seconds on a loaded machine.
  }, 30_000);

  it('tells the citizen to use the card when the e-ID cannot be checked offline', async () => {
    const gone = new BackOfficeClient({ baseUrl: 'http://127.0.0.1:9', credentials: { kioskId: 'K1', secret: newSecret() }, connectTimeoutMs: 500, responseTimeoutMs: 1000 });
    const s = await start({ resolveEid: (code) => resolveEid(code, gone) });
    await s.sessions.scanned('EID1:TESTZHANGSAN0001');
    expect(s.last()!.notice!['zh-CN']).toContain('请刷实体身份证');
  });

  it('tells the citizen still at the kiosk once the departments have the submission, with its case numbers', async () => {
    const s = await start();
    await toReview(s);
    s.sessions.handle({ type: 'user.submit' });
    await s.step('rating');
    expect(s.last()!.submission).toMatchObject({ delivery: 'pending', caseNumbers: [] });
    const [claimed] = s.store.outbox.claimDue(10);
    s.store.outbox.record([{ id: claimed!.id, kind: 'delivered', ack: { 'BIRTH-CERT': 'BJ2025030100000007' } }]);
    s.sessions.deliveryChanged();
    expect(s.last()!.submission).toMatchObject({
      delivery: 'delivered',
      caseNumbers: [{ item: BIRTH_CATALOG.items.get('BIRTH-CERT')!.name, caseNumber: 'BJ2025030100000007' }],
    });
  });

  it('opens 办件查询 on the attract screen only, takes the card there, and shows a scanned receipt’s case', async () => {
    const queries: (QueryView | null)[] = [];
    // The outbox is the kiosk's own record of its submissions; the store exists once the sessions do.
    const opened: { store?: Store } = {};
    const outbox = () => opened.store!.outbox;
    const local = { byReceiptNumber: (n: string) => outbox().byReceiptNumber(n), byCaseNumber: (n: string) => outbox().byCaseNumber(n), byIdNumber: (id: string) => outbox().byIdNumber(id) };
    const query = new ProgressQuery({ catalog: () => BIRTH_CATALOG, local, onView: (v) => queries.push(v) });
    const s = await start({ query });
    opened.store = s.store;
    cleanups.push(() => query.close());
    await toReview(s);
    expect(s.sessions.handle({ type: 'query.start' })).toBe(false);
    s.sessions.handle({ type: 'user.submit' });
    await s.step('rating');
    const receiptNumber = s.last()!.submission!.receiptNumber;
    s.sessions.handle({ type: 'user.next' });
    await until(() => s.ended.mock.calls.length === 1);

    expect(s.sessions.handle({ type: 'query.start' })).toBe(true);
    expect(queries.at(-1)?.status).toBe('waiting');
    // The card goes to the query, not to a new session.
    s.sessions.cardRead(read());
    await until(() => queries.at(-1)?.status === 'results');
    expect(queries.at(-1)).toMatchObject({ by: 'card', source: 'local', cases: [{ receiptNumber, delivered: false }] });
    expect(s.views.at(-1)).toBeNull();
    expect(s.sessions.handle({ type: 'query.close' })).toBe(true);
    expect(queries.at(-1)).toBeNull();

    // From the attract screen, the receipt's QR code shows its case at once.
    await s.sessions.scanned(receiptNumber);
    await until(() => queries.at(-1)?.status === 'results');
    expect(queries.at(-1)).toMatchObject({ by: 'code', cases: [{ receiptNumber }] });
    expect(JSON.stringify(queries)).not.toContain(MOTHER_CARD.idNumber);
  });

  it('brings a new catalog in at the attract screen, never under a session, and resumes a session with its own catalog', async () => {
    const renamed: Catalog = { ...BIRTH_CATALOG, version: 'test-2', bundles: BIRTH_CATALOG.bundles.map((b) => ({ ...b, name: { 'zh-CN': '新生儿出生一件事（新版）' } })) };
    const s = await start();
    // Idle: at once.
    s.sessions.setCatalog(renamed);
    expect(s.sessions.currentCatalog.version).toBe('test-2');
    s.sessions.cardRead(read());
    await s.step('consent');
    expect(s.last()!.bundle).toBeNull();
    // During a session: the session keeps its catalog; the next one gets the new catalog.
    s.sessions.setCatalog(BIRTH_CATALOG);
    expect(s.sessions.currentCatalog.version).toBe('test-2');
    s.sessions.handle({ type: 'user.consent', accepted: true });
    await s.step('choose');
    expect(s.last()!.bundles![0]!.name['zh-CN']).toBe('新生儿出生一件事（新版）');
    s.sessions.handle({ type: 'user.cancel' });
    await until(() => s.ended.mock.calls.length === 1);
    s.sessions.cardRead(read());
    await s.step('consent');
    expect(s.sessions.currentCatalog.version).toBe(BIRTH_CATALOG.version);
    await s.sessions.flush();
    await s.sessions.stop();

    // Restarted with the new catalog, the interrupted session resumes under the one it began with.
    const again = new KioskSessions({ ...s.options, catalog: renamed, catalogFor: (v) => (v === BIRTH_CATALOG.version ? BIRTH_CATALOG : undefined) });
    cleanups.push(() => again.stop());
    expect(again.view()?.step).toBe('consent');
    expect(again.currentCatalog.version).toBe(BIRTH_CATALOG.version);
    // Without it, the session is discarded rather than shown under another catalog.
    await again.stop();
    const without = new KioskSessions({ ...s.options, catalog: renamed });
    cleanups.push(() => without.stop());
    expect(without.view()).toBeNull();
  });

  it('resumed within the short window goes on at once; past it, asks for the same card and shows nothing personal before', async () => {
    let clock = TODAY.getTime();
    const s = await start({ now: () => clock });
    await toReview(s);
    const review = s.last()!;
    await s.sessions.flush();
    await s.sessions.stop();
    /** Everything personal the session holds, as the review screen shows it or as it is. */
    const personal = [
      MOTHER_CARD.name!,
      MOTHER_CARD.idNumber!,
      MOTHER_CARD.idNumber!.slice(0, 6),
      MOTHER_CARD.idNumber!.slice(-4),
      review.applicant!.name,
      review.bundle!.name['zh-CN'],
      ...review.departments.flatMap((d) => d.fields.map((f) => f.display).filter((v): v is string => !!v && v.length > 1)),
    ];
    const restart = (options: Partial<KioskSessionsOptions> = {}) => {
      const views: (TransactionView | null)[] = [];
      const again = new KioskSessions({ ...s.options, now: () => clock, onView: (view) => views.push(view), ...options });
      cleanups.push(() => again.stop());
      return { again, views };
    };

    clock += 90_000;
    const quick = restart();
    expect(quick.again.view()?.step).toBe('review');
    await quick.again.flush();
    await quick.again.stop();

    // Configured to a minute, the next restart 61 s after it (a resume counts as the last activity) asks for the card.
    clock += 61_000;
    const { again, views } = restart({ reidentifyAfterMs: 60_000 });
    const waiting = again.view()!;
    expect(waiting.step).toBe('reidentify');
    expect(waiting.reidentify).toEqual({ otherCard: false });
    expect(waiting.allowed).toContain('user.cancel');
    for (const value of personal) expect(JSON.stringify(waiting), value).not.toContain(value);
    expect(again.handle({ type: 'user.submit' })).toBe(false);

    const stranger = read({ name: '赵测试', idNumber: SECOND_PERSON_ID });
    again.cardRead(stranger);
    await until(() => views.at(-1)?.reidentify?.otherCard === true);
    for (const value of [...personal, '赵测试', SECOND_PERSON_ID, SECOND_PERSON_ID.slice(-4)]) expect(JSON.stringify(views), value).not.toContain(value);

    again.cardRead(read());
    await until(() => views.at(-1)?.step === 'review');
    expect(views.at(-1)!.applicant).toEqual(review.applicant);
    expect(views.at(-1)!.departments).toEqual(review.departments);
    await again.flush();
    const log = await readFile(join(s.dir, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('a card of someone else was shown to a resumed session');
    for (const value of [MOTHER_CARD.idNumber!, MOTHER_CARD.name!, SECOND_PERSON_ID, '赵测试']) expect(log).not.toContain(value);
  });

  it('shows the receipt on screen when the printer fails, with the submission already durable', async () => {
    const s = await start({ print: async () => Promise.reject(new Error('E_MEDIA: paper out')) });
    await toReview(s);
    s.sessions.handle({ type: 'user.submit' });
    await s.step('receiptOnScreen');
    expect(s.last()!.receipt).toBe('fallback');
    expect(s.store.outbox.pending(10)).toHaveLength(1);
    expect(s.last()!.allowed).toContain('user.next');
  });
});

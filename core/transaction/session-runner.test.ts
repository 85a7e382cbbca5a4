import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BIRTH_BUNDLE, BIRTH_CATALOG, FATHER_ID, MOTHER_CARD } from '../bundle/birth-catalog.fixture.ts';
import { applicantFactsFromCard, mergeForm, planMaterials, questionsToAsk, type FieldValue, type MergedField } from '../bundle/index.ts';
import { openStore, STORE_FILE, type Store } from '../store/database.ts';
import type { KeyProvider } from '../store/crypto.ts';
import { until } from '../../test/support/until.ts';
import { SessionRunner } from './session-runner.ts';
import type { SubmissionRecord } from './submission-record.ts';
import { transactionFacts, type Applicant, type PrintInput } from './transaction-machine.ts';

const applicant: Applicant = { via: 'idcard', card: MOTHER_CARD, facts: applicantFactsFromCard(MOTHER_CARD, '2025-03-01') };
const key = randomBytes(32);
const keyProvider: KeyProvider = { getKey: async () => Buffer.from(key) };
const dirs: string[] = [];
const stores: Store[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) s.close();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function store(dir?: string): Promise<{ store: Store; dir: string }> {
  const d = dir ?? (await mkdtemp(join(tmpdir(), 'kiosk-session-')));
  if (!dir) dirs.push(d);
  const s = await openStore({ dir: d, keyProvider });
  stores.push(s);
  return { store: s, dir: d };
}

/** A copy of the store's files while it is open: what the disk holds if the process dies now. */
async function crashImage(dir: string): Promise<string> {
  const image = await mkdtemp(join(tmpdir(), 'kiosk-crash-'));
  dirs.push(image);
  await cp(dir, image, { recursive: true });
  return image;
}

function runner(s: Store, print: (input: PrintInput) => Promise<void> = async () => undefined, now = () => Date.parse('2025-03-01T09:00:00+08:00')) {
  return SessionRunner.start({ catalog: BIRTH_CATALOG, store: s, kioskId: 'K1', printReceipt: print, maxResumeAgeMs: 30 * 60_000, now, tickMs: 60_000 });
}

function sample(mf: MergedField): FieldValue {
  const f = mf.field;
  if (f.type === 'choice') return f.choices![0]!.value;
  if (f.type === 'phone') return '13812345678';
  if (f.type === 'date') return '2025-02-20';
  if (f.type === 'number') return (f.validation?.min ?? 0) + 3200;
  if (f.type === 'id-number') return FATHER_ID;
  if (f.type === 'boolean') return true;
  return f.type === 'signature' ? 'signature:stroke-data' : '测试路1号';
}

async function toReview(r: SessionRunner) {
  r.send({ type: 'device.cardRead', applicant });
  r.send({ type: 'user.consent', accepted: true });
  // No exchange in these tests: the session goes on as offline once the exchange actor fails.
  await until(() => r.snapshot.matches({ session: 'choose' }), 3000, 'the choose step');
  r.send({ type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [] });
  for (let round = 0; round < 10; round++) {
    const ctx = r.snapshot.context;
    const questions = questionsToAsk(mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, []), ctx.values, transactionFacts(ctx));
    if (questions.length === 0) break;
    for (const q of questions) r.send({ type: 'user.setValue', key: q.key, value: sample(q) });
  }
  r.send({ type: 'user.next' });
  const ctx = r.snapshot.context;
  const plan = planMaterials(BIRTH_CATALOG, BIRTH_BUNDLE, [], transactionFacts(ctx), { sharedDatasets: 'unknown', eLicenses: new Map() });
  for (const k of plan.needsAuthorisation) r.send({ type: 'user.decideMaterial', key: k, decision: 'authorised' });
  for (const k of plan.needsSignature) r.send({ type: 'user.decideMaterial', key: k, decision: 'signed' });
  for (const k of plan.toCapture) r.send({ type: 'user.decideMaterial', key: k, decision: 'at-window' });
  r.send({ type: 'user.next' });
  expect(r.snapshot.value).toEqual({ session: 'review' });
}

describe('SessionRunner (real SQLite store)', () => {
  it('commits the submission with the final snapshot, prints, and wipes the session at its end', async () => {
    const { store: s } = await store();
    const print = vi.fn(async () => undefined);
    const r = runner(s, print);
    await toReview(r);
    const sessionId = r.snapshot.context.sessionId;
    r.send({ type: 'user.submit', idempotencyKey: 'idem-1' });
    await until(() => r.snapshot.value === 'rating');
    const [entry] = s.outbox.pending(10);
    expect(entry!.idempotencyKey).toBe('idem-1');
    const record = entry!.payload as SubmissionRecord;
    expect(record.applicant).toEqual({ via: 'idcard', idNumber: MOTHER_CARD.idNumber, name: MOTHER_CARD.name, documentType: 'resident' });
    expect(record.items.map((i) => i.itemCode)).toEqual(BIRTH_BUNDLE.items.filter((i) => i.required).map((i) => i.item));
    // Each department gets only the fields its own item lists.
    for (const { itemCode, values } of record.items) {
      const listed = BIRTH_CATALOG.items.get(itemCode)!.fields.map((f) => f.key);
      expect(Object.keys(values).every((key) => listed.includes(key))).toBe(true);
    }
    const signed = record.materials.filter((m) => m.decision === 'signed');
    expect(signed.length).toBeGreaterThan(0);
    for (const m of signed) expect(m.promise).toBeTruthy();
    expect(r.snapshot.context.submission?.receiptNumber).toMatch(/^SL-K1-\d{8}-000001$/);
    expect(print).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'receipt-idem-1' }));
    r.send({ type: 'user.rate', rating: { level: 5, reasons: [] } });
    await until(() => r.snapshot.value === 'idle' && r.snapshot.context.sessionId !== sessionId);
    await r.flush();
    expect(s.sessions.load(sessionId)).toBeUndefined();
    await r.stop();
  });

  it("leaves the applicant's ID number and name nowhere in clear in the data directory", async () => {
    const { store: s, dir } = await store();
    const r = runner(s);
    await toReview(r);
    r.send({ type: 'user.submit', idempotencyKey: 'idem-privacy' });
    await until(() => r.snapshot.value === 'rating');
    r.send({ type: 'user.next' });
    await until(() => r.snapshot.value === 'idle');
    await r.stop();
    s.close();
    const needles = [MOTHER_CARD.idNumber, MOTHER_CARD.name].flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le')]);
    for (const file of await readdir(dir)) {
      const bytes = await readFile(join(dir, file));
      for (const needle of needles) expect(bytes.includes(needle), `${file} contains personal data in clear`).toBe(false);
    }
  });

  it('resumes after a crash at the same step with the same answers', async () => {
    const first = await store();
    const r = runner(first.store);
    await toReview(r);
    r.send({ type: 'user.back' });
    const before = r.snapshot.context;
    await r.flush();
    // As after kill -9: the files as they are on disk this moment, the WAL not checkpointed, nothing closed.
    const crashed = await crashImage(first.dir);
    expect((await stat(join(crashed, `${STORE_FILE}-wal`))).size, 'the session is still only in the WAL').toBeGreaterThan(0);
    await r.stop();

    const again = await store(crashed);
    expect(again.store.integrityProblems()).toEqual([]);
    const resumed = runner(again.store);
    expect(resumed.snapshot.value).toEqual({ session: 'materials' });
    expect(resumed.snapshot.context.values).toEqual(before.values);
    expect(resumed.snapshot.context.sessionId).toBe(before.sessionId);
    await resumed.stop();
  });

  it('re-runs an interrupted print with the same job and never commits twice', async () => {
    const first = await store();
    const r = runner(first.store, () => new Promise(() => undefined));
    await toReview(r);
    r.send({ type: 'user.submit', idempotencyKey: 'idem-2' });
    await until(() => r.snapshot.value === 'printing');
    await r.flush();
    first.store.close();
    await r.stop();

    const again = await store(first.dir);
    const print = vi.fn(async () => undefined);
    const resumed = runner(again.store, print);
    await until(() => resumed.snapshot.value === 'rating');
    expect(print).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'receipt-idem-2' }));
    expect(again.store.outbox.pending(10)).toHaveLength(1);
    await resumed.stop();
  });

  it('gives a resumed citizen a full step again, however long the kiosk was down', async () => {
    const first = await store();
    let now = Date.parse('2025-03-01T09:00:00+08:00');
    const r = runner(first.store, undefined, () => now);
    r.send({ type: 'device.cardRead', applicant });
    await r.flush();
    first.store.close();
    await r.stop();

    // Past the 2-minute window the full step is the time to show the card again.
    now += 10 * 60_000;
    const again = await store(first.dir);
    const resumed = runner(again.store, undefined, () => now);
    expect(resumed.snapshot.value).toBe('reidentify');
    expect(resumed.snapshot.context.deadline).toBe(now + resumed.snapshot.context.timeouts.stepMs);
    await resumed.stop();
  });

  it('resumes within the short window at once, and past it prints nothing until the same card is back', async () => {
    const first = await store();
    let now = Date.parse('2025-03-01T09:00:00+08:00');
    const r = runner(first.store, () => new Promise(() => undefined), () => now);
    await toReview(r);
    r.send({ type: 'user.submit', idempotencyKey: 'idem-locked' });
    await until(() => r.snapshot.value === 'printing');
    await r.flush();
    first.store.close();
    await r.stop();

    // A quick restart (the citizen still at the kiosk): straight back to printing.
    now += 2 * 60_000;
    const quick = await store(first.dir);
    const hung = runner(quick.store, () => new Promise(() => undefined), () => now);
    expect(hung.snapshot.value).toBe('printing');
    await hung.flush();
    quick.store.close();
    await hung.stop();

    now += 2 * 60_000 + 1;
    const again = await store(first.dir);
    const print = vi.fn(async () => undefined);
    const resumed = runner(again.store, print, () => now);
    expect(resumed.snapshot.value).toBe('reidentify');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(print).not.toHaveBeenCalled();
    resumed.send({ type: 'device.cardRead', applicant });
    await until(() => resumed.snapshot.value === 'rating');
    expect(print).toHaveBeenCalledTimes(1);
    expect(print).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'receipt-idem-locked' }));
    expect(again.store.outbox.pending(10)).toHaveLength(1);
    await resumed.stop();
  });

  it('discards and wipes a session too old to resume', async () => {
    const first = await store();
    const r = runner(first.store, undefined, Date.now);
    r.send({ type: 'device.cardRead', applicant });
    await r.flush();
    first.store.close();
    await r.stop();

    const again = await store(first.dir);
    const later = runner(again.store, undefined, () => Date.now() + 3 * 3600_000);
    expect(later.snapshot.value).toBe('idle');
    expect(again.store.sessions.latest()).toBeUndefined();
    await later.stop();
  });
});

/**
 * DESIGN.md §7: after a session, the data directory holds no trace of the citizen. We look for the test
 * ID number and name in every encoding a snapshot could plausibly land in, and for fragments of the
 * ciphertext itself: a wipe must not leave sealed data behind for someone who also has the key file.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeyProvider } from './crypto.ts';
import { openStore, type Store } from './database.ts';
import { readAllFiles, TempDirs } from './test-helpers.ts';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const ID_NUMBER = '11010519491231002X';
const NAME = '张三';

function encodings(text: string): { label: string; bytes: Buffer }[] {
  const utf16le = Buffer.from(text, 'utf16le');
  return [
    { label: 'utf-8', bytes: Buffer.from(text, 'utf8') },
    { label: 'utf-16le', bytes: utf16le },
    { label: 'utf-16be', bytes: Buffer.from(utf16le).swap16() },
    { label: 'gb18030', bytes: iconv.encode(text, 'gb18030') },
    { label: 'base64 of utf-8', bytes: Buffer.from(Buffer.from(text, 'utf8').toString('base64')) },
  ];
}

const NEEDLES = [ID_NUMBER, NAME].flatMap((text) => encodings(text).map((e) => ({ ...e, label: `${text} as ${e.label}` })));

/** "<needle> in <file>" for every hit; an empty list means the directory is clean. */
async function hits(dir: string, needles: readonly { label: string; bytes: Buffer }[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await readAllFiles(dir)) {
    for (const needle of needles) if (file.bytes.includes(needle.bytes)) found.push(`${needle.label} in ${file.path}`);
  }
  return found;
}

/** Ciphertext windows (past the header) of every sealed value currently in the sessions table. */
function sealedFragments(store: Store): { label: string; bytes: Buffer }[] {
  const blobs = store.db.prepare('SELECT state_json FROM sessions').pluck().all() as Buffer[];
  return blobs.flatMap((blob, i) =>
    [13, Math.floor(blob.length / 2), blob.length - 40].map((at) => ({
      label: `ciphertext of snapshot ${i} at ${at}`,
      bytes: Buffer.from(blob.subarray(at, at + 24)),
    })),
  );
}

function snapshot(step: string): unknown {
  return {
    status: 'active',
    value: step,
    context: {
      applicant: { idNumber: ID_NUMBER, name: NAME, address: '北京市东城区某街道1号' },
      form: { applicantName: NAME, certNo: ID_NUMBER },
      // A signature image large enough to spill into overflow pages.
      commitments: [{ signature: randomBytes(48 * 1024).toString('base64') }],
    },
  };
}

describe('privacy: no personal data left in the data directory', () => {
  it('keeps snapshots sealed while they exist and leaves no trace once the session is wiped', async () => {
    const dir = await dirs.make();
    const keyProvider = fileKeyProvider(join(dir, 'store.key'));
    const store = await openStore({ dir, keyProvider });
    const sessionId = randomUUID();
    const seen: { label: string; bytes: Buffer }[] = [];
    for (const step of ['identify', 'consent', 'form', 'materials', 'review']) {
      store.sessions.save(sessionId, 1, snapshot(step));
      seen.push(...sealedFragments(store));
    }
    // A second session that stays: its data is sealed but present, and must survive the wipe of the first.
    store.sessions.save('other', 1, { value: 'attract' });

    expect(await hits(dir, NEEDLES)).toEqual([]);
    // The search does look at the right bytes: the live ciphertext is found in the files.
    expect((await hits(dir, sealedFragments(store).slice(0, 1))).length).toBeGreaterThan(0);

    expect(store.sessions.delete(sessionId)).toEqual({ deleted: true, busy: false });
    // Still open, as on a kiosk that runs for days: the WAL must not keep old page images either.
    expect(await hits(dir, [...NEEDLES, ...seen])).toEqual([]);
    store.close();

    const files = (await readAllFiles(dir)).map((f) => f.path.slice(dir.length + 1)).sort();
    expect(files).toEqual(['kiosk.db', 'store.key']);
    expect(await hits(dir, NEEDLES)).toEqual([]);
    expect(await hits(dir, seen)).toEqual([]);

    const reopened = await openStore({ dir, keyProvider });
    expect(reopened.sessions.load(sessionId)).toBeUndefined();
    expect(reopened.sessions.load('other')?.snapshot).toEqual({ value: 'attract' });
    reopened.close();
  });

  it('leaves no trace of sessions discarded as stale, or of a submission and its attachment once delivered', async () => {
    const dir = await dirs.make();
    let t = Date.UTC(2026, 2, 5, 2, 0, 0);
    const store = await openStore({ dir, keyProvider: fileKeyProvider(join(dir, 'store.key')), now: () => t });
    store.sessions.save('stale', 1, snapshot('form'));
    const seen = sealedFragments(store);
    const signature = Buffer.from(`sig1:300x100:${randomBytes(600).toString('base64url')}`);
    const sha256 = createHash('sha256').update(signature).digest('hex');
    const { entry } = store.outbox.commitSubmission({
      submission: {
        idempotencyKey: randomUUID(),
        kioskId: 'K01',
        catalogVersion: '2026.03',
        bundleCode: 'B1',
        applicantIdNumber: ID_NUMBER,
        payload: snapshot('submit'),
        attachments: [{ sha256, size: signature.length, contentType: 'application/x-kiosk-signature', role: 'signature', bytes: signature }],
      },
      sessionId: 'submitted',
      finalSnapshot: snapshot('submit'),
      machineVersion: 1,
    });
    seen.push(...sealedFragments(store));
    const payload = store.db.prepare('SELECT payload FROM outbox').pluck().get() as Buffer;
    const sealedSignature = store.db.prepare('SELECT sealed FROM attachments').pluck().get() as Buffer;
    seen.push({ label: 'outbox payload', bytes: Buffer.from(payload.subarray(100, 124)) });
    seen.push({ label: 'sealed signature', bytes: Buffer.from(sealedSignature.subarray(100, 124)) });

    t += 60 * 60_000;
    expect(store.sessions.discardStale({ maxAgeMs: 30 * 60_000, machineVersion: 1 }).map((d) => d.id)).toEqual([
      'stale',
      'submitted',
    ]);
    // Undelivered, the payload is still there (sealed): the search does see it.
    expect((await hits(dir, seen.slice(-2))).length).toBeGreaterThan(0);
    const [claimed] = store.outbox.claimDue(1);
    store.outbox.record([{ id: claimed!.id, kind: 'delivered', ack: { I1: 'BJ2026030500000001' } }]);
    // At once, with the store still open: nothing left in the database file or the WAL.
    expect(await hits(dir, [...NEEDLES, ...seen])).toEqual([]);
    expect(store.outbox.byIdNumber(ID_NUMBER)).toEqual([expect.objectContaining({ receiptNumber: entry.receiptNumber, state: 'delivered', caseNumbers: { I1: 'BJ2026030500000001' } })]);
    store.close();

    expect(await hits(dir, NEEDLES)).toEqual([]);
    expect(await hits(dir, seen)).toEqual([]);
  });
});

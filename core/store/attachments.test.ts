import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentInput } from './attachments.ts';
import type { Store } from './database.ts';
import type { CommitInput } from './outbox.ts';
import { readAllFiles, TempStores, thrown } from './test-helpers.ts';

const dirs = new TempStores();
afterEach(() => dirs.cleanup());

const open = () => dirs.open();

function attachment(bytes: Buffer, fieldKey = 'applicant.signature'): AttachmentInput {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { sha256, size: bytes.length, contentType: 'application/x-kiosk-signature', role: 'signature', fieldKey, bytes };
}

function commit(store: Store, attachments: AttachmentInput[], sessionId = randomUUID()) {
  const input: CommitInput = {
    submission: { idempotencyKey: randomUUID(), kioskId: 'K01', catalogVersion: 'abcdefabcdef', bundleCode: 'B1', payload: { n: 1 }, attachments },
    sessionId,
    finalSnapshot: {},
    machineVersion: 1,
  };
  return store.outbox.commitSubmission(input).entry;
}

const count = (store: Store, table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('attachments', () => {
  it('are stored sealed, once per content hash, and listed per submission in order', async () => {
    const { store, dir } = await open();
    const marker = Buffer.from(`sig1:300x100:${'MARKER'.repeat(40)}`);
    const other = Buffer.from('sig1:300x100:AAABBBCCC');
    commit(store, [attachment(marker), attachment(other, 'agent.signature')]);
    commit(store, [attachment(marker)]);
    expect(count(store, 'attachments')).toBe(2);
    expect(count(store, 'outbox_attachments')).toBe(3);
    const [first] = store.outbox.claimDue(1);
    expect(first!.attachments.map((a) => a.fieldKey)).toEqual(['applicant.signature', 'agent.signature']);
    expect(first!.attachments[0]).toEqual({
      sha256: attachment(marker).sha256,
      size: marker.length,
      contentType: 'application/x-kiosk-signature',
      role: 'signature',
      fieldKey: 'applicant.signature',
    });
    expect(store.outbox.attachmentBytes(attachment(marker).sha256).equals(marker)).toBe(true);
    store.checkpoint();
    for (const file of await readAllFiles(dir)) expect(file.bytes.includes(Buffer.from('MARKER'.repeat(4))), file.path).toBe(false);
  });

  it('are bound to their hash: a sealed value moved to another hash does not open', async () => {
    const { store } = await open();
    const a = attachment(Buffer.from('sig1:1x1:AAA'));
    const b = attachment(Buffer.from('sig1:1x1:BBB'));
    commit(store, [a, b]);
    store.db.prepare('UPDATE attachments SET sealed = (SELECT sealed FROM attachments WHERE sha256 = ?) WHERE sha256 = ?').run(a.sha256, b.sha256);
    expect(thrown(() => store.outbox.attachmentBytes(b.sha256)).code).toBe('E_DECRYPT');
    expect(thrown(() => store.outbox.attachmentBytes('0'.repeat(64))).code).toBe('E_NOT_FOUND');
  });

  it('are refused, and nothing is written, when the bytes do not match their hash or size', async () => {
    const { store } = await open();
    const good = attachment(randomBytes(64));
    expect(thrown(() => commit(store, [{ ...good, sha256: 'f'.repeat(64) }])).message).toContain('do not match');
    expect(thrown(() => commit(store, [{ ...good, size: 65 }])).code).toBe('E_INVALID');
    expect(thrown(() => commit(store, [{ ...good, sha256: 'XYZ' }])).code).toBe('E_INVALID');
    expect(thrown(() => commit(store, [{ ...good, bytes: Buffer.alloc(0), size: 0 }])).code).toBe('E_INVALID');
    expect([count(store, 'outbox'), count(store, 'attachments'), count(store, 'outbox_attachments')]).toEqual([0, 0, 0]);
  });

  it('roll back with the submission when its transaction fails', async () => {
    const { store } = await open();
    store.db.exec(`CREATE TRIGGER fault BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    expect(() => commit(store, [attachment(randomBytes(32))])).toThrow('injected fault');
    expect([count(store, 'outbox'), count(store, 'attachments'), count(store, 'outbox_attachments')]).toEqual([0, 0, 0]);
  });

  it('are wiped once every submission that references them is delivered', async () => {
    const { store } = await open();
    const shared = attachment(randomBytes(100));
    const own = attachment(randomBytes(100));
    commit(store, [shared, own]);
    commit(store, [shared]);
    const [first, second] = store.outbox.claimDue(2);
    store.outbox.record([{ id: first!.id, kind: 'delivered', ack: {} }]);
    expect(store.db.prepare('SELECT sha256 FROM attachments').pluck().all()).toEqual([shared.sha256]);
    expect(store.outbox.attachmentBytes(shared.sha256).length).toBe(100);
    store.outbox.record([{ id: second!.id, kind: 'park', reason: 'invalid-body' }]);
    expect(count(store, 'attachments')).toBe(1);
    expect(store.outbox.requeue(second!.idempotencyKey)).toBe(true);
    const [again] = store.outbox.claimDue(1);
    store.outbox.record([{ id: again!.id, kind: 'delivered', ack: {} }]);
    expect([count(store, 'attachments'), count(store, 'outbox_attachments')]).toEqual([0, 0]);
  });
});

/**
 * Submissions committed straight into a kiosk's outbox, for chaos tests whose point is the sync worker:
 * records the back office accepts (fake data only), one to three items each, some with a signature (now
 * and then the same one twice, so content addressing is exercised) and some with a captured image larger
 * than one upload chunk.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AttachmentInput } from '../../core/store/attachments.ts';
import type { Store } from '../../core/store/database.ts';
import { FAKE_ID_NUMBER, wireRecord } from '../../core/sync/test-support.ts';
import type { Receipt } from './exactly-once.ts';
import type { Rng } from './seeded-random.ts';

const ITEM_CODES = ['1101050001', '1101050002', '1101050003'];
/** Just over one 256 KB upload chunk, so an image travels in two requests. */
const IMAGE_BYTES = 300 * 1024;

function attachment(bytes: Buffer, kind: 'signature' | 'capture'): AttachmentInput {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return kind === 'signature'
    ? { sha256, size: bytes.length, contentType: 'application/x-kiosk-signature', role: 'signature', fieldKey: 'applicant.signature', bytes }
    : { sha256, size: bytes.length, contentType: 'image/png', role: 'capture', materialKey: 'birth.medicalCertificate', bytes };
}

/** Commits `count` submissions as `kioskId`; each returned receipt is what commitSubmission gave back. */
export function commitFakeSubmissions(store: Store, kioskId: string, count: number, rng: Rng): Receipt[] {
  return Array.from({ length: count }, () => {
    const key = randomUUID();
    const record = wireRecord(key, ITEM_CODES.slice(0, 1 + Math.floor(rng() * ITEM_CODES.length)));
    const attachments: AttachmentInput[] = [];
    const draw = rng();
    if (draw < 0.3) {
      // One in ten signatures is one an earlier submission already stored.
      const strokes = draw < 0.03 ? 'shared' : key;
      const signature = attachment(Buffer.from(`sig1:320x120:${strokes}:${'M0,0L10,10'.repeat(40)}`), 'signature');
      record.items[0]!.values = { ...record.items[0]!.values, 'applicant.signature': `sha256:${signature.sha256}` } as never;
      attachments.push(signature);
    } else if (draw < 0.36) {
      const image = Buffer.alloc(IMAGE_BYTES, key);
      image.write('\x89PNG', 0, 'latin1');
      attachments.push(attachment(image, 'capture'));
    }
    const { entry } = store.outbox.commitSubmission({
      submission: { idempotencyKey: key, kioskId, catalogVersion: 'abcdefabcdef', bundleCode: 'BIRTH-01', applicantIdNumber: FAKE_ID_NUMBER, payload: record, attachments },
      sessionId: key,
      finalSnapshot: {},
      machineVersion: 1,
    });
    return { key, receiptNumber: entry.receiptNumber };
  });
}

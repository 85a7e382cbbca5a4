/**
 * A keyed hash of the applicant's ID number (HMAC-SHA256 under a subkey of the store key), kept beside each
 * submission so the kiosk can answer a progress query (办件查询) "by ID card" offline without opening every
 * sealed payload. Without the store key the hash says nothing: ID numbers are few enough to enumerate, so a
 * plain hash would be as good as the number itself.
 */
import { createHmac, hkdfSync } from 'node:crypto';

const INFO = 'hall-kiosk/store/id-number-index/v1';

/** The index subkey; a separate key so the data key itself is never used for two purposes. */
export function deriveIdIndexKey(storeKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', storeKey, Buffer.alloc(0), INFO, 32));
}

/** Upper-case and trimmed: a card reader and a keypad may disagree on the check letter's case. */
export function idNumberHash(indexKey: Uint8Array, idNumber: string): Buffer {
  return createHmac('sha256', indexKey).update(idNumber.trim().toUpperCase()).digest();
}

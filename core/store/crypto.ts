/**
 * Envelope encryption for personal values at rest (DESIGN.md §7): AES-256-GCM, one random IV per value.
 * Layout of a sealed value: version byte (1) · IV (12) · ciphertext · tag (16). The version byte is
 * authenticated too, so a later format can be told apart and a forged header is caught like any tampering.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES } from '../keys/key-file.ts';
import { StoreError } from './errors.ts';

export { fileKeyProvider, KEY_BYTES, type KeyProvider } from '../keys/key-file.ts';
export const SEAL_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES;

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) {
    throw new StoreError('E_KEY', `the encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
}

/**
 * Encrypts `plaintext` (a string is taken as UTF-8). `aad` binds the value to its place (e.g. the row it
 * belongs to), so a sealed value copied into another row does not open there.
 */
export function seal(plaintext: Uint8Array | string, key: Uint8Array, aad?: Uint8Array | string): Uint8Array {
  checkKey(key);
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = SEAL_VERSION;
  randomBytes(IV_BYTES).copy(header, 1);
  const cipher = createCipheriv('aes-256-gcm', key, header.subarray(1), { authTagLength: TAG_BYTES });
  cipher.setAAD(authenticatedData(header, aad));
  const body = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  return Buffer.concat([header, cipher.update(body), cipher.final(), cipher.getAuthTag()]);
}

/** Decrypts a value made by `seal`; any tampering, truncation, wrong key or wrong `aad` is `E_DECRYPT`. */
export function open(sealed: Uint8Array, key: Uint8Array, aad?: Uint8Array | string): Buffer {
  checkKey(key);
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < HEADER_BYTES + TAG_BYTES) {
    throw new StoreError('E_DECRYPT', `sealed value too short (${bytes.length} bytes)`);
  }
  if (bytes[0] !== SEAL_VERSION) {
    throw new StoreError('E_DECRYPT', `unknown sealed value version ${bytes[0]}`);
  }
  const header = bytes.subarray(0, HEADER_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(1), { authTagLength: TAG_BYTES });
    decipher.setAAD(authenticatedData(header, aad));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch (error) {
    throw new StoreError('E_DECRYPT', 'sealed value failed authentication (tampered, or sealed with another key)', {
      cause: error,
    });
  }
}

/** Whether `sealed` opens under `key` for `aad`, for the key check (key-check.ts); nothing is returned. */
export function canOpen(sealed: Uint8Array, key: Uint8Array, aad?: Uint8Array | string): boolean {
  try {
    open(sealed, key, aad).fill(0);
    return true;
  } catch (error) {
    if (error instanceof StoreError && error.code === 'E_DECRYPT') return false;
    throw error;
  }
}

function authenticatedData(header: Buffer, aad: Uint8Array | string | undefined): Buffer {
  const extra = aad === undefined ? Buffer.alloc(0) : typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad;
  return Buffer.concat([header.subarray(0, 1), extra]);
}

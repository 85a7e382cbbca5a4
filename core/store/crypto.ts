/**
 * Envelope encryption for personal values at rest (DESIGN.md §7): AES-256-GCM, one random IV per value.
 * Layout of a sealed value: version byte (1) · IV (12) · ciphertext · tag (16). The version byte is
 * authenticated too, so a later format can be told apart and a forged header is caught like any tampering.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsyncPath } from './durable.ts';
import { StoreError, toStoreError } from './errors.ts';

export const KEY_BYTES = 32;
export const SEAL_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES;

/** Where the data key comes from: a key file in the browser host, Electron safeStorage in the shell. */
export interface KeyProvider {
  /** Resolves to a 32-byte AES-256 key; the store copies it and zeroes its copy on close. */
  getKey(): Promise<Buffer>;
}

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

/**
 * The browser host's key: 32 random bytes in a file only the kiosk user may read. A missing file is
 * created (atomically, so a crash never leaves a short key behind); a file that group or others can
 * access is refused rather than silently fixed, because the key may already have leaked.
 * Losing the file makes the stored data unreadable, which is the intended failure: lost, never exposed.
 */
export function fileKeyProvider(path: string): KeyProvider {
  let key: Promise<Buffer> | undefined;
  return {
    getKey() {
      key ??= Promise.resolve().then(() => readOrCreateKeyFile(path));
      // A failed attempt is not cached: the technician may fix the permissions and retry.
      key.catch(() => (key = undefined));
      return key.then((k) => Buffer.from(k));
    },
  };
}

function readOrCreateKeyFile(path: string): Buffer {
  try {
    return readKeyFile(path);
  } catch (error) {
    if (!(error instanceof StoreError) && errnoCode(error) === 'ENOENT') return createKeyFile(path);
    throw error instanceof StoreError ? error : keyError(error, path, 'reading');
  }
}

function readKeyFile(path: string): Buffer {
  const stat = statSync(path);
  if (!stat.isFile()) throw new StoreError('E_KEY', `key file ${path} is not a regular file`);
  const loose = stat.mode & 0o077;
  if (loose !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new StoreError(
      'E_KEY',
      `key file ${path} is accessible by group or others (mode ${mode}); it must be 0600. ` +
        'If it may have been copied, delete it (stored data becomes unreadable); otherwise run chmod 600 on it',
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new StoreError('E_KEY', `key file ${path} belongs to uid ${stat.uid}, not to the kiosk user (uid ${uid})`);
  }
  const bytes = readFileSync(path);
  if (bytes.length !== KEY_BYTES) {
    throw new StoreError('E_KEY', `key file ${path} holds ${bytes.length} bytes, expected ${KEY_BYTES}`);
  }
  return bytes;
}

function createKeyFile(path: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, key);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // link() never replaces an existing file: if another process created the key first, use that one.
    try {
      linkSync(temp, path);
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
      return readKeyFile(path);
    }
    // The new directory entry must be durable too: a power cut right after first start must not lose the key.
    fsyncPath(dirname(path));
    return key;
  } catch (error) {
    throw error instanceof StoreError ? error : keyError(error, path, 'creating');
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone or never created.
    }
  }
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function keyError(error: unknown, path: string, doing: string): StoreError {
  const wrapped = toStoreError(error, `${doing} key file ${path}`);
  return new StoreError('E_KEY', wrapped.message, { cause: error, ...(wrapped.detail ? { detail: wrapped.detail } : {}) });
}

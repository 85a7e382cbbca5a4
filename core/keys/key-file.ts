/**
 * Key files: 32 random bytes only the kiosk user may read (the store's data key in the browser host, the
 * browser host's renderer credential key). Outside the store so that the browser host can read its key at
 * once, without loading the store and the rest of core.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsyncPath } from '../store/durable.ts';
import { StoreError, toStoreError } from '../store/errors.ts';

export const KEY_BYTES = 32;

/** Where the data key comes from: a key file in the browser host, Electron safeStorage in the shell. */
export interface KeyProvider {
  /** Resolves to a 32-byte AES-256 key; the store copies it and zeroes its copy on close. */
  getKey(): Promise<Buffer>;
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

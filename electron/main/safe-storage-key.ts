/**
 * The store key under Electron: 32 random bytes encrypted by the OS keystore through `safeStorage` (DPAPI
 * on Windows, Keychain on macOS, libsecret/kwallet on Linux), kept as a 0600 file in userData. Where the
 * keystore offers no real protection (Linux `basic_text`, i.e. no keyring daemon: the usual case on a
 * kiosk with auto-login and no desktop session), the browser host's plain 0600 key file is used instead,
 * since an obfuscated key would only look safer. Electron is passed in, so tests need no Electron binary.
 *
 * The key never changes by itself: another key makes every stored row unreadable (the store sets them aside,
 * core/store/quarantine.ts). So the kind of key is decided at the first start and kept:
 *  - an encrypted key file that exists is the key. A keystore that is unavailable on this boot (the keyring
 *    daemon did not start, the backend fell back to `basic_text`) or cannot decrypt it fails the start with a
 *    reason the technician can act on; no other key is made or used meanwhile;
 *  - a plain key file that exists stays the key, also once a keyring appears later.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileKeyProvider, type KeyProvider } from '../../core/kiosk-core.ts';

const KEY_BYTES = 32;

/** The part of Electron's `safeStorage` this needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SafeStorageKeyOptions {
  readonly safeStorage: SafeStorageLike;
  /** Where the encrypted key lives. */
  readonly encryptedPath: string;
  /** The plain 0600 key file used when the keystore offers no protection. */
  readonly fallbackPath: string;
  /** The plain key file is the key, and why; called when the key is read. */
  readonly onFallback?: (reason: string) => void;
}

/**
 * The key provider. A failed read is not cached: once the technician has started the keyring, the next
 * attempt (a restart) reads the same key.
 */
export function safeStorageKeyProvider(options: SafeStorageKeyOptions): KeyProvider {
  let key: Promise<Buffer> | undefined;
  return {
    getKey() {
      key ??= Promise.resolve().then(() => readKey(options));
      key.catch(() => (key = undefined));
      return key.then((k) => Buffer.from(k));
    },
  };
}

async function readKey(options: SafeStorageKeyOptions): Promise<Buffer> {
  const { encryptedPath, fallbackPath } = options;
  const unprotected = keystoreProblem(options);
  const encrypted = readIfPresent(encryptedPath);
  if (encrypted) {
    if (unprotected) {
      throw new Error(
        `the store key is encrypted by the OS keystore (${encryptedPath}), but ${unprotected} on this start. ` +
          'No other key is used, since it would make the stored data unreadable: start the OS keyring ' +
          '(the desktop session that unlocks it) and restart the kiosk',
      );
    }
    return decrypt(options, encrypted);
  }
  if (unprotected) {
    options.onFallback?.(unprotected);
    return fileKeyProvider(fallbackPath).getKey();
  }
  if (existsSync(fallbackPath)) {
    options.onFallback?.('the key file of an earlier start without OS keyring is kept: another key would make the stored data unreadable');
    return fileKeyProvider(fallbackPath).getKey();
  }
  return createEncrypted(options);
}

/** Why the keystore gives no protection now, or null when it does. */
function keystoreProblem(options: SafeStorageKeyOptions): string | null {
  const { safeStorage } = options;
  if (!safeStorage.isEncryptionAvailable()) return 'OS encryption unavailable';
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  return backend === 'basic_text' ? 'no OS keyring (basic_text)' : null;
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`the encrypted store key ${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

function decrypt(options: SafeStorageKeyOptions, encrypted: Buffer): Buffer {
  let key: Buffer;
  try {
    key = Buffer.from(options.safeStorage.decryptString(encrypted), 'base64');
  } catch (error) {
    throw new Error(
      `the OS keystore cannot decrypt the store key (${options.encryptedPath}): ${(error as Error).message}. ` +
        'No other key is used: unlock the keyring of the kiosk user and restart the kiosk',
      { cause: error },
    );
  }
  if (key.length !== KEY_BYTES) throw new Error(`the encrypted store key ${options.encryptedPath} holds ${key.length} bytes, expected ${KEY_BYTES}`);
  return key;
}

function createEncrypted(options: SafeStorageKeyOptions): Buffer {
  const key = randomBytes(KEY_BYTES);
  mkdirSync(dirname(options.encryptedPath), { recursive: true, mode: 0o700 });
  // Written whole then renamed: a crash never leaves half a key behind.
  const partial = `${options.encryptedPath}.partial`;
  writeFileSync(partial, options.safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
  renameSync(partial, options.encryptedPath);
  return key;
}

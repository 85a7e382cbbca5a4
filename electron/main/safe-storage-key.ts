/**
 * The store key under Electron: 32 random bytes encrypted by the OS keystore through `safeStorage` (DPAPI
 * on Windows, Keychain on macOS, libsecret/kwallet on Linux), kept as a 0600 file in userData. Where the
 * keystore offers no real protection (Linux `basic_text`, i.e. no keyring daemon: the usual case on a
 * kiosk with auto-login and no desktop session), the browser host's plain 0600 key file is used instead,
 * since an obfuscated key would only look safer. Electron is passed in, so tests need no Electron binary.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileKeyProvider, type KeyProvider } from '../../core/kiosk-core.ts';

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
  readonly onFallback?: (reason: string) => void;
}

export function safeStorageKeyProvider(options: SafeStorageKeyOptions): KeyProvider {
  const { safeStorage } = options;
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
    options.onFallback?.(backend === 'basic_text' ? 'no OS keyring (basic_text)' : 'OS encryption unavailable');
    return fileKeyProvider(options.fallbackPath);
  }
  return {
    async getKey() {
      let encrypted: Buffer | undefined;
      try {
        encrypted = readFileSync(options.encryptedPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (encrypted) return Buffer.from(safeStorage.decryptString(encrypted), 'base64');
      const key = randomBytes(32);
      mkdirSync(dirname(options.encryptedPath), { recursive: true, mode: 0o700 });
      // Written whole then renamed: a crash never leaves half a key behind.
      const partial = `${options.encryptedPath}.partial`;
      writeFileSync(partial, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
      renameSync(partial, options.encryptedPath);
      return key;
    },
  };
}

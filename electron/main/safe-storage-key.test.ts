import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeStorageKeyProvider, type SafeStorageLike } from './safe-storage-key.ts';

const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

/** Stands in for the OS keystore: a reversible transformation, so the file never holds the key as is. */
function keystore(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
    decryptString: (data) => Buffer.from(data.toString().slice('sealed:'.length), 'hex').toString(),
  };
}

async function paths() {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-safe-storage-'));
  dirs.push(dir);
  return { encryptedPath: join(dir, 'store.key.enc'), fallbackPath: join(dir, 'store.key') };
}

describe('safeStorageKeyProvider', () => {
  it('keeps the key encrypted by the keystore, and reads back the same key', async () => {
    const p = await paths();
    const key = await safeStorageKeyProvider({ safeStorage: keystore(), ...p }).getKey();
    expect(key).toHaveLength(32);
    const onDisk = await readFile(p.encryptedPath);
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect((await stat(p.encryptedPath)).mode & 0o777).toBe(0o600);
    expect(await safeStorageKeyProvider({ safeStorage: keystore(), ...p }).getKey()).toEqual(key);
  });

  it.runIf(process.platform === 'linux')('uses the 0600 key file when Linux has no keyring (basic_text)', async () => {
    const p = await paths();
    const onFallback = vi.fn();
    const key = await safeStorageKeyProvider({ safeStorage: keystore('basic_text'), ...p, onFallback }).getKey();
    expect(onFallback).toHaveBeenCalledWith('no OS keyring (basic_text)');
    expect(await readFile(p.fallbackPath)).toEqual(key);
  });

  it('uses the key file when the OS offers no encryption', async () => {
    const p = await paths();
    const onFallback = vi.fn();
    await safeStorageKeyProvider({ safeStorage: keystore('gnome_libsecret', false), ...p, onFallback }).getKey();
    expect(onFallback).toHaveBeenCalledWith('OS encryption unavailable');
    expect((await stat(p.fallbackPath)).mode & 0o777).toBe(0o600);
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startKioskCore } from '../../core/kiosk-core.ts';
import { REPO_ROOT } from '../../test/support/browser-host.ts';
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

describe('safeStorageKeyProvider: the key never changes by itself', () => {
  it('refuses, and makes no other key, when the encrypted key exists but the keystore is unavailable; the same key once it is back', async () => {
    const p = await paths();
    const key = await safeStorageKeyProvider({ safeStorage: keystore(), ...p }).getKey();
    const onDisk = await readFile(p.encryptedPath);
    let available = false;
    const store = { ...keystore(), isEncryptionAvailable: () => available };
    const onFallback = vi.fn();
    const provider = safeStorageKeyProvider({ safeStorage: store, ...p, onFallback });
    const refused = await provider.getKey().catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toContain('OS encryption unavailable on this start. No other key is used');
    expect(existsSync(p.fallbackPath)).toBe(false);
    expect(await readFile(p.encryptedPath)).toEqual(onDisk);
    expect(onFallback).not.toHaveBeenCalled();
    // The failure is not remembered: with the keyring back, the same provider reads the same key.
    available = true;
    expect(await provider.getKey()).toEqual(key);
  });

  it.runIf(process.platform === 'linux')('refuses when the backend fell back to basic_text after the key was encrypted', async () => {
    const p = await paths();
    await safeStorageKeyProvider({ safeStorage: keystore(), ...p }).getKey();
    await expect(safeStorageKeyProvider({ safeStorage: keystore('basic_text'), ...p }).getKey()).rejects.toThrow(/no OS keyring \(basic_text\) on this start/);
    expect(existsSync(p.fallbackPath)).toBe(false);
  });

  it('refuses when the keystore cannot decrypt the key (another user\'s or a locked keyring)', async () => {
    const p = await paths();
    await safeStorageKeyProvider({ safeStorage: keystore(), ...p }).getKey();
    const locked: SafeStorageLike = {
      ...keystore(),
      decryptString: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    await expect(safeStorageKeyProvider({ safeStorage: locked, ...p }).getKey()).rejects.toThrow(/cannot decrypt the store key .* No other key is used/);
    expect(existsSync(p.fallbackPath)).toBe(false);
  });

  it('keeps the plain key file of a start without keyring when a keyring appears later', async () => {
    const p = await paths();
    const key = await safeStorageKeyProvider({ safeStorage: keystore('gnome_libsecret', false), ...p }).getKey();
    const onFallback = vi.fn();
    expect(await safeStorageKeyProvider({ safeStorage: keystore(), ...p, onFallback }).getKey()).toEqual(key);
    expect(existsSync(p.encryptedPath)).toBe(false);
    expect(onFallback).toHaveBeenCalledWith(expect.stringContaining('key file of an earlier start without OS keyring is kept'));
  });

  it('leaves the kiosk out of service with the reason, logged, instead of starting with another key', async () => {
    const p = await paths();
    await safeStorageKeyProvider({ safeStorage: keystore(), ...p }).getKey();
    const dataDir = join(p.encryptedPath, '..');
    const core = await startKioskCore({
      locations: { configDir: join(REPO_ROOT, 'kiosk-config/default'), dataDir, logDir: join(dataDir, 'logs') },
      env: {},
      keyProvider: safeStorageKeyProvider({ safeStorage: keystore('gnome_libsecret', false), ...p }),
    });
    const status = core.runtime.snapshot().kiosk.status;
    await core.close();
    expect(status).toMatchObject({ state: 'unavailable', reason: 'maintenance' });
    expect(JSON.stringify(status)).toContain('E_KEY: the key provider failed: the store key is encrypted by the OS keystore');
    expect(core.sessions).toBeUndefined();
    expect(existsSync(p.fallbackPath)).toBe(false);
    expect(await readFile(core.logFile, 'utf8')).toContain('local store unavailable: kiosk out of service');
  }, 30_000);
});

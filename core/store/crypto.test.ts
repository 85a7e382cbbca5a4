import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeyProvider, KEY_BYTES, open, seal, SEAL_VERSION } from './crypto.ts';
import { rejected, TempDirs, thrown } from './test-helpers.ts';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());


describe('seal / open', () => {
  const key = randomBytes(KEY_BYTES);

  it('round-trips strings (as UTF-8) and bytes', () => {
    expect(open(seal('张三 11010519491231002X', key), key).toString('utf8')).toBe('张三 11010519491231002X');
    const bytes = randomBytes(1000);
    expect(open(seal(bytes, key), key).equals(bytes)).toBe(true);
    expect(open(seal('', key), key).length).toBe(0);
  });

  it('lays out version, 12-byte IV, ciphertext and 16-byte tag, with a fresh IV each time', () => {
    const a = Buffer.from(seal('same text', key));
    const b = Buffer.from(seal('same text', key));
    expect(a.length).toBe(1 + 12 + 'same text'.length + 16);
    expect(a[0]).toBe(SEAL_VERSION);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('detects tampering with any part: version, IV, ciphertext, tag', () => {
    const sealed = Buffer.from(seal('{"idNumber":"11010519491231002X"}', key));
    for (const index of [0, 1, 12, 13, 20, sealed.length - 16, sealed.length - 1]) {
      const forged = Buffer.from(sealed);
      forged[index]! ^= 0x01;
      expect(thrown(() => open(forged, key)).code).toBe('E_DECRYPT');
    }
    expect(thrown(() => open(sealed.subarray(0, sealed.length - 1), key)).code).toBe('E_DECRYPT');
    expect(thrown(() => open(sealed.subarray(0, 20), key)).code).toBe('E_DECRYPT');
  });

  it('refuses a wrong key and a wrong associated context, without echoing the plaintext', () => {
    const sealed = seal('11010519491231002X', key, 'session:a');
    const error = thrown(() => open(sealed, randomBytes(KEY_BYTES), 'session:a'));
    expect(error.code).toBe('E_DECRYPT');
    expect(error.message).not.toContain('11010519491231002X');
    expect(thrown(() => open(sealed, key, 'session:b')).code).toBe('E_DECRYPT');
    expect(thrown(() => open(sealed, key)).code).toBe('E_DECRYPT');
    expect(open(sealed, key, 'session:a').toString()).toBe('11010519491231002X');
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(thrown(() => seal('x', randomBytes(16))).code).toBe('E_KEY');
    expect(thrown(() => open(seal('x', key), randomBytes(31))).code).toBe('E_KEY');
  });
});

describe('fileKeyProvider', () => {
  it('creates a 32-byte key file with mode 0600 (and its directory with 0700), then reuses it', async () => {
    const dir = await dirs.make();
    const path = join(dir, 'secrets', 'store.key');
    const first = await fileKeyProvider(path).getKey();
    expect(first.length).toBe(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'secrets'))).mode & 0o777).toBe(0o700);
    expect(await readdir(join(dir, 'secrets'))).toEqual(['store.key']);
    const again = await fileKeyProvider(path).getKey();
    expect(again.equals(first)).toBe(true);
  });

  it('gives each caller its own copy, so zeroing one does not break the next', async () => {
    const provider = fileKeyProvider(join(await dirs.make(), 'store.key'));
    const a = await provider.getKey();
    const copy = Buffer.from(a);
    a.fill(0);
    expect((await provider.getKey()).equals(copy)).toBe(true);
  });

  it('refuses a key file that group or others can read, naming the mode and the fix', async () => {
    const path = join(await dirs.make(), 'store.key');
    await writeFile(path, randomBytes(32), { mode: 0o600 });
    await chmod(path, 0o644);
    const error = await rejected(fileKeyProvider(path).getKey());
    expect(error.code).toBe('E_KEY');
    expect(error.message).toContain('mode 0644');
    expect(error.message).toContain('0600');
    await chmod(path, 0o640);
    expect((await rejected(fileKeyProvider(path).getKey())).code).toBe('E_KEY');
  });

  it('does not cache a refusal: fixing the permissions lets the same provider succeed', async () => {
    const path = join(await dirs.make(), 'store.key');
    await writeFile(path, randomBytes(32), { mode: 0o600 });
    await chmod(path, 0o604);
    const provider = fileKeyProvider(path);
    expect((await rejected(provider.getKey())).code).toBe('E_KEY');
    await chmod(path, 0o600);
    expect((await provider.getKey()).length).toBe(32);
  });

  it('refuses a key file of the wrong size and a path that is not a file', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'short.key'), randomBytes(16), { mode: 0o600 });
    const short = await rejected(fileKeyProvider(join(dir, 'short.key')).getKey());
    expect(short.code).toBe('E_KEY');
    expect(short.message).toContain('16 bytes');
    await mkdir(join(dir, 'dir.key'), { mode: 0o700 });
    expect((await rejected(fileKeyProvider(join(dir, 'dir.key')).getKey())).code).toBe('E_KEY');
  });

  it('reports a key file that cannot be created as E_KEY', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'plain-file'), 'x');
    const error = await rejected(fileKeyProvider(join(dir, 'plain-file', 'store.key')).getKey());
    expect(error.code).toBe('E_KEY');
  });
});

import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TempDirs } from '../store/test-helpers.ts';
import { loadCaFile, loadCredentials } from './credentials.ts';
import { selfSignedCertificate, testCredentials } from './test-support.ts';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

async function file(content: string, mode = 0o600): Promise<string> {
  const path = join(await dirs.make(), 'credentials.json');
  await writeFile(path, content, { mode });
  await chmod(path, mode);
  return path;
}

describe('loadCredentials', () => {
  it('reads a 0600 credentials file for this kiosk', async () => {
    const credentials = testCredentials('HALL-K01');
    expect(await loadCredentials(await file(JSON.stringify(credentials)), 'HALL-K01')).toEqual({ ok: true, value: credentials });
  });

  it('says clearly what is wrong, without the secret', async () => {
    const credentials = testCredentials('HALL-K01');
    const problem = async (path: string, kioskId = 'HALL-K01') => {
      const loaded = await loadCredentials(path, kioskId);
      if (loaded.ok) throw new Error('expected a problem');
      expect(loaded.problem).not.toContain(credentials.secret);
      return loaded.problem;
    };
    expect(await problem(await file(JSON.stringify(credentials), 0o644))).toMatch(/readable by others \(mode 0644\).*chmod 600/);
    expect(await problem(await file(JSON.stringify(credentials)), 'HALL-K02')).toMatch(/is for kiosk HALL-K01, but kiosk.id is HALL-K02/);
    expect(await problem(await file('{"kioskId":'))).toMatch(/is not JSON/);
    expect(await problem(await file(JSON.stringify({ ...credentials, secret: 'short' })))).toMatch(/must hold/);
    expect(await problem(join(await dirs.make(), 'missing.json'))).toMatch(/cannot be read \(ENOENT\)/);
  });
});

describe('loadCaFile', () => {
  it('accepts PEM certificates and refuses anything else', async () => {
    const { cert } = await selfSignedCertificate();
    expect(await loadCaFile(await file(cert))).toEqual({ ok: true, value: cert });
    expect(await loadCaFile(await file('not a certificate'))).toMatchObject({ ok: false, problem: expect.stringMatching(/no PEM certificate/) });
  });
});

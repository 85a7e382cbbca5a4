import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import { BackOfficeClient } from './backoffice-client.ts';
import { resolveEid } from './eid-client.ts';
import { json, scriptedServer, testCredentials } from './test-support.ts';

let server: BackOfficeServer;
beforeAll(async () => {
  server = await startBackOffice({ seedExchange: true });
}, 60_000);
afterAll(() => server?.close());
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function client(baseUrl: string, credentials = testCredentials(`K${randomUUID().slice(0, 8)}`), responseTimeoutMs = 2_000): BackOfficeClient {
  const c = new BackOfficeClient({ baseUrl, credentials, connectTimeoutMs: 500, responseTimeoutMs });
  cleanups.push(() => c.close());
  return c;
}

describe('resolveEid (the reference back office, signed)', () => {
  it('resolves a known code and says why an unknown or malformed one is refused', async () => {
    const credentials = testCredentials(`K${randomUUID().slice(0, 8)}`);
    await server.registerKiosk(credentials);
    const c = client(server.url, credentials);
    expect(await resolveEid('EID1:TESTZHANGSAN0001', c)).toMatchObject({ ok: true, identity: { idNumber: '11010519491231002X', documentType: 'resident' } });
    expect(await resolveEid('EID1:NOSUCHCODE0001', c)).toEqual({ ok: false, reason: 'unknown-code' });
    expect(await resolveEid('not an e-ID', c)).toEqual({ ok: false, reason: 'malformed-code' });
  });

  it('says offline for refused credentials, an unreachable, failing, hung or nonsense-answering back office', async () => {
    expect(await resolveEid('EID1:TESTZHANGSAN0001', client(server.url))).toEqual({ ok: false, reason: 'offline' });
    expect(await resolveEid('EID1:X', client('http://127.0.0.1:9'))).toEqual({ ok: false, reason: 'offline' });
    const odd = await scriptedServer();
    cleanups.push(() => odd.close());
    odd.answer((_req, res) => json(res, 500, {}));
    expect(await resolveEid('EID1:X', client(odd.url))).toEqual({ ok: false, reason: 'offline' });
    odd.answer((_req, res) => json(res, 200, { identity: { name: '张三', idNumber: '11010519491231002X', gender: '2', birthDate: '1949-12-31', documentType: 'passport' } }));
    expect(await resolveEid('EID1:X', client(odd.url))).toEqual({ ok: false, reason: 'offline' });
    odd.answer(() => undefined);
    expect(await resolveEid('EID1:X', client(odd.url, undefined, 100))).toEqual({ ok: false, reason: 'offline' });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startBackOffice, type BackOfficeServer } from './server.ts';

let server: BackOfficeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(path: string, body: string): Promise<{ status: number; json: unknown }> {
  server ??= await startBackOffice();
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, json: await res.json() };
}

describe('reference back office', () => {
  it('answers health checks', async () => {
    server = await startBackOffice();
    const res = await fetch(new URL('/api/v1/health', server.url));
    expect(await res.json()).toEqual({ status: 'ok', apiVersion: 1 });
  });

  it('resolves a known QR e-ID code to its fake identity', async () => {
    const { status, json } = await post('/api/v1/identity/eid', JSON.stringify({ code: 'EID1:TESTZHANGSAN0001' }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ identity: { idNumber: '11010519491231002X', documentType: 'resident' } });
  });

  it('answers every bad request with a status and a reason, never a crash', async () => {
    expect(await post('/api/v1/identity/eid', JSON.stringify({ code: 'EID1:UNKNOWNCODE000' }))).toEqual({ status: 404, json: { error: 'unknown-code' } });
    expect(await post('/api/v1/identity/eid', JSON.stringify({ code: 'hello' }))).toEqual({ status: 400, json: { error: 'malformed-code' } });
    expect(await post('/api/v1/identity/eid', '{not json')).toEqual({ status: 400, json: { error: 'malformed-request' } });
    expect(await post('/api/v1/identity/eid', 'null')).toEqual({ status: 400, json: { error: 'malformed-code' } });
    expect(await post('/api/v1/identity/eid', JSON.stringify({ code: 'x'.repeat(10_000) }))).toEqual({ status: 413, json: { error: 'malformed-request' } });
    const get = await fetch(new URL('/api/v1/identity/eid', server!.url));
    expect(get.status).toBe(405);
    expect((await fetch(new URL('/api/v1/nothing', server!.url))).status).toBe(404);
  });
});

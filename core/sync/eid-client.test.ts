import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveEid } from './eid-client.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A back office that answers every request with `status` and `body`. */
async function answering(status: number, body: string): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('resolveEid', () => {
  it('treats a back office that answers nonsense like one that does not answer', async () => {
    const identity = { name: '张三', idNumber: '11010519491231002X', gender: '2', birthDate: '1949-12-31', documentType: 'passport' };
    expect(await resolveEid('EID1:X', { baseUrl: await answering(200, JSON.stringify({ identity })) })).toEqual({ ok: false, reason: 'offline' });
  });

  it('says offline for a server error, an unreachable or missing back office', async () => {
    expect(await resolveEid('EID1:X', { baseUrl: await answering(500, '{}') })).toEqual({ ok: false, reason: 'offline' });
    expect(await resolveEid('EID1:X', { baseUrl: 'http://127.0.0.1:9' })).toEqual({ ok: false, reason: 'offline' });
    expect(await resolveEid('EID1:X', { baseUrl: '' })).toEqual({ ok: false, reason: 'offline' });
  });

  it('gives up on a back office that hangs', async () => {
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await resolveEid('EID1:X', { baseUrl, timeoutMs: 100 })).toEqual({ ok: false, reason: 'offline' });
    server.closeAllConnections();
  });
});

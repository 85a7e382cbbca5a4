import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { authorizationHeader } from './api/signing.ts';
import { openDatabase } from './db/database.ts';
import { describeEachDatabase } from './db/test-databases.ts';
import { startBackOffice } from './server.ts';
import { backOfficeStarter } from './test-support.ts';

interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** A raw request, for what fetch will not send (a foreign Host header, bytes that are no HTTP body); over https trusting only `ca`. */
function raw(url: string, options: RawRequest, ca?: string): Promise<{ status: number; body: string }> {
  const send = ca === undefined ? request : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(new URL(options.path, url), { method: options.method, headers: options.headers, ...(ca === undefined ? {} : { ca }) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describeEachDatabase('the back-office server', (target) => {
  const start = backOfficeStarter(target);

  it('answers unknown paths 404 and wrong methods 405, with no-store everywhere', async () => {
    const b = await start();
    for (const path of ['/nothing', '/submissions', '/submissions/x/y']) {
      const answer = await b.send({ method: 'GET', path });
      expect([answer.status, answer.json, answer.headers.get('cache-control')]).toEqual([404, { error: 'not-found' }, 'no-store']);
    }
    expect((await raw(b.server.url, { method: 'GET', path: '/' })).status).toBe(404);
    const wrong = await b.send({ method: 'DELETE', path: '/health' });
    expect([wrong.status, wrong.json, wrong.headers.get('allow')]).toEqual([405, { error: 'method-not-allowed' }, 'GET']);
  });

  it('refuses a Host it does not serve, and accepts the public names it was given', async () => {
    const b = await start({ publicHosts: ['backoffice.hall.example'] });
    const foreign = await raw(b.server.url, { method: 'GET', path: '/api/v1/health', headers: { host: 'rebound.attacker.example' } });
    expect([foreign.status, JSON.parse(foreign.body).error]).toEqual([421, 'misdirected-request']);
    expect((await raw(b.server.url, { method: 'GET', path: '/api/v1/health', headers: { host: 'backoffice.hall.example' } })).status).toBe(200);
    expect((await raw(b.server.url, { method: 'GET', path: '/api/v1/health' })).status).toBe(200);
  });

  it('never crashes on what a client sends, and keeps answering', async () => {
    const b = await start();
    const attempts: RawRequest[] = [
      { method: 'POST', path: '/api/v1/cases/query', headers: { 'content-type': 'application/json' }, body: '\u0000\uffff{{{' },
      { method: 'POST', path: '/api/v1/cases/query', headers: { 'content-type': 'application/json', 'content-length': '999999999' } },
      // No content-length: refused at the byte that crosses the limit.
      { method: 'POST', path: '/api/v1/cases/query', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: ' '.repeat(300_000) },
      { method: 'GET', path: '/api/v1/health?x=%zz' },
      { method: 'GET', path: '/api/v1/%E0%A4%A' },
      { method: 'POST', path: '/api/v1/cases/query', headers: { 'content-type': 'text/plain' }, body: '{}' },
    ];
    const statuses = [];
    for (const attempt of attempts) statuses.push((await raw(b.server.url, attempt)).status);
    expect(statuses).toEqual([401, 413, 413, 200, 404, 415]);
    expect((await b.send({ method: 'POST', path: '/cases/query', body: '[1,' })).json).toEqual({ error: 'malformed-json', message: 'the body is not UTF-8 JSON' });
    expect((await b.send({ method: 'POST', path: '/cases/query', body: new TextEncoder().encode('{}'), headers: { 'content-type': 'application/json' } })).json).toMatchObject({ error: 'invalid-body' });
    expect((await b.send({ method: 'GET', path: '/health', as: false })).status).toBe(200);
  });
});

describeEachDatabase('the back office over https', (target) => {
  const start = backOfficeStarter(target);

  it('serves signed requests with a self-signed certificate the client trusts, and nothing to one that does not', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const b = await start({ tls: { cert: pems.cert, key: pems.private } });
    expect(b.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = JSON.stringify({ receiptNumber: 'SL-K1-20261202-000001' });
    const path = '/api/v1/cases/query';
    const authorization = authorizationHeader({ method: 'POST', path, body }, b.credentials);
    const answer = await raw(b.server.url, { method: 'POST', path, headers: { 'content-type': 'application/json', authorization }, body }, pems.cert);
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { cases: [] }]);
    await expect(fetch(`${b.server.url}/api/v1/health`)).rejects.toThrow();
  });
});

describeEachDatabase('health when the database is gone', (target) => {
  it('answers 503 once its database stops answering', async () => {
    const db = await target.connect();
    const server = await startBackOffice({ database: db });
    try {
      const health = () => fetch(`${server.url}/api/v1/health`).then(async (res) => [res.status, await res.json()]);
      expect(await health()).toEqual([200, { status: 'ok', apiVersion: 1 }]);
      await db.close();
      expect(await health()).toEqual([503, { status: 'unavailable' }]);
    } finally {
      await server.close();
    }
  });
});

describe('a back office that cannot start', () => {
  it('says why and leaves its data directory unlocked', { timeout: 30_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'backoffice-start-'));
    const busy = await startBackOffice();
    try {
      const port = Number(new URL(busy.url).port);
      await expect(startBackOffice({ database: { pglite: join(dir, 'db') }, port })).rejects.toThrow(/EADDRINUSE/);
      const db = await openDatabase({ pglite: join(dir, 'db') });
      await db.close();
    } finally {
      await busy.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('closes within its grace period even when a client never finishes its request', { timeout: 30_000 }, async () => {
    const server = await startBackOffice();
    const req = request(`${server.url}/api/v1/cases/query`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    const cut = new Promise<string>((resolve) => req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message)));
    req.write('{"receiptNumber": ');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await cut).toMatch(/ECONNRESET|socket hang up/);
  });
});

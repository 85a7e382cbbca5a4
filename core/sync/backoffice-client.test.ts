import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAuthorization, verifySignature } from '../../backoffice/api/signing.ts';
import type { SubmissionRequest } from '../../backoffice/api/schemas.ts';
import { BackOfficeClient, type BackOfficeClientOptions } from './backoffice-client.ts';
import { FAKE_ID_NUMBER, json, scriptedServer, selfSignedCertificate, testCredentials, wireRecord, type ScriptedServer } from './test-support.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const credentials = testCredentials('K01');

async function server(tls?: { key: string; cert: string }): Promise<ScriptedServer> {
  const s = await scriptedServer(tls);
  cleanups.push(() => s.close());
  return s;
}

function client(baseUrl: string, options: Partial<BackOfficeClientOptions> = {}): BackOfficeClient {
  const c = new BackOfficeClient({ baseUrl, credentials, connectTimeoutMs: 1_000, responseTimeoutMs: 2_000, ...options });
  cleanups.push(() => c.close());
  return c;
}

const key = randomUUID();
const request: SubmissionRequest = { receiptNumber: 'SL-K01-20260305-000001', catalogVersion: 'abcdefabcdef', record: wireRecord(key), attachments: [] };
const ack = { idempotencyKey: key, receiptNumber: request.receiptNumber, caseNumbers: { '1101050001': 'BJ2026030500000001' }, receivedAt: 1 };

describe('BackOfficeClient', () => {
  it('signs every request but the health probe, over the body it sends', async () => {
    const s = await server();
    s.answer((req, res) => json(res, req.path.endsWith('/health') ? 200 : 201, req.path.endsWith('/health') ? { status: 'ok', apiVersion: 1 } : ack));
    const c = client(s.url);
    expect(await c.health()).toEqual({ kind: 'ok', value: { status: 'ok', apiVersion: 1 } });
    expect(await c.putSubmission(key, request)).toEqual({ kind: 'ok', value: ack });
    const [health, put] = s.received;
    expect(health!.headers.authorization).toBeUndefined();
    expect(put).toMatchObject({ method: 'PUT', path: `/api/v1/submissions/${key}` });
    const parsed = parseAuthorization(put!.headers.authorization);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.parts.kioskId).toBe('K01');
    expect(verifySignature({ method: 'PUT', path: put!.path, body: put!.body }, parsed.parts, credentials.secret, Date.now())).toEqual({ ok: true });
    expect(JSON.parse(put!.body.toString())).toEqual(request);
  });

  it.each([
    [503, { error: 'unavailable' }, { kind: 'retry', reason: 'unavailable', reached: true, status: 503 }],
    [500, 'not json', { kind: 'retry', reason: 'http-500', reached: true, status: 500 }],
    [429, {}, { kind: 'retry', reason: 'http-429', reached: true, status: 429 }],
    [408, {}, { kind: 'retry', reason: 'http-408', reached: true, status: 408 }],
    [302, {}, { kind: 'retry', reason: 'http-302', reached: true, status: 302 }],
    [401, { error: 'bad-signature' }, { kind: 'auth', reason: 'bad-signature', status: 401 }],
    [403, { error: 'wrong-kiosk' }, { kind: 'auth', reason: 'wrong-kiosk', status: 403 }],
    [403, { error: 'forbidden' }, { kind: 'park', reason: 'forbidden', status: 403 }],
    [400, { error: 'invalid-body', issues: ['record.items'] }, { kind: 'park', reason: 'invalid-body', status: 400 }],
    [409, { error: 'idempotency-conflict' }, { kind: 'park', reason: 'idempotency-conflict', status: 409 }],
    [422, { error: 'missing-attachments', missing: [] }, { kind: 'park', reason: 'missing-attachments', status: 422 }],
    [200, { idempotencyKey: 'not-a-uuid' }, { kind: 'retry', reason: 'invalid-answer', reached: true, status: 200 }],
  ])('answers %i %j as %j', async (status, body, expected) => {
    const s = await server();
    s.answer((_req, res) => (typeof body === 'string' ? (res.writeHead(status), res.end(body)) : json(res, status, body)));
    expect(await client(s.url).putSubmission(key, request)).toEqual(expected);
  });

  it('says why there was no answer: refused, hung, reset, oversized', async () => {
    const s = await server();
    const { port } = new URL(s.url);
    await s.close();
    expect(await client(`http://127.0.0.1:${port}`).health()).toMatchObject({ kind: 'retry', reason: 'unreachable', reached: false });

    const hung = await server();
    hung.answer(() => undefined);
    expect(await client(hung.url, { responseTimeoutMs: 100 }).health()).toEqual({ kind: 'retry', reason: 'timeout', reached: true });

    const reset = await server();
    reset.answer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"status":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(await client(reset.url).health()).toMatchObject({ kind: 'retry', reason: 'reset', reached: true });

    const big = await server();
    big.answer((_req, res) => json(res, 200, { status: 'ok', apiVersion: 1, filler: 'x'.repeat(2 * 1024 * 1024) }));
    expect(await client(big.url).health()).toEqual({ kind: 'retry', reason: 'too-large', reached: true });
  });

  it('refuses to send a request that fails its schema, naming paths only', async () => {
    const s = await server();
    const bad = { ...request, record: { ...request.record, applicant: { ...request.record.applicant, idNumber: `${FAKE_ID_NUMBER}!` } } };
    const result = await client(s.url).putSubmission(key, bad);
    expect(result).toEqual({ kind: 'park', reason: 'invalid-request: record.applicant.idNumber' });
    expect(JSON.stringify(result)).not.toContain(FAKE_ID_NUMBER);
    expect(s.received).toEqual([]);
  });

  it('reads the answers that carry a meaning of their own', async () => {
    const s = await server();
    const sha = 'a'.repeat(64);
    s.answer((req, res) => {
      if (req.path === `/api/v1/attachments/${sha}`) return json(res, 404, { error: 'not-found' });
      if (req.path.startsWith(`/api/v1/attachments/${sha}?`)) return json(res, 409, { error: 'offset-mismatch', received: 512 });
      if (req.path === '/api/v1/catalog') return req.headers['if-none-match'] === '"abcdefabcdef"' ? (res.writeHead(304), res.end()) : json(res, 500, {});
      if (req.path === '/api/v1/exchange/lookup') return json(res, 404, { error: 'not-found' });
      return json(res, 404, { error: 'unknown-code' });
    });
    const c = client(s.url);
    expect(await c.attachmentStatus(sha)).toEqual({ kind: 'ok', value: null });
    expect(await c.putAttachmentChunk(sha, 0, 1024, Buffer.alloc(1024))).toEqual({ kind: 'ok', value: { offsetMismatch: 512 } });
    expect(s.received.at(-1)).toMatchObject({ path: `/api/v1/attachments/${sha}?offset=0&size=1024`, headers: { 'content-type': 'application/octet-stream' } });
    expect(await c.getCatalog('abcdefabcdef')).toEqual({ kind: 'ok', value: null });
    const lookup = { dataset: 'housing.deed', keyField: 'deed.number', value: 'X1', idNumber: FAKE_ID_NUMBER, purpose: { sessionId: key } };
    expect(await c.exchangeLookup(lookup)).toEqual({ kind: 'ok', value: null });
    expect(await c.resolveEid('EID1:NOSUCHCODE')).toEqual({ kind: 'ok', value: { refused: 'unknown-code' } });
  });

  it('keeps connections alive, and resends on a fresh one when a kept-alive socket was closed under it', async () => {
    const s = await server();
    const ports: number[] = [];
    let served = 0;
    s.answer((req, res) => {
      ports.push(res.socket!.remotePort!);
      served += 1;
      // The third request finds its kept-alive connection closed by the server, as an idle timeout would.
      if (served === 3) return void res.socket!.destroy();
      json(res, 200, { status: 'ok', apiVersion: 1 });
    });
    const c = client(s.url);
    expect((await c.health()).kind).toBe('ok');
    expect((await c.health()).kind).toBe('ok');
    expect(ports[0]).toBe(ports[1]);
    expect(await c.putSubmission(key, { ...request })).toMatchObject({ kind: 'retry', reason: 'invalid-answer' });
    expect(ports[3]).not.toBe(ports[2]);
    const nonces = s.received.slice(2).map((r) => (parseAuthorization(r.headers.authorization) as { parts: { nonce: string } }).parts.nonce);
    expect(new Set(nonces).size).toBe(2);
  });

  it('trusts an https back office only through the configured CA', async () => {
    const tls = await selfSignedCertificate();
    const s = await server(tls);
    s.answer((_req, res) => json(res, 200, { status: 'ok', apiVersion: 1 }));
    expect(await client(s.url).health()).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^tls:/), reached: false });
    expect(await client(s.url, { ca: tls.cert }).health()).toEqual({ kind: 'ok', value: { status: 'ok', apiVersion: 1 } });
  });
});

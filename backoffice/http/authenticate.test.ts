import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { authorizationHeader, MAX_SKEW_MS, newSecret } from '../api/signing.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { revokeKiosk } from '../model/kiosks.ts';
import { NONCE_RETENTION_MS } from '../model/nonces.ts';
import { SECRET_TRUST_MS } from './authenticate.ts';
import { backOfficeStarter, sampleSubmission, send, testKioskId } from '../test-support.ts';

describeEachDatabase('signed requests', (target) => {
  let clock = Date.UTC(2026, 11, 2, 9);
  const now = () => clock;
  const start = backOfficeStarter(target, { now });
  const query = { method: 'POST', path: '/cases/query', body: { receiptNumber: 'SL-K1-20261202-000001' } };

  it('answer a correctly signed request, and health without a signature', async () => {
    const b = await start();
    expect((await b.send(query)).status).toBe(200);
    const health = await b.send({ method: 'GET', path: '/health', as: false });
    expect([health.status, health.json]).toEqual([200, { status: 'ok', apiVersion: 1 }]);
  });

  it('refuse a request without a signature or with a malformed one', async () => {
    const b = await start();
    expect((await b.send({ ...query, as: false })).json).toEqual({ error: 'unsigned' });
    for (const authorization of ['Bearer abc', 'KIOSK-HMAC-SHA256 Credential=K1', 'KIOSK-HMAC-SHA256 Credential=K1, Timestamp=x, Nonce=abcdefghijklmnop, Signature=00']) {
      const answer = await b.send({ ...query, as: false, headers: { authorization } });
      expect([answer.status, answer.json]).toEqual([401, { error: 'malformed-signature' }]);
    }
  });

  it('refuse an unknown kiosk and a revoked one', async () => {
    const b = await start();
    expect((await b.send({ ...query, as: { kioskId: testKioskId(), secret: newSecret() } })).json).toEqual({ error: 'unknown-kiosk' });
    await revokeKiosk(await target.connect(), b.credentials.kioskId, clock);
    const answer = await b.send(query);
    expect([answer.status, answer.json]).toEqual([401, { error: 'unknown-kiosk' }]);
    await b.server.registerKiosk(b.credentials);
    expect((await b.send(query)).status).toBe(200);
  });

  it('trust a secret read for a few seconds: a revocation holds everywhere within that, a new secret at once', async () => {
    const b = await start();
    const db = await target.connect();
    expect((await b.send(query)).status).toBe(200);
    await revokeKiosk(db, b.credentials.kioskId, clock);
    expect((await b.send(query)).status).toBe(200);
    clock += SECRET_TRUST_MS;
    expect((await b.send(query)).json).toEqual({ error: 'unknown-kiosk' });

    const renewed = { kioskId: b.credentials.kioskId, secret: newSecret() };
    await b.server.registerKiosk(renewed);
    expect((await b.send({ ...query, as: renewed })).status).toBe(200);
    expect((await b.send({ ...query, as: { kioskId: renewed.kioskId, secret: newSecret() } })).json).toEqual({ error: 'bad-signature' });
  });

  it('refuse a wrong secret, and a signature over another body, path or method', async () => {
    const b = await start();
    expect((await b.send({ ...query, as: { kioskId: b.credentials.kioskId, secret: newSecret() } })).json).toEqual({ error: 'bad-signature' });
    const signedFor = (request: { method: string; path: string; body: string }) => authorizationHeader(request, b.credentials, clock);
    const body = JSON.stringify(query.body);
    const tampered = [
      signedFor({ method: 'POST', path: '/api/v1/cases/query', body: body.replace('000001', '000002') }),
      signedFor({ method: 'POST', path: '/api/v1/exchange/person', body }),
      signedFor({ method: 'PUT', path: '/api/v1/cases/query', body }),
    ];
    for (const authorization of tampered) {
      const answer = await b.send({ ...query, as: false, headers: { authorization } });
      expect([answer.status, answer.json]).toEqual([401, { error: 'bad-signature' }]);
    }
  });

  it('refuse a timestamp more than five minutes off, either way', async () => {
    const b = await start();
    for (const signedAt of [clock - MAX_SKEW_MS - 1, clock + MAX_SKEW_MS + 1]) {
      const answer = await b.send({ ...query, signedAt });
      expect([answer.status, answer.json]).toEqual([401, { error: 'stale-timestamp' }]);
    }
    expect((await b.send({ ...query, signedAt: clock - MAX_SKEW_MS })).status).toBe(200);
  });

  it('refuse a replay, on the same instance and on a second one sharing the database', async () => {
    const first = await start();
    const second = await start({}, first.credentials);
    const authorization = authorizationHeader({ method: 'POST', path: '/api/v1/cases/query', body: JSON.stringify(query.body) }, first.credentials, clock);
    const replay = { ...query, as: false as const, headers: { authorization } };
    expect((await first.send(replay)).status).toBe(200);
    expect((await first.send(replay)).json).toEqual({ error: 'replayed' });
    const elsewhere = await send(second.server.url, first.credentials, replay, now);
    expect([elsewhere.status, elsewhere.json]).toEqual([401, { error: 'replayed' }]);
  });

  it('refuse a replay racing the original, whether its work is one query or a transaction: one answer, one case', async () => {
    const b = await start();
    const raced = async (request: { method: string; path: string; body: string }) => {
      const headers = { authorization: authorizationHeader({ ...request, path: `/api/v1${request.path}` }, b.credentials, clock) };
      const answers = await Promise.all([0, 1, 2].map(() => b.send({ ...request, as: false, headers })));
      return answers.map((a) => a.status).sort();
    };
    expect(await raced({ ...query, body: JSON.stringify(query.body) })).toEqual([200, 401, 401]);
    const key = randomUUID();
    expect(await raced({ method: 'PUT', path: `/submissions/${key}`, body: JSON.stringify(sampleSubmission(b.credentials.kioskId, 1)) })).toEqual([201, 401, 401]);
    const db = await target.connect();
    expect(await db.query('SELECT count(*)::int AS n FROM submissions WHERE idempotency_key = $1', [key])).toEqual([{ n: 1 }]);
  });

  it('refuse the replay of a request that touched no data (refused by its handler) all the same', async () => {
    const b = await start();
    const request = { method: 'PUT', path: `/submissions/${randomUUID()}`, body: JSON.stringify(sampleSubmission('SOMEONE-ELSE', 1)) };
    const headers = { authorization: authorizationHeader({ ...request, path: `/api/v1${request.path}` }, b.credentials, clock) };
    expect((await b.send({ ...request, as: false, headers })).status).toBe(403);
    expect((await b.send({ ...request, as: false, headers })).json).toEqual({ error: 'replayed' });
  });

  it('forget nonces once they are too old to pass the clock check anyway', async () => {
    const b = await start();
    const nonce = 'a-nonce-to-forget-0001';
    expect((await b.send({ ...query, nonce })).status).toBe(200);
    const db = await target.connect();
    const stored = () => db.query('SELECT nonce FROM request_nonces WHERE kiosk_id = $1 AND nonce = $2', [b.credentials.kioskId, nonce]);
    expect(await stored()).toHaveLength(1);
    clock += NONCE_RETENTION_MS + 60_000;
    expect((await b.send(query)).status).toBe(200);
    expect(await stored()).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import { authorizationHeader, MAX_SKEW_MS, newSecret } from '../api/signing.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { revokeKiosk } from '../model/kiosks.ts';
import { NONCE_RETENTION_MS } from '../model/nonces.ts';
import { backOfficeStarter, send, testKioskId } from '../test-support.ts';

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

import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { RatingRequest } from '../api/schemas.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter, sampleSubmission, type TestBackOffice } from '../test-support.ts';

let clock = Date.UTC(2026, 11, 2, 3);

describeEachDatabase('PUT /ratings/{submissionKey}', (target) => {
  const start = backOfficeStarter(target, { now: () => clock });
  const rating = (b: TestBackOffice, submissionKey: string, changes: Partial<RatingRequest> = {}): RatingRequest => ({
    submissionKey,
    receiptNumber: `SL-${b.credentials.kioskId}-20261202-000001`,
    channel: 'kiosk',
    level: 5,
    reasons: [],
    ratedAt: clock - 1000,
    ...changes,
  });
  const put = (b: TestBackOffice, key: string, body: RatingRequest) => b.send({ method: 'PUT', path: `/ratings/${key}`, body });

  it('keep one rating per submission: the same body again gets the same answer, another body 409', async () => {
    const b = await start();
    const key = randomUUID();
    const body = rating(b, key);
    const first = await put(b, key, body);
    expect(first).toMatchObject({ status: 201, json: { submissionKey: key, channel: 'kiosk', receivedAt: clock } });
    clock += 5_000;
    const again = await put(b, key, body);
    expect([again.status, again.text]).toEqual([200, first.text]);
    expect(await put(b, key, { ...body, level: 4 })).toMatchObject({ status: 409, json: { error: 'idempotency-conflict' } });
  });

  it('accept a rating before its submission arrives, and the submission after it', async () => {
    const b = await start();
    const key = randomUUID();
    expect((await put(b, key, rating(b, key))).status).toBe(201);
    expect((await b.send({ method: 'PUT', path: `/submissions/${key}`, body: sampleSubmission(b.credentials.kioskId, 1) })).status).toBe(201);
    const db = await target.connect();
    const linked = await db.query('SELECT r.level, s.bundle_code FROM ratings r JOIN submissions s ON s.idempotency_key = r.submission_key WHERE r.submission_key = $1', [key]);
    expect(linked).toEqual([{ level: 5, bundle_code: 'BIRTH-ONE-THING' }]);
  });

  it('need a reason for the two lowest levels', async () => {
    const b = await start();
    const key = randomUUID();
    for (const level of [1, 2] as const) {
      expect(await put(b, key, rating(b, key, { level }))).toMatchObject({ status: 422, json: { error: 'reason-required' } });
    }
    expect((await put(b, key, rating(b, key, { level: 1, reasons: ['waitTooLong'], comment: '排队太久' }))).status).toBe(201);
  });

  it('refuse a body about another submission, another kiosk, or off the 5-level scale', async () => {
    const b = await start();
    const key = randomUUID();
    expect(await put(b, key, rating(b, randomUUID()))).toMatchObject({ status: 400, json: { error: 'invalid-body', issues: ['submissionKey: must be the key in the path'] } });
    expect(await put(b, key, rating(b, key, { receiptNumber: 'SL-OTHER-20261202-000001' }))).toMatchObject({ status: 403, json: { error: 'wrong-kiosk' } });
    const offScale = { ...rating(b, key), level: 6 } as unknown as RatingRequest;
    expect(await put(b, key, offScale)).toMatchObject({ status: 400, json: { error: 'invalid-body' } });
  });
});

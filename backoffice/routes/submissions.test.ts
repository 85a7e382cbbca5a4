import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { SubmissionAckSchema, type SubmissionRequest } from '../api/schemas.ts';
import { sha256Hex } from '../api/signing.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter, sampleSubmission, send, type TestBackOffice } from '../test-support.ts';
import * as v from 'valibot';

const day = Date.UTC(2026, 11, 2, 2, 0);
let clock = day;

describeEachDatabase('PUT /submissions/{key}', (target) => {
  const start = backOfficeStarter(target, { now: () => clock });
  const put = (b: TestBackOffice, key: string, body: unknown) => b.send({ method: 'PUT', path: `/submissions/${key}`, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('open one case per item and answer the same ack, byte for byte, to a repeat', async () => {
    const b = await start();
    const key = randomUUID();
    const request = sampleSubmission(b.credentials.kioskId, 1);
    const first = await put(b, key, request);
    expect(first.status).toBe(201);
    const ack = v.parse(SubmissionAckSchema, first.json);
    expect(ack).toMatchObject({ idempotencyKey: key, receiptNumber: request.receiptNumber, receivedAt: day });
    expect(Object.keys(ack.caseNumbers)).toEqual(['110199PCN0001', '110199PCN0002']);
    expect(Object.values(ack.caseNumbers).every((n) => /^BJ20261202\d{8}$/.test(n))).toBe(true);
    expect(new Set(Object.values(ack.caseNumbers)).size).toBe(2);

    // Later, so an ack made afresh would differ in receivedAt.
    clock += 60_000;
    const again = await put(b, key, request);
    expect([again.status, again.text]).toEqual([200, first.text]);
    // The same body with its keys in another order and other whitespace is the same submission.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(request).reverse()), null, 2);
    expect(await put(b, key, reordered)).toMatchObject({ status: 200, text: first.text });

    const db = await target.connect();
    const cases = await db.query('SELECT item_code, status FROM case_items WHERE idempotency_key = $1 ORDER BY position', [key]);
    clock = day;
    expect(cases).toEqual([
      { item_code: '110199PCN0001', status: 'received' },
      { item_code: '110199PCN0002', status: 'received' },
    ]);
    expect(await db.query('SELECT status FROM case_status_history WHERE case_number = $1', [ack.caseNumbers['110199PCN0001']!])).toEqual([{ status: 'received' }]);
  });

  it('refuse the key with another body, and the receipt number under another key', async () => {
    const b = await start();
    const key = randomUUID();
    const request = sampleSubmission(b.credentials.kioskId, 2);
    expect((await put(b, key, request)).status).toBe(201);
    const changed = { ...request, record: { ...request.record, submittedAt: request.record.submittedAt + 1 } };
    expect(await put(b, key, changed)).toMatchObject({ status: 409, json: { error: 'idempotency-conflict' } });
    expect(await put(b, randomUUID(), request)).toMatchObject({ status: 409, json: { error: 'receipt-number-conflict' } });
  });

  it("refuse a receipt number that names another kiosk", async () => {
    const b = await start();
    const answer = await put(b, randomUUID(), sampleSubmission('SOMEONE-ELSE', 3));
    expect(answer).toMatchObject({ status: 403, json: { error: 'wrong-kiosk' } });
  });

  it('refuse attachments that are not completely uploaded, and accept the submission once they are', async () => {
    const b = await start();
    const content = new TextEncoder().encode(`signature strokes ${randomUUID()}`);
    const sha256 = sha256Hex(content);
    const request = sampleSubmission(b.credentials.kioskId, 4, [{ sha256, size: content.byteLength, contentType: 'application/x-kiosk-signature', role: 'signature', fieldKey: 'applicant.signature' }]);
    const key = randomUUID();
    const db = await target.connect();
    const sequence = () => db.query('SELECT last_value, is_called FROM case_number_seq');
    const before = await sequence();
    expect(await put(b, key, request)).toMatchObject({ status: 422, json: { error: 'missing-attachments', missing: [sha256] } });
    expect(await db.query('SELECT 1 FROM submissions WHERE idempotency_key = $1', [key])).toEqual([]);
    // A refused submission draws no case number.
    expect(await sequence()).toEqual(before);

    const upload = await b.send({ method: 'PUT', path: `/attachments/${sha256}?offset=0&size=${content.byteLength}`, body: content });
    expect(upload.json).toMatchObject({ complete: true });
    expect((await put(b, key, request)).status).toBe(201);
    expect(await db.query('SELECT sha256, role, field_key FROM submission_attachments WHERE idempotency_key = $1', [key])).toEqual([{ sha256, role: 'signature', field_key: 'applicant.signature' }]);
  });

  it('store a small attachment sent inline with its submission, completing a partial upload of it; a retry may send it or not', async () => {
    const b = await start();
    const content = randomBytes(40_000);
    const sha256 = sha256Hex(content);
    const ref = { sha256, size: content.byteLength, contentType: 'application/x-kiosk-signature' as const, role: 'signature' as const, fieldKey: 'applicant.signature' };
    const request = sampleSubmission(b.credentials.kioskId, 7, [ref]);
    const withInline = { ...request, inline: [{ sha256, content: content.toString('base64') }] };
    // An upload that stopped after its first part: the inline bytes finish it.
    const part = await b.send({ method: 'PUT', path: `/attachments/${sha256}?offset=0&size=${content.byteLength}`, body: content.subarray(0, 10_000) });
    expect(part.json).toMatchObject({ received: 10_000, complete: false });
    const key = randomUUID();
    const first = await put(b, key, withInline);
    expect(first.status).toBe(201);
    const db = await target.connect();
    const [stored] = await db.query<{ content: Uint8Array; complete: boolean; received: number }>('SELECT content, complete, received FROM attachments WHERE sha256 = $1', [sha256]);
    expect(Buffer.from(stored!.content).equals(content)).toBe(true);
    expect(stored).toMatchObject({ complete: true, received: content.byteLength });
    expect(await db.query('SELECT 1 FROM attachment_chunks WHERE sha256 = $1', [sha256])).toEqual([]);
    expect(await db.query('SELECT sha256 FROM submission_attachments WHERE idempotency_key = $1', [key])).toEqual([{ sha256 }]);
    expect(await put(b, key, request)).toMatchObject({ status: 200, text: first.text });
    expect(await put(b, key, withInline)).toMatchObject({ status: 200, text: first.text });
  });

  it('refuse inline bytes that are not listed, not of the listed size, not of the listed hash, or sent twice, storing nothing', async () => {
    const b = await start();
    const content = randomBytes(1_000);
    const sha256 = sha256Hex(content);
    const request = sampleSubmission(b.credentials.kioskId, 8, [{ sha256, size: content.byteLength, contentType: 'application/x-kiosk-signature', role: 'signature', fieldKey: 'applicant.signature' }]);
    const other = randomBytes(1_000);
    const cases: [SubmissionRequest['inline'], string][] = [
      [[{ sha256: sha256Hex(other), content: other.toString('base64') }], `inline.0.sha256: ${sha256Hex(other)} is not among the attachments`],
      [[{ sha256, content: content.subarray(1).toString('base64') }], 'inline.0.content: 999 bytes, not the listed size or over 65536'],
      [[{ sha256, content: other.toString('base64') }], `inline.0.content: does not hash to ${sha256}`],
      [[{ sha256, content: content.toString('base64') }, { sha256, content: content.toString('base64') }], `inline.1.sha256: ${sha256} is inline twice`],
    ];
    for (const [inline, issue] of cases) expect(await put(b, randomUUID(), { ...request, inline })).toMatchObject({ status: 400, json: { error: 'invalid-body', issues: [issue] } });
    const db = await target.connect();
    expect(await db.query('SELECT 1 FROM attachments WHERE sha256 = $1', [sha256])).toEqual([]);
  });

  it('refuse what the schema cannot see: an unlisted attachment reference, an item listed twice', async () => {
    const b = await start();
    const request = sampleSubmission(b.credentials.kioskId, 5);
    const [first, second] = request.record.items;
    const unlisted: SubmissionRequest = { ...request, record: { ...request.record, items: [{ ...first!, values: { 'applicant.signature': `sha256:${'a'.repeat(64)}` } }, second!] } };
    expect(await put(b, randomUUID(), unlisted)).toMatchObject({ status: 400, json: { error: 'invalid-body', issues: [`record.items.0.values.applicant.signature: sha256:${'a'.repeat(64)} is not among the attachments`] } });
    const twice: SubmissionRequest = { ...request, record: { ...request.record, items: [first!, first!] } };
    expect(await put(b, randomUUID(), twice)).toMatchObject({ status: 400, json: { issues: ['record.items.1.itemCode: 110199PCN0001 is listed twice'] } });
  });

  it('answer bodies that are not a submission with the failing paths', async () => {
    const b = await start();
    const request = sampleSubmission(b.credentials.kioskId, 6);
    const wrongTypes = { ...request, catalogVersion: 12, record: { ...request.record, items: [{ itemCode: '110199PCN0001', values: { x: { nested: true } } }] } };
    const answer = await put(b, randomUUID(), wrongTypes);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'invalid-body' });
    const issues = (answer.json as { issues: string[] }).issues;
    expect(issues.some((line) => line.startsWith('catalogVersion: '))).toBe(true);
    expect(issues.some((line) => line.startsWith('record.items.0.values.x: '))).toBe(true);
    expect(await put(b, randomUUID(), '{"receiptNumber": ')).toMatchObject({ status: 400, json: { error: 'malformed-json' } });
    expect(await put(b, randomUUID(), 'null')).toMatchObject({ status: 400, json: { error: 'invalid-body' } });
    expect(await put(b, randomUUID(), JSON.stringify({ ...request, padding: 'x'.repeat(1024 * 1024) }))).toMatchObject({ status: 413, json: { error: 'too-large' } });
    expect((await b.send({ method: 'PUT', path: `/submissions/${randomUUID()}`, body: new TextEncoder().encode(JSON.stringify(request)) })).status).toBe(415);
    expect((await put(b, 'not-a-uuid', request)).status).toBe(404);
  });

  it.skipIf(target.kind === 'pglite')('create exactly one set of cases when two instances receive the same submission at once', async () => {
    const one = await start();
    const two = await start({}, one.credentials);
    for (let round = 0; round < 5; round++) {
      const key = randomUUID();
      const request = JSON.stringify(sampleSubmission(one.credentials.kioskId, 100 + round));
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => send((i % 2 ? two : one).server.url, one.credentials, { method: 'PUT', path: `/submissions/${key}`, body: request }, () => day)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      const db = await target.connect();
      expect(await db.query('SELECT count(*)::int AS n FROM case_items WHERE idempotency_key = $1', [key])).toEqual([{ n: 2 }]);
    }
  });

  it.skipIf(target.kind === 'pglite')('let one of two keys racing for the same receipt number win', async () => {
    const one = await start();
    const two = await start({}, one.credentials);
    const request = JSON.stringify(sampleSubmission(one.credentials.kioskId, 200));
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send((i % 2 ? two : one).server.url, one.credentials, { method: 'PUT', path: `/submissions/${randomUUID()}`, body: request }, () => day)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });
});

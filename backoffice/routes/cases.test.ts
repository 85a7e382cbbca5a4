import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { CaseSummary, SubmissionAck } from '../api/schemas.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter, sampleSubmission, send, testKioskId } from '../test-support.ts';
import { newSecret } from '../api/signing.ts';

let clock = Date.UTC(2026, 11, 2, 5);

describeEachDatabase('POST /cases/query', (target) => {
  const start = backOfficeStarter(target, { now: () => clock });

  it('find a submission by its receipt number, by each case number and by the applicant, from any kiosk', async () => {
    const b = await start();
    const older = sampleSubmission(b.credentials.kioskId, 1);
    const newer = sampleSubmission(b.credentials.kioskId, 2);
    const applicant = { ...newer.record.applicant, idNumber: '110105199603150029', name: '王芳' };
    const acks: SubmissionAck[] = [];
    for (const request of [older, newer].map((r) => ({ ...r, record: { ...r.record, applicant } }))) {
      acks.push((await b.send({ method: 'PUT', path: `/submissions/${randomUUID()}`, body: request })).json as SubmissionAck);
      clock += 60_000;
    }
    const [olderAck, newerAck] = acks as [SubmissionAck, SubmissionAck];
    const summary = (request: typeof newer, ack: SubmissionAck): CaseSummary => ({
      receiptNumber: request.receiptNumber,
      bundleCode: request.record.bundleCode,
      submittedAt: request.record.submittedAt,
      receivedAt: ack.receivedAt,
      items: request.record.items.map((item) => ({ itemCode: item.itemCode, caseNumber: ack.caseNumbers[item.itemCode]!, status: 'received', updatedAt: ack.receivedAt })),
    });
    const query = (body: object) => b.send({ method: 'POST', path: '/cases/query', body });
    expect((await query({ receiptNumber: newer.receiptNumber })).json).toEqual({ cases: [summary(newer, newerAck)] });
    for (const caseNumber of Object.values(olderAck.caseNumbers)) expect((await query({ caseNumber })).json).toEqual({ cases: [summary(older, olderAck)] });
    expect((await query({ idNumber: '110105199603150029' })).json).toEqual({ cases: [summary(newer, newerAck), summary(older, olderAck)] });

    const otherKiosk = { kioskId: testKioskId(), secret: newSecret() };
    await b.server.registerKiosk(otherKiosk);
    const elsewhere = await send(b.server.url, otherKiosk, { method: 'POST', path: '/cases/query', body: { receiptNumber: older.receiptNumber } }, () => clock);
    expect(elsewhere.json).toEqual({ cases: [summary(older, olderAck)] });
  });

  it("show a department's status change and its note", async () => {
    const b = await start();
    const request = sampleSubmission(b.credentials.kioskId, 3);
    const ack = (await b.send({ method: 'PUT', path: `/submissions/${randomUUID()}`, body: request })).json as SubmissionAck;
    const caseNumber = ack.caseNumbers['110199PCN0002']!;
    const db = await target.connect();
    await db.query(`UPDATE case_items SET status = 'returned', note = '出生医学证明信息不一致', updated_at = $2 WHERE case_number = $1`, [caseNumber, clock + 1]);
    const { cases } = (await b.send({ method: 'POST', path: '/cases/query', body: { caseNumber } })).json as { cases: CaseSummary[] };
    expect(cases[0]!.items[1]).toEqual({ itemCode: '110199PCN0002', caseNumber, status: 'returned', updatedAt: clock + 1, note: '出生医学证明信息不一致' });
    expect(cases[0]!.items[0]).toMatchObject({ status: 'received' });
  });

  it('answer no cases for what it does not know, and 400 for what is no query', async () => {
    const b = await start();
    const query = (body: object) => b.send({ method: 'POST', path: '/cases/query', body });
    for (const body of [{ receiptNumber: 'SL-NOBODY-20261202-000001' }, { caseNumber: 'BJ2026120299999999' }, { idNumber: '110101197001010040' }]) {
      expect(await query(body)).toMatchObject({ status: 200, json: { cases: [] } });
    }
    expect(await query({ receiptNumber: 'SL-x-1-2', idNumber: '11010519491231002X' })).toMatchObject({ status: 400, json: { error: 'invalid-body' } });
    expect(await query({ name: '张三' })).toMatchObject({ status: 400 });
  });
});

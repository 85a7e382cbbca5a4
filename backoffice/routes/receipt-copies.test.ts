import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { DeskPrintRequest, ReceiptSmsRequest } from '../api/schemas.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { waitingDeskPrints } from '../model/desk-prints.ts';
import { recordedSms } from '../sms/recording-gateway.ts';
import type { SmsGateway } from '../sms/sms-gateway.ts';
import { backOfficeStarter, type TestBackOffice } from '../test-support.ts';

let clock = Date.UTC(2026, 11, 3, 3);
const PHONE = '13912345678';

/** Every line the back office logs, to show the full phone number is never among them. */
function capturingLog() {
  const lines: string[] = [];
  const write = (fields: object, message: string) => void lines.push(JSON.stringify({ message, ...fields }));
  return { lines, log: { info: write, warn: write, error: write } };
}

describeEachDatabase('receipt copies: PUT /desk-prints and /receipt-sms', (target) => {
  const start = backOfficeStarter(target, { now: () => clock });
  let sequence = 0;
  const receipt = (b: TestBackOffice) => `SL-${b.credentials.kioskId}-20261203-${String(++sequence).padStart(6, '0')}`;
  const deskPrint = (b: TestBackOffice, submissionKey: string, receiptNumber = receipt(b)): DeskPrintRequest => ({
    submissionKey,
    receiptNumber,
    lines: ['示例市政务服务中心', '受理回执', `受理编号：${receiptNumber}`],
    requestedAt: clock - 1000,
  });
  const sms = (b: TestBackOffice, submissionKey: string, changes: Partial<ReceiptSmsRequest> = {}): ReceiptSmsRequest => ({
    submissionKey,
    receiptNumber: receipt(b),
    phone: PHONE,
    language: 'zh-CN',
    hallName: '示例市政务服务中心',
    requestedAt: clock - 1000,
    ...changes,
  });

  it('queue a receipt for the desk once: the same body again answers the same, another 409', async () => {
    const b = await start();
    const key = randomUUID();
    const body = deskPrint(b, key);
    const first = await b.send({ method: 'PUT', path: `/desk-prints/${key}`, body });
    expect(first).toMatchObject({ status: 201, json: { submissionKey: key, receivedAt: clock } });
    clock += 5_000;
    const again = await b.send({ method: 'PUT', path: `/desk-prints/${key}`, body });
    expect([again.status, again.text]).toEqual([200, first.text]);
    expect(await b.send({ method: 'PUT', path: `/desk-prints/${key}`, body: { ...body, lines: ['另一张'] } })).toMatchObject({ status: 409, json: { error: 'idempotency-conflict' } });

    const db = await target.connect();
    const waiting = (await waitingDeskPrints(db)).filter((p) => p.receiptNumber === body.receiptNumber);
    expect(waiting).toEqual([expect.objectContaining({ kioskId: b.credentials.kioskId, lines: body.lines, printedAt: null })]);
  });

  it('refuse a desk print for another kiosk’s receipt, or under another key', async () => {
    const b = await start();
    const key = randomUUID();
    const other = { ...deskPrint(b, key), receiptNumber: 'SL-SOMEONE-ELSE-20261203-000001' };
    expect(await b.send({ method: 'PUT', path: `/desk-prints/${key}`, body: other })).toMatchObject({ status: 403, json: { error: 'wrong-kiosk' } });
    expect((await b.send({ method: 'PUT', path: `/desk-prints/${randomUUID()}`, body: deskPrint(b, key) })).status).toBe(400);
  });

  it('text the receipt number exactly once, keeping and logging the number masked only', async () => {
    const { lines, log } = capturingLog();
    const b = await start({ log });
    const key = randomUUID();
    const body = sms(b, key);
    const first = await b.send({ method: 'PUT', path: `/receipt-sms/${key}`, body });
    expect(first).toMatchObject({ status: 201, json: { submissionKey: key, to: '139****5678', sentAt: clock } });
    const again = await b.send({ method: 'PUT', path: `/receipt-sms/${key}`, body });
    expect([again.status, again.text]).toEqual([200, first.text]);
    expect(await b.send({ method: 'PUT', path: `/receipt-sms/${key}`, body: { ...body, phone: '13800000000' } })).toMatchObject({ status: 409 });

    const db = await target.connect();
    const sent = (await recordedSms(db)).filter((m) => m.messageId === key);
    expect(sent).toEqual([expect.objectContaining({ toMasked: '139****5678', text: `【示例市政务服务中心】您的申请已受理，受理编号 ${body.receiptNumber}，可凭此编号查询办理进度。` })]);
    const stored = await db.query('SELECT * FROM receipt_sms WHERE submission_key = $1', [key]);
    expect(JSON.stringify(stored)).not.toContain(PHONE);
    expect(lines.some((l) => l.includes('139****5678'))).toBe(true);
    expect(lines.join('\n')).not.toContain(PHONE);
  });

  it('answer 503 while the gateway fails, and send once when the kiosk tries again', async () => {
    let down = true;
    const given: string[] = [];
    const gateway: SmsGateway = {
      name: 'flaky',
      async send(message) {
        if (down) throw new Error('gateway timeout');
        given.push(message.messageId);
        return { ref: `ref-${given.length}` };
      },
    };
    const b = await start({ sms: gateway, log: capturingLog().log });
    const key = randomUUID();
    const body = sms(b, key, { language: 'en' });
    expect(await b.send({ method: 'PUT', path: `/receipt-sms/${key}`, body })).toMatchObject({ status: 503, json: { error: 'sms-gateway-unavailable' } });
    down = false;
    expect((await b.send({ method: 'PUT', path: `/receipt-sms/${key}`, body })).status).toBe(201);
    expect((await b.send({ method: 'PUT', path: `/receipt-sms/${key}`, body })).status).toBe(200);
    expect(given).toEqual([key]);
    const [row] = await (await target.connect()).query<{ attempts: number; gateway_ref: string }>('SELECT attempts, gateway_ref FROM receipt_sms WHERE submission_key = $1', [key]);
    expect(row).toMatchObject({ attempts: 2, gateway_ref: 'ref-1' });
  });

  it('refuse a number that is not a mobile number', async () => {
    const b = await start();
    const key = randomUUID();
    expect((await b.send({ method: 'PUT', path: `/receipt-sms/${key}`, body: sms(b, key, { phone: '010-12345678' }) })).status).toBe(400);
  });
});

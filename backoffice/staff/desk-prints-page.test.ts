import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter } from '../test-support.ts';
import { signedInBackOffice } from './staff-test-support.ts';

let clock = Date.UTC(2026, 11, 3, 5);

describeEachDatabase('the staff page’s 窗口打印回执', (target) => {
  const start = backOfficeStarter(target, { now: () => clock });

  it('list a receipt a kiosk could not print, show it ready for the desk printer, and mark it handed over once', async () => {
    const { b, browser, staff } = await signedInBackOffice(start, target);
    const key = randomUUID();
    const receiptNumber = `SL-${b.credentials.kioskId}-20261203-000042`;
    const lines = ['示例市政务服务中心', '受理回执', `受理编号：${receiptNumber}`, '<script>alert(1)</script>'];
    expect((await b.send({ method: 'PUT', path: `/desk-prints/${key}`, body: { submissionKey: key, receiptNumber, lines, requestedAt: clock } })).status).toBe(201);

    const list = (await browser.get('/staff/desk-prints')).text;
    expect(list).toContain(`href="/staff/desk-prints/${receiptNumber}"`);
    const receipt = (await browser.get(`/staff/desk-prints/${receiptNumber}`)).text;
    expect(receipt).toContain(`受理编号：${receiptNumber}`);
    expect(receipt).not.toContain('<script>alert(1)</script>');
    expect(receipt).toContain('已打印并交给市民');

    clock += 60_000;
    const marked = await browser.post(`/staff/desk-prints/${receiptNumber}`, { csrf: browser.csrf() });
    expect(marked.status).toBe(303);
    expect((await browser.get('/staff/desk-prints')).text).not.toContain(`href="/staff/desk-prints/${receiptNumber}"`);
    const after = (await browser.get(`/staff/desk-prints/${receiptNumber}`)).text;
    expect(after).toContain(`（${staff.id}）`);
    expect(after).not.toContain('已打印并交给市民');
    // A form sent again (a second click, another desk) changes nothing.
    expect((await browser.post(`/staff/desk-prints/${receiptNumber}`, { csrf: browser.csrf() })).status).toBe(303);
    const [row] = await (await target.connect()).query<{ printed_at: number; printed_by: string }>('SELECT printed_at, printed_by FROM desk_prints WHERE submission_key = $1', [key]);
    expect(row).toEqual({ printed_at: clock, printed_by: staff.id });
    expect((await browser.post(`/staff/desk-prints/${receiptNumber}`, { csrf: 'forged' })).status).toBe(403);
  });
});

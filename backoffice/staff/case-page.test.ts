import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { CaseSummary, SubmissionRequest } from '../api/schemas.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { SHIPPED_CATALOG } from '../cli/args.ts';
import { backOfficeStarter } from '../test-support.ts';
import { deliverWithSignature, signedInBackOffice } from './staff-test-support.ts';

let clock = Date.UTC(2026, 11, 2, 3);
const HOSTILE = '<script>alert("x")</script>';

function hostile(request: SubmissionRequest): SubmissionRequest {
  const [first, second] = request.record.items;
  return {
    ...request,
    record: {
      ...request.record,
      applicant: { ...request.record.applicant, name: HOSTILE, via: 'helper', helperId: '"><img src=x onerror=alert(1)>' },
      items: [{ ...first!, values: { ...first!.values, 'applicant.phone': HOSTILE, 'x.unknown': `' onmouseover='alert(1)` } }, second!],
      materials: [{ key: 'birthMedicalRecord', action: 'sign-commitment', deferredCheck: true, decision: 'signed', promise: HOSTILE }],
    },
  };
}

describeEachDatabase('the case page', (target) => {
  const start = backOfficeStarter(target, { now: () => clock, catalogDir: SHIPPED_CATALOG });

  it('moves a case to 办理中 and then 退回 with a reason, and the kiosk’s query answers the new status, time and reason', async () => {
    const { b, browser, staff } = await signedInBackOffice(start, target);
    const { request, ack } = await deliverWithSignature(b, 1);
    const caseNumber = ack.caseNumbers['110199PCN0002']!;
    const casePath = `/staff/cases/${request.receiptNumber}`;
    await browser.get(casePath);
    const steps: [string, string, string][] = [
      ['received', 'accepted', ''],
      ['accepted', 'processing', ''],
      ['processing', 'returned', '出生医学证明上的新生儿姓名与申请不一致，请到窗口核对'],
    ];
    for (const [from, to, note] of steps) {
      clock += 60_000;
      const answer = await browser.post(`/staff/case-items/${caseNumber}/status`, { csrf: browser.csrf(), from, to, note });
      expect(answer).toMatchObject({ status: 303, location: `${casePath}?changed=${caseNumber}#${caseNumber}` });
      const shown = await browser.get(`${casePath}?changed=${caseNumber}`);
      expect(shown.text).toContain('状态已变更为');
    }
    const query = await b.send({ method: 'POST', path: '/cases/query', body: { receiptNumber: request.receiptNumber } });
    const [summary] = (query.json as { cases: CaseSummary[] }).cases;
    expect(summary!.items).toEqual([
      { itemCode: '110199PCN0001', caseNumber: ack.caseNumbers['110199PCN0001'], status: 'received', updatedAt: ack.receivedAt },
      { itemCode: '110199PCN0002', caseNumber, status: 'returned', updatedAt: clock, note: '出生医学证明上的新生儿姓名与申请不一致，请到窗口核对' },
    ]);
    const page = browser.last;
    expect(page).toContain(`${staff.name}（${staff.id}）</td>`);
    expect(page).toContain('此办件已退回，状态不再变更');
  });

  it('refuses an invalid transition, a return without a reason and a stale form, saying why and keeping what was typed', async () => {
    const { b, browser } = await signedInBackOffice(start, target);
    const { ack } = await deliverWithSignature(b, 2);
    const caseNumber = ack.caseNumbers['110199PCN0001']!;
    const post = (from: string, to: string, note: string) => browser.post(`/staff/case-items/${caseNumber}/status`, { csrf: browser.csrf(), from, to, note });
    await browser.get('/staff/cases');

    const skipped = await post('received', 'completed', '');
    expect(skipped.status).toBe(409);
    expect(skipped.text).toContain('办件不能从“已接收”变更为“已办结”。可以选择：受理、退回（须填写原因）。');
    const noReason = await post('received', 'returned', '   ');
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('退回必须填写原因');
    expect(noReason.text).toMatch(/<option value="returned" selected>/);
    expect((await post('received', 'accepted', '')).status).toBe(303);
    const stale = await post('received', 'returned', '材料不全<b>');
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('此办件的状态已被他人变更为“已受理”');
    expect(stale.text).toContain('>材料不全&lt;b&gt;</textarea>');
    expect((await post('accepted', 'nonsense', '')).status).toBe(400);
  });

  it('masks the applicant and identifying form values until 显示, and logs every reveal with the staff id', async () => {
    const { b, browser, staff } = await signedInBackOffice(start, target);
    const { request } = await deliverWithSignature(b, 3);
    const casePath = `/staff/cases/${request.receiptNumber}`;
    const masked = (await browser.get(casePath)).text;
    expect(masked).toContain('张*');
    expect(masked).toContain('110105********002X');
    expect(masked).toContain('139****5678');
    expect(masked).toContain('王**');
    for (const secret of ['张三', '11010519491231002X', '13912345678', '王思远']) expect(masked).not.toContain(secret);
    expect(masked).toContain('尚无人查看过完整个人信息');

    clock += 1000;
    const revealed = await browser.post(`${casePath}/reveal`, { csrf: browser.csrf() });
    expect(revealed.status).toBe(200);
    for (const secret of ['张三', '11010519491231002X', '13912345678', '王思远']) expect(revealed.text).toContain(secret);
    expect(revealed.text).toContain('本次查看已记录');
    const db = await target.connect();
    const log = await db.query('SELECT l.staff_id, l.accessed_at FROM staff_access_log l JOIN submissions s USING (idempotency_key) WHERE s.receipt_number = $1', [request.receiptNumber]);
    expect(log).toEqual([{ staff_id: staff.id, accessed_at: clock }]);
    // Masked again on the next visit, which lists who looked.
    const again = (await browser.get(casePath)).text;
    expect(again).not.toContain('11010519491231002X');
    expect(again).toContain(`${staff.name}（${staff.id}）</li>`);
  });

  it('escapes hostile values everywhere, masked or revealed', async () => {
    const { b, browser } = await signedInBackOffice(start, target);
    const { request } = await deliverWithSignature(b, 4, hostile);
    const rating = { submissionKey: randomUUID(), receiptNumber: request.receiptNumber, channel: 'kiosk', level: 1, reasons: ['slow'], comment: HOSTILE, ratedAt: clock };
    expect((await b.send({ method: 'PUT', path: `/ratings/${rating.submissionKey}`, body: rating })).status).toBe(201);
    const casePath = `/staff/cases/${request.receiptNumber}`;
    const pages = [(await browser.get(casePath)).text, (await browser.post(`${casePath}/reveal`, { csrf: browser.csrf() })).text, (await browser.get('/staff/ratings')).text, (await browser.get('/staff/cases')).text];
    for (const text of pages) {
      // Markup never starts, and no quote breaks out of an attribute.
      expect(text).not.toMatch(/<script|<img/i);
      expect(text).not.toContain(`' onmouseover`);
      expect(text).not.toContain('"><img');
    }
    expect(pages[1]).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(pages[1]).toContain('&#39; onmouseover=&#39;alert(1)');
    expect(pages[1]).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(pages[2]).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('shows the department forms, materials, the signature drawn as SVG and the status history', async () => {
    const { b, browser } = await signedInBackOffice(start, target);
    const { request, ack } = await deliverWithSignature(b, 5);
    const page = (await browser.get(`/staff/cases/${request.receiptNumber}`)).text;
    expect(page).toContain(`<dd class="mono">${ack.caseNumbers['110199PCN0001']}</dd>`);
    expect(page).toContain('手机号码<span class="hint mono">applicant.phone</span>');
    expect(page).toContain('居民身份证<span class="hint mono">idCard</span>');
    expect(page).toContain('免提交（电子证照）');
    expect(page.match(/<svg class="signature"[^>]*viewBox="0 0 600 200"[^>]*role="img" aria-label="申请人签名">/g)).toHaveLength(2);
    const path = /<path d="([^"]+)"/.exec(page)![1]!;
    expect(path.match(/M/g)).toHaveLength(3);
    expect(path.match(/L/g)).toHaveLength(60 + 20 + 30);
    expect(page).toContain('系统（自助终端提交）');
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { generate } from 'selfsigned';
import { expect, it } from 'vitest';
import type { HeartbeatRequest, SubmissionAck } from '../api/schemas.ts';
import { SHIPPED_CATALOG } from '../cli/args.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter, sampleSubmission } from '../test-support.ts';
import { CASES_PER_PAGE } from './cases/case-list.ts';
import { deliverWithSignature, signedInBackOffice, STAFF_PASSWORD, testStaff } from './staff-test-support.ts';

let clock = Date.UTC(2026, 11, 2, 4);
const MINUTE = 60_000;

describeEachDatabase('the staff page lists', (target) => {
  const start = backOfficeStarter(target, { now: () => clock, catalogDir: SHIPPED_CATALOG });

  it('list cases newest first, by status and by kiosk, a page at a time', async () => {
    const { b, browser } = await signedInBackOffice(start, target);
    const acks: SubmissionAck[] = [];
    for (let i = 1; i <= 13; i++) {
      clock += MINUTE;
      acks.push((await deliverWithSignature(b, i)).ack);
    }
    const kiosk = b.credentials.kioskId;
    const first = (await browser.get(`/staff/cases?kiosk=${kiosk}`)).text;
    expect(first).toContain('共 26 件');
    const numbers = (text: string) => [...text.matchAll(/#(BJ\d{16})"/g)].map((m) => m[1]);
    const newest = acks.at(-1)!;
    expect(numbers(first).slice(0, 2)).toEqual([newest.caseNumbers['110199PCN0001'], newest.caseNumbers['110199PCN0002']]);
    expect(numbers(first)).toHaveLength(CASES_PER_PAGE);
    expect(first).toContain(`<option value="${kiosk}" selected>`);
    expect(first).toContain('第 1 / 2 页');
    const second = (await browser.get(`/staff/cases?kiosk=${kiosk}&page=2`)).text;
    expect(numbers(second)).toEqual([acks[0]!.caseNumbers['110199PCN0002']]);

    await browser.post(`/staff/case-items/${acks[3]!.caseNumbers['110199PCN0001']}/status`, { csrf: browser.csrf(), from: 'received', to: 'accepted', note: '' });
    const accepted = (await browser.get(`/staff/cases?kiosk=${kiosk}&status=accepted`)).text;
    expect(numbers(accepted)).toEqual([acks[3]!.caseNumbers['110199PCN0001']]);
    expect(accepted).toContain('<option value="accepted" selected>已受理</option>');
    // An unknown status or kiosk filters nothing rather than failing.
    expect((await browser.get(`/staff/cases?kiosk=${kiosk}&status=bogus&page=x`)).text).toContain('共 26 件');
  });

  it('list ratings with their level, reasons, comment and receipt number, and count each level', async () => {
    const { b, browser } = await signedInBackOffice(start, target);
    const { request } = await deliverWithSignature(b, 20);
    const rate = async (level: number, reasons: string[], comment?: string, receiptNumber = request.receiptNumber) => {
      const submissionKey = randomUUID();
      const body = { submissionKey, receiptNumber, channel: 'kiosk', level, reasons, ratedAt: clock, ...(comment ? { comment } : {}) };
      expect((await b.send({ method: 'PUT', path: `/ratings/${submissionKey}`, body })).status).toBe(201);
    };
    const before = (await browser.get('/staff/ratings')).text;
    const count = (text: string, label: string) => Number(new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`).exec(text)![1]);
    clock += MINUTE;
    await rate(2, ['slow', 'terminalFault'], '等了很久，机器还卡');
    await rate(5, [], undefined, `SL-${b.credentials.kioskId}-20261202-000099`);
    const after = (await browser.get('/staff/ratings')).text;
    expect(count(after, '不满意') - count(before, '不满意')).toBe(1);
    expect(count(after, '非常满意') - count(before, '非常满意')).toBe(1);
    expect(after).toContain('<li>办理时间长，超过承诺时限</li><li>自助设备故障或系统卡顿</li>');
    expect(after).toContain('等了很久，机器还卡');
    expect(after).toContain(`<a href="/staff/cases/${request.receiptNumber}" class="mono">${request.receiptNumber}</a>`);
    // A rating whose submission has not arrived shows its number without a link.
    expect(after).toContain(`<span class="mono">SL-${b.credentials.kioskId}-20261202-000099</span>`);
  });

  it('show each kiosk’s latest heartbeat, the help calls it raised and its last contact', async () => {
    const { b, browser } = await signedInBackOffice(start, target);
    const heartbeat: HeartbeatRequest = {
      at: clock,
      software: 'hall-kiosk 0.1.0',
      catalog: { version: 'aaaaaaaaaaaa', refused: { version: 'bbbbbbbbbbbb', problems: ['items.yaml: items.3.timeLimit: expected object'] } },
      devices: [
        { id: 'printer-1', kind: 'printer', status: 'UNAVAILABLE', code: 'MEDIA_EMPTY' },
        { id: 'reader-1', kind: 'idcard', status: 'READY', code: 'OK' },
      ],
      queue: { submissions: { pending: 3, parked: 1, oldestUndeliveredAt: clock - 2 * 3_600_000 - 5 * MINUTE }, messages: { pending: 0, parked: 0, oldestUndeliveredAt: null } },
      alerts: [
        { code: 'storage-full', since: clock - 7 * MINUTE, detail: 'committing the submission failed: the disk is full [SQLITE_FULL]' },
        {
          code: 'undecryptable-rows',
          since: clock - 60 * MINUTE,
          detail: '1 undelivered submission(s) lost (SL-K01-20261202-000007); 2 session(s), 0 message(s) set aside: sealed with another key',
          counts: { sessions: 2, submissions: 1, messages: 0 },
        },
      ],
    };
    expect((await b.send({ method: 'POST', path: '/heartbeats', body: heartbeat })).status).toBe(200);
    const sentAt = clock;
    clock += 3 * MINUTE;
    const page = (await browser.get('/staff/kiosks')).text;
    const section = page.slice(page.indexOf(`id="kiosk-${b.credentials.kioskId}"`));
    expect(section).toContain('printer <span class="mono">printer-1</span>：<strong>不可用</strong> <span class="mono">MEDIA_EMPTY</span>');
    expect(section).toContain('申请 3 待发送 / 1 搁置；消息 0 待发送 / 0 搁置；最早未送达已等待 2 小时 8 分钟');
    expect(section).toContain('<span class="mono">aaaaaaaaaaaa</span>（<strong>不是当前版本');
    expect(section).toContain('<li class="mono">items.yaml: items.3.timeLimit: expected object</li>');
    expect(section).toContain(`<dt>最近联系</dt><dd><time datetime="${new Date(sentAt).toISOString()}">`);
    expect(section).toContain('（3 分钟前）');
    expect(section).toContain('<div class="notice error" role="alert"><ul class="plain"><li><strong>需要协助：存储空间已满');
    expect(section).toContain('（已持续 10 分钟）<br><span class="mono">committing the submission failed: the disk is full [SQLITE_FULL]</span>');
    expect(section).toContain('<li><strong>需要协助：本机密钥无法解开已存数据（密钥丢失或被更换）');
    expect(section).toContain('<br>未送达申请 1 件、消息 0 条、会话 2 个<br><span class="mono">1 undelivered submission(s) lost (SL-K01-20261202-000007)');

    // Fixed: the next heartbeat has no alert, and the page shows none.
    expect((await b.send({ method: 'POST', path: '/heartbeats', body: { ...heartbeat, at: clock, alerts: [] } })).status).toBe(200);
    expect((await browser.get('/staff/kiosks')).text).not.toContain('需要协助');
  });

  it('show a captured image to a signed-in staff member only, and log the view', async () => {
    const { b, browser, staff } = await signedInBackOffice(start, target);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const sha256 = createHash('sha256').update(png).digest('hex');
    await b.send({ method: 'PUT', path: `/attachments/${sha256}?offset=0&size=${png.byteLength}`, body: png });
    const submission = sampleSubmission(b.credentials.kioskId, 30, [{ sha256, size: png.byteLength, contentType: 'image/png', role: 'capture', materialKey: 'birthMedicalRecord' }]);
    expect((await b.send({ method: 'PUT', path: `/submissions/${randomUUID()}`, body: submission })).status).toBe(201);
    const page = (await browser.get(`/staff/cases/${submission.receiptNumber}`)).text;
    expect(page).toContain(`<a href="/staff/attachments/${sha256}">查看图片`);
    const image = await fetch(`${b.server.url}/staff/attachments/${sha256}`, { headers: { cookie: `staff_session=${browser.cookies.get('staff_session')}` } });
    expect([image.status, image.headers.get('content-type'), image.headers.get('x-content-type-options')]).toEqual([200, 'image/png', 'nosniff']);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${b.server.url}/staff/attachments/${sha256}`, { redirect: 'manual' })).status).toBe(303);
    const db = await target.connect();
    expect(await db.query('SELECT staff_id FROM staff_access_log l JOIN submissions s USING (idempotency_key) WHERE s.receipt_number = $1', [submission.receiptNumber])).toEqual([{ staff_id: staff.id }]);
  });
});

describeEachDatabase('the staff page over https', (target) => {
  const start = backOfficeStarter(target);

  it('marks its cookies Secure', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    const b = await start({ tls: { cert: pems.cert, key: pems.private } });
    const staff = await testStaff(target);
    const get = (path: string, headers: Record<string, string> = {}, body?: string) =>
      new Promise<{ status: number; cookies: string[]; body: string }>((resolve, reject) => {
        const req = request(`${b.server.url}${path}`, { method: body === undefined ? 'GET' : 'POST', ca: pems.cert, headers }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, cookies: res.headers['set-cookie'] ?? [], body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const form = await get('/staff/sign-in');
    expect(form.cookies).toEqual([expect.stringMatching(/^staff_sign_in=[^;]+; Max-Age=1800; Path=\/staff; HttpOnly; SameSite=Strict; Secure$/)]);
    const token = /name="form" value="([^"]+)"/.exec(form.body)![1]!;
    const body = new URLSearchParams({ form: token, staffId: staff.id, password: STAFF_PASSWORD }).toString();
    const signedIn = await get('/staff/sign-in', { cookie: `staff_sign_in=${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body);
    expect(signedIn.status).toBe(303);
    expect(signedIn.cookies[0]).toMatch(/^staff_session=[A-Za-z0-9_-]{43}; Path=\/staff; HttpOnly; SameSite=Strict; Secure$/);
  });
});

import { expect, it } from 'vitest';
import type { CaseSummary } from '../api/schemas.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter } from '../test-support.ts';
import { LOCK_MS } from './auth/accounts.ts';
import { IDLE_TIMEOUT_MS } from './auth/sessions.ts';
import { deliverWithSignature, signedInBackOffice, STAFF_PASSWORD, StaffBrowser, testStaff } from './staff-test-support.ts';

let clock = Date.UTC(2026, 11, 2, 2);

describeEachDatabase('the staff page', (target) => {
  const start = backOfficeStarter(target, { now: () => clock });

  it('sends a visitor without a session to sign in, with the strict headers on every answer', async () => {
    const b = await start();
    const browser = new StaffBrowser(b.server.url);
    for (const path of ['/staff', '/staff/', '/staff/cases', '/staff/kiosks', '/staff/cases/SL-K1-20261202-000001']) {
      expect(await browser.get(path)).toMatchObject({ status: 303, location: '/staff/sign-in' });
    }
    const form = await browser.get('/staff/sign-in');
    expect(form.status).toBe(200);
    expect(Object.fromEntries(['content-security-policy', 'x-frame-options', 'referrer-policy', 'cache-control', 'x-content-type-options'].map((h) => [h, form.headers.get(h)]))).toEqual({
      'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(form.text).toContain('<html lang="zh-CN">');
    expect(form.text).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    const css = await browser.get('/staff/style.css');
    expect([css.status, css.headers.get('content-type'), css.headers.get('content-security-policy')]).toEqual([200, 'text/css; charset=utf-8', expect.stringContaining("default-src 'none'")]);
    expect((await browser.post('/staff/cases', {})).location).toBe('/staff/sign-in');
  });

  it('signs in with the right password, keeps the token only in an HttpOnly SameSite=Strict cookie, and signs out', async () => {
    const b = await start();
    const staff = await testStaff(target);
    const browser = new StaffBrowser(b.server.url);
    await browser.get('/staff/sign-in');
    const signedIn = await browser.post('/staff/sign-in', { form: browser.hidden('form'), staffId: staff.id, password: STAFF_PASSWORD });
    expect(signedIn).toMatchObject({ status: 303, location: '/staff/cases' });
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('staff_session='))!;
    expect(cookie).toMatch(/^staff_session=[A-Za-z0-9_-]{43}; Path=\/staff; HttpOnly; SameSite=Strict$/);
    const list = await browser.get('/staff/cases');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`${staff.name}（${staff.id}）`);
    expect(await browser.get('/staff/sign-in')).toMatchObject({ status: 303, location: '/staff/cases' });

    const token = browser.cookies.get('staff_session')!;
    const signedOut = await browser.post('/staff/sign-out', { csrf: browser.csrf() });
    expect(signedOut).toMatchObject({ status: 303, location: '/staff/sign-in?signedOut=1' });
    expect(signedOut.headers.getSetCookie()).toContain('staff_session=; Max-Age=0; Path=/staff; HttpOnly; SameSite=Strict');
    expect((await browser.get('/staff/sign-in?signedOut=1')).text).toContain('已退出登录');
    // The old token is dead on the server, not just forgotten by the browser.
    browser.cookies.set('staff_session', token);
    expect(await browser.get('/staff/cases')).toMatchObject({ status: 303, location: '/staff/sign-in?expired=1' });
  });

  it('refuses a wrong password without saying whether the id exists, locks after five, and unlocks after five minutes', async () => {
    const b = await start();
    const staff = await testStaff(target);
    const browser = new StaffBrowser(b.server.url);
    const unknown = await browser.signIn('nobody-here', STAFF_PASSWORD);
    const wrong = await browser.signIn(staff.id, 'not-the-password');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.text).toContain('工号或密码错误');
    expect(wrong.text.replace(staff.id, 'nobody-here').replace(/name="form" value="[^"]*"/, '')).toBe(unknown.text.replace(/name="form" value="[^"]*"/, ''));
    for (let i = 0; i < 3; i++) expect((await browser.signIn(staff.id, 'not-the-password')).status).toBe(401);
    const locked = await browser.signIn(staff.id, 'not-the-password');
    expect([locked.status, locked.headers.get('retry-after')]).toEqual([429, String(LOCK_MS / 1000)]);
    expect(locked.text).toContain('该工号已锁定');
    expect((await browser.signIn(staff.id, STAFF_PASSWORD)).status).toBe(429);
    clock += LOCK_MS;
    expect(await browser.signIn(staff.id, STAFF_PASSWORD)).toMatchObject({ status: 303, location: '/staff/cases' });
  });

  it('ends a session after 30 idle minutes, and sends its owner to sign in again', async () => {
    const { browser } = await signedInBackOffice(start, target);
    clock += IDLE_TIMEOUT_MS - 1000;
    expect((await browser.get('/staff/cases')).status).toBe(200);
    clock += IDLE_TIMEOUT_MS;
    expect(await browser.get('/staff/cases')).toMatchObject({ status: 303, location: '/staff/sign-in?expired=1' });
    expect((await browser.get('/staff/sign-in?expired=1')).text).toContain('登录已过期');
  });

  it('refuses a POST without the session’s CSRF value, and a sign-in without the form’s own value', async () => {
    const { b, browser, staff } = await signedInBackOffice(start, target);
    const { ack } = await deliverWithSignature(b, 1);
    const caseNumber = ack.caseNumbers['110199PCN0001']!;
    const other = new StaffBrowser(b.server.url);
    await other.signIn(staff.id, STAFF_PASSWORD);
    await other.get('/staff/cases');
    for (const csrf of [undefined, '', other.csrf()]) {
      const answer = await browser.post(`/staff/case-items/${caseNumber}/status`, { ...(csrf === undefined ? {} : { csrf }), from: 'received', to: 'accepted', note: '' });
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('表单已失效');
    }
    expect((await browser.post('/staff/sign-out', {})).status).toBe(403);
    const query = await b.send({ method: 'POST', path: '/cases/query', body: { caseNumber } });
    expect((query.json as { cases: CaseSummary[] }).cases[0]!.items[0]!.status).toBe('received');

    const stranger = new StaffBrowser(b.server.url);
    expect((await stranger.post('/staff/sign-in', { staffId: staff.id, password: STAFF_PASSWORD })).status).toBe(403);
    await stranger.get('/staff/sign-in');
    expect((await stranger.post('/staff/sign-in', { form: 'A'.repeat(32), staffId: staff.id, password: STAFF_PASSWORD })).status).toBe(403);
  });

  it('answers a form that is no form, and a page that does not exist, with a page', async () => {
    const { browser } = await signedInBackOffice(start, target);
    const res = await fetch(`${browser.baseUrl}/staff/sign-out`, { method: 'POST', headers: { cookie: `staff_session=${browser.cookies.get('staff_session')}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(415);
    expect((await browser.get('/staff/nothing-here')).status).toBe(404);
    expect((await browser.get('/staff/cases/SL-NOBODY-20261202-000001')).status).toBe(404);
    expect((await browser.get('/staff/cases/%E0%A4%A')).status).toBe(404);
    expect((await browser.post('/staff/kiosks', { csrf: browser.csrf() })).status).toBe(405);
  });
});

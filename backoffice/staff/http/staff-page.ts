/**
 * The staff page (/staff/…) on the back office's server: plain HTML forms, no script. Every request but the
 * stylesheet and sign-in needs a live session; every POST also needs the session's CSRF value. Errors become
 * a page, never a crash. The server's Host check has run before this.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUnavailable } from '../../db/database.ts';
import { resumeSession, csrfMatches } from '../auth/sessions.ts';
import { messagePage } from '../pages/layout.ts';
import { STYLESHEET } from '../pages/style.ts';
import { caseRoutes, notFound } from './case-handlers.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { deskPrintRoutes } from './desk-print-handlers.ts';
import { readForm } from './form.ts';
import { overviewRoutes } from './overview-handlers.ts';
import { page, redirect, sendStaffReply, type StaffReply } from './respond.ts';
import { signInForm, signOut, submitSignIn, type SignInOptions } from './sign-in.ts';
import type { StaffRoute } from './staff-context.ts';

export type StaffPageOptions = SignInOptions;

const ROUTES: readonly StaffRoute[] = [...overviewRoutes, ...caseRoutes, ...deskPrintRoutes];

export function isStaffPath(url: string | undefined): boolean {
  return /^\/staff(?:[/?#]|$)/.test(url ?? '');
}

function decoded(captures: readonly string[]): string[] | undefined {
  try {
    return captures.map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function plain(status: number, title: string, message: string): StaffReply {
  return page(status, messagePage({ title }, message, { href: '/staff/cases', label: '返回工作人员页面' }));
}

async function answer(req: IncomingMessage, options: StaffPageOptions): Promise<StaffReply> {
  const { db, now, secure } = options;
  const url = new URL(req.url ?? '/', 'http://staff');
  const path = url.pathname;
  const method = req.method ?? '';
  if (method !== 'GET' && method !== 'POST') return { ...plain(405, '不支持的请求', '此页面只接受 GET 和 POST 请求。'), headers: { allow: 'GET, POST' } };
  if (path === '/staff/style.css' && method === 'GET') return { status: 200, body: STYLESHEET, contentType: 'text/css; charset=utf-8' };
  if (path === '/staff/sign-in') {
    const current = await resumeSession(db, readCookie(req.headers.cookie, SESSION_COOKIE), now());
    if (current) return redirect('/staff/cases');
    return method === 'POST' ? submitSignIn(req, options) : signInForm(req, options, url.searchParams);
  }

  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const session = await resumeSession(db, token, now());
  if (!session) return redirect(token === undefined ? '/staff/sign-in' : '/staff/sign-in?expired=1');

  let form = new URLSearchParams();
  if (method === 'POST') {
    const read = await readForm(req);
    if (!read.ok) return { ...plain(read.status, '表单无效', '表单内容无法读取。'), headers: read.status === 413 ? { connection: 'close' } : {} };
    if (!csrfMatches(session, read.form.get('csrf'))) return page(403, messagePage({ title: '表单已失效', session }, '表单已失效或不是从本页面提交的，请返回后刷新页面再试。', { href: '/staff/cases', label: '返回办件列表' }));
    form = read.form;
  }
  if (path === '/staff/sign-out' && method === 'POST') return signOut(db, session, secure);

  const matching = ROUTES.flatMap((route) => {
    const match = route.path.exec(path);
    return match ? [{ route, captures: match.slice(1) }] : [];
  });
  const found = matching.find((m) => m.route.method === method);
  if (!found) {
    if (matching.length > 0) return { ...plain(405, '不支持的请求', '此页面不接受这种请求。'), headers: { allow: matching.map((m) => m.route.method).join(', ') } };
    return notFound(session);
  }
  const params = decoded(found.captures);
  if (!params) return notFound(session);
  return found.route.handle({ db, now, session, url, form }, params);
}

export function staffPageHandler(options: StaffPageOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let reply: StaffReply;
    try {
      reply = await answer(req, options);
    } catch (error) {
      const unavailable = isUnavailable(error);
      options.log.error({ method: req.method, path: req.url?.split('?')[0], error: (error as Error).message, unavailable }, unavailable ? 'database unavailable' : 'staff page failed');
      reply = unavailable ? plain(503, '暂时无法访问', '数据库暂时无法访问，请稍后重试。') : plain(500, '出错了', '处理请求时出错，请稍后重试。');
    }
    if (!res.headersSent && !res.destroyed) sendStaffReply(res, reply);
  };
}

/**
 * Signing in and out. The sign-in form is protected against login CSRF by a double-submit value: a random
 * cookie the form must repeat. A successful sign-in opens a session (a new token, so a token planted before
 * sign-in is worthless) and redirects; a refused one shows the form again without saying whether the id exists.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Database } from '../../db/database.ts';
import type { BackOfficeLogger } from '../../log.ts';
import { signIn } from '../auth/accounts.ts';
import { endSession, openSession, type StaffSession } from '../auth/sessions.ts';
import { signInPage, type SignInNotice } from '../pages/sign-in-page.ts';
import { clearedCookie, readCookie, SESSION_COOKIE, sessionCookie, SIGN_IN_COOKIE, signInCookie } from './cookies.ts';
import { readForm } from './form.ts';
import { page, redirect, type StaffReply } from './respond.ts';

export interface SignInOptions {
  readonly db: Database;
  readonly now: () => number;
  readonly secure: boolean;
  readonly log: BackOfficeLogger;
}

const FORM_TOKEN = /^[A-Za-z0-9_-]{32}$/;

function sameToken(a: string | undefined, b: string | null): boolean {
  if (a === undefined || b === null || !FORM_TOKEN.test(a)) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The form, with the sign-in cookie it repeats (the browser's own when it has a valid one). */
function form(req: IncomingMessage, options: SignInOptions, status: number, staffId: string, notice?: SignInNotice, extra: StaffReply['headers'] = {}): StaffReply {
  const existing = readCookie(req.headers.cookie, SIGN_IN_COOKIE);
  const token = existing !== undefined && FORM_TOKEN.test(existing) ? existing : randomBytes(24).toString('base64url');
  return { ...page(status, signInPage(token, staffId, notice), [signInCookie(token, options.secure)]), headers: extra };
}

export function signInForm(req: IncomingMessage, options: SignInOptions, query: URLSearchParams): StaffReply {
  const notice: SignInNotice | undefined = query.has('signedOut') ? { kind: 'signed-out' } : query.has('expired') ? { kind: 'expired' } : undefined;
  return form(req, options, 200, '', notice);
}

export async function submitSignIn(req: IncomingMessage, options: SignInOptions): Promise<StaffReply> {
  const read = await readForm(req);
  if (!read.ok) return form(req, options, read.status, '', { kind: 'form-expired' }, read.status === 413 ? { connection: 'close' } : {});
  const staffId = (read.form.get('staffId') ?? '').trim();
  if (!sameToken(readCookie(req.headers.cookie, SIGN_IN_COOKIE), read.form.get('form'))) return form(req, options, 403, staffId, { kind: 'form-expired' });
  const now = options.now();
  const result = await signIn(options.db, staffId, read.form.get('password') ?? '', now);
  switch (result.kind) {
    case 'signed-in': {
      const token = await openSession(options.db, result.staff.id, now);
      return redirect('/staff/cases', [sessionCookie(token, options.secure), clearedCookie(SIGN_IN_COOKIE, options.secure)]);
    }
    case 'locked':
      options.log.warn({ staffId, lockedUntil: result.until }, 'staff sign-in locked after repeated wrong passwords');
      return form(req, options, 429, staffId, result, { 'retry-after': String(Math.ceil((result.until - now) / 1000)) });
    case 'refused':
      return form(req, options, 401, staffId, result);
  }
}

export async function signOut(db: Database, session: StaffSession, secure: boolean): Promise<StaffReply> {
  await endSession(db, session.token);
  return redirect('/staff/sign-in?signedOut=1', [clearedCookie(SESSION_COOKIE, secure)]);
}

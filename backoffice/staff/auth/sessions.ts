/**
 * Staff sessions. The browser holds a random token in a cookie; the database holds only its SHA-256, so a
 * copy of the database signs nobody in. A session ends after IDLE_TIMEOUT_MS without a request, after
 * MAX_SESSION_MS in any case, at sign-out, and when its staff member is disabled or given a new password.
 * The CSRF token of a session is derived from its token (HMAC), so it needs no storage and differs per session.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import type { StaffMember } from './accounts.ts';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const MAX_SESSION_MS = 12 * 3_600_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface StaffSession {
  readonly staff: StaffMember;
  readonly token: string;
  /** The value every form of this session carries. */
  readonly csrf: string;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function csrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('staff-page csrf').digest('base64url');
}

/** Whether a form's CSRF value is this session's, compared in constant time. */
export function csrfMatches(session: StaffSession, value: string | null): boolean {
  if (value === null) return false;
  const given = Buffer.from(value);
  const expected = Buffer.from(session.csrf);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Opens a session for a staff member who just signed in; returns its token (for the cookie). */
export async function openSession(db: Queryable, staffId: string, now: number): Promise<string> {
  // Expired sessions are dropped here, at the rare moment someone signs in, rather than on every request.
  await db.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [now]);
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)', [
    tokenHash(token),
    staffId,
    now,
    now + IDLE_TIMEOUT_MS,
  ]);
  return token;
}

/** The live session of `token`, its idle deadline moved on; undefined when there is none. */
export async function resumeSession(db: Queryable, token: string | undefined, now: number): Promise<StaffSession | undefined> {
  if (token === undefined || !TOKEN.test(token)) return undefined;
  const [row] = await db.query<{ id: string; name: string }>(
    `UPDATE staff_sessions s SET last_seen_at = $2, expires_at = LEAST($2::bigint + ${IDLE_TIMEOUT_MS}, s.created_at + ${MAX_SESSION_MS})
       FROM staff st
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND st.id = s.staff_id AND st.disabled_at IS NULL
      RETURNING st.id, st.name`,
    [tokenHash(token), now],
  );
  return row && { staff: { id: row.id, name: row.name }, token, csrf: csrfToken(token) };
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash(token)]);
}

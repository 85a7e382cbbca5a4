/**
 * Staff accounts and sign-in. The lockout lives in the database (`failed_sign_ins`, `locked_until`), so
 * every instance sharing it enforces the same count: five wrong passwords in a row lock the id for five
 * minutes. Each counter change is one conditional UPDATE, so attempts racing on several instances cannot
 * slip past a lock another attempt just set.
 */
import type { Queryable } from '../../db/database.ts';
import { hashPassword, passwordProblem, verifyNothing, verifyPassword } from './password.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MS = 5 * 60_000;
const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class StaffError extends Error {}

export interface StaffMember {
  readonly id: string;
  readonly name: string;
}

export type SignInResult =
  | { readonly kind: 'signed-in'; readonly staff: StaffMember }
  /** Unknown id, disabled id or wrong password: the page does not say which. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'locked'; readonly until: number };

function checkNew(id: string, name: string, password: string): void {
  if (!STAFF_ID.test(id)) throw new StaffError(`staff id "${id}": 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  if (name.trim() === '' || [...name].length > 64) throw new StaffError('the name must have 1 to 64 characters');
  const problem = passwordProblem(password);
  if (problem) throw new StaffError(problem);
}

/** Adds a staff member; an id that exists disabled is enabled again with this name and password. */
export async function addStaff(db: Queryable, member: StaffMember & { readonly password: string }, now: number): Promise<void> {
  checkNew(member.id, member.name, member.password);
  const rows = await db.query(
    `INSERT INTO staff (id, name, password_hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash, disabled_at = NULL,
                                    failed_sign_ins = 0, locked_until = NULL
       WHERE staff.disabled_at IS NOT NULL
     RETURNING id`,
    [member.id, member.name.trim(), await hashPassword(member.password), now],
  );
  if (rows.length === 0) throw new StaffError(`staff ${member.id} already exists; use "staff reset" to give a new password`);
}

/** A new password for an active staff member: unlocks the id and ends every session it had. */
export async function resetStaffPassword(db: Queryable, id: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new StaffError(problem);
  const rows = await db.query(
    `WITH reset AS (
       UPDATE staff SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL WHERE id = $1 AND disabled_at IS NULL RETURNING id
     ), ended AS (
       DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM reset)
     )
     SELECT id FROM reset`,
    [id, await hashPassword(password)],
  );
  if (rows.length === 0) throw new StaffError(`staff ${id}: no such active staff member`);
}

/** Disables an active staff member and ends their sessions; their history stays attributed to them. */
export async function disableStaff(db: Queryable, id: string, now: number): Promise<void> {
  const rows = await db.query(
    `WITH disabled AS (
       UPDATE staff SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL RETURNING id
     ), ended AS (
       DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM disabled)
     )
     SELECT id FROM disabled`,
    [id, now],
  );
  if (rows.length === 0) throw new StaffError(`staff ${id}: no such active staff member`);
}

interface Row {
  name: string;
  password_hash: string;
  disabled_at: number | null;
  locked_until: number | null;
}

const NOT_LOCKED = '(locked_until IS NULL OR locked_until <= $2)';

function lockedOrRefused(lockedUntil: number | null | undefined, now: number): SignInResult {
  return lockedUntil !== null && lockedUntil !== undefined && lockedUntil > now ? { kind: 'locked', until: lockedUntil } : { kind: 'refused' };
}

/** The answer when the row changed under us: another attempt locked the id meanwhile, or not. */
async function currentLock(db: Queryable, id: string, now: number): Promise<SignInResult> {
  const [row] = await db.query<{ locked_until: number | null }>('SELECT locked_until FROM staff WHERE id = $1', [id]);
  return lockedOrRefused(row?.locked_until, now);
}

/** Counts a wrong password; the fifth in a row locks the id and starts the count again. */
async function recordFailure(db: Queryable, id: string, now: number): Promise<SignInResult> {
  const [row] = await db.query<{ locked_until: number | null }>(
    `UPDATE staff SET
       failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= ${MAX_FAILED_SIGN_INS} THEN 0 ELSE failed_sign_ins + 1 END,
       locked_until    = CASE WHEN failed_sign_ins + 1 >= ${MAX_FAILED_SIGN_INS} THEN $2::bigint + ${LOCK_MS} ELSE locked_until END
     WHERE id = $1 AND ${NOT_LOCKED}
     RETURNING locked_until`,
    [id, now],
  );
  return row ? lockedOrRefused(row.locked_until, now) : currentLock(db, id, now);
}

export async function signIn(db: Queryable, id: string, password: string, now: number): Promise<SignInResult> {
  const [row] = STAFF_ID.test(id) ? await db.query<Row>('SELECT name, password_hash, disabled_at, locked_until FROM staff WHERE id = $1', [id]) : [];
  if (!row || row.disabled_at !== null) {
    await verifyNothing(password);
    return { kind: 'refused' };
  }
  if (row.locked_until !== null && row.locked_until > now) return { kind: 'locked', until: row.locked_until };
  if (!(await verifyPassword(password, row.password_hash))) return recordFailure(db, id, now);
  const cleared = await db.query(`UPDATE staff SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1 AND disabled_at IS NULL AND ${NOT_LOCKED} RETURNING id`, [id, now]);
  return cleared.length > 0 ? { kind: 'signed-in', staff: { id, name: row.name } } : currentLock(db, id, now);
}

/** Whether any staff member exists, disabled ones included (serve creates the first one). */
export async function hasStaff(db: Queryable): Promise<boolean> {
  return (await db.query('SELECT 1 FROM staff LIMIT 1')).length > 0;
}

import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import { describeEachDatabase } from '../../db/test-databases.ts';
import { addStaff, disableStaff, resetStaffPassword } from './accounts.ts';
import { csrfMatches, endSession, IDLE_TIMEOUT_MS, MAX_SESSION_MS, openSession, resumeSession } from './sessions.ts';

const T0 = Date.UTC(2026, 11, 2, 1);

describeEachDatabase('staff sessions', (target) => {
  const withStaff = async () => {
    const db = await target.connect();
    await migrate(db);
    const id = `s${randomUUID().slice(0, 8)}`;
    await addStaff(db, { id, name: '吴', password: 'correct-horse-1' }, T0);
    return { db, id };
  };

  it('resume while active, keep only a hash of the token, and expire after 30 idle minutes', async () => {
    const { db, id } = await withStaff();
    const token = await openSession(db, id, T0);
    const session = await resumeSession(db, token, T0 + IDLE_TIMEOUT_MS - 1);
    expect(session).toMatchObject({ staff: { id, name: '吴' }, token });
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM staff_sessions WHERE staff_id = $1', [id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    // The request just now moved the deadline on.
    expect(await resumeSession(db, token, T0 + 2 * IDLE_TIMEOUT_MS - 2)).toBeDefined();
    expect(await resumeSession(db, token, T0 + 3 * IDLE_TIMEOUT_MS - 2)).toBeUndefined();
  });

  it('end after twelve hours however active, at sign-out, and for a disabled or reset staff member', async () => {
    const { db, id } = await withStaff();
    const busy = await openSession(db, id, T0);
    for (let at = T0; at < T0 + MAX_SESSION_MS; at += IDLE_TIMEOUT_MS / 2) expect(await resumeSession(db, busy, at)).toBeDefined();
    expect(await resumeSession(db, busy, T0 + MAX_SESSION_MS)).toBeUndefined();

    const signedOut = await openSession(db, id, T0);
    await endSession(db, signedOut);
    expect(await resumeSession(db, signedOut, T0)).toBeUndefined();

    const beforeReset = await openSession(db, id, T0);
    await resetStaffPassword(db, id, 'a-brand-new-password');
    expect(await resumeSession(db, beforeReset, T0)).toBeUndefined();

    const beforeDisable = await openSession(db, id, T0);
    await disableStaff(db, id, T0);
    expect(await resumeSession(db, beforeDisable, T0)).toBeUndefined();
  });

  it('know no session for a missing, malformed or made-up token', async () => {
    const { db } = await withStaff();
    for (const token of [undefined, '', 'x', "' OR 1=1 --", 'A'.repeat(43)]) expect(await resumeSession(db, token, T0)).toBeUndefined();
  });

  it('give each session its own CSRF token, checked exactly', async () => {
    const { db, id } = await withStaff();
    const one = (await resumeSession(db, await openSession(db, id, T0), T0))!;
    const two = (await resumeSession(db, await openSession(db, id, T0), T0))!;
    expect(one.csrf).not.toBe(two.csrf);
    expect(one.csrf).not.toBe(one.token);
    expect(csrfMatches(one, one.csrf)).toBe(true);
    expect([csrfMatches(one, two.csrf), csrfMatches(one, null), csrfMatches(one, ''), csrfMatches(one, `${one.csrf}x`)]).toEqual([false, false, false, false]);
  });
});

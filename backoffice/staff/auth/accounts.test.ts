import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import { describeEachDatabase } from '../../db/test-databases.ts';
import { addStaff, disableStaff, hasStaff, LOCK_MS, resetStaffPassword, signIn, StaffError } from './accounts.ts';

const PASSWORD = 'correct-horse-1';
const T0 = Date.UTC(2026, 11, 2, 1);

function staffId(): string {
  return `s${randomUUID().slice(0, 8)}`;
}

describeEachDatabase('staff accounts', (target) => {
  const ready = async () => {
    const db = await target.connect();
    await migrate(db);
    return db;
  };

  it('sign in with the right password only, without telling unknown ids from wrong passwords', async () => {
    const db = await ready();
    const id = staffId();
    await addStaff(db, { id, name: '李窗口', password: PASSWORD }, T0);
    expect(await hasStaff(db)).toBe(true);
    expect(await signIn(db, id, PASSWORD, T0)).toEqual({ kind: 'signed-in', staff: { id, name: '李窗口' } });
    expect(await signIn(db, id, 'wrong-password', T0)).toEqual({ kind: 'refused' });
    expect(await signIn(db, staffId(), PASSWORD, T0)).toEqual({ kind: 'refused' });
    expect(await signIn(db, "x' OR '1'='1", PASSWORD, T0)).toEqual({ kind: 'refused' });
    const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM staff WHERE id = $1', [id]);
    expect(row!.password_hash).toMatch(/^scrypt\$/);
    expect(row!.password_hash).not.toContain(PASSWORD);
  });

  it('lock the id after five wrong passwords, even against the right one, and unlock after five minutes', async () => {
    const db = await ready();
    const id = staffId();
    await addStaff(db, { id, name: '王审核', password: PASSWORD }, T0);
    for (let i = 0; i < 4; i++) expect(await signIn(db, id, `wrong-${i}`, T0 + i)).toEqual({ kind: 'refused' });
    expect(await signIn(db, id, 'wrong-4', T0 + 4)).toEqual({ kind: 'locked', until: T0 + 4 + LOCK_MS });
    expect(await signIn(db, id, PASSWORD, T0 + 5)).toEqual({ kind: 'locked', until: T0 + 4 + LOCK_MS });
    expect(await signIn(db, id, PASSWORD, T0 + 4 + LOCK_MS - 1)).toMatchObject({ kind: 'locked' });
    expect(await signIn(db, id, PASSWORD, T0 + 4 + LOCK_MS)).toMatchObject({ kind: 'signed-in' });
  });

  it('count wrong passwords in a row only: a success starts the count again', async () => {
    const db = await ready();
    const id = staffId();
    await addStaff(db, { id, name: '赵', password: PASSWORD }, T0);
    for (let i = 0; i < 4; i++) await signIn(db, id, 'wrong-password', T0);
    expect(await signIn(db, id, PASSWORD, T0)).toMatchObject({ kind: 'signed-in' });
    for (let i = 0; i < 4; i++) expect(await signIn(db, id, 'wrong-password', T0)).toEqual({ kind: 'refused' });
  });

  it('lock once however many wrong attempts race on several instances', async () => {
    const db = await ready();
    const id = staffId();
    await addStaff(db, { id, name: '并发', password: PASSWORD }, T0);
    const instances = await Promise.all([target.connect(), target.connect(), target.connect()]);
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => signIn(instances[i % 3]!, id, 'wrong-password', T0)));
    expect(results.filter((r) => r.kind === 'locked').length).toBeGreaterThan(0);
    expect(await signIn(db, id, PASSWORD, T0 + 1)).toMatchObject({ kind: 'locked', until: T0 + LOCK_MS });
  });

  it('reset a password: the old one stops working and the lock is lifted', async () => {
    const db = await ready();
    const id = staffId();
    await addStaff(db, { id, name: '钱', password: PASSWORD }, T0);
    for (let i = 0; i < 5; i++) await signIn(db, id, 'wrong-password', T0);
    await resetStaffPassword(db, id, 'a-brand-new-password');
    expect(await signIn(db, id, PASSWORD, T0)).toEqual({ kind: 'refused' });
    expect(await signIn(db, id, 'a-brand-new-password', T0)).toMatchObject({ kind: 'signed-in' });
    await expect(resetStaffPassword(db, staffId(), 'a-brand-new-password')).rejects.toThrow(/no such active staff member/);
    await expect(resetStaffPassword(db, id, 'short')).rejects.toThrow(StaffError);
  });

  it('refuse a disabled id, and let "staff add" enable it again with a new password', async () => {
    const db = await ready();
    const id = staffId();
    await addStaff(db, { id, name: '孙', password: PASSWORD }, T0);
    await expect(addStaff(db, { id, name: '孙', password: PASSWORD }, T0)).rejects.toThrow(/already exists/);
    await disableStaff(db, id, T0);
    expect(await signIn(db, id, PASSWORD, T0)).toEqual({ kind: 'refused' });
    await expect(disableStaff(db, id, T0)).rejects.toThrow(/no such active staff member/);
    await addStaff(db, { id, name: '孙二', password: 'another-password' }, T0);
    expect(await signIn(db, id, 'another-password', T0)).toEqual({ kind: 'signed-in', staff: { id, name: '孙二' } });
  });

  it('refuse ids, names and passwords that do not fit', async () => {
    const db = await ready();
    await expect(addStaff(db, { id: '-x', name: '周', password: PASSWORD }, T0)).rejects.toThrow(/staff id "-x"/);
    await expect(addStaff(db, { id: staffId(), name: ' ', password: PASSWORD }, T0)).rejects.toThrow(/name/);
    await expect(addStaff(db, { id: staffId(), name: '周', password: 'short' }, T0)).rejects.toThrow(/at least 10/);
  });
});

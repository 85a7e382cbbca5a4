import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, randomPassword, verifyNothing, verifyPassword } from './password.ts';

describe('staff passwords', () => {
  it('hash with scrypt and a fresh salt each time, and verify only the right password', async () => {
    const first = await hashPassword('正确的密码-correct-1');
    const second = await hashPassword('正确的密码-correct-1');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('正确的密码-correct-1', first)).toBe(true);
    expect(await verifyPassword('正确的密码-correct-2', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('treat composed and decomposed forms of the same text as the same password', async () => {
    const stored = await hashPassword('café-password');
    expect(await verifyPassword('cafe\u0301-password', stored)).toBe(true);
  });

  it('refuse stored values it did not write, and costs no server should pay', async () => {
    const stored = await hashPassword('some-password-1');
    const [, , , , salt, key] = stored.split('$');
    for (const bad of ['', 'plain-text', `bcrypt$32768$8$1$${salt}$${key}`, `scrypt$3$8$1$${salt}$${key}`, `scrypt$${2 ** 24}$8$1$${salt}$${key}`, `scrypt$32768$8$1$$${key}`, `scrypt$32768$8$1$${salt}$AAAA`]) {
      expect(await verifyPassword('some-password-1', bad), bad).toBe(false);
    }
  });

  it('ask for at least ten characters without surrounding spaces', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem(' ten chars ok')).toMatch(/space/);
    expect(passwordProblem('十个汉字的密码这样就行')).toBeUndefined();
    expect(passwordProblem('x'.repeat(201))).toMatch(/at most 200/);
    expect(randomPassword()).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('spend a real verification on an unknown account and say no', async () => {
    expect(await verifyNothing('anything-at-all')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { chromiumSandbox, type SandboxFacts } from './sandbox.ts';

const user: SandboxFacts = { platform: 'linux', uid: 1000, env: {}, sysctl: () => undefined };

describe('Chromium sandbox decision', () => {
  it('keeps the sandbox where the machine provides it', () => {
    expect(chromiumSandbox(user)).toEqual({ sandbox: true });
    expect(chromiumSandbox({ ...user, sysctl: (p) => ({ 'user/max_user_namespaces': '63000', 'kernel/unprivileged_userns_clone': '1' })[p] })).toEqual({ sandbox: true });
    expect(chromiumSandbox({ ...user, platform: 'win32', uid: undefined })).toEqual({ sandbox: true });
  });

  it('turns it off only with a reason', () => {
    expect(chromiumSandbox({ ...user, uid: 0 })).toMatchObject({ sandbox: false, reason: expect.stringContaining('root') });
    expect(chromiumSandbox({ ...user, sysctl: (p) => (p === 'kernel/unprivileged_userns_clone' ? '0' : undefined) })).toMatchObject({
      sandbox: false,
      reason: expect.stringContaining('unprivileged_userns_clone=0'),
    });
    expect(chromiumSandbox({ ...user, sysctl: (p) => (p === 'user/max_user_namespaces' ? '0' : undefined) })).toMatchObject({ sandbox: false });
    expect(chromiumSandbox({ ...user, sysctl: (p) => (p === 'kernel/apparmor_restrict_unprivileged_userns' ? '1' : undefined) })).toMatchObject({
      sandbox: false,
      reason: expect.stringContaining('AppArmor'),
    });
    expect(chromiumSandbox({ ...user, env: { KIOSK_BROWSER_NO_SANDBOX: '1' } })).toMatchObject({ sandbox: false });
  });
});

/**
 * Whether Chromium can keep its sandbox on this machine. The sandbox stays on unless the machine cannot
 * provide it, and then the host says why (logged and printed at start). On Linux the sandbox needs
 * unprivileged user namespaces (or a setuid helper, which Debian's package does not ship), and Chromium
 * refuses to sandbox itself when run as root.
 */
import { readFileSync } from 'node:fs';

export interface SandboxFacts {
  readonly platform: NodeJS.Platform;
  readonly uid: number | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** Reads a /proc/sys setting; undefined when the file does not exist. */
  readonly sysctl: (path: string) => string | undefined;
}

export type SandboxDecision = { readonly sandbox: true } | { readonly sandbox: false; readonly reason: string };

export function chromiumSandbox(facts: SandboxFacts): SandboxDecision {
  if (facts.env.KIOSK_BROWSER_NO_SANDBOX === '1') return { sandbox: false, reason: 'KIOSK_BROWSER_NO_SANDBOX=1 is set' };
  if (facts.platform !== 'linux') return { sandbox: true };
  if (facts.uid === 0) return { sandbox: false, reason: 'the kiosk runs as root, and Chromium runs no sandbox for root: run it as an ordinary user' };
  if (facts.sysctl('kernel/unprivileged_userns_clone') === '0') {
    return { sandbox: false, reason: 'unprivileged user namespaces are off (kernel.unprivileged_userns_clone=0)' };
  }
  if (facts.sysctl('user/max_user_namespaces') === '0') return { sandbox: false, reason: 'user namespaces are off (user.max_user_namespaces=0)' };
  if (facts.sysctl('kernel/apparmor_restrict_unprivileged_userns') === '1') {
    return { sandbox: false, reason: 'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1)' };
  }
  return { sandbox: true };
}

export function procSysctl(path: string): string | undefined {
  try {
    return readFileSync(`/proc/sys/${path}`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

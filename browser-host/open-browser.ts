/** Finds a Chromium-family browser and opens the kiosk in it, full-screen and without browser chrome. */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

/** Flags that keep Chromium quiet on a closed network and out of the way of a kiosk. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-translate',
  '--disable-features=Translate,MediaRouter',
];

export function findChromium(env: NodeJS.ProcessEnv, exists: (path: string) => boolean = isExecutable): string | undefined {
  const preferred = env.KIOSK_BROWSER ? [env.KIOSK_BROWSER] : [];
  return [...preferred, ...CANDIDATES].find((path) => exists(path));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function openKioskBrowser(executable: string, url: string, profileDir: string, kiosk: boolean): ChildProcess {
  const args = [...CHROMIUM_FLAGS, `--user-data-dir=${profileDir}`, `--app=${url}`];
  if (kiosk) args.push('--kiosk');
  return spawn(executable, args, { stdio: 'ignore' });
}

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

/** Flags that keep Chromium quiet on a closed network and out of the way of a kiosk (sandbox: sandbox.ts). */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-translate',
  '--disable-features=Translate,MediaRouter',
  // Voice guidance speaks the attract screen before anyone has touched it (docs/accessibility.md).
  '--autoplay-policy=no-user-gesture-required',
  // The document camera (高拍仪) without a permission prompt nobody at a kiosk could answer; the window shows
  // only the kiosk's page, which asks for video alone (docs/devices.md, "Document camera").
  '--auto-accept-camera-and-microphone-capture',
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

export interface BrowserLaunch {
  readonly executable: string;
  /** The launch page's file: URL: the only address on the command line, and it holds no secret. */
  readonly url: string;
  readonly profileDir: string;
  readonly kiosk: boolean;
  readonly sandbox: boolean;
}

export function chromiumArgs(launch: BrowserLaunch): string[] {
  return [
    ...CHROMIUM_FLAGS,
    ...(launch.sandbox ? [] : ['--no-sandbox']),
    `--user-data-dir=${launch.profileDir}`,
    `--app=${launch.url}`,
    ...(launch.kiosk ? ['--kiosk'] : []),
  ];
}

export function openKioskBrowser(launch: BrowserLaunch): ChildProcess {
  return spawn(launch.executable, chromiumArgs(launch), { stdio: 'ignore' });
}

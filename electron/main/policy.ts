/**
 * Pure decisions of the Electron shell, kept free of Electron runtime imports so they are unit-tested in
 * Node (only Electron's types are used here).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { RENDERER_ENTRY_URL } from './renderer-protocol.ts';

/** The kiosk window: isolated, sandboxed, no Node, no devtools in production, full-screen kiosk. */
export function kioskWindowOptions(preload: string, production: boolean): BrowserWindowConstructorOptions {
  return {
    show: false,
    kiosk: production,
    fullscreen: production,
    width: 1920,
    height: 1080,
    autoHideMenuBar: true,
    backgroundColor: '#f4f7fb',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: !production,
      spellcheck: false,
      navigateOnDragDrop: false,
      // Voice guidance speaks the attract screen before anyone has touched it (docs/accessibility.md).
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

/**
 * Shortcuts that would reload, open devtools, zoom, print or leave the kiosk page, and the keys that close,
 * hide or minimise the window (Alt+F4, Ctrl+F4, Ctrl/Cmd+W, Ctrl/Cmd+Q, Cmd+H, Cmd+M). A window manager may
 * act on some of these before the page sees them: the window's close guard (mayCloseWindow) covers that.
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key)) return true;
  if (mod && ['r', 'w', 'p', 'n', 't', 'o', 's', 'f', 'u', 'q', '+', '=', '-', '0', 'f4'].includes(key)) return true;
  if (input.meta && ['h', 'm'].includes(key)) return true;
  if (mod && input.shift && ['i', 'j', 'c', 'delete'].includes(key)) return true;
  if (input.alt && ['arrowleft', 'arrowright', 'home', 'f4'].includes(key)) return true;
  return false;
}

/**
 * Whether the kiosk window may close. In production only once the app itself is quitting (our shutdown,
 * SIGTERM from the service manager, the end of the OS session), never because a window-manager key or
 * button asked: closing the only window would quit the kiosk. A development window closes normally.
 */
export function mayCloseWindow(production: boolean, appQuitting: boolean): boolean {
  return !production || appQuitting;
}

/** Only our own page, served on the renderer scheme (renderer-protocol.ts), in the main frame, may speak RPC. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  if (!isMainFrame || !frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    const expected = new URL(RENDERER_ENTRY_URL);
    return url.protocol === expected.protocol && url.host === expected.host && url.pathname === expected.pathname;
  } catch {
    return false;
  }
}

/** Relaunch after a fatal error, but not in a tight loop: at most `max` times within `windowMs`. */
export function shouldRelaunch(previous: readonly number[], now: number, max = 5, windowMs = 10 * 60_000): boolean {
  return previous.filter((t) => now - t < windowMs).length < max;
}

export function parseRelaunchHistory(value: string | undefined): number[] {
  return (value ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isBlockedShortcut,
  isTrustedSender,
  kioskWindowOptions,
  mayCloseWindow,
  parseRelaunchHistory,
  shouldRelaunch,
  type KeyInput,
} from './policy.ts';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

describe('Electron shell policy', () => {
  it('opens a locked-down kiosk window in production', () => {
    const options = kioskWindowOptions('/app/out/preload/index.cjs', true);
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    expect(kioskWindowOptions('/p', false)).toMatchObject({ kiosk: false, webPreferences: { devTools: true, sandbox: true } });
  });

  it('ships the renderer with a strict Content-Security-Policy', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(html).not.toMatch(/<script(?![^>]*src=)/);
  });

  it('blocks reload, devtools, zoom and navigation shortcuts', () => {
    for (const input of [
      key('F5'),
      key('F12'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('I', { control: true, shift: true }),
      key('=', { control: true }),
      key('ArrowLeft', { alt: true }),
    ]) {
      expect(isBlockedShortcut(input), JSON.stringify(input)).toBe(true);
    }
  });

  it('lets keypad keys through', () => {
    for (const k of ['ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'Backspace', '5', 'F1']) {
      expect(isBlockedShortcut(key(k))).toBe(false);
    }
    expect(isBlockedShortcut({ ...key('F5'), type: 'keyUp' })).toBe(false);
  });

  it('blocks the keys that close, hide or minimise the window', () => {
    for (const input of [
      key('F4', { alt: true }),
      key('F4', { control: true }),
      key('w', { control: true }),
      key('W', { control: true, shift: true }),
      key('q', { control: true }),
      key('q', { meta: true }),
      key('w', { meta: true }),
      key('h', { meta: true }),
      key('m', { meta: true }),
    ]) {
      expect(isBlockedShortcut(input), JSON.stringify(input)).toBe(true);
    }
    // A bare F4, or h and m typed without Cmd, are still keys of the page.
    expect(isBlockedShortcut(key('F4'))).toBe(false);
    expect(isBlockedShortcut(key('h'))).toBe(false);
    expect(isBlockedShortcut(key('m', { shift: true }))).toBe(false);
  });

  it('keeps the production window open until the app itself quits', () => {
    expect(mayCloseWindow(true, false)).toBe(false);
    expect(mayCloseWindow(true, true)).toBe(true);
    expect(mayCloseWindow(false, false)).toBe(true);
  });

  it('trusts only the main frame of our page on the renderer scheme', () => {
    const page = 'kiosk://app/index.html';
    expect(isTrustedSender(page, true)).toBe(true);
    expect(isTrustedSender(`${page}#x`, true)).toBe(true);
    expect(isTrustedSender(page, false)).toBe(false);
    // The packaged file:// page of before, and any other file, origin or page of the scheme, are not ours.
    expect(isTrustedSender('file:///opt/kiosk/resources/app.asar/out/renderer/index.html', true)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', true)).toBe(false);
    expect(isTrustedSender('kiosk://evil/index.html', true)).toBe(false);
    expect(isTrustedSender('kiosk://app/assets/index.html', true)).toBe(false);
    expect(isTrustedSender('https://app/index.html', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender('not a url', true)).toBe(false);
  });

  it('stops relaunching in a crash loop', () => {
    const now = 1_000_000_000;
    expect(shouldRelaunch([], now)).toBe(true);
    expect(shouldRelaunch([now - 1000, now - 2000, now - 3000, now - 4000], now)).toBe(true);
    expect(shouldRelaunch([now - 1000, now - 2000, now - 3000, now - 4000, now - 5000], now)).toBe(false);
    expect(shouldRelaunch([1, 2, 3, 4, 5], now)).toBe(true);
    expect(parseRelaunchHistory('12,abc,,34')).toEqual([12, 34]);
  });
});

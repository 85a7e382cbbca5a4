import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, isTrustedSender, kioskWindowOptions, parseRelaunchHistory, shouldRelaunch, type KeyInput } from './policy.ts';

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

  it('trusts only the main frame of our renderer page', () => {
    const page = 'file:///opt/kiosk/resources/app.asar/out/renderer/index.html';
    expect(isTrustedSender(page, true, page)).toBe(true);
    expect(isTrustedSender(`${page}#x`, true, page)).toBe(true);
    expect(isTrustedSender(page, false, page)).toBe(false);
    expect(isTrustedSender('https://example.com/', true, page)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', true, page)).toBe(false);
    expect(isTrustedSender(undefined, true, page)).toBe(false);
    expect(isTrustedSender('not a url', true, page)).toBe(false);
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

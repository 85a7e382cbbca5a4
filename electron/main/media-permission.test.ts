import { describe, expect, it } from 'vitest';
import { mayCheckPermission, mayRequestPermission } from './media-permission.ts';

describe('the kiosk page may use the camera, and nothing else', () => {
  it('grants the camera (video only) to the kiosk page', () => {
    expect(mayRequestPermission('media', 'kiosk://app/index.html', ['video'])).toBe(true);
    expect(mayCheckPermission('media', 'kiosk://app', 'video')).toBe(true);
  });

  it('refuses the microphone, or the camera together with it', () => {
    expect(mayRequestPermission('media', 'kiosk://app/index.html', ['audio'])).toBe(false);
    expect(mayRequestPermission('media', 'kiosk://app/index.html', ['video', 'audio'])).toBe(false);
    expect(mayRequestPermission('media', 'kiosk://app/index.html', [])).toBe(false);
    expect(mayRequestPermission('media', 'kiosk://app/index.html', undefined)).toBe(false);
    expect(mayCheckPermission('media', 'kiosk://app', 'audio')).toBe(false);
    expect(mayCheckPermission('media', 'kiosk://app', 'unknown')).toBe(false);
  });

  it('refuses any other page, and any other permission', () => {
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'kiosk://evil/index.html', 'http://127.0.0.1:8080/', undefined, 'not a url']) {
      expect(mayRequestPermission('media', url, ['video'])).toBe(false);
    }
    expect(mayCheckPermission('media', 'https://example.com', 'video')).toBe(false);
    for (const permission of ['display-capture', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal']) {
      expect(mayRequestPermission(permission, 'kiosk://app/index.html', ['video'])).toBe(false);
      expect(mayCheckPermission(permission, 'kiosk://app', 'video')).toBe(false);
    }
  });
});

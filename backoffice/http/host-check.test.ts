import { describe, expect, it } from 'vitest';
import { hostChecker, parseHost } from './host-check.ts';

describe('Host header check', () => {
  it('accepts the loopback names with the bound port only', () => {
    const allowed = hostChecker({ boundHost: '127.0.0.1', port: 8080, defaultPort: 80 });
    expect(['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', 'LOCALHOST:8080'].map(allowed)).toEqual([true, true, true, true]);
    expect(['127.0.0.1:8081', '127.0.0.1', 'evil.example:8080', 'evil.example', '', undefined, '127.0.0.1:8080 x'].map(allowed)).toEqual([false, false, false, false, false, false, false]);
  });

  it('implies the scheme default port when the header has none', () => {
    const allowed = hostChecker({ boundHost: '192.0.2.10', port: 443, defaultPort: 443 });
    expect(allowed('192.0.2.10')).toBe(true);
    expect(allowed('192.0.2.10:443')).toBe(true);
    expect(allowed('127.0.0.1:443')).toBe(false);
  });

  it('accepts the public names a reverse proxy forwards for', () => {
    const allowed = hostChecker({ boundHost: '127.0.0.1', port: 8080, defaultPort: 80, publicHosts: ['backoffice.hall.example', 'lan.hall.example:8443'] });
    expect(allowed('backoffice.hall.example')).toBe(true);
    expect(allowed('backoffice.hall.example:443')).toBe(true);
    expect(allowed('lan.hall.example:8443')).toBe(true);
    expect(allowed('lan.hall.example:8444')).toBe(false);
    expect(allowed('other.hall.example')).toBe(false);
  });

  it('accepts every local address when bound to all interfaces', () => {
    const allowed = hostChecker({ boundHost: '0.0.0.0', port: 8080, defaultPort: 80 });
    expect(allowed('127.0.0.1:8080')).toBe(true);
    expect(allowed('localhost:8080')).toBe(true);
    expect(allowed('203.0.113.77:8080')).toBe(false);
  });

  it('refuses a public host entry that is no host name', () => {
    expect(() => hostChecker({ boundHost: '127.0.0.1', port: 1, defaultPort: 80, publicHosts: ['http://x/'] })).toThrow('"publicHosts": "http://x/" is not a host name');
    expect(parseHost('[::1]:80')).toEqual({ name: '[::1]', port: 80 });
    expect(parseHost('a b')).toBeUndefined();
  });
});

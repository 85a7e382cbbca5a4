import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseCommand, SHIPPED_CATALOG, UsageError } from './args.ts';

const env = { XDG_DATA_HOME: '/var/lib/test-xdg' };

describe('back-office command line', () => {
  it('serves on loopback from PGlite in the XDG data directory by default, or from DATABASE_URL', () => {
    expect(parseCommand(['serve'], env)).toEqual({
      name: 'serve',
      database: { pglite: join('/var/lib/test-xdg', 'hall-kiosk-backoffice') },
      host: '127.0.0.1',
      port: DEFAULT_PORT,
      publicHosts: [],
      catalogDir: SHIPPED_CATALOG,
      seedExchange: false,
    });
    const command = parseCommand(['serve', '--host', '0.0.0.0', '--port', '0', '--public-host', 'a.example', '--public-host', 'b.example:8443', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], {
      DATABASE_URL: 'postgres://u:p@db/backoffice',
    });
    expect(command).toMatchObject({ database: { postgres: 'postgres://u:p@db/backoffice' }, host: '0.0.0.0', port: 0, publicHosts: ['a.example', 'b.example:8443'], tls: { certFile: expect.stringMatching(/c\.pem$/) } });
  });

  it('reads the kiosk and catalog commands', () => {
    expect(parseCommand(['kiosk', 'add', 'hall-1', '--out', '/tmp/k.json', '--url', 'https://bo.example'], env)).toMatchObject({ name: 'kiosk add', kioskId: 'hall-1', out: '/tmp/k.json', url: 'https://bo.example' });
    expect(parseCommand(['kiosk', 'revoke', 'hall-1', '--data', '/srv/bo'], env)).toEqual({ name: 'kiosk revoke', kioskId: 'hall-1', database: { pglite: '/srv/bo' } });
    expect(parseCommand(['catalog', 'publish', '/srv/catalog'], env)).toMatchObject({ name: 'catalog publish', dir: '/srv/catalog' });
    expect(parseCommand([], env)).toEqual({ name: 'help' });
  });

  it('says which option is wrong, and how', () => {
    const wrong: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['serve', '--port', '70000'], env, /^--port: expected a port number from 0 to 65535, got "70000"$/],
      [['serve', '--tls-cert', 'c.pem'], env, /--tls-cert and --tls-key go together/],
      [['serve', '--out', 'x'], env, /^serve: --out does not apply$/],
      [['serve', '--data', '/x'], { DATABASE_URL: 'postgres://db/x' }, /--data and DATABASE_URL both name a database/],
      [['kiosk', 'add'], env, /^kiosk add: expected one kiosk id$/],
      [['kiosk', 'add', 'a', 'b'], env, /expected one kiosk id, got 2 arguments/],
      [['kiosk', 'add', 'a', '--url', 'ftp://x'], env, /^--url: expected the back office's http\(s\) URL/],
      [['kiosk', 'add', 'a', '--secret', 'x'], env, /--secret/],
      [['catalog', 'delete', 'x'], env, /^unknown command "catalog delete x"$/],
    ];
    for (const [argv, environment, message] of wrong) expect(() => parseCommand(argv, environment), argv.join(' ')).toThrow(message);
    expect(() => parseCommand(['serve', '--port', 'x'], env)).toThrow(UsageError);
  });
});

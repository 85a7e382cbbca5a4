import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Credentials } from '../api/signing.ts';
import { send } from '../test-support.ts';
import { parseCommand } from './args.ts';
import { runCommand } from './commands.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Runs a command on the test's PGlite directory; `password` is what stdin would give. */
async function run(argv: string[], password?: string): Promise<{ lines: string[]; server: Awaited<ReturnType<typeof runCommand>> }> {
  const lines: string[] = [];
  const readNewPassword = () => (password === undefined ? Promise.reject(new Error('no password expected')) : Promise.resolve(password));
  const server = await runCommand(parseCommand([...argv, '--data', join(dir, 'db')], {}), { out: (line) => lines.push(line), readNewPassword });
  return { lines, server };
}

describe('back-office commands on a PGlite data directory', () => {
  it('issue credentials a served back office accepts, until the kiosk is revoked', { timeout: 30_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-cli-'));
    const file = join(dir, 'hall-1.json');
    expect((await run(['kiosk', 'add', 'hall-1', '--out', file])).lines).toEqual([`kiosk hall-1 added; credentials in ${file}`]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const credentials = JSON.parse(await readFile(file, 'utf8')) as Credentials;
    await expect(run(['kiosk', 'add', 'hall-1', '--out', join(dir, 'again.json')])).rejects.toThrow('kiosk hall-1 already exists');
    expect(existsSync(join(dir, 'again.json'))).toBe(false);

    const query = { method: 'POST', path: '/cases/query', body: { idNumber: '11010519491231002X' } };
    const served = await run(['serve', '--port', '0']);
    try {
      expect(served.lines).toEqual([`BACKOFFICE_URL=${served.server!.url}`]);
      expect((await send(served.server!.url, credentials, query)).json).toEqual({ cases: [] });
      expect((await send(served.server!.url, credentials, { method: 'GET', path: '/catalog' })).status).toBe(200);
      await expect(run(['kiosk', 'revoke', 'hall-1'])).rejects.toThrow(/is in use by process/);
    } finally {
      await served.server!.close();
    }
    expect((await run(['kiosk', 'revoke', 'hall-1'])).lines).toEqual(['kiosk hall-1 revoked']);
    const again = await run(['serve', '--port', '0']);
    try {
      expect((await send(again.server!.url, credentials, query)).json).toEqual({ error: 'unknown-kiosk' });
    } finally {
      await again.server!.close();
    }
  });

  it('print the credentials when no file is given, and publish a catalog', { timeout: 30_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-cli-'));
    const [line] = (await run(['kiosk', 'add', 'hall-2'])).lines;
    expect(JSON.parse(line!)).toEqual({ kioskId: 'hall-2', secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const published = await run(['catalog', 'publish', join(REPO, 'kiosk-config/default/catalog')]);
    expect(published.lines[0]).toMatch(/^catalog [0-9a-f]{12} published from /);
    await expect(run(['catalog', 'publish', join(dir, 'nothing')])).rejects.toThrow(/fields\.yaml: missing/);
  });
});

describe('npm run backoffice', () => {
  function start(argv: string[]) {
    return spawn(process.execPath, ['--import', 'tsx', 'backoffice/main.ts', ...argv], { cwd: REPO, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const exit = (child: ReturnType<typeof start>) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  it('serves until SIGTERM, then closes cleanly with exit code 0', { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-cli-'));
    const child = start(['serve', '--port', '0', '--data', join(dir, 'db')]);
    const exited = exit(child);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /BACKOFFICE_URL=(\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', () => reject(new Error('exited before it was ready')));
    });
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, 'db.lock'))).toBe(false);
  });

  it('exits 2 on a wrong command line, saying what is wrong', { timeout: 30_000 }, async () => {
    const child = start(['serve', '--port', 'eighty']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await exit(child)).toBe(2);
    expect(err).toContain('--port: expected a port number from 0 to 65535, got "eighty"');
  });
});

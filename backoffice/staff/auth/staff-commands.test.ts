import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../cli/args.ts';
import { runCommand } from '../../cli/commands.ts';
import { StaffBrowser } from '../staff-test-support.ts';
import { firstAdminPasswordFile } from './first-admin.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

async function run(argv: string[], password?: string) {
  const lines: string[] = [];
  const readNewPassword = () => (password === undefined ? Promise.reject(new Error('no password expected')) : Promise.resolve(password));
  const server = await runCommand(parseCommand([...argv, '--data', join(dir, 'db')], {}), { out: (line) => lines.push(line), readNewPassword });
  return { lines, server };
}

/** `npm run backoffice -- …` as a child process, `stdin` piped in; resolves once `ready` matches its stdout (or it exits). */
function backoffice(argv: string[], stdin: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'backoffice/main.ts', ...argv], { cwd: REPO, env: { ...process.env, DATABASE_URL: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdin.end(stdin);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, out: () => out, err: () => err };
}

describe('staff commands on a PGlite data directory', () => {
  it('add, reset and disable staff, and a served back office signs them in accordingly', { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-staff-'));
    expect((await run(['staff', 'add', 'wang01', '王芳'], 'first-password-1')).lines).toEqual(['staff wang01 added; they sign in at /staff/']);
    await expect(run(['staff', 'add', 'li02', '李'], 'short')).rejects.toThrow(/at least 10 characters/);
    await expect(run(['staff', 'add', 'wang01', '王芳'], 'first-password-1')).rejects.toThrow(/already exists/);

    const signInOn = async (password: string) => {
      const served = await run(['serve', '--port', '0']);
      try {
        return (await new StaffBrowser(served.server!.url).signIn('wang01', password)).status;
      } finally {
        await served.server!.close();
      }
    };
    expect(await signInOn('first-password-1')).toBe(303);
    expect((await run(['staff', 'reset', 'wang01'], 'second-password-2')).lines).toEqual(['staff wang01: new password set, id unlocked, sessions ended']);
    expect(await signInOn('first-password-1')).toBe(401);
    expect(await signInOn('second-password-2')).toBe(303);
    expect((await run(['staff', 'disable', 'wang01'])).lines).toEqual(['staff wang01 disabled; sessions ended']);
    expect(await signInOn('second-password-2')).toBe(401);
    await expect(run(['staff', 'reset', 'nobody'], 'third-password-3')).rejects.toThrow(/no such active staff member/);
  });

  it('take the password from a pipe, never from the command line', { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-staff-'));
    const add = backoffice(['staff', 'add', 'zhao03', '赵 三', '--data', join(dir, 'db')], 'piped-password-3\n');
    expect(await add.exited).toBe(0);
    expect(add.out()).toBe('staff zhao03 added; they sign in at /staff/\n');
    const served = await run(['serve', '--port', '0']);
    try {
      expect((await new StaffBrowser(served.server!.url).signIn('zhao03', 'piped-password-3')).status).toBe(303);
    } finally {
      await served.server!.close();
    }
    const empty = backoffice(['staff', 'reset', 'zhao03', '--data', join(dir, 'db')], '');
    expect(await empty.exited).toBe(1);
    expect(empty.err()).toContain('no password on standard input');
  });

  it('serve creates the first staff member on an empty database, logging only where its password is', { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-staff-'));
    const data = join(dir, 'db');
    const serve = backoffice(['serve', '--port', '0', '--data', data], '');
    const url = await new Promise<string>((resolve, reject) => {
      serve.child.stdout.on('data', () => {
        const match = /BACKOFFICE_URL=(\S+)/.exec(serve.out());
        if (match) resolve(match[1]!);
      });
      serve.child.once('exit', () => reject(new Error(`exited before it was ready: ${serve.err()}`)));
    });
    const file = firstAdminPasswordFile(data);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const password = /password: (\S+)/.exec(await readFile(file, 'utf8'))![1]!;
    expect(serve.err()).toContain(file);
    expect(serve.err()).not.toContain(password);
    expect(serve.out()).not.toContain(password);
    expect((await new StaffBrowser(url).signIn('admin', password)).status).toBe(303);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);

    // Staff exist now: a second start creates nobody and leaves the file alone.
    await rm(file);
    const again = await run(['serve', '--port', '0']);
    await again.server!.close();
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });
});

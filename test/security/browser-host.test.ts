/**
 * Live probes against the browser host, as another local user, a forged page or a misbehaving client would
 * try them (issue 9). Each probe starts the built host (`out/main/browser-host.js`) and talks to it over real
 * sockets; the window probe lets the host open its own (headless) Chromium.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { OUT_DIR, REPO_ROOT, startBrowserHost, type RunningHost } from '../support/browser-host.ts';
import {
  allCommandLines,
  eventually,
  filesContaining,
  hostCredential,
  hostPort,
  listeningPorts,
  openRpc,
  rawRequest,
  residentBytes,
  rpcCall,
} from '../support/host-probes.ts';

const run = promisify(execFile);
const CHROMIUM = process.env.KIOSK_TEST_CHROMIUM ?? '/usr/bin/chromium';
const log = (host: RunningHost) => readFile(join(host.dataDir, 'logs', 'kiosk.log'), 'utf8').catch(() => '');
const connections = async (host: RunningHost) => (await log(host)).split('\n').filter((l) => l.includes('"renderer connected"')).length;

describe('the kiosk window', () => {
  let dir: string;
  let launches: string;
  let browser: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-window-'));
    launches = join(dir, 'launches.log');
    browser = join(dir, 'headless-chromium');
    // The host's own arguments, unchanged (so /proc shows what a real kiosk shows), run headless.
    await writeFile(
      browser,
      `#!/bin/sh\necho launched >> '${launches}'\nfor a in "$@"; do case "$a" in --app=*) url="\${a#--app=}";; esac; done\n` +
        `exec '${CHROMIUM}' --headless=new "$@" "$url"\n`,
    );
    await chmod(browser, 0o755);
  });
  // Chromium may still be writing its profile for a moment after SIGTERM.
  afterAll(() => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

  it('gets its credential from no command line, no stdout and no file others can read, and comes back after the host is killed', async () => {
    const dataDir = join(dir, 'data');
    const env = { KIOSK_BROWSER: browser };
    const first = await startBrowserHost({ dataDir, env, open: true });
    let second: RunningHost | undefined;
    try {
      await eventually(async () => (await connections(first)) >= 1, 20_000, 'the window connects');
      const credential = await hostCredential(first);

      const exposed = (await allCommandLines()).filter((p) => p.cmdline.includes(credential));
      expect(exposed, 'a command line carries the credential').toEqual([]);
      const window = (await allCommandLines()).find((p) => p.cmdline.includes(`--user-data-dir=${join(dataDir, 'browser-profile')}`));
      expect(window?.cmdline).toContain(`--app=file://${join(dataDir, 'launch.html')}`);
      expect(first.stdout() + first.stderr()).not.toContain(credential);
      for (const file of ['launch.html', 'browser-host.key']) expect((await stat(join(dataDir, file))).mode & 0o777, file).toBe(0o600);
      expect(await filesContaining(join(dataDir, 'browser-profile'), credential), 'the profile keeps the credential').toEqual([]);
      if (process.getuid?.() === 0) expect(first.stderr()).toContain('Chromium runs without its sandbox: the kiosk runs as root');

      // kill -9: the window survives its host. The next host keeps the port, reuses the window, and the page reconnects.
      first.child.kill('SIGKILL');
      await first.stop();
      second = await startBrowserHost({ dataDir, env, open: true });
      await eventually(async () => (await connections(second!)) >= 1, 20_000, 'the same window reconnects');
      expect((await readFile(launches, 'utf8')).trim().split('\n')).toHaveLength(1);
    } finally {
      if (second) expect(await second.stop()).toBe(0);
      else await first.stop();
    }
  }, 60_000);
});

describe('probes against a running browser host', () => {
  let host: RunningHost;
  let port: number;
  let origin: string;
  let cookie: string;

  beforeAll(async () => {
    host = await startBrowserHost();
    port = await hostPort(host);
    origin = `http://127.0.0.1:${port}`;
    cookie = `kiosk_renderer=${await hostCredential(host)}`;
    // The embedded back office starts in the background (its own port): probes and memory figures wait for it.
    await eventually(async () => (await listeningPorts(host.child.pid!)).length >= 3, 20_000, 'the embedded back office listens');
  }, 30_000);
  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('refuses a forged Origin, a guessed or missing credential, and a foreign Host', async () => {
    await expect(openRpc(port, { origin })).rejects.toThrow('HTTP 403');
    await expect(openRpc(port, { origin, cookie: 'kiosk_renderer=guessed' })).rejects.toThrow('HTTP 403');
    await expect(openRpc(port, { origin: 'http://evil.example', cookie })).rejects.toThrow('HTTP 403');
    await expect(openRpc(port, { origin, cookie, host: `evil.example:${port}` })).rejects.toThrow('HTTP 403');
    const launch = await rawRequest(port, { path: '/session', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'credential=guessed' });
    expect(launch.status).toBe(403);
    const ws = await openRpc(port, { origin, cookie });
    ws.close();
  });

  it("does not let the citizen's connection drive the simulated devices or call what is not in its contract", async () => {
    const ws = await openRpc(port, { origin, cookie });
    try {
      const card = JSON.parse(await readFile(join(REPO_ROOT, 'devices/idcard/sim/cards/resident-zhang-san.json'), 'utf8')) as unknown;
      expect(await rpcCall(ws, 'p1', 'simulate', { action: 'card-insert', card })).toMatchObject({ e: { code: 'E_UNKNOWN_METHOD' } });
      expect(await rpcCall(ws, 'p2', 'getSnapshot', {})).toMatchObject({ r: { session: { step: 'attract', transaction: null } } });
      // The simulator's own endpoint wants its token, which only the 0600 sim-control.json holds.
      const control = JSON.parse(await readFile(join(host.dataDir, 'sim-control.json'), 'utf8')) as { url: string };
      expect((await fetch(`${control.url}/sim`, { method: 'POST', body: JSON.stringify({ action: 'status' }) })).status).toBe(401);
      expect((await stat(join(host.dataDir, 'sim-control.json'))).mode & 0o777).toBe(0o600);
    } finally {
      ws.close();
    }
  });

  it('caps its connections', async () => {
    const sockets: WebSocket[] = [];
    try {
      let refused: unknown;
      for (let i = 0; i < 10 && !refused; i++) {
        await openRpc(port, { origin, cookie }).then((ws) => sockets.push(ws), (error: unknown) => (refused = error));
      }
      expect(String(refused)).toContain('HTTP 503');
      expect(sockets.length).toBeLessThanOrEqual(4);
    } finally {
      for (const ws of sockets) ws.close();
    }
  });

  it('sheds a flood from a client that does not read its answers, and stays bounded and responsive', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const before = await residentBytes(host.child.pid!);
    const flooder = await openRpc(port, { origin, cookie });
    flooder.pause();
    for (let i = 0; i < 30_000; i++) flooder.send(JSON.stringify({ t: 'q', i: `s${i}`, m: 'getSnapshot', a: [{}] }));
    await eventually(async () => (await log(host)).includes('renderer flooding; messages dropped'), 20_000, 'the host sheds the flood');
    const other = await openRpc(port, { origin, cookie });
    expect(await rpcCall(other, 'after-flood', 'getSnapshot', {})).toMatchObject({ r: { session: { step: 'attract' } } });
    other.close();
    flooder.terminate();
    expect((await residentBytes(host.child.pid!)) - before).toBeLessThan(64 * 1024 * 1024);
  }, 30_000);

  it("sheds a citizen-event flood in core during a session: few events do work, the reader stays ready", async () => {
    await run(process.execPath, [join(OUT_DIR, 'main/sim-cli.js'), 'card', 'insert', join(REPO_ROOT, 'devices/idcard/sim/cards/resident-zhang-san.json'), '--data-dir', host.dataDir]);
    const ws = await openRpc(port, { origin, cookie });
    try {
      await eventually(async () => ((await rpcCall(ws, `wait${Date.now()}`, 'getSnapshot', {})).r as { session: { transaction: unknown } }).session.transaction !== null, 10_000, 'the card starts a session');
      // 40 a second for 3 s: within what the connection lets through, far beyond what a person does.
      const answers: Promise<{ r?: unknown }>[] = [];
      for (let i = 0; i < 120; i++) {
        answers.push(rpcCall(ws, `active${i}`, 'sessionEvent', { type: 'user.active' }));
        await new Promise((r) => setTimeout(r, 25));
      }
      const accepted = (await Promise.all(answers)).filter((a) => (a.r as { accepted?: boolean }).accepted).length;
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThanOrEqual(10);
      await eventually(async () => (await log(host)).includes('citizen input over its rate limit refused'), 15_000, 'the refusals are reported');
      const { stdout } = await run(process.execPath, [join(OUT_DIR, 'main/sim-cli.js'), 'status', '--data-dir', host.dataDir]);
      expect((JSON.parse(stdout.slice(stdout.indexOf('{'))) as { devices: { reader: { status: { state: string } } } }).devices.reader.status.state).toBe('READY');
    } finally {
      ws.close();
      await run(process.execPath, [join(OUT_DIR, 'main/sim-cli.js'), 'card', 'remove', '--data-dir', host.dataDir]);
    }
  }, 30_000);

  it('serves nothing outside the renderer directory, whatever the raw path says', async () => {
    const paths = ['/../../package.json', '/%2e%2e/%2e%2e/package.json', '/%2E%2E%2F%2E%2E%2Fpackage.json', '/..%2f..%2fpackage.json', '/..\\..\\package.json', '/assets/../../../package.json', '//etc/passwd', '/%2fetc%2fpasswd'];
    for (const path of paths) {
      const answer = await rawRequest(port, { path });
      expect(answer.body, path).not.toContain('"name": "hall-kiosk"');
      expect(answer.body, path).not.toContain('root:');
      expect([400, 403, 404], `${path}: ${answer.status}`).toContain(answer.status);
    }
  });

  it('has its embedded back office answer no unsigned request and no foreign Host', async () => {
    const ports = (await listeningPorts(host.child.pid!)).filter((p) => p !== port);
    const body = JSON.stringify({ code: 'EID1:TESTZHANGSAN0001' });
    const headers = { 'content-type': 'application/json' };
    let backOffices = 0;
    for (const candidate of ports) {
      const health = await rawRequest(candidate, { path: '/api/v1/health' }).catch(() => undefined);
      if (health?.status !== 200) continue;
      backOffices++;
      for (const path of ['/api/v1/identity/eid', '/api/v1/exchange/person']) {
        const unsigned = await rawRequest(candidate, { path, method: 'POST', headers, body });
        expect(unsigned.status, path).toBe(401);
        expect(unsigned.body).not.toContain('11010519491231002X');
        expect(unsigned.body).not.toContain('张三');
        const foreign = await rawRequest(candidate, { path, method: 'POST', headers: { ...headers, host: `evil.example:${candidate}` }, body });
        expect([400, 403, 421], path).toContain(foreign.status);
      }
    }
    expect(backOffices).toBe(1);
  }, 30_000);
});

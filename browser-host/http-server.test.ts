import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskLogger } from '../core/logging/logger.ts';
import { KioskRuntime } from '../core/runtime/kiosk-runtime.ts';
import { MAX_CONNECTIONS, startHostServer, type HostServer } from './http-server.ts';
import { CREDENTIAL_COOKIE } from './renderer-credential.ts';
import type { MessagePort } from '../core/contract/rpc-endpoint.ts';
import { MAX_CALL_BYTES } from '../core/contract/rpc-contract.ts';
import { HIGH_WATER_BYTES, INBOUND_LIMIT, LARGE_INBOUND_LIMIT, webSocketPort } from './ws-port.ts';

const CREDENTIAL = 'test-credential-0123456789abcdefghijklmnop';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(accepting: Promise<void> = Promise.resolve()) {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-host-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  const logger = createKioskLogger({ dir: join(dir, 'logs') });
  const runtime = new KioskRuntime({
    kiosk: { status: { state: 'available' }, hall: null },
    session: { language: 'zh-CN', elderMode: false },
    log: logger.log,
  });
  const refused: string[] = [];
  const overflows: number[] = [];
  const floods: number[] = [];
  const serveErrors: string[] = [];
  const ports: MessagePort[] = [];
  const server: HostServer = await startHostServer({
    rendererDir: join(dir, 'renderer'),
    credential: CREDENTIAL,
    port: 0,
    accepting,
    onConnection: (socket, peer) => {
      const port = webSocketPort(socket, { onStalled: (unsent) => overflows.push(unsent), stallMs: 300, onFlood: (dropped) => floods.push(dropped) });
      ports.push(port);
      const connection = runtime.connect(port, peer);
      socket.on('close', () => connection.close());
      socket.on('error', () => undefined);
    },
    onRefused: (reason) => refused.push(reason),
    onServeError: (path, error) => serveErrors.push(`${path}: ${(error as NodeJS.ErrnoException).code}`),
  });
  cleanups.push(() => logger.close());
  cleanups.push(() => server.close());
  return { server, refused, overflows, floods, ports, serveErrors, logger, dir };
}

const withCredential = (server: HostServer) => ({ origin: server.origin, cookie: `${CREDENTIAL_COOKIE}=${CREDENTIAL}` });

function open(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** The response to request `id`; events pushed in between are skipped. */
function response(ws: WebSocket, id: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { t: string; i?: string };
      if (message.t === 's' && message.i === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
  });
}

/** A GET whose path goes on the wire exactly as given (node:http does not normalise it). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/** POST /session as the launch page's form does. */
function postSession(port: number, body: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/session', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function statusWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('browser host server (real HTTP and WebSocket on loopback)', () => {
  it('serves the renderer with security headers, only on its own Host', async () => {
    const { server } = await setup();
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await statusWithHost(server.port, `evil.example:${server.port}`)).toBe(421);
    expect(await statusWithHost(server.port, `localhost:${server.port}`)).toBe(200);
  });

  it('serves nothing outside the renderer directory, whatever the raw path says', async () => {
    const { server, dir } = await setup();
    await writeFile(join(dir, 'secret.txt'), 'NOT-FOR-THE-PAGE');
    // Sent as written: fetch() would normalise `..` away before the request left.
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt', '/..\\secret.txt', '/renderer/../../secret.txt']) {
      const answer = await rawGet(server.port, path);
      expect(answer.body, path).not.toContain('NOT-FOR-THE-PAGE');
      expect([400, 403, 404], `${path}: ${answer.status}`).toContain(answer.status);
    }
  });

  it('survives a renderer file removed while it runs', async () => {
    const { server, dir, serveErrors } = await setup();
    await rm(join(dir, 'renderer', 'index.html'));
    // Its headers went out before the file failed: the response is cut, and the host goes on serving.
    await expect(rawGet(server.port, '/index.html')).rejects.toThrow();
    expect(serveErrors).toEqual(['/index.html: ENOENT']);
    expect((await rawGet(server.port, '/nothing-here')).status).toBe(404);
  });

  it("turns the launch page's POST into an HttpOnly, SameSite=Strict cookie, only with the credential", async () => {
    const { server, refused } = await setup();
    const ok = await postSession(server.port, `credential=${CREDENTIAL}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/');
    expect(ok.headers['set-cookie']).toEqual([`${CREDENTIAL_COOKIE}=${CREDENTIAL}; Path=/; HttpOnly; SameSite=Strict`]);
    for (const body of ['credential=wrong', '', `credential=${CREDENTIAL}x`, `credential=${'a'.repeat(5000)}`]) {
      const answer = await postSession(server.port, body);
      expect(answer.status, body.slice(0, 20)).toBe(403);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    expect(refused).toEqual(Array(4).fill('bad credential on launch'));
  });

  it('refuses a WebSocket without the credential, from another origin, or via another Host', async () => {
    const { server, refused } = await setup();
    const { origin, cookie } = withCredential(server);
    const url = `ws://127.0.0.1:${server.port}/rpc`;
    await expect(open(url, { origin })).rejects.toThrow('HTTP 403');
    await expect(open(url, { origin, cookie: `${CREDENTIAL_COOKIE}=wrong-credential` })).rejects.toThrow('HTTP 403');
    // The old per-start token in the URL opens nothing any more.
    await expect(open(`${url}?token=${CREDENTIAL}`, { origin })).rejects.toThrow('HTTP 403');
    await expect(open(url, { origin: 'http://localhost:1', cookie })).rejects.toThrow('HTTP 403');
    await expect(open(url, { cookie })).rejects.toThrow('HTTP 403');
    await expect(open(url, { origin, cookie, host: 'attacker.example' })).rejects.toThrow('HTTP 403');
    expect(refused).toEqual(['bad credential', 'bad credential', 'bad credential', 'foreign Origin', 'foreign Origin', 'unexpected Host header']);
    const ws = await open(url, { origin, cookie: `other=1; ${cookie}` });
    ws.close();
  });

  it(`accepts at most ${MAX_CONNECTIONS} connections at once`, async () => {
    const { server, refused } = await setup();
    const url = `ws://127.0.0.1:${server.port}/rpc`;
    const sockets: WebSocket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) sockets.push(await open(url, withCredential(server)));
    await expect(open(url, withCredential(server))).rejects.toThrow('HTTP 503');
    expect(refused).toEqual([`connection cap (${MAX_CONNECTIONS}) reached`]);
    const closed = new Promise((resolve) => sockets[0]!.once('close', resolve));
    sockets[0]!.close();
    await closed;
    await new Promise((r) => setTimeout(r, 50));
    const again = await open(url, withCredential(server));
    for (const ws of [...sockets, again]) ws.close();
  });

  it('serves the page while core starts, and holds the renderer\'s connection (within the cap) until core is up', async () => {
    let coreUp!: () => void;
    const { server, refused } = await setup(new Promise<void>((resolve) => (coreUp = resolve)));
    const page = await fetch(`${server.origin}/index.html`);
    expect(page.status).toBe(200);
    const url = `ws://127.0.0.1:${server.port}/rpc`;
    const opened: WebSocket[] = [];
    const waiting = Array.from({ length: MAX_CONNECTIONS }, () => open(url, withCredential(server)).then((ws) => opened.push(ws)));
    await new Promise((r) => setTimeout(r, 100));
    expect(opened).toHaveLength(0);
    await expect(open(url, withCredential(server))).rejects.toThrow('HTTP 503');
    expect(refused).toEqual([`connection cap (${MAX_CONNECTIONS}) reached`]);
    coreUp();
    await Promise.all(waiting);
    const [ws] = opened;
    ws!.send(JSON.stringify({ t: 'q', i: 'b1', m: 'getSnapshot', a: [{}] }));
    expect(await response(ws!, 'b1')).toMatchObject({ t: 's', i: 'b1' });
    for (const socket of opened) socket.close();
  });

  it('drops what a flooding peer sends beyond its allowance, and serves it again once it calms down', async () => {
    const { server, floods } = await setup();
    const ws = await open(`ws://127.0.0.1:${server.port}/rpc`, withCredential(server));
    const answered = new Set<string>();
    ws.on('message', (data) => answered.add((JSON.parse(data.toString()) as { i?: string }).i ?? ''));
    const sent = 5_000;
    for (let i = 0; i < sent; i++) ws.send(JSON.stringify({ t: 'q', i: `s${i}`, m: 'getSnapshot', a: [{}] }));
    await expect.poll(() => floods.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(answered.size).toBeGreaterThanOrEqual(INBOUND_LIMIT.burst);
    expect(answered.size).toBeLessThan(INBOUND_LIMIT.burst * 2);
    expect(floods).toEqual([1, 1001, 2001, 3001, 4001].filter((n) => n <= sent - answered.size));
    await new Promise((r) => setTimeout(r, 1000));
    ws.send(JSON.stringify({ t: 'q', i: 'calm', m: 'getSnapshot', a: [{}] }));
    await expect.poll(() => answered.has('calm')).toBe(true);
    ws.close();
  });

  it('stops reading a peer that does not read its answers, and cuts it if it stays stuck', async () => {
    const { server, overflows, ports } = await setup();
    const ws = await open(`ws://127.0.0.1:${server.port}/rpc`, withCredential(server));
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.pause();
    const chunk = 'x'.repeat(64 * 1024);
    // More than the kernel's socket buffers take, so the rest waits in the server's own buffer.
    for (let i = 0; i < 256; i++) ports[0]!.post(chunk);
    await expect.poll(() => overflows.length, { timeout: 5_000 }).toBe(1);
    expect(overflows[0]).toBeGreaterThan(HIGH_WATER_BYTES);
    ws.resume();
    await closed;
  });

  it('keeps a slow peer whose backlog drains', async () => {
    const { server, overflows, ports } = await setup();
    const ws = await open(`ws://127.0.0.1:${server.port}/rpc`, withCredential(server));
    let received = 0;
    ws.on('message', () => received++);
    ws.pause();
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 64; i++) ports[0]!.post(chunk);
    await new Promise((r) => setTimeout(r, 100));
    ws.resume();
    await expect.poll(() => received).toBe(64);
    expect(overflows).toEqual([]);
    ws.close();
  });

  it('answers valid calls and rejects bad messages without logging their payload', async () => {
    const { server, logger } = await setup();
    const ws = await open(`ws://127.0.0.1:${server.port}/rpc`, withCredential(server));
    ws.send(JSON.stringify({ t: 'q', i: 'a1', m: 'setLanguage', a: [{ language: 'en' }] }));
    expect(await response(ws, 'a1')).toMatchObject({ t: 's', i: 'a1', r: { language: 'en' } });

    ws.send(JSON.stringify({ t: 'q', i: 'a2', m: 'setLanguage', a: [{ language: '11010519491231002X' }] }));
    expect(await response(ws, 'a2')).toMatchObject({ t: 's', i: 'a2', e: { code: 'E_INVALID_INPUT' } });
    ws.send('{"garbage": 11010519491231002X');
    ws.send(Buffer.from([0xff, 0x00]));
    ws.send(JSON.stringify({ t: 'q', i: 'a3', m: 'getSnapshot', a: [{}] }));
    expect(await response(ws, 'a3')).toMatchObject({ t: 's', i: 'a3', r: { session: { language: 'en' } } });
    ws.close();
    await new Promise((r) => setTimeout(r, 50));
    await logger.close();
    const log = await readFile(logger.file, 'utf8');
    expect(log).not.toContain('11010519491231002X');
    expect(log).not.toContain('110105');
    const rejections = log.split('\n').filter((l) => l.includes('rpc message rejected')).map((l) => JSON.parse(l).rpc.code);
    expect(rejections).toEqual(['E_INVALID_INPUT', 'E_MALFORMED', 'E_MALFORMED']);
  });

  it('takes a captured page larger than any other call, a few at a time; the same size elsewhere is refused', async () => {
    const { server } = await setup();
    const ws = await open(`ws://127.0.0.1:${server.port}/rpc`, withCredential(server));
    const image = Buffer.alloc(700_000, 7).toString('base64');
    const capture = (i: string) => JSON.stringify({ t: 'q', i, m: 'captureMaterial', a: [{ key: 'idPhoto', page: 0, image, thumbnail: 'AAAA' }] });
    ws.send(capture('c1'));
    // No session here: answered, not taken.
    expect(await response(ws, 'c1')).toMatchObject({ t: 's', i: 'c1', r: { accepted: false } });
    ws.send(JSON.stringify({ t: 'q', i: 'w1', m: 'wedgeScan', a: [{ text: image }] }));
    expect(await response(ws, 'w1')).toMatchObject({ t: 's', i: 'w1', e: { code: 'E_TOO_LARGE' } });
    // A burst of pages beyond the allowance for large messages: the rest is dropped unread, unanswered.
    const answered = new Set<string>();
    ws.on('message', (data) => answered.add((JSON.parse(data.toString()) as { i?: string }).i ?? ''));
    for (let i = 0; i < 10; i++) ws.send(capture(`b${i}`));
    ws.send(JSON.stringify({ t: 'q', i: 'last', m: 'getSnapshot', a: [{}] }));
    await expect.poll(() => answered.has('last')).toBe(true);
    expect([...answered].filter((i) => i.startsWith('b')).length).toBeLessThanOrEqual(LARGE_INBOUND_LIMIT.burst);
    ws.close();
  });

  it('closes a connection that sends an oversized frame', async () => {
    const { server } = await setup();
    const ws = await open(`ws://127.0.0.1:${server.port}/rpc`, withCredential(server));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(MAX_CALL_BYTES + 1));
    expect(await closed).toBe(1009);
  });
});

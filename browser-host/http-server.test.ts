import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskLogger } from '../core/logging/logger.ts';
import { KioskRuntime } from '../core/runtime/kiosk-runtime.ts';
import { startHostServer, type HostServer } from './http-server.ts';
import { webSocketPort } from './ws-port.ts';

const TOKEN = 'test-token-0123456789';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
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
  const server: HostServer = await startHostServer({
    rendererDir: join(dir, 'renderer'),
    token: TOKEN,
    port: 0,
    onConnection: (socket, peer) => {
      const connection = runtime.connect(webSocketPort(socket), peer);
      socket.on('close', () => connection.close());
      socket.on('error', () => undefined);
    },
    onRefused: (reason) => refused.push(reason),
  });
  cleanups.push(() => logger.close());
  cleanups.push(() => server.close());
  return { server, refused, logger, dir };
}

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

  it('refuses a WebSocket without the token, from another origin, or via another Host', async () => {
    const { server, refused } = await setup();
    const origin = `http://127.0.0.1:${server.port}`;
    const base = `ws://127.0.0.1:${server.port}/rpc`;
    await expect(open(base, { origin })).rejects.toThrow('HTTP 403');
    await expect(open(`${base}?token=wrong-token-000000000`, { origin })).rejects.toThrow('HTTP 403');
    await expect(open(`${base}?token=${TOKEN}`, { origin: 'http://localhost:1' })).rejects.toThrow('HTTP 403');
    await expect(open(`${base}?token=${TOKEN}`, {})).rejects.toThrow('HTTP 403');
    await expect(open(`${base}?token=${TOKEN}`, { origin, host: 'attacker.example' })).rejects.toThrow('HTTP 403');
    expect(refused).toEqual(['bad token', 'bad token', 'foreign Origin', 'foreign Origin', 'unexpected Host header']);
    const ws = await open(`${base}?token=${TOKEN}`, { origin });
    ws.close();
  });

  it('answers valid calls and rejects bad messages without logging their payload', async () => {
    const { server, logger } = await setup();
    const ws = await open(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`, { origin: `http://127.0.0.1:${server.port}` });
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

  it('closes a connection that sends an oversized frame', async () => {
    const { server } = await setup();
    const ws = await open(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`, { origin: `http://127.0.0.1:${server.port}` });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(300 * 1024));
    expect(await closed).toBe(1009);
  });
});

/**
 * What a local process can do to a running browser host, for the live probes in test/security: read its
 * files as the kiosk user, open WebSockets and raw HTTP requests, and look at /proc.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { RunningHost } from './browser-host.ts';

/** The renderer credential, read from the 0600 launch page as the kiosk user (and Chromium) can. */
export async function hostCredential(host: RunningHost): Promise<string> {
  const page = await readFile(join(host.dataDir, 'launch.html'), 'utf8');
  const match = /name="credential" value="([^"]+)"/.exec(page);
  if (!match) throw new Error('the launch page carries no credential');
  return match[1]!;
}

export async function hostPort(host: RunningHost): Promise<number> {
  return (JSON.parse(await readFile(join(host.dataDir, 'browser-host.json'), 'utf8')) as { port: number }).port;
}

export function openRpc(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** Calls `method` and resolves with the raw answer (`r` or `e`), skipping pushed events. */
export function rpcCall(ws: WebSocket, id: string, method: string, input: unknown): Promise<{ r?: unknown; e?: { code: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { t: string; i?: string; r?: unknown; e?: { code: string } };
      if (message.t === 's' && message.i === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'q', i: id, m: method, a: [input] }));
  });
}

/** A request whose path goes on the wire exactly as given (node:http does not normalise it). */
export function rawRequest(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end(options.body);
  });
}

/** Every process's command line, as any local user can read them. */
export async function allCommandLines(): Promise<{ pid: number; cmdline: string }[]> {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => undefined);
    if (cmdline) found.push({ pid: Number(entry), cmdline: cmdline.replaceAll('\0', ' ') });
  }
  return found;
}

/** The TCP ports a process listens on (IPv4 and IPv6), from its socket inodes and /proc/net/tcp{,6}. */
export async function listeningPorts(pid: number): Promise<number[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(match[1]!);
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // local_address is field 1 (addr:PORT in hex), st is field 3 (0A = LISTEN), inode is field 9.
      if (fields[3] === '0A' && inodes.has(fields[9] ?? '')) ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports];
}

/** Resident memory of a process, in bytes. */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Files under `dir` (recursively) whose bytes contain `needle`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes?.includes(needle)) hits.push(path);
  }
  return hits;
}

/** Polls an asynchronous check until it holds; fails saying what was awaited after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Serves the built renderer and the RPC WebSocket on loopback only. A WebSocket connection needs the
 * per-start token, our own Origin and our own Host, so no other local page (or a DNS-rebinding one) can
 * drive the kiosk.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../core/contract/rpc-endpoint.ts';

export const RPC_PATH = '/rpc';

/** Adds what a <meta> CSP cannot express; the full policy is in renderer/index.html. */
const CSP_HEADER = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'none'";

export interface HostServerOptions {
  readonly rendererDir: string;
  readonly token: string;
  readonly port: number;
  readonly onConnection: (socket: WebSocket, peer: string) => void;
  readonly onRefused: (reason: string) => void;
}

export interface HostServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function refusalReason(req: IncomingMessage, port: number, token: string): string | undefined {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host ?? '';
  if (!allowedHosts.includes(host)) return 'unexpected Host header';
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname !== RPC_PATH) return 'unknown path';
  const origin = req.headers.origin;
  if (!origin || !allowedHosts.some((h) => origin === `http://${h}`)) return 'foreign Origin';
  if (!sameToken(url.searchParams.get('token'), token)) return 'bad token';
  return undefined;
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const serveStatic = sirv(options.rendererDir, {
    etag: true,
    dev: false,
    setHeaders: (res, pathname) => {
      res.setHeader('Content-Security-Policy', CSP_HEADER);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store');
    },
  });
  let port = options.port;
  const server = createServer((req, res) => {
    if (![`127.0.0.1:${port}`, `localhost:${port}`].includes(req.headers.host ?? '')) {
      res.writeHead(421).end('misdirected request');
      return;
    }
    serveStatic(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reason = refusalReason(req, port, options.token);
    if (reason) {
      options.onRefused(reason);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => options.onConnection(ws, `ws:${req.socket.remotePort ?? '?'}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

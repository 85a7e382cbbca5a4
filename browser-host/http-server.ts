/**
 * Serves the built renderer and the RPC WebSocket on loopback only. A WebSocket connection needs the
 * renderer credential (a cookie set by POST /session, see renderer-credential.ts), our own Origin and our
 * own Host, so no other local page, process or DNS-rebinding site can drive the kiosk. Connections are
 * capped, and one whose peer stops reading is cut before its backlog grows the host (ws-port.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_CALL_BYTES } from '../core/contract/rpc-contract.ts';
import { SESSION_PATH } from './launch-page.ts';
import { credentialCookie, credentialFromCookies, sameCredential } from './renderer-credential.ts';

export const RPC_PATH = '/rpc';
/** A kiosk has one window; a reload briefly overlaps the old connection. Anything beyond this is not ours. */
export const MAX_CONNECTIONS = 4;
/** The launch form's body: one field of 43 characters. */
const MAX_SESSION_BODY = 1024;

/** Adds what a <meta> CSP cannot express; the full policy is in renderer/index.html. */
const CSP_HEADER = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'none'";

export interface HostServerOptions {
  readonly rendererDir: string;
  readonly credential: string;
  readonly port: number;
  /** The renderer's connections are taken once this settles (core is up); until then their upgrade waits. */
  readonly accepting: Promise<void>;
  readonly onConnection: (socket: WebSocket, peer: string) => void;
  readonly onRefused: (reason: string) => void;
  /** A renderer file that could not be read while being served (its response is cut). */
  readonly onServeError: (path: string, error: Error) => void;
}

export interface HostServer {
  readonly server: Server;
  readonly port: number;
  /** The page's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  close(): Promise<void>;
}

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function refusalReason(req: IncomingMessage, port: number, credential: string): string | undefined {
  const hosts = allowedHosts(port);
  const host = req.headers.host ?? '';
  if (!hosts.includes(host)) return 'unexpected Host header';
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname !== RPC_PATH) return 'unknown path';
  const origin = req.headers.origin;
  if (!origin || !hosts.some((h) => origin === `http://${h}`)) return 'foreign Origin';
  if (!sameCredential(credentialFromCookies(req.headers.cookie), credential)) return 'bad credential';
  return undefined;
}

/** The body, or undefined past `limit` (the rest is drained unread so the answer still reaches the client). */
function readSmallBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let body: string | undefined = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      if (body !== undefined) body = body.length + chunk.length > limit ? undefined : body + chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', () => resolve(undefined));
  });
}

/** POST /session from the launch page: the credential in the body becomes an HttpOnly cookie. */
async function startSession(req: IncomingMessage, res: ServerResponse, options: HostServerOptions): Promise<void> {
  const body = await readSmallBody(req, MAX_SESSION_BODY);
  const given = body === undefined ? undefined : (new URLSearchParams(body).get('credential') ?? undefined);
  if (!sameCredential(given, options.credential)) {
    options.onRefused('bad credential on launch');
    res.writeHead(403, { 'Content-Type': 'text/plain' }).end('forbidden');
    return;
  }
  res.writeHead(303, { Location: '/', 'Set-Cookie': credentialCookie(options.credential), 'Cache-Control': 'no-store' }).end();
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
    if (!allowedHosts(port).includes(req.headers.host ?? '')) {
      res.writeHead(421).end('misdirected request');
      return;
    }
    if (req.method === 'POST' && req.url === SESSION_PATH) {
      void startSession(req, res, options);
      return;
    }
    // sirv pipes a read stream without an error handler: a file removed under a running host (an upgrade)
    // must cost that one response, not the host.
    res.once('pipe', (source) =>
      source.once('error', (error) => {
        options.onServeError(req.url ?? '', error);
        res.destroy();
      }),
    );
    serveStatic(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    });
  });
  // The endpoint holds each method to its own allowance; the socket only caps the largest (a captured page).
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CALL_BYTES });
  /** Upgrades held until core is up; they count against the cap. */
  let waiting = 0;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reason = refusalReason(req, port, options.credential);
    if (reason) {
      options.onRefused(reason);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (wss.clients.size + waiting >= MAX_CONNECTIONS) {
      options.onRefused(`connection cap (${MAX_CONNECTIONS}) reached`);
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    waiting++;
    void options.accepting.then(() => {
      waiting--;
      if (socket.destroyed) return;
      wss.handleUpgrade(req, socket, head, (ws) => options.onConnection(ws, `ws:${req.socket.remotePort ?? '?'}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Reference back office (HTTP/JSON): health, and QR e-ID resolution (eid-registry.ts). Submissions,
 * attachments, ratings and catalog download come with the sync issue. Runs embedded in the
 * kiosk process on loopback by default, so `npm start` needs nothing installed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookupEid } from './eid-registry.ts';

export const BACKOFFICE_API_VERSION = 1;

export interface BackOfficeServer {
  /** Base URL, e.g. http://127.0.0.1:43123 */
  readonly url: string;
  close(): Promise<void>;
}

export interface BackOfficeOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** A JSON body of at most `limit` bytes; anything else is answered 400 or 413 by the caller. */
async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RangeError('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function resolveEid(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: unknown;
  try {
    body = await readJson(req, 4096);
  } catch (error) {
    return sendJson(res, error instanceof RangeError ? 413 : 400, { error: 'malformed-request' });
  }
  const result = lookupEid(body && typeof body === 'object' ? (body as { code?: unknown }).code : undefined);
  if (result.ok) sendJson(res, 200, { identity: result.identity });
  else sendJson(res, result.status, { error: result.error });
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://backoffice');
  if (url.pathname === '/api/v1/health') {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' });
    return sendJson(res, 200, { status: 'ok', apiVersion: BACKOFFICE_API_VERSION });
  }
  if (url.pathname === '/api/v1/identity/eid') {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
    void resolveEid(req, res);
    return;
  }
  sendJson(res, 404, { error: 'not found' });
}

export async function startBackOffice(options: BackOfficeOptions = {}): Promise<BackOfficeServer> {
  const server = createServer(route);
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

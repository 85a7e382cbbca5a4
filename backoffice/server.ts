/**
 * Reference back office (HTTP/JSON). This issue ships only what the kiosk needs to know it is reachable;
 * submissions, attachments, ratings and catalog download come with the sync issue. Runs embedded in the
 * kiosk process on loopback by default, so `npm start` needs nothing installed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://backoffice');
  if (url.pathname === '/api/v1/health') {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' });
    return sendJson(res, 200, { status: 'ok', apiVersion: BACKOFFICE_API_VERSION });
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

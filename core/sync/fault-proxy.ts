/**
 * An HTTP proxy in front of the real back office that injects network faults, for the sync tests and the
 * fault harness built on them (no test framework imports, so it lints as ordinary code). Each request is
 * read whole, then handled by the current rule:
 *
 * - `pass`: forwarded, the answer returned;
 * - `reset`: the connection is cut, nothing forwarded (refused mid-request);
 * - `lose-answer`: forwarded, then the connection is cut before the answer (the server committed, the
 *   kiosk never heard);
 * - `status`: answered with that status and `{"error": …}`, nothing forwarded;
 * - `stall`: never answered;
 * - `stall-answer`: forwarded, then never answered (the server committed, the kiosk waits in vain);
 * - `duplicate`: forwarded twice (a network that repeats a request), the second answer returned.
 *
 * `refuse(ms)` closes the port for a while: connections are refused, as when the back office is down.
 *
 * Requests keep their signature: only the Host header is rewritten (the back office checks it).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = { readonly kind: 'pass' | 'reset' | 'lose-answer' | 'stall' | 'stall-answer' | 'duplicate' } | { readonly kind: 'status'; readonly status: number };

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Buffer;
}

export interface FaultProxy {
  readonly url: string;
  /** Every request the proxy received, with the fault it got. */
  readonly log: (ProxiedRequest & { readonly fault: Fault['kind'] })[];
  /** Sets the rule for the requests to come. */
  rule(rule: (request: ProxiedRequest) => Fault): void;
  /** Cuts every connection and refuses new ones for `ms`, then listens on the same port again. */
  refuse(ms: number): Promise<void>;
  close(): Promise<void>;
}

interface Upstream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function reply(res: ServerResponse, answer: Upstream): void {
  const { 'transfer-encoding': _chunked, connection: _connection, ...headers } = answer.headers;
  res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
  res.end(answer.body);
}

export async function startFaultProxy(upstreamUrl: string): Promise<FaultProxy> {
  const target = new URL(upstreamUrl);
  let rule: (request: ProxiedRequest) => Fault = () => ({ kind: 'pass' });
  const log: FaultProxy['log'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks) };
      const fault = rule(request);
      log.push({ ...request, fault: fault.kind });
      void handle(fault, req, res, request.body);
    });
  });
  async function handle(fault: Fault, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    try {
      switch (fault.kind) {
        case 'reset':
          return void req.socket.destroy();
        case 'stall':
          return;
        case 'status': {
          const text = JSON.stringify({ error: `injected-${fault.status}` });
          res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
          return void res.end(text);
        }
        case 'lose-answer':
          await forward(target, req, body);
          return void req.socket.destroy();
        case 'stall-answer':
          return void (await forward(target, req, body));
        case 'duplicate':
          await forward(target, req, body);
          return reply(res, await forward(target, req, body));
        case 'pass':
          return reply(res, await forward(target, req, body));
      }
    } catch {
      // The back office itself is down: the kiosk sees the connection cut, as without a proxy.
      req.socket.destroy();
    }
  }
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (at: number) => new Promise<void>((resolve) => server.listen(at, '127.0.0.1', resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    rule(next) {
      rule = next;
    },
    async refuse(ms) {
      await stop();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await listen(port);
    },
    close: stop,
  };
}

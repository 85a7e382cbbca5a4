/**
 * Fault injection for the sync tests (no test framework imports, so it lints as ordinary code): a plain
 * node:http server whose every answer the test scripts, recording what it was sent. It stands in for a
 * misbehaving back office (503, hang, reset, garbage), never for the real one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newSecret, type Credentials } from '../../backoffice/api/signing.ts';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export type Script = (req: Received, res: ServerResponse) => void;

export interface ScriptedServer {
  readonly url: string;
  readonly received: Received[];
  /** Replaces how the server answers from now on. */
  answer(script: Script): void;
  close(): Promise<void>;
}

export function testCredentials(kioskId = 'K01'): Credentials {
  return { kioskId, secret: newSecret() };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Starts a scripted server on loopback (https with `tls`), answering 503 until told otherwise. */
export async function scriptedServer(tls?: { key: string; cert: string }): Promise<ScriptedServer> {
  let script: Script = (_req, res) => json(res, 503, { error: 'unavailable' });
  const received: Received[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      script(entry, res);
    });
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    received,
    answer(next) {
      script = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A self-signed certificate for 127.0.0.1 (its own CA), made with the openssl command. */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-tls-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];
    args.push('-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert);
    await new Promise<void>((resolve, reject) => execFile('openssl', args, (error) => (error ? reject(error) : resolve())));
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const FAKE_ID_NUMBER = '11010519491231002X';

/** A submission record as the back office's schema wants it, with fake data only. */
export function wireRecord(sessionId: string, itemCodes: readonly string[] = ['1101050001']) {
  return {
    format: 1 as const,
    sessionId,
    bundleCode: 'BIRTH-01',
    optionalItems: [],
    applicant: { via: 'idcard' as const, idNumber: FAKE_ID_NUMBER, name: '张三' },
    items: itemCodes.map((itemCode) => ({ itemCode, values: { 'applicant.name': '张三' } })),
    materials: [],
    consents: { dataSharing: true },
    submittedAt: Date.UTC(2026, 2, 5, 2),
  };
}

/**
 * The simulator's control endpoint for `npm run sim`: HTTP on loopback, a random bearer token, and a
 * 0600 file in the data directory telling the CLI where to find it. Only started with simulated devices.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { SimCommandSchema, type SimCommand, type SimResult } from '../contract/sim-control.ts';

export const SIM_CONTROL_FILE = 'sim-control.json';
const MAX_BODY = 256 * 1024;

export interface SimControlEndpoint {
  readonly url: string;
  readonly file: string;
  close(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: SimResult): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function authorized(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSimControl(
  dataDir: string,
  execute: (command: SimCommand) => Promise<SimResult>,
): Promise<SimControlEndpoint> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/sim') return reply(res, 404, { ok: false, message: 'not found' });
      if (!authorized(req, token)) return reply(res, 401, { ok: false, message: 'bad token' });
      let json: unknown;
      try {
        json = JSON.parse(await readBody(req));
      } catch (error) {
        return reply(res, 400, { ok: false, message: `not a JSON command: ${(error as Error).message}` });
      }
      const command = v.safeParse(SimCommandSchema, json);
      if (!command.success) {
        const problems = command.issues.map((i) => `${(i.path ?? []).map((p) => String(p.key)).join('.') || '(command)'}: ${i.message}`);
        return reply(res, 400, { ok: false, message: `invalid command: ${problems.join('; ')}` });
      }
      const result = await execute(command.output).catch((error: unknown) => ({ ok: false, message: (error as Error).message }));
      reply(res, result.ok ? 200 : 409, result);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const file = join(dataDir, SIM_CONTROL_FILE);
  await writeFile(file, JSON.stringify({ url, token, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    file,
    async close() {
      await rm(file, { force: true });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The reference back office as a separate process, the way a hall runs it (`npm run backoffice -- serve`),
 * so a chaos test can kill -9 it and start it again on the same port and data.
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { DatabaseChoice } from '../../backoffice/cli/args.ts';
import { LineProcess } from './line-process.ts';

const MAIN = resolve(import.meta.dirname, '../../backoffice/main.ts');
/** tsx compiles the back office on start, and PGlite loads its WebAssembly: seconds on a busy machine. */
const START_GUARD_MS = 60_000;

/** A port free right now, for a server that must come back on the same one. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts `serve` on 127.0.0.1:`port` with `database`; resolves once it prints its URL. */
export async function serveBackOffice(database: DatabaseChoice, port: number, name: string): Promise<{ process: LineProcess; url: string }> {
  const { DATABASE_URL: _inherited, ...env } = process.env;
  const args = ['--import', 'tsx', MAIN, 'serve', '--port', String(port)];
  if ('pglite' in database) args.push('--data', database.pglite);
  const server = new LineProcess(name, args, undefined, 'postgres' in database ? { ...env, DATABASE_URL: database.postgres } : env);
  const line = await server.next((l) => l.startsWith('BACKOFFICE_URL='), 'the back office to listen', START_GUARD_MS);
  return { process: server, url: line.slice('BACKOFFICE_URL='.length) };
}

/**
 * The reference back office in a process of its own, for the sync benchmarks: the kiosk's event loop and
 * the back office's must not share a core's worth of turns, or the figure measures neither. Started by
 * backoffice-child.ts with `fork`; takes its orders over the IPC channel:
 *
 *   → { type: 'register', id, credentials: Credentials[] }   ← { type: 'registered', id }
 *   → { type: 'cpu', id }                                     ← { type: 'cpu', id, usage: process.cpuUsage() }
 *   → { type: 'query', id, sql }                              ← { type: 'rows', id, rows } (checks after a run)
 *   → { type: 'close', id }                                   ← { type: 'closed', id }, then exits
 *
 * and says `{ type: 'ready', url }` once it listens. The database comes from the environment:
 * BENCH_BACKOFFICE_PGLITE (a data directory) or BENCH_BACKOFFICE_POSTGRES (a URL).
 */
import type { Credentials } from '../backoffice/api/signing.ts';
import type { DatabaseConfig } from '../backoffice/db/database.ts';
import { openDatabase } from '../backoffice/db/database.ts';
import { startBackOffice } from '../backoffice/server.ts';

export type ChildOrder =
  | { readonly type: 'register'; readonly id: number; readonly credentials: readonly Credentials[] }
  | { readonly type: 'cpu'; readonly id: number }
  | { readonly type: 'query'; readonly id: number; readonly sql: string }
  | { readonly type: 'close'; readonly id: number };

export type ChildReport =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'registered'; readonly id: number }
  | { readonly type: 'cpu'; readonly id: number; readonly usage: NodeJS.CpuUsage }
  | { readonly type: 'rows'; readonly id: number; readonly rows: Record<string, unknown>[] }
  | { readonly type: 'closed'; readonly id: number }
  | { readonly type: 'failed'; readonly message: string };

function database(): DatabaseConfig {
  const { BENCH_BACKOFFICE_PGLITE: pglite, BENCH_BACKOFFICE_POSTGRES: postgres } = process.env;
  if (postgres) return { postgres };
  if (pglite) return { pglite };
  throw new Error('set BENCH_BACKOFFICE_PGLITE or BENCH_BACKOFFICE_POSTGRES');
}

function report(message: ChildReport): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  // Opened here rather than by the server, so the checks after a run can read it (PGlite is one process's).
  const db = await openDatabase(database());
  const server = await startBackOffice({ database: db });
  process.on('message', (order: ChildOrder) => {
    void (async () => {
      switch (order.type) {
        case 'register':
          for (const credentials of order.credentials) await server.registerKiosk(credentials);
          return report({ type: 'registered', id: order.id });
        case 'cpu':
          return report({ type: 'cpu', id: order.id, usage: process.cpuUsage() });
        case 'query':
          return report({ type: 'rows', id: order.id, rows: await db.query(order.sql) });
        case 'close':
          await server.close();
          await db.close();
          report({ type: 'closed', id: order.id });
          // Lets a --cpu-prof profile be written on the way out.
          process.disconnect();
          return;
      }
    })().catch((error: unknown) => report({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
  });
  report({ type: 'ready', url: server.url });
}

main().catch((error: unknown) => {
  report({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});

/**
 * PGlite adapter. PGlite runs one PostgreSQL backend in this process: it serialises queries and
 * transactions itself, and nothing stops a second process from opening the same directory and corrupting
 * it, so the directory is locked for as long as it is open (data-dir-lock.ts).
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable, SqlValue } from './database.ts';
import { lockDataDir } from './data-dir-lock.ts';

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlValue[] = []) {
      return (await target.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const unlock = dataDir === undefined ? undefined : await lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    await unlock?.();
    throw new Error(`cannot open the PGlite database${dataDir ? ` in ${dataDir}` : ''}: ${(error as Error).message}`, { cause: error });
  }
  return {
    kind: 'pglite',
    ...queryable(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(queryable(tx))),
    async close() {
      if (!pglite.closed) await pglite.close();
      await unlock?.();
    },
  };
}

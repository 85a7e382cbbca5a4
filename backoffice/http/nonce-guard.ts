/**
 * The database as a signed request's handler sees it: the request's nonce is remembered in the same
 * transaction as the first thing the handler does, so an accepted request costs one commit, not two (the
 * nonce's and its own). Nothing the handler does can be committed before its nonce is: a query outside a
 * transaction remembers the nonce first, on its own. A replay throws `Replayed` before anything it would do
 * is committed; the request handler answers 401.
 */
import type { Database, Queryable, SqlValue } from '../db/database.ts';
import { rememberNonce } from '../model/nonces.ts';

export class Replayed extends Error {
  constructor() {
    super('the request nonce was used before');
  }
}

export interface NonceGuard {
  /** What the handler uses instead of the database. */
  readonly db: Database;
  /** Remembers the nonce unless the handler already did (a handler that never touched the database). */
  settle(): Promise<void>;
}

export function guardNonce(db: Database, kioskId: string, nonce: string, at: number): NonceGuard {
  let remembered = false;
  const remember = async (q: Queryable) => {
    if (remembered) return;
    if (!(await rememberNonce(q, kioskId, nonce, at))) throw new Replayed();
  };
  const outside = async () => {
    await remember(db);
    remembered = true;
  };
  const guarded: Database = {
    kind: db.kind,
    async query<Row extends object>(sql: string, params?: readonly SqlValue[]) {
      await outside();
      return db.query<Row>(sql, params);
    },
    async exec(sql: string) {
      await outside();
      return db.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const first = !remembered;
      const result = await db.transaction(async (tx) => {
        if (first) await remember(tx);
        return fn(tx);
      });
      // Committed: the nonce with it.
      remembered = true;
      return result;
    },
    close: () => Promise.reject(new Error('a request handler does not close the database')),
  };
  return { db: guarded, settle: outside };
}

/**
 * The back office's one way into its database: PGlite (PostgreSQL in WebAssembly, in a data directory or in
 * memory) or a real PostgreSQL. Both speak the same SQL; this interface is all the rest of the back office
 * sees, so every query and migration runs unchanged on either.
 */
export type DatabaseKind = 'pglite' | 'postgres';

/** A parameter: bigint columns are written as numbers (times in epoch ms, sizes), jsonb as JSON text. */
export type SqlValue = string | number | boolean | null | Uint8Array | readonly (string | number | null)[];

/**
 * Rows come back with the same JS types from both adapters: int8 as number, bytea as Uint8Array, jsonb
 * parsed, text as string.
 */
export interface Queryable {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction (READ COMMITTED): committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseConfig =
  /** PGlite in this data directory (created when missing). */
  | { readonly pglite: string }
  /** PGlite in memory: gone when closed (tests, demos). */
  | { readonly memory: true }
  /** PostgreSQL at this connection URL (DATABASE_URL). */
  | { readonly postgres: string };

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  // Imported on demand: an embedded back office never loads pg, a PostgreSQL one never loads the WASM.
  if ('postgres' in config) return (await import('./postgres-database.ts')).openPostgres(config.postgres);
  const { openPglite } = await import('./pglite-database.ts');
  return openPglite('pglite' in config ? config.pglite : undefined);
}

/** A SQLSTATE error code from either driver, if `error` carries one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

/**
 * Whether `error` says the database cannot be reached or is going away (the answer is 503, retried), as
 * opposed to a fault in a query (500).
 */
export function isUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  // 08 connection exception, 53 insufficient resources, 57P operator intervention (shutdown, starting up)
  if (state) return state.startsWith('08') || state.startsWith('53') || state.startsWith('57P');
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_ERRNO.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|PGlite is closed|Client was closed/i.test(message);
}

/** What every repository of the store shares: the connection, the data key and the clock. */
import type { Database } from 'better-sqlite3';
import { open } from './crypto.ts';
import { StoreError } from './errors.ts';

export interface StoreContext {
  readonly db: Database;
  /** The store's own copy of the data key; zeroed when the store closes. */
  readonly key: Buffer;
  /** Subkey for the ID-number index (id-index.ts); zeroed with the key. */
  readonly idIndexKey: Buffer;
  readonly now: () => number;
}

export interface CheckpointResult {
  /** True when a reader kept the WAL from being fully copied back and truncated; retry later. */
  readonly busy: boolean;
}

/**
 * Copies the whole WAL into the database file and truncates it to zero bytes. In WAL mode every write
 * appends page images to the -wal file; old images (including ones holding a row we just deleted) stay
 * there until the WAL is reset, so a wipe is not complete until this has run. Outside a transaction only:
 * SQLite refuses to checkpoint from inside one.
 */
export function truncateWal(db: Database): CheckpointResult {
  if (db.inTransaction) return { busy: true };
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return { busy: (row?.busy ?? 0) !== 0 };
}

/** JSON for sealing; a value JSON cannot represent is refused without echoing any part of it. */
export function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new StoreError('E_INVALID', `${what} is not JSON-serialisable (${error instanceof Error ? error.name : 'error'})`);
  }
  if (json === undefined) throw new StoreError('E_INVALID', `${what} is not JSON-serialisable`);
  return json;
}

export function checkText(value: unknown, what: string, maxLength = 200): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw new StoreError('E_INVALID', `${what} must be a non-empty string of at most ${maxLength} characters`);
  }
  return value;
}

export function checkInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StoreError('E_INVALID', `${what} must be a non-negative integer`);
  }
  return value;
}

/** Opens a sealed JSON value; `E_DECRYPT` if it fails authentication, `E_CORRUPT` if it is not JSON. */
export function openJson(sealed: Uint8Array, key: Buffer, aad: string, what: string): unknown {
  const text = open(sealed, key, aad).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    // Authenticated but unparsable means a bug on the writing side, not tampering.
    throw new StoreError('E_CORRUPT', `${what} is not valid JSON`);
  }
}

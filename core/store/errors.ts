/**
 * One error type for everything the store can fail with, so callers (the transaction machine, the sync
 * worker, the technician screen) branch on a stable code instead of parsing SQLite's messages. Messages name
 * tables, files and codes, never a stored value: personal data must not reach an error or a log.
 */

export type StoreErrorCode =
  /** The disk (or the configured page limit) is full; the failed transaction was rolled back. */
  | 'E_FULL'
  /** The database file is damaged or is not a database. */
  | 'E_CORRUPT'
  /** The database or its directory cannot be written. */
  | 'E_READONLY'
  /** The database file cannot be opened or created (missing or unusable directory). */
  | 'E_OPEN'
  /** Another connection held a lock for longer than the busy timeout. */
  | 'E_BUSY'
  /** The operating system reported an I/O error. */
  | 'E_IO'
  /** A uniqueness or check constraint refused a write. */
  | 'E_CONSTRAINT'
  /** The database was written by a newer version of the software. */
  | 'E_SCHEMA_NEWER'
  /** A migration failed; the database stays at the last good version. */
  | 'E_MIGRATION'
  /** A sealed value cannot be opened: tampered with, truncated, or sealed with another key. */
  | 'E_DECRYPT'
  /** The encryption key is missing, unsafe or malformed. */
  | 'E_KEY'
  /** A caller passed a value the store cannot take (not JSON, bad kiosk id, ...). */
  | 'E_INVALID'
  /** The row the caller refers to does not exist. */
  | 'E_NOT_FOUND'
  /** The store or the write queue was closed. */
  | 'E_CLOSED'
  /** Any other SQLite failure. */
  | 'E_SQLITE';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  /** The SQLite extended result code (e.g. `SQLITE_FULL`) or the errno (e.g. `EACCES`) behind it, if any. */
  readonly detail: string | undefined;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown; detail?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options?.detail;
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}

const SQLITE_CODES: readonly (readonly [prefix: string, code: StoreErrorCode, text: string])[] = [
  ['SQLITE_FULL', 'E_FULL', 'the disk is full'],
  ['SQLITE_CORRUPT', 'E_CORRUPT', 'the database file is damaged'],
  ['SQLITE_NOTADB', 'E_CORRUPT', 'the file is not a database'],
  ['SQLITE_READONLY', 'E_READONLY', 'the database cannot be written'],
  ['SQLITE_CANTOPEN', 'E_OPEN', 'the database file cannot be opened'],
  ['SQLITE_PERM', 'E_READONLY', 'permission denied'],
  ['SQLITE_BUSY', 'E_BUSY', 'the database is locked by another connection'],
  ['SQLITE_LOCKED', 'E_BUSY', 'the database is locked'],
  ['SQLITE_IOERR', 'E_IO', 'an I/O error occurred'],
  ['SQLITE_CONSTRAINT', 'E_CONSTRAINT', 'a constraint refused the write'],
];

const ERRNO_CODES: Readonly<Record<string, readonly [StoreErrorCode, string]>> = {
  ENOSPC: ['E_FULL', 'the disk is full'],
  EDQUOT: ['E_FULL', 'the disk quota is exhausted'],
  EACCES: ['E_READONLY', 'permission denied'],
  EPERM: ['E_READONLY', 'operation not permitted'],
  EROFS: ['E_READONLY', 'the file system is read-only'],
  ENOTDIR: ['E_OPEN', 'a path component is not a directory'],
  ENOENT: ['E_OPEN', 'no such file or directory'],
  EIO: ['E_IO', 'an I/O error occurred'],
};

function stringCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Wraps anything thrown while `action` ran ("saving the session snapshot") into a StoreError. SQLite's own
 * message is kept for unknown codes: it names schema objects, not bound values.
 */
export function toStoreError(error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  const raw = stringCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (raw?.startsWith('SQLITE_')) {
    const known = SQLITE_CODES.find(([prefix]) => raw === prefix || raw.startsWith(`${prefix}_`));
    if (known) {
      const suffix = known[1] === 'E_CONSTRAINT' ? ` (${message})` : '';
      return new StoreError(known[1], `${action} failed: ${known[2]}${suffix} [${raw}]`, { cause: error, detail: raw });
    }
    return new StoreError('E_SQLITE', `${action} failed: ${message} [${raw}]`, { cause: error, detail: raw });
  }
  if (raw && raw in ERRNO_CODES) {
    const [code, text] = ERRNO_CODES[raw]!;
    return new StoreError(code, `${action} failed: ${text} [${raw}]`, { cause: error, detail: raw });
  }
  // better-sqlite3 throws a TypeError for any call on a closed connection.
  if (error instanceof TypeError && /database connection is not open/i.test(message)) {
    return new StoreError('E_CLOSED', `${action} failed: the store is closed`, { cause: error });
  }
  return new StoreError('E_SQLITE', `${action} failed: ${message}`, { cause: error, ...(raw ? { detail: raw } : {}) });
}

/** Runs `fn`, turning whatever it throws into a StoreError for `action`. */
export function guard<T>(action: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toStoreError(error, action);
  }
}

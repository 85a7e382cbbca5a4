/**
 * Opens the kiosk's local store (DESIGN.md §6): one SQLite file in the data directory, WAL with
 * `synchronous=FULL` so a committed transaction survives a power cut, migrations applied on open. Every
 * failure surfaces as a StoreError with a code, never as a raw driver error or a crash.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { truncateWal, type CheckpointResult, type StoreContext } from './context.ts';
import { KEY_BYTES, type KeyProvider } from './crypto.ts';
import { guard, StoreError, toStoreError } from './errors.ts';
import type { QueueFigures } from './delivery-queue.ts';
import { deriveIdIndexKey } from './id-index.ts';
import { checkKey, type KeyCheck } from './key-check.ts';
import { MessageQueue, type MessageInput } from './messages.ts';
import { applyMigrations, schemaVersion, STORE_MIGRATIONS, type Migration } from './migrations.ts';
import { Outbox } from './outbox.ts';
import { Quarantine } from './quarantine.ts';
import { SessionCaptures } from './session-captures.ts';
import { SessionRepository, type WipeResult } from './sessions.ts';

export const STORE_FILE = 'kiosk.db';
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
/** The WAL is truncated back to this size after a checkpoint, so it cannot keep growing on disk. */
const JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024;

export interface StoreOptions {
  /** The data directory; created with mode 0700 if missing. */
  readonly dir: string;
  readonly keyProvider: KeyProvider;
  /** Clock for every timestamp the store writes (ms since the epoch); injectable for tests. */
  readonly now?: () => number;
  readonly busyTimeoutMs?: number;
  /**
   * Replaces the shipped migrations, for tests of the migration runner only: the list must start with
   * the shipped ones, since the repositories need their tables.
   */
  readonly migrations?: readonly Migration[];
}

export interface Store {
  readonly dir: string;
  /** Absolute path of the database file. */
  readonly file: string;
  /** The raw connection, for repositories inside core/store; everything else uses the repositories. */
  readonly db: Database;
  readonly sessions: SessionRepository;
  /** Pages the document camera took during a session, sealed, wiped with the session. */
  readonly captures: SessionCaptures;
  readonly outbox: Outbox;
  readonly messages: MessageQueue;
  /** Rows the key does not open, set aside and kept sealed (quarantine.ts). */
  readonly quarantine: Quarantine;
  /** What the key check found at open: a changed key, rows it set aside, rows it took back (key-check.ts). */
  readonly keyCheck: KeyCheck;
  /**
   * Ends a session in ONE transaction: queues its messages (a rating) and deletes its snapshot, then wipes
   * (truncates the WAL). Run again after a crash it adds nothing: a message key is queued once.
   */
  endSession(sessionId: string, messages: readonly MessageInput[]): WipeResult;
  /** Queue depths and the oldest undelivered row, for the technician and the heartbeat. */
  queueFigures(): { readonly submissions: QueueFigures; readonly messages: QueueFigures };
  schemaVersion(): number;
  /** Copies the WAL into the database and truncates it. */
  checkpoint(): CheckpointResult;
  /** `PRAGMA quick_check`: an empty list when the file is sound (technician diagnostics). */
  integrityProblems(): string[];
  /** Closes the connection and zeroes the store's copy of the key; safe to call twice. */
  close(): void;
}

/** Opens (creating if needed) `<dir>/kiosk.db`. Async only because the key provider is. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const file = join(options.dir, STORE_FILE);
  guard(`creating the data directory ${options.dir}`, () => mkdirSync(options.dir, { recursive: true, mode: 0o700 }));
  const key = await loadKey(options.keyProvider);
  let db: Database | undefined;
  try {
    db = openConnection(file, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    const now = options.now ?? Date.now;
    // A migration rebuilds tables: copy it back and truncate the WAL, so dropped pages leave nothing behind.
    if (applyMigrations(db, shippedFirst(options.migrations), now).length > 0) truncateWal(db);
    const store = createStore(options.dir, file, { db, key, idIndexKey: deriveIdIndexKey(key), now });
    store.outbox.backfillIndex();
    return store;
  } catch (error) {
    db?.close();
    key.fill(0);
    throw toStoreError(error, `opening the store at ${file}`);
  }
}

function shippedFirst(migrations: readonly Migration[] | undefined): readonly Migration[] {
  if (!migrations) return STORE_MIGRATIONS;
  const ok = STORE_MIGRATIONS.every((m, i) => migrations[i]?.version === m.version && migrations[i]?.name === m.name);
  if (!ok) throw new StoreError('E_MIGRATION', 'a replacement migration list must start with the shipped migrations');
  return migrations;
}

async function loadKey(provider: KeyProvider): Promise<Buffer> {
  let key: Buffer;
  try {
    key = await provider.getKey();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('E_KEY', `the key provider failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new StoreError('E_KEY', `the key provider must return ${KEY_BYTES} bytes`);
  }
  // Our own copy, so close() can zero it without breaking the provider's cache.
  return Buffer.from(key);
}

function openConnection(file: string, busyTimeoutMs: number): Database {
  restrictFiles(file);
  const db = new BetterSqlite3(file, { timeout: busyTimeoutMs });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StoreError('E_SQLITE', `the database refused WAL mode (journal_mode is ${String(mode)})`);
    // FULL: the WAL is synced on every commit, so an acknowledged transaction survives power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // Zero deleted content and freed pages instead of leaving them readable (wipes; old snapshots).
    db.pragma('secure_delete = ON');
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Creates the database file with mode 0600 before SQLite does (SQLite would use 0644 minus the umask)
 * and tightens existing files. SQLite gives -wal and -shm the database file's mode, so they follow.
 */
function restrictFiles(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

function createStore(dir: string, file: string, ctx: StoreContext): Store {
  const quarantine = new Quarantine(ctx);
  const sessions = new SessionRepository(ctx, quarantine);
  const outbox = new Outbox(ctx, sessions, quarantine);
  const messages = new MessageQueue(ctx, quarantine);
  // Before anything reads a row: what the key does not open is set aside first, never a failure later.
  const keyCheck = checkKey(ctx, quarantine, [sessions, outbox, messages]);
  const { db } = ctx;
  return {
    dir,
    file,
    db,
    sessions,
    captures: new SessionCaptures(ctx),
    outbox,
    messages,
    quarantine,
    keyCheck,
    endSession(sessionId, queued) {
      const sealed = queued.map((m) => messages.seal(m));
      const end = db.transaction(() => {
        for (const message of sealed) messages.insert(message);
        return sessions.remove(sessionId);
      });
      const deleted = guard('ending the session', () => end.immediate());
      return { deleted, ...guard('truncating the WAL', () => truncateWal(db)) };
    },
    queueFigures: () => ({ submissions: outbox.figures(), messages: messages.figures() }),
    schemaVersion: () => guard('reading the schema version', () => schemaVersion(db)),
    checkpoint: () => guard('checkpointing the WAL', () => truncateWal(db)),
    integrityProblems() {
      const rows = guard('checking the database', () => db.pragma('quick_check', { simple: false })) as {
        quick_check: string;
      }[];
      return rows.map((row) => row.quick_check).filter((text) => text !== 'ok');
    },
    close() {
      if (db.open) guard('closing the store', () => db.close());
      ctx.key.fill(0);
      ctx.idIndexKey.fill(0);
    },
  };
}

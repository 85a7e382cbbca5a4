/**
 * Versioned schema migrations, kept in code so the schema ships with the software that reads it. Each
 * migration runs in its own IMMEDIATE transaction together with its `schema_migrations` row, so a crash or
 * a full disk mid-migration leaves the database at the previous version, never in between.
 * Migrations are append-only: never edit one that has shipped; add the next version instead.
 */
import type { Database } from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';

export interface Migration {
  /** 1, 2, 3, ... in the order they must run. */
  readonly version: number;
  readonly name: string;
  /** SQL to execute, or a function for changes SQL alone cannot express (data rewrites). */
  readonly up: string | ((db: Database) => void);
}

export const STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions',
    // state_json is the sealed (encrypted) JSON of the persisted XState snapshot, hence BLOB.
    up: `
      CREATE TABLE sessions (
        id              TEXT PRIMARY KEY,
        machine_version INTEGER NOT NULL,
        state_json      BLOB NOT NULL,
        updated_at      INTEGER NOT NULL,
        created_at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_updated_at ON sessions (updated_at);
    `,
  },
  {
    version: 2,
    name: 'outbox and receipt sequences',
    // payload is sealed JSON; it becomes NULL once delivered and past retention (the row keeps the numbers
    // so a progress query by receipt number still finds the case numbers).
    up: `
      CREATE TABLE outbox (
        idempotency_key   TEXT PRIMARY KEY,
        receipt_number    TEXT NOT NULL UNIQUE,
        catalog_version   TEXT NOT NULL,
        payload           BLOB,
        state             TEXT NOT NULL DEFAULT 'pending'
                          CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
        attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at   INTEGER NOT NULL,
        case_numbers_json TEXT,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_by_due ON outbox (state, next_attempt_at);
      CREATE TABLE receipt_sequences (
        kiosk_id TEXT NOT NULL,
        day      TEXT NOT NULL,
        last     INTEGER NOT NULL CHECK (last BETWEEN 1 AND 999999),
        PRIMARY KEY (kiosk_id, day)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'delivery states, attachments and messages',
    // SQLite cannot change a CHECK, so the outbox is rebuilt. Existing rows keep their order (rowid becomes
    // id), their payload unless already delivered, and get no bundle code or ID hash: the store fills those
    // in on open, since only it holds the key to read the payload (Outbox.backfillIndex).
    up: `
      CREATE TABLE outbox_v3 (
        id                INTEGER PRIMARY KEY,
        idempotency_key   TEXT NOT NULL UNIQUE,
        receipt_number    TEXT NOT NULL UNIQUE,
        catalog_version   TEXT NOT NULL,
        bundle_code       TEXT,
        id_hash           BLOB,
        payload           BLOB,
        state             TEXT NOT NULL DEFAULT 'pending'
                          CHECK (state IN ('pending', 'sending', 'failed', 'parked', 'delivered')),
        attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at   INTEGER NOT NULL,
        last_error        TEXT,
        case_numbers_json TEXT,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL,
        delivered_at      INTEGER,
        -- Delivered: the personal payload is gone. Not delivered: it is still there, whatever happens.
        CHECK ((state = 'delivered') = (payload IS NULL)),
        CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
      ) STRICT;
      INSERT INTO outbox_v3 (id, idempotency_key, receipt_number, catalog_version, payload, state, attempts,
                             next_attempt_at, case_numbers_json, created_at, updated_at, delivered_at)
        SELECT rowid, idempotency_key, receipt_number, catalog_version,
               CASE state WHEN 'delivered' THEN NULL ELSE payload END,
               state, attempts, next_attempt_at, case_numbers_json, created_at, updated_at,
               CASE state WHEN 'delivered' THEN updated_at END
        FROM outbox ORDER BY rowid;
      DROP TABLE outbox;
      ALTER TABLE outbox_v3 RENAME TO outbox;
      CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state IN ('pending', 'failed');
      CREATE INDEX outbox_undelivered ON outbox (state, created_at) WHERE state <> 'delivered';
      CREATE INDEX outbox_by_id_hash ON outbox (id_hash) WHERE id_hash IS NOT NULL;

      CREATE TABLE attachments (
        sha256       TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size         INTEGER NOT NULL CHECK (size > 0),
        content_type TEXT NOT NULL,
        sealed       BLOB NOT NULL,
        created_at   INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE outbox_attachments (
        outbox_id    INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        sha256       TEXT NOT NULL REFERENCES attachments (sha256),
        role         TEXT NOT NULL CHECK (role IN ('signature', 'capture')),
        field_key    TEXT,
        material_key TEXT,
        PRIMARY KEY (outbox_id, position)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX outbox_attachments_by_sha256 ON outbox_attachments (sha256);

      CREATE TABLE messages (
        id              INTEGER PRIMARY KEY,
        kind            TEXT NOT NULL,
        key             TEXT NOT NULL,
        payload         BLOB,
        state           TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'sending', 'failed', 'parked', 'delivered')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        delivered_at    INTEGER,
        UNIQUE (kind, key),
        CHECK ((state = 'delivered') = (payload IS NULL)),
        CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX messages_due ON messages (next_attempt_at, id) WHERE state IN ('pending', 'failed');
      CREATE INDEX messages_undelivered ON messages (state, created_at) WHERE state <> 'delivered';
    `,
  },
  {
    version: 4,
    name: 'key check and quarantine',
    // key_check holds a fingerprint of the key the rows are sealed with (one row); quarantine lists the rows
    // the current key does not open. Their sealed values stay where they are (key-check.ts, quarantine.ts).
    up: `
      CREATE TABLE key_check (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint BLOB NOT NULL CHECK (length(fingerprint) = 32),
        since       INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE quarantine (
        source         TEXT NOT NULL CHECK (source IN ('session', 'submission', 'message')),
        ref            TEXT NOT NULL,
        receipt_number TEXT,
        reason         TEXT NOT NULL,
        at             INTEGER NOT NULL,
        PRIMARY KEY (source, ref)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'session captures',
    // Pages of the document camera during a session, sealed; gone with the session row (session-captures.ts).
    up: `
      CREATE TABLE session_captures (
        session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        material_key TEXT NOT NULL,
        page         INTEGER NOT NULL CHECK (page >= 0),
        sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
        size         INTEGER NOT NULL CHECK (size > 0),
        image        BLOB NOT NULL,
        thumbnail    BLOB NOT NULL,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (session_id, material_key, page)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new StoreError('E_MIGRATION', `migration list out of order at version ${m.version} (${m.name})`);
    }
  });
}

export function appliedVersions(db: Database): number[] {
  const exists = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!exists) return [];
  return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
}

/** The highest migration applied to `db`, 0 for an empty database. */
export function schemaVersion(db: Database): number {
  return appliedVersions(db).at(-1) ?? 0;
}

/**
 * Brings `db` up to the last of `migrations`. Returns the versions it applied (none on a reopen).
 * A database that has seen a newer migration is refused: this software cannot know what it changed.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[], now: () => number): number[] {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const newest = schemaVersion(db);
  if (newest > latest) {
    throw new StoreError(
      'E_SCHEMA_NEWER',
      `the database is at schema version ${newest}, newer than this software supports (${latest}); ` +
        'install the matching kiosk software, or move the data directory aside to start empty',
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      // Checked again inside the write lock: another process may have migrated since we looked.
      if (isApplied.get(migration.version)) return false;
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      record.run(migration.version, migration.name, now());
      return true;
    });
    try {
      if (apply.immediate()) applied.push(migration.version);
    } catch (error) {
      const wrapped = toStoreError(error, `applying migration ${migration.version} (${migration.name})`);
      if (wrapped.code !== 'E_SQLITE' && wrapped.code !== 'E_CONSTRAINT') throw wrapped;
      throw new StoreError('E_MIGRATION', wrapped.message, { cause: error, ...(wrapped.detail ? { detail: wrapped.detail } : {}) });
    }
  }
  return applied;
}

/**
 * Brings a database to the schema of this software. All pending migrations run in one transaction behind a
 * transaction-scoped advisory lock, so several instances starting at once take turns: the first migrates,
 * the others find nothing left to do. A database migrated by newer software, or whose applied migration
 * differs from the code, is refused rather than guessed at.
 */
import { createHash } from 'node:crypto';
import type { Database } from './database.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

/** Any fixed 64-bit number, the same for every instance: "the back office's schema". */
const MIGRATION_LOCK = 0x6b696f736b5f6d67n;

export class SchemaError extends Error {}

function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/** Applies what is pending; returns the versions it applied. */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await tx.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations ORDER BY version');
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of applied) {
      const migration = known.get(row.version);
      if (!migration) throw new SchemaError(`the database has schema version ${row.version}, newer than this back office knows (${migrations.length}); run the newer back office`);
      if (checksum(migration) !== row.checksum) throw new SchemaError(`migration ${row.version} (${migration.name}) was changed after it was applied; add a new migration instead`);
    }
    const done = new Set(applied.map((row) => row.version));
    const ran: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, checksum(migration)]);
      ran.push(migration.version);
    }
    return ran;
  });
}

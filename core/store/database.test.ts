import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, STORE_FILE, type Store, type StoreOptions } from './database.ts';
import { isStoreError, type StoreError } from './errors.ts';
import { seal } from './crypto.ts';
import { applyMigrations, appliedVersions, STORE_MIGRATIONS, type Migration } from './migrations.ts';
import { sessionAad } from './sessions.ts';
import { rejected, staticKeyProvider, TempStores, thrown } from './test-helpers.ts';

const dirs = new TempStores();
afterEach(() => dirs.cleanup());

async function open(options: Partial<StoreOptions> = {}): Promise<Store> {
  return (await dirs.open(options)).store;
}


/**
 * Makes `dir` read-only with chmod. Root ignores permissions, and a test must not change the machine's
 * mounts, so as root this returns undefined and the test is skipped (query_only still covers E_READONLY).
 */
function makeReadOnly(dir: string): (() => void) | undefined {
  if (process.getuid?.() === 0) return undefined;
  execFileSync('chmod', ['-R', 'a-w', dir]);
  return () => execFileSync('chmod', ['-R', 'u+w', dir]);
}

function tableNames(store: Store): string[] {
  return store.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
}

describe('openStore: connection settings', () => {
  it('uses WAL, synchronous=FULL, foreign keys, secure_delete and a busy timeout', async () => {
    const store = await open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.integrityProblems()).toEqual([]);
  });

  it('creates the directory 0700 and the database, WAL and shared-memory files 0600', async () => {
    const dir = join(await dirs.make(), 'data', 'nested');
    const store = await open({ dir });
    store.sessions.save('s1', 1, { step: 'attract' });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const name of [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`]) {
      expect({ name, mode: (await stat(join(dir, name))).mode & 0o777 }).toEqual({ name, mode: 0o600 });
    }
  });

  it('tightens an existing database file that was left readable by others', async () => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    (await openStore({ dir, keyProvider })).close();
    await chmod(join(dir, STORE_FILE), 0o644);
    dirs.track(await openStore({ dir, keyProvider }));
    expect((await stat(join(dir, STORE_FILE))).mode & 0o777).toBe(0o600);
  });
});

describe('openStore: migrations', () => {
  it('applies every migration, in order, on a fresh database', async () => {
    const store = await open();
    expect(store.schemaVersion()).toBe(STORE_MIGRATIONS.at(-1)!.version);
    const rows = store.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(STORE_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(tableNames(store)).toEqual([
      'attachments',
      'key_check',
      'messages',
      'outbox',
      'outbox_attachments',
      'quarantine',
      'receipt_sequences',
      'schema_migrations',
      'session_captures',
      'sessions',
    ]);
  });

  it('is idempotent on reopen and keeps the data', async () => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    let t = 1000;
    const first = await openStore({ dir, keyProvider, now: () => t });
    first.sessions.save('s1', 3, { step: 'form' });
    const before = first.db.prepare('SELECT * FROM schema_migrations').all();
    first.close();
    t = 99_000;
    const second = await openStore({ dir, keyProvider, now: () => t });
    dirs.track(second);
    expect(second.db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);
    expect(second.sessions.load('s1')?.snapshot).toEqual({ step: 'form' });
  });

  it('upgrades an older database with only the missing migrations', async () => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    const old = new BetterSqlite3(join(dir, STORE_FILE));
    expect(applyMigrations(old, STORE_MIGRATIONS.slice(0, 1), () => 1)).toEqual([1]);
    const sealed = seal(JSON.stringify({ step: 'consent' }), await keyProvider.getKey(), sessionAad('kept'));
    old.prepare('INSERT INTO sessions VALUES (?, 1, ?, 5, 5)').run('kept', sealed);
    old.close();
    const store = await openStore({ dir, keyProvider, now: () => 2 });
    dirs.track(store);
    expect(store.db.prepare('SELECT version, applied_at FROM schema_migrations').raw().all()).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 2],
      [5, 2],
    ]);
    expect(store.sessions.load('kept')?.snapshot).toEqual({ step: 'consent' });
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it untouched', async () => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    (await openStore({ dir, keyProvider })).close();
    const raw = new BetterSqlite3(join(dir, STORE_FILE));
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('from the future');
    raw.close();
    const error = await rejected(openStore({ dir, keyProvider }));
    expect(error.code).toBe('E_SCHEMA_NEWER');
    expect(error.message).toContain('schema version 99');
    expect(error.message).toContain(`(${STORE_MIGRATIONS.at(-1)!.version})`);
    const check = new BetterSqlite3(join(dir, STORE_FILE), { readonly: true });
    expect(appliedVersions(check)).toEqual([...STORE_MIGRATIONS.map((m) => m.version), 99]);
    check.close();
  });

  it('runs each migration in its own transaction: a failing one leaves the last good version', async () => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    const last = STORE_MIGRATIONS.at(-1)!.version;
    const broken: Migration = { version: last + 1, name: 'broken', up: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;' };
    const error = await rejected(openStore({ dir, keyProvider, migrations: [...STORE_MIGRATIONS, broken] }));
    expect(error.code).toBe('E_MIGRATION');
    expect(error.message).toContain(`migration ${last + 1} (broken)`);
    const store = await openStore({ dir, keyProvider });
    dirs.track(store);
    expect(store.schemaVersion()).toBe(last);
    expect(tableNames(store)).not.toContain('half_done');
  });

  it('runs function migrations and refuses an out-of-order list', async () => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    const order: number[] = [];
    const [a, b] = [STORE_MIGRATIONS.length + 1, STORE_MIGRATIONS.length + 2];
    const extra: Migration[] = [
      { version: a, name: 'next', up: (db) => void (order.push(a), db.exec('CREATE TABLE t_next (x INTEGER) STRICT')) },
      { version: b, name: 'after', up: (db) => void (order.push(b), db.exec('CREATE TABLE t_after (x INTEGER) STRICT')) },
    ];
    (await openStore({ dir, keyProvider, migrations: [...STORE_MIGRATIONS, ...extra] })).close();
    expect(order).toEqual([a, b]);
    const swapped = [...STORE_MIGRATIONS, extra[1]!, extra[0]!];
    expect((await rejected(openStore({ dir, keyProvider, migrations: swapped }))).code).toBe('E_MIGRATION');
    const withoutShipped = [extra[0]!];
    expect((await rejected(openStore({ dir, keyProvider, migrations: withoutShipped }))).code).toBe('E_MIGRATION');
  });
});

describe('openStore: failures are typed StoreErrors', () => {
  it('reports a file that is not a database as E_CORRUPT', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, STORE_FILE), randomBytes(8192), { mode: 0o600 });
    const error = await rejected(openStore({ dir, keyProvider: staticKeyProvider() }));
    expect(error.code).toBe('E_CORRUPT');
    expect(error.message).toContain(join(dir, STORE_FILE));
  });

  it('reports damaged pages as E_CORRUPT when they are read', async () => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    const store = await openStore({ dir, keyProvider });
    for (let i = 0; i < 200; i++) store.sessions.save(`s${i}`, 1, { filler: 'x'.repeat(500) });
    store.close();
    const file = join(dir, STORE_FILE);
    const { size } = await stat(file);
    const bytes = await readFile(file);
    bytes.fill(0xa5, 8192, size); // keep the header and first page, overwrite the rest
    await writeFile(file, bytes);
    let error: StoreError | undefined;
    try {
      const damaged = await openStore({ dir, keyProvider });
      dirs.track(damaged);
      error = thrown(() => {
        damaged.sessions.latest();
        for (let i = 0; i < 200; i++) damaged.sessions.load(`s${i}`);
        damaged.sessions.save('new', 1, {});
      });
    } catch (e) {
      if (!isStoreError(e)) throw e;
      error = e;
    }
    expect(error.code).toBe('E_CORRUPT');
  });

  it('reports a data directory that cannot exist (a path under a regular file)', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'file'), 'x');
    const error = await rejected(openStore({ dir: join(dir, 'file', 'data'), keyProvider: staticKeyProvider() }));
    expect(error.code).toBe('E_OPEN');
    expect(error.detail).toBe('ENOTDIR');
  });

  it('reports a read-only data directory as E_READONLY, for a new and for an existing store', async (ctx) => {
    const dir = await dirs.make();
    const keyProvider = staticKeyProvider();
    (await openStore({ dir: join(dir, 'existing'), keyProvider })).close();
    await mkdir(join(dir, 'fresh'));
    const undo = makeReadOnly(dir);
    if (!undo) return ctx.skip('cannot make a directory read-only for root without changing mounts');
    try {
      const fresh = await rejected(openStore({ dir: join(dir, 'fresh'), keyProvider }));
      expect(fresh.code).toBe('E_READONLY');
      const existing = await rejected(openStore({ dir: join(dir, 'existing'), keyProvider }));
      expect(existing.code).toBe('E_READONLY');
      expect(existing.message).toContain(join(dir, 'existing', STORE_FILE));
    } finally {
      undo();
    }
  });

  it('reports writes refused by a read-only connection as E_READONLY', async () => {
    const store = await open();
    store.db.pragma('query_only = 1');
    expect(thrown(() => store.sessions.save('s1', 1, {})).code).toBe('E_READONLY');
  });

  it('reports a failing or wrong key provider as E_KEY', async () => {
    const dir = await dirs.make();
    const failing = { getKey: () => Promise.reject(new Error('safeStorage unavailable')) };
    expect((await rejected(openStore({ dir, keyProvider: failing }))).code).toBe('E_KEY');
    const short = { getKey: async () => randomBytes(16) };
    expect((await rejected(openStore({ dir, keyProvider: short }))).code).toBe('E_KEY');
  });

  it('reports use after close as E_CLOSED, and closing twice is harmless', async () => {
    const store = await open();
    store.close();
    store.close();
    expect(thrown(() => store.sessions.save('s1', 1, {})).code).toBe('E_CLOSED');
    expect(thrown(() => store.outbox.pending(10)).code).toBe('E_CLOSED');
  });

  it('reports a full disk as E_FULL and keeps the previous snapshot', async () => {
    const store = await open();
    store.sessions.save('s1', 1, { step: 'form', n: 1 });
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 2}`);
    const big = { step: 'materials', scan: randomBytes(64 * 1024).toString('base64') };
    const error = thrown(() => store.sessions.save('s1', 1, big));
    expect(error.code).toBe('E_FULL');
    expect(error.message).toContain('disk is full');
    expect(store.sessions.load('s1')?.snapshot).toEqual({ step: 'form', n: 1 });
    store.db.pragma('max_page_count = 1073741823');
    store.sessions.save('s1', 1, big);
    expect(store.sessions.load('s1')?.snapshot).toEqual(big);
  });
});

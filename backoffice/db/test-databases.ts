/**
 * Runs a test suite against every database the back office supports: PGlite in memory always, and
 * PostgreSQL when KIOSK_TEST_DATABASE_URL names a server (a fresh database per suite, dropped afterwards).
 * With KIOSK_REQUIRE_POSTGRES=1 (CI) a missing or unreachable PostgreSQL fails the suite instead of being
 * skipped, so a run cannot quietly test one database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Database, DatabaseKind } from './database.ts';
import { openPglite } from './pglite-database.ts';
import { openPostgres, redact } from './postgres-database.ts';

export interface TestDatabase {
  readonly kind: DatabaseKind;
  /**
   * A connection to the suite's database, closed by the helper after the suite: PGlite's one instance, or
   * a new pool on the suite's PostgreSQL database each time (two pools are two back-office instances).
   */
  connect(): Promise<Database>;
  /** The suite's PostgreSQL database, for a back office in another process; none for PGlite in memory. */
  readonly url?: string;
}

const POSTGRES_URL = process.env.KIOSK_TEST_DATABASE_URL || undefined;
const POSTGRES_REQUIRED = process.env.KIOSK_REQUIRE_POSTGRES === '1';

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why PostgreSQL cannot be tested here, or undefined when it can. Checked once per test file. */
const postgresProblem: string | undefined = POSTGRES_URL
  ? await reachable(POSTGRES_URL).then((problem) => problem && `PostgreSQL at ${redact(POSTGRES_URL)} is unreachable: ${problem}`)
  : 'KIOSK_TEST_DATABASE_URL is not set';

interface SuiteDatabase extends TestDatabase {
  drop(): Promise<void>;
}

async function pgliteSuite(): Promise<SuiteDatabase> {
  const db = await openPglite(undefined);
  return { kind: 'pglite', connect: async () => db, drop: () => db.close() };
}

async function postgresSuite(url: string): Promise<SuiteDatabase> {
  const name = `kiosk_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const suiteUrl = new URL(url);
  suiteUrl.pathname = `/${name}`;
  const pools: Database[] = [];
  return {
    kind: 'postgres',
    url: suiteUrl.toString(),
    async connect() {
      const db = await openPostgres(suiteUrl.toString());
      pools.push(db);
      return db;
    },
    async drop() {
      await Promise.all(pools.map((db) => db.close()));
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** Per test: a back office starting on a loaded two-core machine (PGlite compiles its WASM) takes seconds. */
const TEST_TIMEOUT_MS = 20_000;

function suite(title: string, kind: DatabaseKind, create: () => Promise<SuiteDatabase>, body: (db: TestDatabase) => void): void {
  describe(`${title} [${kind}]`, { timeout: TEST_TIMEOUT_MS }, () => {
    let current: SuiteDatabase | undefined;
    beforeAll(async () => {
      current = await create();
    }, 30_000);
    afterAll(async () => {
      await current?.drop();
    }, 30_000);
    body({
      kind,
      get url() {
        return current?.url;
      },
      connect: () => {
        if (!current) throw new Error(`the ${kind} test database is not ready (its beforeAll failed)`);
        return current.connect();
      },
    });
  });
}

/** `describe` once per available database; `body` registers the tests and gets the suite's database. */
export function describeEachDatabase(title: string, body: (db: TestDatabase) => void): void {
  suite(title, 'pglite', pgliteSuite, body);
  if (!postgresProblem && POSTGRES_URL) {
    suite(title, 'postgres', () => postgresSuite(POSTGRES_URL), body);
  } else if (POSTGRES_REQUIRED) {
    describe(`${title} [postgres]`, () => {
      it('needs PostgreSQL (KIOSK_REQUIRE_POSTGRES=1)', () => {
        throw new Error(`${postgresProblem}; KIOSK_REQUIRE_POSTGRES=1 requires it`);
      });
    });
  } else {
    describe.skip(`${title} [postgres: ${postgresProblem}]`, () => body({ kind: 'postgres', connect: () => Promise.reject(new Error(postgresProblem)) }));
  }
}

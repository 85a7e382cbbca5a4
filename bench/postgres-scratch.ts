/**
 * A fresh PostgreSQL database per measurement, so every run starts from empty tables, dropped afterwards.
 * The server is the test suite's, KIOSK_TEST_DATABASE_URL (a role that may create databases; the databases
 * are named kiosk_bench_*). Without it, or with a server that does not answer, the PostgreSQL lines are
 * reported as skipped, with the reason. DATABASE_URL is deliberately not read: it names a back office's
 * own database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redact } from '../backoffice/db/postgres-database.ts';

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export const BENCH_POSTGRES_URL = process.env.KIOSK_TEST_DATABASE_URL || undefined;

/** Why PostgreSQL cannot be measured here, or undefined when it can. */
export async function postgresProblem(): Promise<string | undefined> {
  if (!BENCH_POSTGRES_URL) return 'KIOSK_TEST_DATABASE_URL is not set';
  const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${redact(BENCH_POSTGRES_URL)} is unreachable: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>, url = BENCH_POSTGRES_URL!): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Scratch databases created and not dropped yet: dropped on the way out if the bench is interrupted. */
const live = new Set<string>();

const dropDatabase = (name: string) => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => void live.delete(name));

function dropLiveOn(signal: NodeJS.Signals): void {
  process.once(signal, () => {
    void Promise.allSettled([...live].map(dropDatabase)).then(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
  });
}

let handlersInstalled = false;

export async function scratchDatabase(): Promise<ScratchDatabase> {
  if (!handlersInstalled) {
    handlersInstalled = true;
    dropLiveOn('SIGINT');
    dropLiveOn('SIGTERM');
  }
  const name = `kiosk_bench_${randomBytes(6).toString('hex')}`;
  live.add(name);
  try {
    await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    live.delete(name);
    throw error;
  }
  const url = new URL(BENCH_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropDatabase(name),
  };
}

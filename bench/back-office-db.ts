/**
 * A back office on a fresh database for each measurement, in its own process: PGlite in a temp data
 * directory (the embedded kind) or a scratch PostgreSQL database; one or several instances on it. And the
 * check after a run: every queued submission there exactly once, every case number once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOfficeChild, type BackOfficeChild } from './backoffice-child.ts';
import { scratchDatabase } from './postgres-scratch.ts';

export type BenchDatabase = 'pglite' | 'postgres';

export interface BenchBackOffice {
  readonly instances: readonly BackOfficeChild[];
  /** Stops the instances and removes the database. */
  close(): Promise<void>;
}

export async function freshBackOffice(database: BenchDatabase, instances = 1): Promise<BenchBackOffice> {
  const cpuProfileDir = process.env.BENCH_BACKOFFICE_CPU_PROF || undefined;
  const options = { ...(cpuProfileDir ? { cpuProfileDir } : {}) };
  if (database === 'pglite') {
    if (instances !== 1) throw new Error('a PGlite database belongs to one process');
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-pglite-'));
    const child = await startBackOfficeChild({ ...options, database: { pglite: dir } });
    return {
      instances: [child],
      async close() {
        try {
          await child.close();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  }
  const scratch = await scratchDatabase();
  const started: BackOfficeChild[] = [];
  try {
    // One after the other: each migrates under the advisory lock, the first does the work.
    for (let i = 0; i < instances; i++) started.push(await startBackOfficeChild({ ...options, database: { postgres: scratch.url } }));
  } catch (error) {
    try {
      await Promise.all(started.map((c) => c.close()));
    } finally {
      await scratch.drop();
    }
    throw error;
  }
  return {
    instances: started,
    async close() {
      try {
        await Promise.all(started.map((c) => c.close()));
      } finally {
        await scratch.drop();
      }
    },
  };
}

export interface DeliveryCheck {
  readonly submissions: number;
  readonly distinctReceipts: number;
  readonly distinctKeys: number;
  readonly cases: number;
  readonly distinctCaseNumbers: number;
}

/** What the back office holds after a run, counted in its database. */
export async function deliveryCheck(instance: BackOfficeChild): Promise<DeliveryCheck> {
  const [row] = await instance.query<Record<keyof DeliveryCheck, number>>(`
    SELECT (SELECT count(*)::int FROM submissions) AS submissions,
           (SELECT count(DISTINCT receipt_number)::int FROM submissions) AS "distinctReceipts",
           (SELECT count(DISTINCT idempotency_key)::int FROM submissions) AS "distinctKeys",
           (SELECT count(*)::int FROM case_items) AS cases,
           (SELECT count(DISTINCT case_number)::int FROM case_items) AS "distinctCaseNumbers"`);
  return row!;
}

/** Throws unless the back office holds exactly what was queued, each once. */
export function expectExactlyOnce(check: DeliveryCheck, submissions: number, cases: number): void {
  const expected: DeliveryCheck = { submissions, distinctReceipts: submissions, distinctKeys: submissions, cases, distinctCaseNumbers: cases };
  if (JSON.stringify(check) !== JSON.stringify(expected)) throw new Error(`the back office holds ${JSON.stringify(check)}, expected ${JSON.stringify(expected)}`);
}

/** The kiosk side's handle on a back office running in its own process (backoffice-process.ts). */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Credentials } from '../backoffice/api/signing.ts';
import type { ChildOrder, ChildReport } from './backoffice-process.ts';

export type ChildDatabase = { readonly pglite: string } | { readonly postgres: string };

export interface BackOfficeChild {
  readonly url: string;
  readonly pid: number;
  register(credentials: readonly Credentials[]): Promise<void>;
  /** The child's CPU time so far (user and system, µs). */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  /** Runs a query on the child's database (counts after a run). */
  query<Row extends object>(sql: string): Promise<Row[]>;
  /** Closes the server and its database; resolves once the process has exited. */
  close(): Promise<void>;
}

/** How long a back office may take to close its server and database before it is killed. */
const CLOSE_GUARD_MS = 15_000;

type Order = { type: 'register'; credentials: readonly Credentials[] } | { type: 'cpu' } | { type: 'query'; sql: string } | { type: 'close' };

export interface ChildOptions {
  readonly database: ChildDatabase;
  /** Write a V8 CPU profile (`--cpu-prof`) into this directory when the child exits. */
  readonly cpuProfileDir?: string;
}

export async function startBackOfficeChild(options: ChildOptions): Promise<BackOfficeChild> {
  const { database } = options;
  const env = {
    ...process.env,
    ...('pglite' in database ? { BENCH_BACKOFFICE_PGLITE: database.pglite } : { BENCH_BACKOFFICE_POSTGRES: database.postgres }),
  };
  delete env[('pglite' in database ? 'BENCH_BACKOFFICE_POSTGRES' : 'BENCH_BACKOFFICE_PGLITE') as keyof typeof env];
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = fork(join(import.meta.dirname, 'backoffice-process.ts'), [], {
    env,
    execArgv: ['--import', 'tsx', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the back-office process exited (${code}) before it listened`)));
    child.on('message', (report: ChildReport) => {
      if (report.type === 'ready') resolve(report.url);
      if (report.type === 'failed') reject(new Error(`the back-office process failed: ${report.message}`));
    });
  });
  return handle(child, url, exited);
}

function handle(child: ChildProcess, url: string, exited: Promise<void>): BackOfficeChild {
  let next = 0;
  const waiting = new Map<number, { resolve: (report: ChildReport) => void; reject: (error: Error) => void }>();
  child.on('message', (report: ChildReport) => {
    if (report.type === 'failed') for (const pending of waiting.values()) pending.reject(new Error(`the back-office process failed: ${report.message}`));
    if ('id' in report) waiting.get(report.id)?.resolve(report);
  });
  const ask = (order: Order): Promise<ChildReport> =>
    new Promise((resolve, reject) => {
      const id = next++;
      const settle = () => waiting.delete(id);
      waiting.set(id, { resolve: (report) => (settle(), resolve(report)), reject: (error) => (settle(), reject(error)) });
      child.send({ ...order, id } satisfies ChildOrder);
    });
  return {
    url,
    pid: child.pid!,
    async register(credentials) {
      await ask({ type: 'register', credentials });
    },
    async cpuUsage() {
      const report = await ask({ type: 'cpu' });
      if (report.type !== 'cpu') throw new Error(`unexpected answer ${report.type}`);
      return report.usage;
    },
    async query<Row extends object>(sql: string) {
      const report = await ask({ type: 'query', sql });
      if (report.type !== 'rows') throw new Error(`unexpected answer ${report.type}`);
      return report.rows as Row[];
    },
    async close() {
      // A back office that does not answer within the guard (hung, or its database gone) is killed: the
      // caller drops the database next, and a bench must not hang on its way out.
      const answered = child.connected ? ask({ type: 'close' }).then(() => true, () => false) : Promise.resolve(false);
      const guard = new Promise<false>((resolve) => setTimeout(resolve, CLOSE_GUARD_MS, false).unref());
      if (!(await Promise.race([answered, guard]))) child.kill('SIGKILL');
      await exited;
    },
  };
}

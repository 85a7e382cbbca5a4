/**
 * Where the CPU time of a sync run went: the kiosk's process, the back-office processes, and the local
 * PostgreSQL server (every process named `postgres`, read from /proc: on a shared machine that includes
 * other clients' queries, so it is an upper bound).
 */
import { readdir, readFile } from 'node:fs/promises';
import type { BackOfficeChild } from './backoffice-child.ts';

/** /proc reports times in USER_HZ, which Linux fixes at 100 per second for user space. */
const USER_HZ = 100;

export interface CpuSample {
  readonly kiosk: NodeJS.CpuUsage;
  readonly backOffices: readonly NodeJS.CpuUsage[];
  readonly postgresMs: number | undefined;
}

export interface CpuSpent {
  readonly kioskMs: number;
  readonly backOfficeMs: number;
  readonly postgresMs: number | undefined;
}

async function postgresServerMs(): Promise<number | undefined> {
  try {
    let ticks = 0;
    for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      // Fields after the command: state is field 3; utime and stime are fields 14 and 15.
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return (ticks / USER_HZ) * 1000;
  } catch {
    return undefined;
  }
}

export async function cpuSample(backOffices: readonly BackOfficeChild[], withPostgres: boolean): Promise<CpuSample> {
  return {
    kiosk: process.cpuUsage(),
    backOffices: await Promise.all(backOffices.map((b) => b.cpuUsage())),
    postgresMs: withPostgres ? await postgresServerMs() : undefined,
  };
}

const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export function cpuSpent(before: CpuSample, after: CpuSample): CpuSpent {
  return {
    kioskMs: ms(after.kiosk) - ms(before.kiosk),
    backOfficeMs: after.backOffices.reduce((sum, u, i) => sum + ms(u) - ms(before.backOffices[i]!), 0),
    postgresMs: before.postgresMs === undefined || after.postgresMs === undefined ? undefined : after.postgresMs - before.postgresMs,
  };
}

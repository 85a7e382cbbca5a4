/**
 * An exclusive lock on a PGlite data directory: `<dir>.lock` beside it, holding the owner's pid. PGlite
 * itself does not stop a second process from opening the same directory, and two would corrupt it. A lock
 * left by a process that no longer runs (a crash, kill -9) is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export class DataDirInUseError extends Error {
  readonly inUse = true;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryCreate(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', 0o600);
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Locks `dataDir` (creating its parent when missing) and returns the function that unlocks it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = `${resolve(dataDir)}.lock`;
  await mkdir(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(file)) return () => rm(file, { force: true });
    const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && running(owner)) {
      throw new DataDirInUseError(`the database in ${dataDir} is in use by process ${owner} (a running back office or kiosk); stop it first, or use PostgreSQL (DATABASE_URL) to share one database`);
    }
    await rm(file, { force: true });
  }
  throw new DataDirInUseError(`cannot lock the database in ${dataDir}: ${file} keeps reappearing`);
}

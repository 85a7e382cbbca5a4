import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError } from './data-dir-lock.ts';
import { openDatabase } from './database.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('PGlite in a data directory', () => {
  it('keeps its data across a close and a new open, and is locked while open', async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-pglite-'));
    const dataDir = join(dir, 'db');
    const first = await openDatabase({ pglite: dataDir });
    await first.exec('CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)');
    await expect(openDatabase({ pglite: dataDir })).rejects.toThrow(DataDirInUseError);
    await expect(openDatabase({ pglite: dataDir })).rejects.toThrow(`is in use by process ${process.pid}`);
    await first.close();

    const second = await openDatabase({ pglite: dataDir });
    expect(await second.query('SELECT x FROM kept')).toEqual([{ x: 42 }]);
    await second.close();
  });

  it('takes over a lock left behind by a process that no longer runs', async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-pglite-'));
    const dataDir = join(dir, 'db');
    // Pid numbers stop well below 2^22 on Linux, so this one runs nowhere.
    await writeFile(`${dataDir}.lock`, '4194999\n');
    const db = await openDatabase({ pglite: dataDir });
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.close();
  });
});

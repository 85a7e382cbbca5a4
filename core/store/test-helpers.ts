/**
 * Shared fixtures for the store's tests (no test framework imports, so it lints as ordinary code).
 * Not used by production code.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyProvider } from './crypto.ts';
import { openStore, type Store, type StoreOptions } from './database.ts';
import { isStoreError, type StoreError } from './errors.ts';
import type { CommitInput } from './outbox.ts';

/** The GB 11643 example number: fake test data. */
export const TEST_ID_NUMBER = '11010519491231002X';

/** A submission to commit, with a fresh idempotency key; its final snapshot names the applicant. */
export function submissionInput(overrides: Partial<CommitInput['submission']> = {}, sessionId = 'session-1'): CommitInput {
  return {
    submission: {
      idempotencyKey: randomUUID(),
      kioskId: 'HALL-K01',
      catalogVersion: '2026.03',
      bundleCode: 'BIRTH-1',
      applicantIdNumber: TEST_ID_NUMBER,
      payload: { applicant: { idNumber: TEST_ID_NUMBER, name: '张三' }, form: { phone: '13800000000' } },
      ...overrides,
    },
    sessionId,
    finalSnapshot: { value: 'submit', context: { applicant: { idNumber: TEST_ID_NUMBER } } },
    machineVersion: 7,
  };
}

/** Absolute path of the SQLite driver, for plain-JS child processes started from a temp directory. */
export const DRIVER_PATH = createRequire(import.meta.url).resolve('better-sqlite3');

export function staticKeyProvider(key: Buffer = randomBytes(32)): KeyProvider {
  return { getKey: async () => Buffer.from(key) };
}

/** A fake clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 2, 5, 2, 0, 0)): { now: () => number; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

export class TempDirs {
  readonly #dirs: string[] = [];

  async make(prefix = 'kiosk-store-'): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.#dirs.push(dir);
    return dir;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  }
}

/** Temp dirs and the stores opened in them, closed and removed together: call cleanup() after each test. */
export class TempStores extends TempDirs {
  readonly #stores: Store[] = [];

  /** Closes `store` at cleanup. */
  track(store: Store): Store {
    this.#stores.push(store);
    return store;
  }

  /** openTempStore, closed at cleanup. */
  async open(options: Partial<StoreOptions> = {}): Promise<{ store: Store; dir: string; keyProvider: KeyProvider }> {
    const opened = await openTempStore(this, options);
    this.track(opened.store);
    return opened;
  }

  override async cleanup(): Promise<void> {
    this.#stores.splice(0).forEach((store) => store.close());
    await super.cleanup();
  }
}

/** Opens a store in a fresh temp dir with a random in-memory key; the caller closes it. */
export async function openTempStore(
  dirs: TempDirs,
  options: Partial<StoreOptions> = {},
): Promise<{ store: Store; dir: string; keyProvider: KeyProvider }> {
  const dir = options.dir ?? (await dirs.make());
  const keyProvider = options.keyProvider ?? staticKeyProvider();
  const store = await openStore({ ...options, dir, keyProvider });
  return { store, dir, keyProvider };
}

/** Writes a plain ES module into `dir` and returns its path, for `node <script>` children. */
export async function writeScript(dir: string, name: string, source: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, source);
  return path;
}

/** Runs `node script ...args` and resolves with its stdout. */
export function runNode(script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Every file under `dir` (recursively) with its bytes. */
export async function readAllFiles(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (path) => ({ path, bytes: await readFile(path) })));
}

/** The StoreError `fn` throws; anything else (or nothing) fails the test. */
export function thrown(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    if (isStoreError(error)) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

/** The StoreError `promise` rejects with; anything else (or success) fails the test. */
export async function rejected(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    if (isStoreError(error)) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

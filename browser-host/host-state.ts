/**
 * What the browser host remembers between starts, in `<data dir>/browser-host.json`: the port it listened
 * on, so a page still open from before the restart finds it again and reconnects by itself, and the pid of
 * the window it opened, so a restart reuses that window instead of opening a second one over it.
 */
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';

const STATE_FILE = 'browser-host.json';

const HostStateSchema = v.object({
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535))),
  browserPid: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
export type HostState = v.InferOutput<typeof HostStateSchema>;

/** The remembered state; a missing or unreadable file is a first start (nothing in it is needed). */
export function readHostState(dataDir: string): HostState {
  try {
    const parsed = v.safeParse(HostStateSchema, JSON.parse(readFileSync(join(dataDir, STATE_FILE), 'utf8')));
    return parsed.success ? parsed.output : {};
  } catch {
    return {};
  }
}

export async function writeHostState(dataDir: string, state: HostState): Promise<void> {
  const path = join(dataDir, STATE_FILE);
  await writeFile(`${path}.partial`, JSON.stringify(state), { mode: 0o600 });
  await rename(`${path}.partial`, path);
}

/**
 * Whether `pid` is still the browser opened on `profileDir` (a pid can be reused by an unrelated process
 * after a reboot). Needs /proc: elsewhere it answers false, and a new window is opened.
 */
export function browserStillOpen(pid: number | undefined, profileDir: string, readCmdline: (pid: number) => string | undefined): boolean {
  if (pid === undefined) return false;
  const cmdline = readCmdline(pid);
  return cmdline !== undefined && cmdline.split('\0').includes(`--user-data-dir=${profileDir}`);
}

export function procCmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
}

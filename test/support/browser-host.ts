/**
 * Starts the real browser host (`node out/main/browser-host.js --no-open`) as a child process, the way a
 * user or a script would, and stops it with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The build under test: `out` unless KIOSK_OUT_DIR names another (as the build itself reads it). */
export const OUT_DIR = join(REPO_ROOT, process.env.KIOSK_OUT_DIR ?? 'out');
export const DEFAULT_CONFIG_DIR = join(REPO_ROOT, 'kiosk-config', 'default');

export interface HostOptions {
  readonly configDir?: string;
  /** Another build than OUT_DIR (a copy with a part broken on purpose). */
  readonly outDir?: string;
  /** An existing data directory, left in place at stop; a fresh temporary one (removed at stop) by default. */
  readonly dataDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly args?: readonly string[];
  /** Let the host open its own window (KIOSK_BROWSER in `env` says which program) instead of --no-open. */
  readonly open?: boolean;
  /**
   * Resolve once the page is served (KIOSK_URL), while core may still be starting, instead of once the
   * kiosk is ready (KIOSK_READY: core up, the simulator's endpoint written), the default.
   */
  readonly served?: boolean;
}

export interface RunningHost {
  /** The launch page's file: URL, as printed by the host (KIOSK_URL). */
  readonly url: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then waits; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startBrowserHost(options: HostOptions = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kiosk-e2e-')));
  const child = spawn(process.execPath, [join(options.outDir ?? OUT_DIR, 'main/browser-host.js'), ...(options.open ? [] : ['--no-open']), ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      KIOSK_DATA_DIR: dataDir,
      KIOSK_CONFIG_DIR: options.configDir ?? DEFAULT_CONFIG_DIR,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host was not ready within 15 s\n${stderr}`)), 15_000);
    let printed: string | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('KIOSK_URL=')) printed = line.slice('KIOSK_URL='.length);
      if (printed !== undefined && (options.served || line === 'KIOSK_READY')) {
        clearTimeout(timer);
        resolveUrl(printed);
      }
    });
    void exited.then((code) => reject(new Error(`browser host exited with ${code}\n${stderr}`)));
  });

  return {
    url,
    dataDir,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/**
 * Opens the kiosk in `page` the way the host's own window is opened: the launch page POSTs the credential
 * and is redirected to the kiosk, which then holds it as an HttpOnly cookie.
 */
export async function openKioskPage(page: Page, host: Pick<RunningHost, 'url'>): Promise<void> {
  await page.goto(host.url);
  await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
}

/**
 * A child process that talks in lines, for the chaos tests: lines in on stdin, lines out on stdout (each
 * handed to `onLine` as it arrives), SIGKILL that waits for the process to be gone, and a clean close.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Only a guard against a hung child: every wait is for a line or an exit, never for time to pass. */
const GUARD_MS = 20_000;

export class LineProcess {
  readonly #proc: ChildProcessWithoutNullStreams;
  readonly #waiters = new Set<{ match: (line: string) => boolean; resolve: (line: string) => void }>();
  readonly #exit: Promise<void>;
  #stderr = '';
  #killed = false;

  constructor(
    readonly name: string,
    args: readonly string[],
    private readonly onLine: (line: string) => void = () => undefined,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.#proc = spawn(process.execPath, args, { env });
    this.#proc.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    this.#exit = once(this.#proc, 'exit').then(() => undefined);
    createInterface({ input: this.#proc.stdout }).on('line', (line) => {
      this.onLine(line);
      for (const waiter of this.#waiters) {
        if (!waiter.match(line)) continue;
        this.#waiters.delete(waiter);
        waiter.resolve(line);
      }
    });
  }

  get running(): boolean {
    return this.#proc.exitCode === null && this.#proc.signalCode === null;
  }

  get stderr(): string {
    return this.#stderr;
  }

  write(line: string): void {
    this.#proc.stdin.write(`${line}\n`);
  }

  /** The next line from now on that `match` accepts; fails if the process exits first or takes too long. */
  async next(match: (line: string) => boolean, what: string, guardMs = GUARD_MS): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    let waiter: { match: (line: string) => boolean; resolve: (line: string) => void } | undefined;
    const line = new Promise<string>((resolve) => this.#waiters.add((waiter = { match, resolve })));
    const failure = (why: string) => new Error(`${this.name}: ${why} while waiting for ${what}; stderr: ${this.#stderr.slice(-2000)}`);
    try {
      return await Promise.race([
        line,
        this.#exit.then(() => Promise.reject(failure(`exited (${this.#proc.exitCode ?? this.#proc.signalCode})`))),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(failure(`nothing within ${guardMs} ms`)), guardMs))),
      ]);
    } finally {
      clearTimeout(timer);
      if (waiter) this.#waiters.delete(waiter);
    }
  }

  /** Resolves when the process has exited, whatever the reason. */
  exited(): Promise<void> {
    return this.#exit;
  }

  /** kill -9, once; resolves when the process is gone. Fails if it had exited by itself before. */
  async kill(): Promise<void> {
    if (!this.#killed) {
      this.#killed = true;
      if (!this.running) throw new Error(`${this.name} had already exited (${this.#proc.exitCode}); stderr: ${this.#stderr.slice(-2000)}`);
      this.#proc.kill('SIGKILL');
    }
    await this.#exit;
  }

  /** Ends stdin and expects a clean exit. */
  close(): Promise<void> {
    return this.#end(() => this.#proc.stdin.end());
  }

  /** SIGTERM, for a process that stops on it (a server), and expects a clean exit. */
  terminate(): Promise<void> {
    return this.#end(() => this.#proc.kill('SIGTERM'));
  }

  async #end(ask: () => void): Promise<void> {
    if (this.running) {
      ask();
      await this.#exit;
    }
    if (this.#proc.exitCode !== 0 && !this.#killed) throw new Error(`${this.name} exited with ${this.#proc.exitCode ?? this.#proc.signalCode}; stderr: ${this.#stderr.slice(-2000)}`);
  }

  /** For clean-up after a failure: ends the process if it still runs. */
  dispose(): void {
    if (this.running) this.#proc.kill('SIGKILL');
  }
}

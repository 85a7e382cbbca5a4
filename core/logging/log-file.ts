/**
 * The log file as a destination that outlives a full or failing disk. A file stream that fails to write is
 * dead (Node destroys it, and its 'error' would crash the kiosk if nobody listened): the lines after it are
 * dropped and counted, and a few seconds later a fresh stream is opened on the same file (appending), whose
 * first line says how many were dropped and why. Logging must never take the kiosk down with it.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export interface LogFileOptions {
  /** Opens the file stream (appending). */
  readonly open: () => Writable;
  /** How long after a failure to try the file again. */
  readonly retryMs?: number;
  readonly now?: () => number;
}

export class LogFile {
  readonly #open: () => Writable;
  readonly #retryMs: number;
  readonly #now: () => number;
  #stream: Writable | null;
  #failedAt = 0;
  #dropped = 0;
  #reason = '';

  constructor(options: LogFileOptions) {
    this.#open = options.open;
    this.#retryMs = options.retryMs ?? 5_000;
    this.#now = options.now ?? Date.now;
    this.#stream = this.#attach(this.#open());
  }

  write(line: string): void {
    if (this.#stream === null) {
      if (this.#now() - this.#failedAt < this.#retryMs) {
        this.#dropped += 1;
        return;
      }
      this.#stream = this.#attach(this.#open());
      if (this.#dropped > 0) this.#stream.write(this.#droppedLine());
      this.#dropped = 0;
    }
    this.#stream.write(line);
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    const stream = this.#stream;
    this.#stream = null;
    this.#failedAt = Number.POSITIVE_INFINITY;
    if (!stream) return;
    stream.end();
    await finished(stream).catch(() => undefined);
  }

  #attach(stream: Writable): Writable {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (this.#stream !== stream) return;
      this.#stream = null;
      this.#failedAt = this.#now();
      this.#reason = error.code ?? error.message;
      // The line that failed is lost with the stream.
      this.#dropped += 1;
    });
    return stream;
  }

  #droppedLine(): string {
    const note = { level: 40, time: new Date(this.#now()).toISOString(), pid: process.pid, dropped: this.#dropped, reason: this.#reason, msg: 'log lines dropped: the log file could not be written' };
    return `${JSON.stringify(note)}\n`;
  }
}

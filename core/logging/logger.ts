/**
 * Structured logging to a size-rotated file in the data directory (a full disk drops lines, never crashes
 * the kiosk: log-file.ts). Every serialised line passes through the redaction layer on its way to a
 * destination, so no call site (message, merge object, child bindings, error) can forget to mask personal
 * data; a line repeated too often is held back and summarised (repeat-filter.ts), so a flood cannot rotate
 * the history away.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';
import { LogFile } from './log-file.ts';
import { maskText, redact } from './redact.ts';
import { LOG_REPEAT_LIMIT, RepeatFilter, type RepeatSummary } from './repeat-filter.ts';

export type { Logger };

export interface LoggerOptions {
  readonly dir: string;
  readonly level?: pino.Level;
  /** e.g. "10M" */
  readonly maxFileSize?: string;
  readonly maxFiles?: number;
  /** Also write warnings and errors to stderr (development and CI). */
  readonly stderr?: boolean;
}

export interface KioskLogger {
  readonly log: Logger;
  readonly file: string;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export const LOG_FILE = 'kiosk.log';

interface Destination {
  write(line: string): void;
  /** Writes the summaries of the repeat windows that ended (all of them with `all`). */
  summarise(all: boolean): void;
}

/** Redacts each line, and holds back lines repeated too often (parsed once for both). */
function redacting(target: { write(chunk: string): unknown }): Destination {
  const repeats = new RepeatFilter(LOG_REPEAT_LIMIT, Date.now);
  const emit = (entry: unknown) => void target.write(`${JSON.stringify(redact(entry))}\n`);
  const summarise = (all: boolean) => repeats.ended(all).forEach((s) => emit(summaryEntry(s)));
  return {
    write: (line) => {
      let entry: { level?: unknown; msg?: unknown } | null;
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return void target.write(maskText(line));
      }
      summarise(false);
      if (repeats.admit(typeof entry?.level === 'number' ? entry.level : 0, typeof entry?.msg === 'string' ? entry.msg : '')) emit(entry);
    },
    summarise,
  };
}

function summaryEntry(s: RepeatSummary) {
  return {
    level: s.level,
    time: new Date().toISOString(),
    pid: process.pid,
    repeated: s.repeated,
    msg: `${s.msg} (repeated ${s.repeated} times more within ${s.windowMs / 1000} s, not written)`,
  };
}

export function createKioskLogger(options: LoggerOptions): KioskLogger {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = new LogFile({
    open: () =>
      createStream(LOG_FILE, {
        path: options.dir,
        size: (options.maxFileSize ?? '10M') as `${number}M`,
        maxFiles: options.maxFiles ?? 10,
        compress: 'gzip',
        mode: 0o600,
      }),
  });
  const level = options.level ?? 'info';
  const toFile = redacting(file);
  const toStderr = options.stderr ? redacting(process.stderr) : undefined;
  const destinations = toStderr ? [toFile, toStderr] : [toFile];
  const streams: pino.StreamEntry[] = [{ level, stream: toFile }, ...(toStderr ? [{ level: 'warn' as const, stream: toStderr }] : [])];
  const log = pino(
    { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.multistream(streams),
  );
  // A flood that stops still gets its summary, without waiting for the next line.
  const summaries = setInterval(() => destinations.forEach((d) => d.summarise(false)), LOG_REPEAT_LIMIT.windowMs).unref();
  return {
    log,
    file: join(options.dir, LOG_FILE),
    close: () => {
      clearInterval(summaries);
      destinations.forEach((d) => d.summarise(true));
      return file.close();
    },
  };
}

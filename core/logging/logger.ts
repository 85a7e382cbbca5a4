/**
 * Structured logging to a size-rotated file in the data directory (a full disk drops lines, never crashes
 * the kiosk: log-file.ts). Every serialised line passes through the redaction layer on its way to a
 * destination, so no call site (message, merge object, child bindings, error) can forget to mask personal
 * data.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';
import { LogFile } from './log-file.ts';
import { maskText, redact } from './redact.ts';

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

/** Masks one serialised pino line (JSON) before it reaches `target`. */
export function redactLine(line: string): string {
  try {
    return `${JSON.stringify(redact(JSON.parse(line)))}\n`;
  } catch {
    return maskText(line);
  }
}

function redacting(target: { write(chunk: string): unknown }): { write(line: string): void } {
  return { write: (line) => void target.write(redactLine(line)) };
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
  const streams: pino.StreamEntry[] = [{ level, stream: redacting(file) }];
  if (options.stderr) streams.push({ level: 'warn', stream: redacting(process.stderr) });
  const log = pino(
    { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.multistream(streams),
  );
  return {
    log,
    file: join(options.dir, LOG_FILE),
    close: () => file.close(),
  };
}

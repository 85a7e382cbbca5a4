/** Durability on disk beyond SQLite's own: fsync of a file, or of a directory after a rename or link into it. */
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flushes `path` (a file, or a directory so the entries just created in it survive a power cut). */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

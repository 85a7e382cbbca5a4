/**
 * A small disk of its own for the disk-full tests: a tmpfs mounted on a fresh directory (root only), and a
 * filler file that takes whatever space is left down to a given number of bytes, so a write fails with
 * ENOSPC (SQLITE_FULL) exactly as on a kiosk whose disk filled up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  readonly dir: string;
  /** Free bytes left now. */
  free(): number;
  /** Fills the disk until at most `leftBytes` are free (a filler file); 0 leaves nothing. */
  fill(leftBytes?: number): void;
  /** Removes the filler: the space returns. */
  unfill(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeBytes`; the reason when this machine does not allow it (not root, no mount). */
export function mountSmallDisk(sizeBytes: number): SmallDisk | { readonly unavailable: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `mount -t tmpfs failed: ${String((error as { stderr?: unknown }).stderr ?? error).trim()}` };
  }
  const filler = join(dir, 'filler');
  const free = () => {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  };
  return {
    dir,
    free,
    fill(leftBytes = 0) {
      rmSync(filler, { force: true });
      writeFileSync(filler, Buffer.alloc(Math.max(0, free() - leftBytes)));
    },
    unfill() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The kiosk's own help call for its storage: every write to the store reports its outcome here; a failure
 * that means the disk is full or failing raises an alert once, and the next write that succeeds clears it.
 * The heartbeat carries the alert to the back office's staff page; the citizen's screen says staff are called.
 */
import { isStoreError } from './errors.ts';

/** What the heartbeat reports (the back-office API's StorageAlert has this shape). */
export interface StorageAlert {
  readonly code: 'storage-full' | 'storage-failing';
  /** When the first failing write happened. */
  readonly since: number;
  /** What failed: a store message, which names tables, files and codes, never a stored value. */
  readonly detail: string;
}

/** Store failures that a person must fix at the kiosk; others (bad input, a closed store) are bugs, logged. */
const FAILING = new Set(['E_IO', 'E_READONLY', 'E_CORRUPT', 'E_BUSY']);

export class StorageAlarm {
  #alert: StorageAlert | null = null;

  constructor(
    private readonly onChange: (alert: StorageAlert | null) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get alert(): StorageAlert | null {
    return this.#alert;
  }

  report(error: Error | null): void {
    if (error === null) {
      if (this.#alert === null) return;
      this.#alert = null;
      this.onChange(null);
      return;
    }
    const code = isStoreError(error, 'E_FULL') ? 'storage-full' : isStoreError(error) && FAILING.has(error.code) ? 'storage-failing' : null;
    if (code === null || this.#alert?.code === code) return;
    this.#alert = { code, since: this.now(), detail: error.message.slice(0, 200) };
    this.onChange(this.#alert);
  }
}

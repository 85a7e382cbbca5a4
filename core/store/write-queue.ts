/**
 * Runs snapshot writes one at a time, in the order they were enqueued (DESIGN.md §4): the machine emits a
 * snapshot on every transition, and an older snapshot must never land after a newer one. A failed write
 * rejects its own promise only; the next write runs as if nothing happened.
 */
import { StoreError } from './errors.ts';

export class SerialWriteQueue {
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;
  #closed = false;

  /** Writes enqueued and not yet settled. */
  get pending(): number {
    return this.#pending;
  }

  /**
   * Queues `task` behind every earlier one. The returned promise settles with the task's own outcome;
   * callers must handle its rejection (or use `flush`, which never rejects).
   */
  enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreError('E_CLOSED', 'the write queue is closed'));
    this.#pending += 1;
    const result = this.#tail.then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tail = settled.then(() => {
      this.#pending -= 1;
    });
    return result;
  }

  /** Resolves once every write enqueued so far has settled, whether it succeeded or failed. */
  flush(): Promise<void> {
    return this.#tail;
  }

  /** Refuses further writes and waits for the queued ones: call before closing the store. */
  close(): Promise<void> {
    this.#closed = true;
    return this.flush();
  }
}

/**
 * Drains one queue as a pipeline: a few requests in flight at all times, started in queue order, rows
 * claimed a batch at a time, and outcomes recorded in small batches as they come in (one short transaction
 * per batch), so one slow request neither holds back the acknowledgements of the others nor stops new
 * requests from starting.
 */
import type { DeliveryOutcome } from '../store/delivery-queue.ts';
import type { BackOfficeResult } from './client-types.ts';
import type { Clock } from './clock.ts';

/** One claimed row's delivery. */
export interface Job<Ack> {
  readonly id: number;
  readonly attempts: number;
  deliver(signal: AbortSignal): Promise<BackOfficeResult<Ack>>;
}

export interface Lane<Ack> {
  readonly name: 'submissions' | 'messages';
  /** Marks up to `limit` due rows as sending; returns their jobs in queue order. */
  claim(limit: number): Job<Ack>[];
  /** Records outcomes in one transaction. */
  record(outcomes: readonly DeliveryOutcome<Ack>[]): void;
}

export interface DrainControl {
  readonly batchSize: number;
  readonly concurrency: number;
  /** An outcome waits at most this long to be recorded while other requests are still in flight. */
  readonly flushAfterMs: number;
  readonly clock: Clock;
  /** False while paused or stopping: no new request starts (claimed rows not started are released). */
  canStart(): boolean;
  /** The row's outcome for a result; null leaves the row as it was (released). */
  settle<Ack>(lane: Lane<Ack>, job: Job<Ack>, result: BackOfficeResult<Ack>): DeliveryOutcome<Ack> | null;
  deliver<Ack>(job: Job<Ack>): Promise<BackOfficeResult<Ack>>;
  /** After each recorded batch (status, a turn for the event loop). */
  afterRecord(): Promise<void>;
}

/** Drains `lane` until nothing is due or `canStart` says stop; true when some row was claimed. */
export async function drainLane<Ack>(lane: Lane<Ack>, control: DrainControl): Promise<boolean> {
  const waiting: Job<Ack>[] = [];
  const finished: DeliveryOutcome<Ack>[] = [];
  const running = new Set<Promise<void>>();
  let claimedAny = false;
  let exhausted = false;
  let oldestFinishedAt = 0;

  const flush = async () => {
    if (finished.length === 0) return;
    lane.record(finished.splice(0));
    await control.afterRecord();
  };
  const start = (job: Job<Ack>) => {
    const run = control.deliver(job).then((result) => {
      const outcome = control.settle(lane, job, result);
      if (finished.length === 0) oldestFinishedAt = control.clock.now();
      finished.push(outcome ?? { id: job.id, kind: 'release' });
      running.delete(run);
    });
    running.add(run);
  };

  for (;;) {
    if (control.canStart()) {
      if (waiting.length === 0 && !exhausted) {
        const jobs = lane.claim(control.batchSize);
        exhausted = jobs.length === 0;
        claimedAny ||= !exhausted;
        waiting.push(...jobs);
      }
      while (running.size < control.concurrency && waiting.length > 0 && control.canStart()) start(waiting.shift()!);
    }
    if (running.size === 0) break;
    const flushIn = finished.length === 0 ? undefined : Math.max(0, oldestFinishedAt + control.flushAfterMs - control.clock.now());
    await Promise.race([...running, ...(flushIn === undefined ? [] : [delay(control.clock, flushIn)])]);
    if (finished.length >= control.batchSize || (finished.length > 0 && control.clock.now() - oldestFinishedAt >= control.flushAfterMs)) await flush();
  }
  // Paused or stopping: rows claimed but not started go back untouched.
  finished.push(...waiting.splice(0).map((job): DeliveryOutcome<Ack> => ({ id: job.id, kind: 'release' })));
  await flush();
  return claimedAny;
}

function delay(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.schedule(resolve, ms));
}

/**
 * The sync worker (DESIGN.md §6): drains the outbox and the messages queue to the back office, exactly once
 * per row under its idempotency key, oldest first, a few requests in flight, without ever blocking a
 * citizen: rows are claimed and their outcomes recorded in small batches (one short transaction each) and
 * the event loop gets a turn between batches.
 *
 * When the back office fails, the worker pauses with exponential backoff and jitter; a row refused for
 * good is parked with its reason and the worker moves on; refused credentials pause the worker, never a
 * row. While it waits, the reachability probe (the back office's own /health) runs every few seconds, and
 * the moment it answers again the worker resumes and every row waiting to retry is due again. A commit,
 * or a row requeued by the technician, wakes it too.
 */
import type { SyncWorkerState } from '../contract/kiosk-view.ts';
import type { QueueFigures } from '../store/delivery-queue.ts';
import type { MessageQueue } from '../store/messages.ts';
import type { CaseNumbers, Outbox } from '../store/outbox.ts';
import type { Logger } from '../logging/logger.ts';
import type { BackOfficeClient } from './backoffice-client.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import type { BackOfficeResult } from './client-types.ts';
import { systemClock, yieldToEventLoop, type Clock } from './clock.ts';
import { deliverMessage, deliverSubmission, outcomeOf, type DeliveryClient } from './delivery.ts';
import { drainLane, type DrainControl, type Job, type Lane } from './drain-lane.ts';
import { Reachability, type Reachable } from './reachability.ts';

export type WorkerState = SyncWorkerState;

export interface SyncWorkerStatus {
  readonly state: WorkerState;
  readonly backOffice: Reachable;
  readonly lastContactAt: number | null;
  readonly submissions: QueueFigures;
  readonly messages: QueueFigures;
  /** The last failure's code (a back-office error code, `http-503`, `unreachable`, …), null after a success. */
  readonly lastError: string | null;
  readonly lastDeliveredAt: number | null;
}

export type SyncClient = DeliveryClient & Pick<BackOfficeClient, 'health'>;

export interface SyncWorkerOptions {
  readonly outbox: Pick<Outbox, 'claimDue' | 'record' | 'attachmentBytes' | 'requeueInterrupted' | 'retryWaitingNow' | 'figures' | 'nextDueAt' | 'onEnqueued'>;
  readonly messages: Pick<MessageQueue, 'claimDue' | 'record' | 'requeueInterrupted' | 'retryWaitingNow' | 'figures' | 'nextDueAt' | 'onEnqueued'>;
  readonly client: SyncClient;
  /** How often to probe /health while the back office answers, and while it does not. */
  readonly probeIntervalMs: { readonly online: number; readonly offline: number };
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /** Rows claimed (and outcomes recorded) per transaction. */
  readonly batchSize?: number;
  /** Requests in flight at once; they start in queue order. */
  readonly concurrency?: number;
  readonly log?: Logger;
  readonly onStatus?: (status: SyncWorkerStatus) => void;
}

/** The longest the worker sleeps with nothing due, as a safety net under the wake-ups. */
const IDLE_RECHECK_MS = 60_000;
/** Queue figures are counted at most this often while sending (a count is not free with 10,000 rows). */
const FIGURES_EVERY_MS = 250;
/** An acknowledgement waits at most this long for others to share its transaction. */
const FLUSH_AFTER_MS = 50;

export class SyncWorker {
  readonly #o: SyncWorkerOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #reach: Reachability;
  readonly #lanes: readonly [Lane<CaseNumbers>, Lane<null>];
  readonly #control: DrainControl;
  readonly #abort = new AbortController();
  readonly #unsubscribe: (() => void)[] = [];
  #loop: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  #woken = false;
  #pauseUntil = 0;
  #failures = 0;
  #authFailures = 0;
  #state: WorkerState = 'idle';
  #lastError: string | null = null;
  #lastDeliveredAt: number | null = null;
  #figures: { at: number; submissions: QueueFigures; messages: QueueFigures } | undefined;
  #status: SyncWorkerStatus | undefined;

  constructor(options: SyncWorkerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#reach = new Reachability({
      check: async () => (await options.client.health({ signal: this.#abort.signal })).kind === 'ok',
      onlineIntervalMs: options.probeIntervalMs.online,
      offlineIntervalMs: options.probeIntervalMs.offline,
      // While deliveries fail, watch closely for the back office's return even if /health still answers.
      fast: () => this.#state === 'waiting' || this.#state === 'offline',
      clock: this.#clock,
      onChange: (state, previous) => this.#reachabilityChanged(state, previous),
    });
    const { outbox, messages, client } = options;
    const bytes = (sha256: string) => outbox.attachmentBytes(sha256);
    this.#lanes = [
      {
        name: 'submissions',
        claim: (limit) => outbox.claimDue(limit).map((row) => ({ ...row, deliver: (signal) => deliverSubmission(client, row, bytes, { signal }) })),
        record: (outcomes) => outbox.record(outcomes),
      },
      {
        name: 'messages',
        claim: (limit) => messages.claimDue(limit).map((row) => ({ ...row, deliver: (signal) => deliverMessage(client, row, { signal }) })),
        record: (outcomes) => messages.record(outcomes),
      },
    ];
    this.#control = {
      batchSize: options.batchSize ?? 32,
      concurrency: options.concurrency ?? 4,
      flushAfterMs: FLUSH_AFTER_MS,
      clock: this.#clock,
      canStart: () => !this.#stopping && this.#pauseUntil <= this.#clock.now(),
      deliver: (job) => this.#deliver(job),
      settle: (lane, job, result) => {
        // A request cut short by stop() says nothing about the row: it stays as it was.
        if (this.#stopping && result.kind !== 'ok') return null;
        this.#learn(lane.name, result);
        return outcomeOf(job, result, this.#clock.now(), this.#random, this.#o.backoff);
      },
      afterRecord: async () => {
        this.#emit(false);
        await yieldToEventLoop();
      },
    };
  }

  get status(): SyncWorkerStatus {
    return this.#status ?? this.#compose(true);
  }

  /** Requeues rows a crash left in `sending`, then starts probing and draining. */
  start(): void {
    if (this.#loop) return;
    const requeued = this.#o.outbox.requeueInterrupted() + this.#o.messages.requeueInterrupted();
    if (requeued > 0) this.#o.log?.warn({ requeued }, 'sync: rows interrupted by a crash are queued again');
    this.#unsubscribe.push(this.#o.outbox.onEnqueued(() => this.wake()), this.#o.messages.onEnqueued(() => this.wake()));
    this.#reach.start();
    this.#loop = this.#run();
  }

  /** Looks for due rows now (a commit, a requeue); a pause after failures still holds. */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** The technician's "send now": ends every pause and makes every waiting row due. */
  retryNow(): void {
    this.#pauseUntil = 0;
    this.#failures = 0;
    this.#authFailures = 0;
    this.#o.outbox.retryWaitingNow();
    this.#o.messages.retryWaitingNow();
    this.wake();
  }

  /** Aborts requests in flight (their rows are released, not failed) and waits for the loop to end. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#abort.abort();
    this.#reach.stop();
    this.#unsubscribe.splice(0).forEach((unsubscribe) => unsubscribe());
    this.wake();
    await this.#loop;
    this.#setState('stopped');
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      const paused = this.#pauseUntil - this.#clock.now();
      if (paused > 0) {
        await this.#sleep(paused, false);
        continue;
      }
      if (await this.#drain()) continue;
      if (this.#pauseUntil > this.#clock.now()) continue;
      this.#setState('idle');
      await this.#sleep(this.#untilNextDue(), true);
    }
  }

  /** One round over both queues; true when some row was claimed. */
  async #drain(): Promise<boolean> {
    const [submissions, messages] = this.#lanes;
    const sent = await this.#drainLane(submissions);
    return (await this.#drainLane(messages)) || sent;
  }

  #drainLane<Ack>(lane: Lane<Ack>): Promise<boolean> {
    const claim = (limit: number) => {
      const jobs = lane.claim(limit);
      if (jobs.length > 0) this.#setState('sending');
      return jobs;
    };
    return drainLane({ ...lane, claim }, this.#control);
  }

  async #deliver<Ack>(job: Job<Ack>): Promise<BackOfficeResult<Ack>> {
    try {
      return await job.deliver(this.#abort.signal);
    } catch (error) {
      // A bug, not the back office: back the row off like a failure, and say so.
      this.#o.log?.error({ err: error }, 'sync: delivering a row failed unexpectedly');
      return { kind: 'retry', reason: 'internal-error', reached: true };
    }
  }

  /** What a result says about the back office, for the whole worker. */
  #learn(name: Lane<unknown>['name'], result: BackOfficeResult<unknown>): void {
    const now = this.#clock.now();
    if (result.kind === 'ok') {
      this.#failures = 0;
      this.#authFailures = 0;
      this.#lastError = null;
      this.#lastDeliveredAt = now;
      return;
    }
    this.#lastError = result.reason;
    if (result.kind === 'park') {
      // A store failure (delivery.ts: `store:<code>`) is the kiosk's own; the store reports unreadable rows as lost.
      const by = result.reason.startsWith('store:') ? 'unreadable in the local store' : 'refused by the back office';
      this.#o.log?.warn({ queue: name, reason: result.reason }, `sync: row ${by}, parked for the technician`);
      return;
    }
    if (result.kind === 'auth') {
      this.#authFailures += 1;
      this.#pause(now + backoffDelay(this.#authFailures, this.#random, this.#policy), 'auth-refused');
      this.#o.log?.error({ reason: result.reason }, 'sync: the back office refused the kiosk credentials');
      return;
    }
    this.#failures += 1;
    this.#pause(now + backoffDelay(this.#failures, this.#random, this.#policy), result.reached ? 'waiting' : 'offline');
    void this.#reach.probeNow();
  }

  get #policy(): BackoffPolicy {
    return this.#o.backoff ?? DEFAULT_BACKOFF;
  }

  #pause(until: number, state: WorkerState): void {
    this.#pauseUntil = Math.max(this.#pauseUntil, until);
    this.#setState(state);
  }

  #reachabilityChanged(state: Reachable, previous: Reachable): void {
    this.#o.log?.info({ backOffice: state }, 'back office status changed');
    if (state === 'online' && previous === 'offline' && this.#state !== 'auth-refused') {
      // Back: waiting longer helps nobody. Every row waiting to retry is due again, in its place.
      this.#pauseUntil = 0;
      this.#failures = 0;
      this.#o.outbox.retryWaitingNow();
      this.#o.messages.retryWaitingNow();
      this.wake();
    }
    if (state === 'offline' && this.#state === 'waiting') this.#state = 'offline';
    this.#emit(true);
  }

  #untilNextDue(): number {
    const due = [this.#o.outbox.nextDueAt(), this.#o.messages.nextDueAt()].filter((t): t is number => t !== null);
    return due.length === 0 ? IDLE_RECHECK_MS : Math.min(IDLE_RECHECK_MS, Math.max(0, Math.min(...due) - this.#clock.now()));
  }

  /** Sleeps `ms`, or until woken; a wake-up that came while the worker was busy ends the next sleep at once. */
  #sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.#stopping || (wakeable && this.#woken)) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        cancel();
        this.#wake = undefined;
        resolve();
      };
      const cancel = this.#clock.schedule(finish, ms);
      // A pause after failures is not cut short by a commit, only by stop() or the back office coming back.
      this.#wake = () => {
        if (!wakeable && !this.#stopping && this.#pauseUntil > this.#clock.now()) return;
        this.#woken = false;
        finish();
      };
    });
  }

  #setState(state: WorkerState): void {
    if (state === this.#state) return;
    if (state !== 'sending' && state !== 'idle') this.#o.log?.info({ sync: state, reason: this.#lastError }, 'sync worker state');
    this.#state = state;
    this.#emit(true);
  }

  #emit(force: boolean): void {
    const status = this.#compose(force);
    const previous = this.#status;
    this.#status = status;
    if (!previous || JSON.stringify(previous) !== JSON.stringify(status)) this.#o.onStatus?.(status);
  }

  #compose(force: boolean): SyncWorkerStatus {
    const now = this.#clock.now();
    if (force || !this.#figures || now - this.#figures.at >= FIGURES_EVERY_MS) {
      this.#figures = { at: now, submissions: this.#o.outbox.figures(), messages: this.#o.messages.figures() };
    }
    return {
      state: this.#state,
      backOffice: this.#reach.state,
      lastContactAt: this.#reach.lastContactAt,
      submissions: this.#figures.submissions,
      messages: this.#figures.messages,
      lastError: this.#lastError,
      lastDeliveredAt: this.#lastDeliveredAt,
    };
  }
}

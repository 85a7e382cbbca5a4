/**
 * Runs citizen sessions: one transaction actor per session, every step persisted (sealed) through a
 * serial write queue before listeners see it (a snapshot in which only the idle clock moved is not written:
 * snapshot-writes.ts), the submission committed to the outbox together with the
 * final snapshot, and the session wiped at its end. After a crash the latest session resumes at the same
 * step with the same answers, unless it is too old or was saved by another machine version, in which case it
 * is discarded and wiped.
 */
import { randomUUID } from 'node:crypto';
import { createActor, fromCallback, fromPromise, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { Store } from '../store/database.ts';
import { SerialWriteQueue } from '../store/write-queue.ts';
import { ratingMessages } from './rating-message.ts';
import { wireSubmission, type CapturedImage } from './submission-attachments.ts';
import { submissionRecord } from './submission-record.ts';
import { mustWrite } from './snapshot-writes.ts';
import { createTransactionMachine, MACHINE_VERSION, type TransactionMachine } from './transaction-machine.ts';
import { withinBudget } from './time-budget.ts';
import {
  DEFAULT_EXCHANGE_BUDGET_MS,
  DEFAULT_REIDENTIFY_AFTER_MS,
  type CommitInput,
  type ExchangeAnswer,
  type ExchangeInput,
  type ExchangeSource,
  type LookupInput,
  type LookupOutput,
  type PrintInput,
  type Submission,
  type Timeouts,
  type TransactionEvent,
  type WipeInput,
} from './transaction-types.ts';

type TransactionActor = ActorRefFrom<TransactionMachine>;
export type TransactionSnapshot = SnapshotFrom<TransactionMachine>;
export type UnstampedEvent = TransactionEvent extends infer E ? (E extends { at: number } ? Omit<E, 'at'> : never) : never;

export interface SessionRunnerOptions {
  readonly catalog: Catalog;
  readonly store: Store;
  readonly kioskId: string;
  /** Prints the receipt; the job id makes a retry after a restore safe. */
  readonly printReceipt: (input: PrintInput) => Promise<void>;
  /** The back office's exchange; without one every session goes on as offline. */
  readonly exchange?: ExchangeSource;
  /** The longest a citizen waits for the exchange (default 3 s). */
  readonly exchangeBudgetMs?: number;
  /** Sessions last saved longer ago than this are discarded instead of resumed. */
  readonly maxResumeAgeMs: number;
  /** A session resumed longer than this after the citizen's last activity asks for their card first (default 2 min). */
  readonly reidentifyAfterMs?: number;
  readonly timeouts?: Timeouts;
  readonly now?: () => number;
  readonly tickMs?: number;
  /** Called with each snapshot once it is durable, or once saving it failed (see onStored). */
  readonly onChange?: (snapshot: TransactionSnapshot) => void;
  readonly onError?: (error: Error) => void;
  /** The outcome of every write to the store: null when it succeeded, the error when it failed. */
  readonly onStored?: (error: Error | null) => void;
}

export class SessionRunner {
  private actor!: TransactionActor;
  private readonly queue = new SerialWriteQueue();
  private readonly machine: TransactionMachine;
  private readonly now: () => number;
  private readonly persisted = new WeakMap<TransactionActor, TransactionSnapshot>();
  /** The last snapshot of each actor sent to the store. */
  private readonly written = new WeakMap<TransactionActor, TransactionSnapshot>();
  private stopped = false;
  /** While a restored session is started, before `system.resumed`: nothing is saved or published. */
  private holding = false;

  private constructor(private readonly options: SessionRunnerOptions) {
    this.now = options.now ?? Date.now;
    const { store, kioskId, catalog } = options;
    const tickMs = options.tickMs ?? 1000;
    const budget = options.exchangeBudgetMs ?? DEFAULT_EXCHANGE_BUDGET_MS;
    const exchange = options.exchange;
    this.machine = createTransactionMachine(catalog).provide({
      actors: {
        fetchExchange: fromPromise<ExchangeAnswer, ExchangeInput>(({ input, signal }) => {
          if (!exchange) return Promise.reject(new Error('no exchange: offline'));
          return withinBudget(budget, signal, (s) => exchange.person(input, s));
        }),
        lookupDataset: fromPromise<LookupOutput, LookupInput>(({ input, signal }) => {
          if (!exchange) return Promise.reject(new Error('no exchange: offline'));
          return withinBudget(budget, signal, async (s) => {
            const { sessionId, idNumber } = input;
            const found = await Promise.all(input.lookups.map(async (request) => [request.dataset, await exchange.lookup({ sessionId, idNumber, request }, s)] as const));
            return Object.fromEntries(found);
          });
        }),
        commitSubmission: fromPromise<Submission, CommitInput>(async ({ input }) => {
          await this.settled();
          const { record, attachments } = wireSubmission(catalog, submissionRecord(catalog, input.context, this.now()), this.capturedImages(input.context));
          const { entry } = this.stored(() => store.outbox.commitSubmission({
            submission: {
              idempotencyKey: input.idempotencyKey,
              kioskId,
              catalogVersion: input.context.catalogVersion,
              bundleCode: record.bundleCode,
              applicantIdNumber: record.applicant.idNumber,
              payload: record,
              attachments,
            },
            sessionId: input.context.sessionId,
            finalSnapshot: this.actor.getPersistedSnapshot(),
            machineVersion: MACHINE_VERSION,
          }));
          return { idempotencyKey: entry.idempotencyKey, receiptNumber: entry.receiptNumber };
        }),
        printReceipt: fromPromise<void, PrintInput>(async ({ input, signal }) => {
          // A restored print starts with the actor, before `system.resumed` can lock the session: wait a turn,
          // so a session that now waits for its card prints nothing for whoever stands at the kiosk.
          await new Promise((resolve) => setImmediate(resolve));
          signal.throwIfAborted();
          await options.printReceipt(input);
        }),
        wipeSession: fromPromise<void, WipeInput>(async ({ input }) => {
          await this.settled();
          // The rating travels as a message; queued with the wipe, so a crash cannot lose or repeat it.
          this.stored(() => store.endSession(input.sessionId, ratingMessages(input, this.now())));
        }),
        clock: fromCallback<TransactionEvent>(({ sendBack }) => {
          const timer = setInterval(() => sendBack({ type: 'timer.tick', at: this.now() }), tickMs);
          return () => clearInterval(timer);
        }),
      },
    });
  }

  /** Opens the runner, resuming the latest session when it may be resumed. */
  static start(options: SessionRunnerOptions): SessionRunner {
    const runner = new SessionRunner(options);
    const latest = options.store.sessions.latest();
    // Never under another catalog: its bundles, fields and materials may not be the ones the citizen saw.
    const sameCatalog = (latest?.snapshot as { context?: { catalogVersion?: unknown } } | undefined)?.context?.catalogVersion === options.catalog.version;
    const fresh = latest && sameCatalog && latest.machineVersion === MACHINE_VERSION && runner.now() - latest.updatedAt <= options.maxResumeAgeMs;
    if (latest && !fresh) options.store.sessions.delete(latest.id);
    // The restored step is neither saved again nor shown until `system.resumed` has had its say: past the short
    // window, showing it first would put the citizen's data on the screen of whoever stands at the kiosk.
    runner.holding = !!fresh;
    runner.begin(fresh ? latest.snapshot : undefined);
    if (fresh) {
      // The deadline in the snapshot ran on while the kiosk was down: restart it rather than time out at once.
      // Past the short window the machine first asks for the applicant's card.
      runner.send({ type: 'system.resumed', reidentifyAfterMs: options.reidentifyAfterMs ?? DEFAULT_REIDENTIFY_AFTER_MS });
      runner.holding = false;
      runner.persist(runner.actor, runner.snapshot);
    }
    return runner;
  }

  get snapshot(): TransactionSnapshot {
    return this.actor.getSnapshot();
  }

  /** Sends a citizen, device or helper event, stamped with the time. */
  send(event: UnstampedEvent): void {
    this.actor.send({ ...event, at: this.now() } as TransactionEvent);
  }

  /**
   * Invoked actors start inside the transition, before subscribers hear of it: wait a turn so the
   * transition's own snapshot is queued, then for every queued write.
   */
  private async settled(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.queue.flush();
  }

  /**
   * The pages the session's captured materials are made of, opened from the store: only those the context
   * refers to (a retake's earlier page, or the pages of a material later brought to the window, are not sent).
   */
  private capturedImages(context: CommitInput['context']): CapturedImage[] {
    const wanted = new Set(Object.entries(context.captures).flatMap(([key, pages]) => (context.decisions[key] === 'captured' ? pages.map((p) => `${key}\0${p.page}\0${p.sha256}`) : [])));
    return this.options.store.captures.pages(context.sessionId).filter((p) => wanted.has(`${p.materialKey}\0${p.page}\0${p.sha256}`));
  }

  /** Runs a write to the store and reports its outcome; a failure is thrown on to the caller. */
  private stored<T>(write: () => T): T {
    try {
      const result = write();
      this.options.onStored?.(null);
      return result;
    } catch (error) {
      this.options.onStored?.(error as Error);
      throw error;
    }
  }

  /** Waits until every snapshot so far is on disk. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.actor.stop();
    await this.queue.flush();
  }

  private begin(snapshot?: unknown): void {
    // A session that ended just before stop() queued its successor: a stopped runner starts none.
    if (this.stopped) return;
    const actor = createActor(this.machine, {
      input: {
        sessionId: randomUUID(),
        catalogVersion: this.options.catalog.version,
        now: this.now(),
        ...(this.options.timeouts ? { timeouts: this.options.timeouts } : {}),
      },
      ...(snapshot ? { snapshot: snapshot as never } : {}),
    });
    this.actor = actor;
    actor.subscribe({
      next: (next) => this.persist(actor, next),
      error: (error) => this.options.onError?.(error as Error),
    });
    actor.start();
  }

  private persist(actor: TransactionActor, snapshot: TransactionSnapshot): void {
    if (this.holding) return;
    // XState notifies observers of events that changed nothing (a quiet tick, a refused event): nothing to write.
    if (snapshot === this.persisted.get(actor)) return;
    this.persisted.set(actor, snapshot);
    if (snapshot.status === 'done') {
      // The session is over and wiped: the next citizen gets a fresh actor.
      if (actor === this.actor) queueMicrotask(() => this.begin());
      this.options.onChange?.(snapshot);
      return;
    }
    // An idle session holds nothing personal and nothing to resume.
    if (snapshot.value === 'idle') {
      this.options.onChange?.(snapshot);
      return;
    }
    // A snapshot that is not written still waits for the writes before it: listeners see snapshots in order.
    const persisted = mustWrite(this.written.get(actor), snapshot) ? actor.getPersistedSnapshot() : undefined;
    if (persisted) this.written.set(actor, snapshot);
    const { sessionId } = snapshot.context;
    void this.queue.enqueue(async () => persisted && this.stored(() => this.options.store.sessions.save(sessionId, MACHINE_VERSION, persisted))).then(
      () => this.options.onChange?.(snapshot),
      (error: unknown) => {
        // Not on disk: the next snapshot is compared with what is.
        if (this.written.get(actor) === snapshot) this.written.delete(actor);
        this.options.onError?.(error as Error);
        // The citizen must see where the session is (a failed commit above all) even when this step could
        // not be saved: a restart resumes from the last saved step, and onStored has raised the alarm.
        this.options.onChange?.(snapshot);
      },
    );
  }
}

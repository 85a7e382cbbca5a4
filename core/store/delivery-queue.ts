/**
 * The delivery bookkeeping the outbox and the messages queue share (DESIGN.md §6): states, attempts, when
 * to try again, why it failed, parking and requeueing, and the queue figures. A row moves
 *
 *   pending ─claim→ sending ─→ delivered          (acknowledged; the payload is wiped)
 *                      ├────→ failed ─claim→ …   (try again from next_attempt_at)
 *                      ├────→ parked ─requeue→ pending   (refused for good; the technician decides)
 *                      └────→ pending/failed     (released unsent, or left by a crash)
 *
 * Outcomes are recorded in batches, one short transaction each, so the sync worker pays one commit (and one
 * WAL truncation) per batch instead of per row.
 */
import type { Statement } from 'better-sqlite3';
import { checkInteger, truncateWal, type StoreContext } from './context.ts';
import { guard } from './errors.ts';
import type { ProbedRow } from './key-check.ts';
import { UNREADABLE_REASON } from './quarantine.ts';

export const DELIVERY_STATES = ['pending', 'sending', 'failed', 'parked', 'delivered'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What the technician screen and the heartbeat show for one queue. */
export interface QueueFigures {
  /** Not delivered and not parked: waiting, being sent, or waiting to retry. */
  readonly pending: number;
  readonly parked: number;
  /** Creation time of the oldest row not yet delivered (parked included), null when there is none. */
  readonly oldestUndeliveredAt: number | null;
}

/** How one claimed row's attempt ended. `reason` is a short code, never personal data. */
export type DeliveryOutcome<Ack> =
  | { readonly id: number; readonly kind: 'delivered'; readonly ack: Ack }
  /** `nextAttemptAt` null keeps the row's place in the queue (the back office was not reached at all). */
  | { readonly id: number; readonly kind: 'retry'; readonly reason: string; readonly nextAttemptAt: number | null }
  | { readonly id: number; readonly kind: 'park'; readonly reason: string }
  /** Not attempted after all (the worker stopped or paused): back to waiting, no attempt counted. */
  | { readonly id: number; readonly kind: 'release' };

/** The columns both queue tables have. */
export interface QueueRow {
  id: number;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
  payload: Buffer | null;
}

export type QueueTable = 'outbox' | 'messages';

export const REASON_MAX_LENGTH = 200;

/** Reasons are codes from our own code and the back office; bounded so a bad answer cannot bloat a row. */
export function shortReason(reason: string): string {
  return reason.length <= REASON_MAX_LENGTH ? reason : `${reason.slice(0, REASON_MAX_LENGTH - 1)}…`;
}

/** The base of the outbox and the messages queue: everything but what their rows carry. */
export abstract class DeliveryQueue<Row extends QueueRow, Ack> {
  readonly #ctx: StoreContext;
  readonly #table: QueueTable;
  readonly #claim: Statement<[number, number, number], Row>;
  readonly #delivered: Statement<[number, number, number]>;
  readonly #retry: Statement<[number | null, string, number, number]>;
  readonly #park: Statement<[string, number, number]>;
  readonly #release: Statement<[number, number]>;
  readonly #figures: Statement<[], { state: DeliveryState; n: number; oldest: number }>;
  readonly #nextDue: Statement<[], number | null>;
  readonly #listeners = new Set<() => void>();

  constructor(ctx: StoreContext, table: QueueTable) {
    this.#ctx = ctx;
    this.#table = table;
    const { db } = ctx;
    const t = table;
    // The due rows in queue order (the partial index `<table>_due` serves both the filter and the order).
    this.#claim = db.prepare(`
      UPDATE ${t} SET state = 'sending', updated_at = ?
      WHERE id IN (SELECT id FROM ${t} WHERE state IN ('pending', 'failed') AND next_attempt_at <= ?
                   ORDER BY next_attempt_at, id LIMIT ?)
      RETURNING *`);
    this.#delivered = db.prepare(`
      UPDATE ${t} SET state = 'delivered', payload = NULL, attempts = attempts + 1, last_error = NULL,
                      delivered_at = ?, updated_at = ?
      WHERE id = ? AND state = 'sending'`);
    this.#retry = db.prepare(`
      UPDATE ${t} SET state = 'failed', attempts = attempts + 1, next_attempt_at = coalesce(?, next_attempt_at),
                      last_error = ?, updated_at = ?
      WHERE id = ? AND state = 'sending'`);
    this.#park = db.prepare(`
      UPDATE ${t} SET state = 'parked', attempts = attempts + 1, last_error = ?, updated_at = ?
      WHERE id = ? AND state = 'sending'`);
    this.#release = db.prepare(`
      UPDATE ${t} SET state = CASE WHEN attempts > 0 THEN 'failed' ELSE 'pending' END, updated_at = ?
      WHERE id = ? AND state = 'sending'`);
    this.#figures = db.prepare(`
      SELECT state, count(*) AS n, min(created_at) AS oldest FROM ${t} WHERE state <> 'delivered' GROUP BY state`);
    this.#nextDue = db.prepare<[], number | null>(`SELECT min(next_attempt_at) FROM ${t} WHERE state IN ('pending', 'failed')`).pluck();
  }

  /** Inside the recording transaction, after the shared columns are set: table-specific data. */
  protected onDelivered(_id: number, _ack: Ack): void {}

  /**
   * Marks up to `limit` due rows as sending and returns them in queue order: oldest due first (a row's
   * due time is its creation time until an answer pushes it back).
   */
  protected claimRows(limit: number): Row[] {
    checkInteger(limit, 'limit');
    const now = this.#ctx.now();
    const rows = guard(`claiming due rows of ${this.#table}`, () => this.#claim.all(now, now, limit));
    // RETURNING gives no order guarantee.
    return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id);
  }

  /**
   * Records a batch of outcomes in one transaction. Only rows still `sending` change, so a stale outcome
   * (a row a technician requeued meanwhile) is ignored. Delivered rows lose their payload at once and the
   * WAL is truncated, so no copy of it stays on disk.
   */
  record(outcomes: readonly DeliveryOutcome<Ack>[]): void {
    if (outcomes.length === 0) return;
    let delivered = 0;
    const write = this.#ctx.db.transaction(() => {
      const now = this.#ctx.now();
      for (const outcome of outcomes) {
        if (outcome.kind === 'delivered') {
          if (this.#delivered.run(now, now, outcome.id).changes === 0) continue;
          this.onDelivered(outcome.id, outcome.ack);
          delivered += 1;
        } else if (outcome.kind === 'retry') {
          this.#retry.run(outcome.nextAttemptAt, shortReason(outcome.reason), now, outcome.id);
        } else if (outcome.kind === 'park') {
          this.#park.run(shortReason(outcome.reason), now, outcome.id);
        } else {
          this.#release.run(now, outcome.id);
        }
      }
    });
    guard(`recording delivery outcomes in ${this.#table}`, () => write.immediate());
    if (delivered > 0) guard('truncating the WAL', () => truncateWal(this.#ctx.db));
  }

  /** Rows a crash left in `sending` go back to waiting; run once before the worker starts. */
  requeueInterrupted(): number {
    return this.#run('requeueing interrupted rows', `
      UPDATE ${this.#table} SET state = CASE WHEN attempts > 0 THEN 'failed' ELSE 'pending' END, updated_at = ?
      WHERE state = 'sending'`, this.#ctx.now());
  }

  /**
   * The back office is back: every row waiting to retry is due again, in its original place. Backing off
   * protects a struggling back office; once it answers its health check again, waiting longer helps nobody.
   */
  retryWaitingNow(): number {
    return this.#run('making waiting rows due', `
      UPDATE ${this.#table} SET next_attempt_at = created_at, updated_at = ?
      WHERE state = 'failed' AND next_attempt_at > created_at`, this.#ctx.now());
  }

  /**
   * Key check: a row whose payload does not open is parked, from whatever undelivered state it is in, with
   * `store:E_DECRYPT`; its payload stays sealed in place, in case the key comes back.
   */
  setAside(row: ProbedRow): void {
    this.#run('setting a row aside', `
      UPDATE ${this.#table} SET state = 'parked', last_error = '${UNREADABLE_REASON}', updated_at = ?
      WHERE id = ? AND state <> 'delivered'`, this.#ctx.now(), row.id);
  }

  /** Key check: a row parked because it did not open, and opens again, goes back into the queue in its place. */
  takeBack(row: ProbedRow): void {
    const changes = this.#run('taking a row back', `
      UPDATE ${this.#table} SET state = 'pending', next_attempt_at = created_at, updated_at = ?
      WHERE id = ? AND state = 'parked' AND last_error = '${UNREADABLE_REASON}'`, this.#ctx.now(), row.id);
    if (changes > 0) this.notify();
  }

  /** A parked row goes back into the queue in its original place (the technician's decision). */
  protected requeueParkedRow(id: number): boolean {
    const changes = this.#run('requeueing a parked row', `
      UPDATE ${this.#table} SET state = 'pending', next_attempt_at = created_at, updated_at = ?
      WHERE id = ? AND state = 'parked'`, this.#ctx.now(), id);
    if (changes > 0) this.notify();
    return changes > 0;
  }

  figures(): QueueFigures {
    const rows = guard(`counting ${this.#table}`, () => this.#figures.all());
    let pending = 0;
    let parked = 0;
    let oldest: number | null = null;
    for (const row of rows) {
      if (row.state === 'parked') parked += row.n;
      else pending += row.n;
      oldest = oldest === null ? row.oldest : Math.min(oldest, row.oldest);
    }
    return { pending, parked, oldestUndeliveredAt: oldest };
  }

  /** When the next waiting row becomes due (possibly in the past), null when nothing waits. */
  nextDueAt(): number | null {
    return guard(`reading ${this.#table}`, () => this.#nextDue.get() ?? null);
  }

  /** Calls `listener` after rows were added or requeued; returns the unsubscribe. */
  onEnqueued(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Deferred, so a listener never runs inside the writer's transaction. */
  protected notify(): void {
    if (this.#listeners.size === 0) return;
    queueMicrotask(() => {
      for (const listener of this.#listeners) listener();
    });
  }

  #run(action: string, sql: string, ...params: number[]): number {
    return guard(action, () => this.#ctx.db.prepare(sql).run(...params)).changes;
  }
}

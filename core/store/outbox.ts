/**
 * The submission outbox (DESIGN.md §6), shaped for exactly-once delivery: every submission is keyed by
 * its idempotency key, committed together with its receipt number and the session's final snapshot before
 * the receipt prints, and later pushed by the sync worker, which resends with the same key until the back
 * office acknowledges it.
 */
import type { Statement } from 'better-sqlite3';
import { checkInteger, checkText, openJson, toJson, truncateWal, type StoreContext } from './context.ts';
import { seal } from './crypto.ts';
import { guard, StoreError } from './errors.ts';
import { checkKioskId, ReceiptSequence } from './receipt-numbers.ts';
import type { SessionRepository } from './sessions.ts';

export type OutboxState = 'pending' | 'sending' | 'delivered' | 'failed';
/** Official case numbers (办件编号) from the back office, keyed by item code (or "submission"). */
export type CaseNumbers = Readonly<Record<string, string>>;

export interface SubmissionInput {
  /** UUID chosen when the submission was assembled; the same key on a retry or after a crash. */
  readonly idempotencyKey: string;
  readonly kioskId: string;
  readonly catalogVersion: string;
  /**
   * Everything the back office needs, sealed as JSON: minimised applicant, agent, form values, material
   * decisions, consents, commitments (signature images), timestamps.
   */
  readonly payload: unknown;
}

export interface OutboxEntry {
  readonly idempotencyKey: string;
  readonly receiptNumber: string;
  readonly catalogVersion: string;
  readonly state: OutboxState;
  /** Delivery attempts started so far. */
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly caseNumbers: CaseNumbers | undefined;
  /** False once the payload was purged after delivery and retention. */
  readonly hasPayload: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface OutboxSubmission extends OutboxEntry {
  readonly payload: unknown;
}

export interface CommitInput {
  readonly submission: SubmissionInput;
  readonly sessionId: string;
  /**
   * The session's final snapshot. A function is called inside the transaction with the allocated receipt
   * number, so the snapshot can already carry it.
   */
  readonly finalSnapshot: unknown;
  readonly machineVersion: number;
}

export interface CommitResult {
  readonly entry: OutboxEntry;
  /** False when the idempotency key was already committed: nothing was written. */
  readonly created: boolean;
}

interface OutboxRow {
  idempotency_key: string;
  receipt_number: string;
  catalog_version: string;
  payload: Buffer | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  case_numbers_json: string | null;
  created_at: number;
  updated_at: number;
}

export function outboxAad(idempotencyKey: string): string {
  return `outbox:${idempotencyKey}`;
}

type Sql<P extends unknown[]> = Statement<P>;

export class Outbox {
  readonly #ctx: StoreContext;
  readonly #sessions: SessionRepository;
  readonly #receipts: ReceiptSequence;
  readonly #get: Statement<[string], OutboxRow>;
  readonly #insert: Sql<[string, string, string, Uint8Array, number, number, number]>;
  readonly #due: Statement<[number, number], OutboxRow>;
  readonly #sending: Sql<[number, string]>;
  readonly #delivered: Sql<[string, number, string]>;
  readonly #failed: Sql<[number, number, string]>;

  constructor(ctx: StoreContext, sessions: SessionRepository) {
    this.#ctx = ctx;
    this.#sessions = sessions;
    const { db } = ctx;
    this.#receipts = new ReceiptSequence(db);
    this.#get = db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?');
    this.#insert = db.prepare(`
      INSERT INTO outbox (idempotency_key, receipt_number, catalog_version, payload, state, attempts,
                          next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`);
    this.#due = db.prepare(`
      SELECT * FROM outbox
      WHERE state IN ('pending', 'failed') AND next_attempt_at <= ? AND payload IS NOT NULL
      ORDER BY next_attempt_at, created_at, rowid LIMIT ?`);
    this.#sending = db.prepare(`
      UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?
      WHERE idempotency_key = ? AND state IN ('pending', 'failed')`);
    this.#delivered = db.prepare(`
      UPDATE outbox SET state = 'delivered', case_numbers_json = ?, updated_at = ?
      WHERE idempotency_key = ? AND state <> 'delivered'`);
    // An attempt reported failed without markSending first still counts as an attempt.
    this.#failed = db.prepare(`
      UPDATE outbox SET state = 'failed', attempts = attempts + (state <> 'sending'), next_attempt_at = ?,
                        updated_at = ?
      WHERE idempotency_key = ? AND state <> 'delivered'`);
  }

  /**
   * Writes the outbox row, its receipt number and the session's final snapshot in ONE transaction: after a
   * crash either all three exist or none does. Committing a key again is a no-op returning the first row,
   * so a restored machine that re-runs its submit actor never creates a duplicate.
   */
  commitSubmission(input: CommitInput): CommitResult {
    const { submission } = input;
    const key = checkText(submission.idempotencyKey, 'idempotency key');
    checkKioskId(submission.kioskId);
    checkText(submission.catalogVersion, 'catalog version');
    checkText(input.sessionId, 'session id');
    checkInteger(input.machineVersion, 'machine version');
    const { db, now } = this.#ctx;
    // Sealed before taking the write lock: encryption does not depend on anything inside the transaction.
    const payload = seal(toJson(submission.payload, 'submission payload'), this.#ctx.key, outboxAad(key));
    const commit = db.transaction((): CommitResult => {
      const existing = this.#get.get(key);
      if (existing) return { entry: toEntry(existing), created: false };
      const at = now();
      const receiptNumber = this.#receipts.next(submission.kioskId, at);
      this.#insert.run(key, receiptNumber, submission.catalogVersion, payload, at, at, at);
      const snapshot = typeof input.finalSnapshot === 'function' ? input.finalSnapshot(receiptNumber) : input.finalSnapshot;
      this.#sessions.save(input.sessionId, input.machineVersion, snapshot);
      return { entry: toEntry(this.#get.get(key)!), created: true };
    });
    // IMMEDIATE takes the write lock up front, so two connections never deadlock upgrading a read lock.
    return guard('committing the submission', () => commit.immediate());
  }

  /**
   * A provisional receipt number on its own. Each call consumes a number; inside commitSubmission the
   * allocation rolls back with the transaction, which is what keeps the daily sequence gap-free.
   */
  nextReceiptNumber(kioskId: string, date: Date | number): string {
    return this.#receipts.next(kioskId, date);
  }

  get(idempotencyKey: string): OutboxEntry | undefined {
    const row = guard('reading the outbox', () => this.#get.get(idempotencyKey));
    return row && toEntry(row);
  }

  byReceiptNumber(receiptNumber: string): OutboxEntry | undefined {
    const row = guard('reading the outbox', () =>
      this.#ctx.db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE receipt_number = ?').get(receiptNumber),
    );
    return row && toEntry(row);
  }

  /** Submissions due for a delivery attempt now, oldest due first, with their payload opened. */
  pending(limit: number): OutboxSubmission[] {
    checkInteger(limit, 'limit');
    const rows = guard('reading the outbox', () => this.#due.all(this.#ctx.now(), limit));
    return rows.map((row) => ({
      ...toEntry(row),
      payload: openJson(row.payload!, this.#ctx.key, outboxAad(row.idempotency_key), 'a stored submission payload'),
    }));
  }

  /** Marks an attempt as started; false when the submission is not waiting (sending or delivered). */
  markSending(idempotencyKey: string): boolean {
    return this.#update('marking a submission as sending', idempotencyKey, () =>
      this.#sending.run(this.#ctx.now(), idempotencyKey),
    );
  }

  /** Records the back office's acknowledgement; false if it was already delivered. */
  markDelivered(idempotencyKey: string, caseNumbers: CaseNumbers): boolean {
    const json = toJson(caseNumbers, 'case numbers');
    return this.#update('marking a submission as delivered', idempotencyKey, () =>
      this.#delivered.run(json, this.#ctx.now(), idempotencyKey),
    );
  }

  /** Records a failed attempt and when to try again; false (and no change) if it was delivered meanwhile. */
  markFailed(idempotencyKey: string, nextAttemptAt: number): boolean {
    checkInteger(nextAttemptAt, 'next attempt time');
    return this.#update('marking a submission as failed', idempotencyKey, () =>
      this.#failed.run(nextAttemptAt, this.#ctx.now(), idempotencyKey),
    );
  }

  /**
   * Puts submissions left in `sending` by a crash back in the queue; run once before the worker starts.
   * Resending is safe because the back office deduplicates by idempotency key.
   */
  requeueInterrupted(): number {
    return guard('requeueing interrupted submissions', () =>
      this.#ctx.db
        .prepare(`UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'sending'`)
        .run(this.#ctx.now()),
    ).changes;
  }

  /**
   * Drops the personal payload of submissions delivered more than `retentionMs` ago (DESIGN.md §7); the
   * row stays with its receipt and case numbers so progress queries keep working. Wiped like a session.
   */
  purgeDelivered(options: { readonly retentionMs: number }): number {
    const cutoff = this.#ctx.now() - checkInteger(options.retentionMs, 'retention');
    const { db } = this.#ctx;
    const { changes } = guard('purging delivered submissions', () =>
      db
        .prepare(`UPDATE outbox SET payload = NULL, updated_at = ?
                  WHERE state = 'delivered' AND payload IS NOT NULL AND updated_at < ?`)
        .run(this.#ctx.now(), cutoff),
    );
    if (changes > 0) guard('truncating the WAL', () => truncateWal(db));
    return changes;
  }

  #update(action: string, idempotencyKey: string, run: () => { changes: number }): boolean {
    const { changes } = guard(action, run);
    if (changes > 0) return true;
    if (!this.get(idempotencyKey)) throw new StoreError('E_NOT_FOUND', `${action} failed: no such submission`);
    return false;
  }
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    idempotencyKey: row.idempotency_key,
    receiptNumber: row.receipt_number,
    catalogVersion: row.catalog_version,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    caseNumbers: row.case_numbers_json === null ? undefined : (JSON.parse(row.case_numbers_json) as CaseNumbers),
    hasPayload: row.payload !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

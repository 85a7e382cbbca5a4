/**
 * The submission outbox (DESIGN.md §6), shaped for exactly-once delivery: every submission is keyed by its
 * idempotency key, committed together with its receipt number, its attachments and the session's final
 * snapshot before the receipt prints, and pushed by the sync worker, which resends under the same key until
 * the back office acknowledges it. On the acknowledgement the personal payload is wiped at once; what stays
 * is receipt number → case numbers → state, so a progress query still finds the case. A submission whose
 * payload or attachments the key does not open is set aside (quarantine.ts) wherever that is found: at the
 * key check, or when the sync worker reads it (the worker then parks it).
 */
import type { Statement } from 'better-sqlite3';
import { checkInteger, checkText, openJson, toJson, type StoreContext } from './context.ts';
import { canOpen, seal } from './crypto.ts';
import { AttachmentStore, type AttachmentInput, type AttachmentRef } from './attachments.ts';
import { DeliveryQueue, type DeliveryOutcome, type DeliveryState, type QueueRow } from './delivery-queue.ts';
import { guard, isStoreError, StoreError } from './errors.ts';
import { idNumberHash } from './id-index.ts';
import type { ProbedRow, SealedRows } from './key-check.ts';
import type { Quarantine } from './quarantine.ts';
import { checkKioskId, ReceiptSequence } from './receipt-numbers.ts';
import type { SessionRepository } from './sessions.ts';

export type OutboxState = DeliveryState;
/** Official case numbers (办件编号) from the back office, one per item, keyed by item code. */
export type CaseNumbers = Readonly<Record<string, string>>;

export interface SubmissionInput {
  /** UUID chosen when the submission was assembled; the same key on a retry or after a crash. */
  readonly idempotencyKey: string;
  readonly kioskId: string;
  readonly catalogVersion: string;
  readonly bundleCode: string;
  /** Only its keyed hash is stored in clear (id-index.ts), for the offline progress query. */
  readonly applicantIdNumber?: string;
  /** The submission record as the back office receives it (attachments replaced by references), sealed. */
  readonly payload: unknown;
  /** Content-addressed, stored once per hash, sealed; listed in this order in the request. */
  readonly attachments?: readonly AttachmentInput[];
}

export interface OutboxEntry {
  readonly idempotencyKey: string;
  readonly receiptNumber: string;
  readonly catalogVersion: string;
  /** Absent only for rows written before schema version 3 whose payload could not be read. */
  readonly bundleCode: string | undefined;
  readonly state: OutboxState;
  /** Delivery attempts that ended (answered, failed or timed out). */
  readonly attempts: number;
  readonly nextAttemptAt: number;
  /** Why the last attempt failed or the row was parked: a code, never personal data. */
  readonly lastError: string | undefined;
  readonly caseNumbers: CaseNumbers | undefined;
  /** False once delivered: the personal payload is wiped on the acknowledgement. */
  readonly hasPayload: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly deliveredAt: number | undefined;
}

export interface OutboxSubmission extends OutboxEntry {
  readonly payload: unknown;
}

/** A submission the sync worker is sending. */
export interface ClaimedSubmission {
  readonly id: number;
  readonly idempotencyKey: string;
  readonly receiptNumber: string;
  readonly catalogVersion: string;
  readonly attempts: number;
  readonly createdAt: number;
  readonly attachments: readonly AttachmentRef[];
  /** The sealed record, opened on demand: `E_DECRYPT` / `E_CORRUPT` when it cannot be. */
  openPayload(): unknown;
}

export type SubmissionOutcome = DeliveryOutcome<CaseNumbers>;

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

interface OutboxRow extends QueueRow {
  idempotency_key: string;
  receipt_number: string;
  catalog_version: string;
  bundle_code: string | null;
  id_hash: Buffer | null;
  case_numbers_json: string | null;
}

export function outboxAad(idempotencyKey: string): string {
  return `outbox:${idempotencyKey}`;
}

export class Outbox extends DeliveryQueue<OutboxRow, CaseNumbers> implements SealedRows {
  readonly source = 'submission';
  readonly #ctx: StoreContext;
  readonly #sessions: SessionRepository;
  readonly #quarantine: Quarantine;
  readonly #receipts: ReceiptSequence;
  readonly #attachments: AttachmentStore;
  readonly #setCaseNumbers: Statement<[string, number]>;
  readonly #get: Statement<[string], OutboxRow>;
  readonly #insert: Statement<[string, string, string, string, Buffer | null, Uint8Array, number, number, number], OutboxRow>;
  readonly #due: Statement<[number, number], OutboxRow>;

  constructor(ctx: StoreContext, sessions: SessionRepository, quarantine: Quarantine) {
    super(ctx, 'outbox');
    this.#ctx = ctx;
    this.#sessions = sessions;
    this.#quarantine = quarantine;
    const { db } = ctx;
    this.#receipts = new ReceiptSequence(db);
    this.#attachments = new AttachmentStore(ctx);
    this.#setCaseNumbers = db.prepare('UPDATE outbox SET case_numbers_json = ? WHERE id = ?');
    this.#get = db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?');
    this.#insert = db.prepare(`
      INSERT INTO outbox (idempotency_key, receipt_number, catalog_version, bundle_code, id_hash, payload, state,
                          attempts, next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) RETURNING *`);
    this.#due = db.prepare(`
      SELECT * FROM outbox WHERE state IN ('pending', 'failed') AND next_attempt_at <= ?
      ORDER BY next_attempt_at, id LIMIT ?`);
  }

  /**
   * Writes the outbox row, its attachments, its receipt number and the session's final snapshot in ONE
   * transaction: after a crash either all of them exist or none does. Committing a key again is a no-op
   * returning the first row, so a restored machine that re-runs its submit actor never creates a duplicate.
   */
  commitSubmission(input: CommitInput): CommitResult {
    const { submission } = input;
    const key = checkText(submission.idempotencyKey, 'idempotency key');
    checkKioskId(submission.kioskId);
    checkText(submission.catalogVersion, 'catalog version');
    checkText(submission.bundleCode, 'bundle code', 64);
    checkText(input.sessionId, 'session id');
    checkInteger(input.machineVersion, 'machine version');
    const { db, now } = this.#ctx;
    // Sealed (and hashed) before taking the write lock: none of it depends on the transaction.
    const payload = seal(toJson(submission.payload, 'submission payload'), this.#ctx.key, outboxAad(key));
    const attachments = (submission.attachments ?? []).map((a) => this.#attachments.seal(a));
    const idHash = submission.applicantIdNumber ? idNumberHash(this.#ctx.idIndexKey, submission.applicantIdNumber) : null;
    const commit = db.transaction((): CommitResult => {
      const existing = this.#get.get(key);
      if (existing) return { entry: toEntry(existing), created: false };
      const at = now();
      const receiptNumber = this.#receipts.next(submission.kioskId, at);
      const row = this.#insert.get(key, receiptNumber, submission.catalogVersion, submission.bundleCode, idHash, payload, at, at, at)!;
      this.#attachments.link(row.id, attachments, at);
      const snapshot = typeof input.finalSnapshot === 'function' ? input.finalSnapshot(receiptNumber) : input.finalSnapshot;
      this.#sessions.save(input.sessionId, input.machineVersion, snapshot);
      return { entry: toEntry(row), created: true };
    });
    // IMMEDIATE takes the write lock up front, so two connections never deadlock upgrading a read lock.
    const result = guard('committing the submission', () => commit.immediate());
    if (result.created) this.notify();
    return result;
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
    return this.#select('SELECT * FROM outbox WHERE receipt_number = ?', receiptNumber)[0];
  }

  /** The submission one of whose items got this case number (办件编号). */
  byCaseNumber(caseNumber: string): OutboxEntry | undefined {
    return this.#select(
      `SELECT outbox.* FROM outbox, json_each(outbox.case_numbers_json) AS c
       WHERE outbox.case_numbers_json IS NOT NULL AND c.value = ? LIMIT 1`,
      caseNumber,
    )[0];
  }

  /** Every submission of this applicant made at this kiosk, newest first (offline progress query). */
  byIdNumber(idNumber: string): OutboxEntry[] {
    checkText(idNumber, 'ID number', 32);
    return this.#select('SELECT * FROM outbox WHERE id_hash = ? ORDER BY id DESC', idNumberHash(this.#ctx.idIndexKey, idNumber));
  }

  /** Parked submissions, oldest first, for the technician. */
  parked(): OutboxEntry[] {
    return this.#select(`SELECT * FROM outbox WHERE state = 'parked' ORDER BY id`);
  }

  /** Submissions due for a delivery attempt now, in queue order, with their payload opened (read-only). */
  pending(limit: number): OutboxSubmission[] {
    checkInteger(limit, 'limit');
    const rows = guard('reading the outbox', () => this.#due.all(this.#ctx.now(), limit));
    return rows.map((row) => ({ ...toEntry(row), payload: this.#open(row) }));
  }

  /** Marks up to `limit` due submissions as sending and returns them in queue order. */
  claimDue(limit: number): ClaimedSubmission[] {
    return this.claimRows(limit).map((row) => ({
      id: row.id,
      idempotencyKey: row.idempotency_key,
      receiptNumber: row.receipt_number,
      catalogVersion: row.catalog_version,
      attempts: row.attempts,
      createdAt: row.created_at,
      attachments: this.#attachments.refs(row.id),
      openPayload: () => this.#open(row),
    }));
  }

  /**
   * An attachment's bytes, checked against their hash. One that does not open sets aside every undelivered
   * submission that lists it: none of them can be delivered whole.
   */
  attachmentBytes(sha256: string): Buffer {
    try {
      return this.#attachments.bytes(sha256);
    } catch (error) {
      if (isStoreError(error, 'E_DECRYPT')) {
        const rows = guard('reading the outbox', () =>
          this.#ctx.db
            .prepare<[string], OutboxRow>(`SELECT DISTINCT outbox.* FROM outbox JOIN outbox_attachments l ON l.outbox_id = outbox.id
                                           WHERE l.sha256 = ? AND outbox.state <> 'delivered'`)
            .all(sha256),
        );
        for (const row of rows) this.#setAside(row);
      }
      throw error;
    }
  }

  /** A delivered submission keeps its case numbers; its attachments no other submission needs are wiped. */
  protected override onDelivered(id: number, caseNumbers: CaseNumbers): void {
    this.#setCaseNumbers.run(JSON.stringify(caseNumbers), id);
    this.#attachments.release(id);
  }

  /** Puts a parked submission back in the queue (technician); false if it is not parked. */
  requeue(idempotencyKey: string): boolean {
    const row = guard('reading the outbox', () => this.#get.get(idempotencyKey));
    if (!row) throw new StoreError('E_NOT_FOUND', 'requeueing a submission failed: no such submission');
    return this.requeueParkedRow(row.id);
  }

  /**
   * Rows written before schema version 3 have no bundle code or ID hash: fill them in from their payload.
   * Run at open; a payload that cannot be opened is left as it is (the worker parks it with the reason).
   */
  backfillIndex(): { indexed: number; unreadable: number } {
    const rows = guard('reading the outbox', () =>
      this.#ctx.db.prepare<[], OutboxRow>('SELECT * FROM outbox WHERE bundle_code IS NULL AND payload IS NOT NULL').all(),
    );
    const update = this.#ctx.db.prepare<[string | null, Buffer | null, number]>('UPDATE outbox SET bundle_code = ?, id_hash = ? WHERE id = ?');
    let indexed = 0;
    for (const row of rows) {
      let record: { bundleCode?: unknown; applicant?: { idNumber?: unknown } } | null;
      try {
        record = this.#open(row) as typeof record;
      } catch {
        continue;
      }
      const bundleCode = typeof record?.bundleCode === 'string' ? record.bundleCode : null;
      const idNumber = record?.applicant?.idNumber;
      const idHash = typeof idNumber === 'string' && idNumber ? idNumberHash(this.#ctx.idIndexKey, idNumber) : null;
      guard('indexing an older submission', () => update.run(bundleCode, idHash, row.id));
      indexed += 1;
    }
    return { indexed, unreadable: rows.length - indexed };
  }

  /** For the key check: every undelivered submission, and whether its payload and attachments open. */
  probe(): ProbedRow[] {
    const rows = guard('reading the outbox', () => this.#ctx.db.prepare<[], OutboxRow>(`SELECT * FROM outbox WHERE state <> 'delivered'`).all());
    const opened = new Map<string, boolean>();
    const attachmentOpens = (sha256: string) => {
      if (!opened.has(sha256)) opened.set(sha256, this.#attachments.opens(sha256));
      return opened.get(sha256)!;
    };
    return rows.map((row) => ({
      id: row.id,
      ref: row.idempotency_key,
      receiptNumber: row.receipt_number,
      opens: canOpen(row.payload!, this.#ctx.key, outboxAad(row.idempotency_key)) && this.#attachments.refs(row.id).every((ref) => attachmentOpens(ref.sha256)),
    }));
  }

  /** Opens the payload; one the key does not open sets the submission aside (the caller parks it). */
  #open(row: OutboxRow): unknown {
    if (!row.payload) throw new StoreError('E_NOT_FOUND', 'the submission was delivered: its payload is wiped');
    try {
      return openJson(row.payload, this.#ctx.key, outboxAad(row.idempotency_key), 'a stored submission payload');
    } catch (error) {
      if (isStoreError(error, 'E_DECRYPT')) this.#setAside(row);
      throw error;
    }
  }

  #setAside(row: OutboxRow): void {
    this.#quarantine.add({ source: 'submission', ref: row.idempotency_key, receiptNumber: row.receipt_number, reason: 'E_DECRYPT' });
  }

  #select(sql: string, ...params: unknown[]): OutboxEntry[] {
    return guard('reading the outbox', () => this.#ctx.db.prepare<unknown[], OutboxRow>(sql).all(...params)).map(toEntry);
  }
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    idempotencyKey: row.idempotency_key,
    receiptNumber: row.receipt_number,
    catalogVersion: row.catalog_version,
    bundleCode: row.bundle_code ?? undefined,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error ?? undefined,
    caseNumbers: row.case_numbers_json === null ? undefined : (JSON.parse(row.case_numbers_json) as CaseNumbers),
    hasPayload: row.payload !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at ?? undefined,
  };
}

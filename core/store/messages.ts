/**
 * Small durable messages for the back office besides submissions: ratings (好差评), and copies of a receipt
 * the printer could not print (at the hall's desk, or its number by text message); help calls later.
 * Each is a kind, a key the back office deduplicates by, and a sealed payload; delivered the same way as
 * submissions (delivery-queue.ts), and wiped on the acknowledgement like them; one the key does not open is
 * set aside like them (quarantine.ts).
 */
import type { Statement } from 'better-sqlite3';
import { checkText, openJson, toJson, type StoreContext } from './context.ts';
import { canOpen, seal } from './crypto.ts';
import { DeliveryQueue, type DeliveryOutcome, type DeliveryState, type QueueRow } from './delivery-queue.ts';
import { guard, isStoreError, StoreError } from './errors.ts';
import type { ProbedRow, SealedRows } from './key-check.ts';
import type { Quarantine } from './quarantine.ts';

export const MESSAGE_KINDS = ['rating', 'deskPrint', 'receiptSms'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface MessageInput {
  readonly kind: MessageKind;
  /** The back office's idempotency key for it (a rating, a receipt copy: the submission's key). */
  readonly key: string;
  readonly payload: unknown;
}

export interface MessageEntry {
  readonly kind: MessageKind;
  readonly key: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | undefined;
  readonly createdAt: number;
  readonly deliveredAt: number | undefined;
}

export interface ClaimedMessage {
  readonly id: number;
  readonly kind: MessageKind;
  readonly key: string;
  readonly attempts: number;
  openPayload(): unknown;
}

export type MessageOutcome = DeliveryOutcome<null>;

interface MessageRow extends QueueRow {
  kind: MessageKind;
  key: string;
}

/** Prepared ahead of the transaction that writes it. */
export interface SealedMessage {
  readonly kind: MessageKind;
  readonly key: string;
  readonly sealed: Uint8Array;
}

export function messageAad(kind: string, key: string): string {
  return `message:${kind}:${key}`;
}

export class MessageQueue extends DeliveryQueue<MessageRow, null> implements SealedRows {
  readonly source = 'message';
  readonly #ctx: StoreContext;
  readonly #quarantine: Quarantine;
  readonly #insert: Statement<[string, string, Uint8Array, number, number, number]>;
  readonly #get: Statement<[string, string], MessageRow>;

  constructor(ctx: StoreContext, quarantine: Quarantine) {
    super(ctx, 'messages');
    this.#ctx = ctx;
    this.#quarantine = quarantine;
    this.#insert = ctx.db.prepare(`
      INSERT INTO messages (kind, key, payload, state, attempts, next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (kind, key) DO NOTHING`);
    this.#get = ctx.db.prepare('SELECT * FROM messages WHERE kind = ? AND key = ?');
  }

  /** Checks and seals a message; no database access, so it can run before a transaction starts. */
  seal(input: MessageInput): SealedMessage {
    if (!(MESSAGE_KINDS as readonly string[]).includes(input.kind)) throw new StoreError('E_INVALID', 'unknown message kind');
    const key = checkText(input.key, 'message key', 100);
    return { kind: input.kind, key, sealed: seal(toJson(input.payload, 'message payload'), this.#ctx.key, messageAad(input.kind, key)) };
  }

  /**
   * Writes a sealed message, also inside a caller's transaction. A kind and key already queued (or
   * delivered) is left alone: re-running the writer after a crash adds nothing. True when written.
   */
  insert(message: SealedMessage): boolean {
    const at = this.#ctx.now();
    const { changes } = guard('queueing a message', () => this.#insert.run(message.kind, message.key, message.sealed, at, at, at));
    if (changes > 0) this.notify();
    return changes > 0;
  }

  enqueue(input: MessageInput): boolean {
    return this.insert(this.seal(input));
  }

  get(kind: MessageKind, key: string): MessageEntry | undefined {
    const row = guard('reading the messages', () => this.#get.get(kind, key));
    return row && toEntry(row);
  }

  claimDue(limit: number): ClaimedMessage[] {
    return this.claimRows(limit).map((row) => ({
      id: row.id,
      kind: row.kind,
      key: row.key,
      attempts: row.attempts,
      openPayload: () => {
        if (!row.payload) throw new StoreError('E_NOT_FOUND', 'the message was delivered: its payload is wiped');
        try {
          return openJson(row.payload, this.#ctx.key, messageAad(row.kind, row.key), 'a stored message payload');
        } catch (error) {
          // The worker parks it; the quarantine reports it.
          if (isStoreError(error, 'E_DECRYPT')) this.#quarantine.add({ source: 'message', ref: messageRef(row), receiptNumber: undefined, reason: error.code });
          throw error;
        }
      },
    }));
  }

  /** For the key check: every undelivered message, and whether its payload opens. */
  probe(): ProbedRow[] {
    const rows = guard('reading the messages', () => this.#ctx.db.prepare<[], MessageRow>(`SELECT * FROM messages WHERE state <> 'delivered'`).all());
    return rows.map((row) => ({ id: row.id, ref: messageRef(row), opens: canOpen(row.payload!, this.#ctx.key, messageAad(row.kind, row.key)) }));
  }

  /** Puts a parked message back in the queue (technician); false if it is not parked. */
  requeue(kind: MessageKind, key: string): boolean {
    const row = guard('reading the messages', () => this.#get.get(kind, key));
    if (!row) throw new StoreError('E_NOT_FOUND', 'requeueing a message failed: no such message');
    return this.requeueParkedRow(row.id);
  }
}

/** How the quarantine names a message: its kind and the back office's key for it (a submission's key). */
function messageRef(row: MessageRow): string {
  return `${row.kind}:${row.key}`;
}

function toEntry(row: MessageRow): MessageEntry {
  return {
    kind: row.kind,
    key: row.key,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error ?? undefined,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at ?? undefined,
  };
}

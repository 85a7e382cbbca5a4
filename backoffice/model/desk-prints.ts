/**
 * Receipts waiting at the hall's desk printer: the kiosk could not print one after a submission and the
 * citizen chose to collect it at the desk. One per submission (its key); the staff page lists those not yet
 * handed over and marks them printed.
 */
import type { DeskPrintAck, DeskPrintRequest } from '../api/schemas.ts';
import type { Database, Queryable } from '../db/database.ts';
import { bodyHash } from './canonical-json.ts';

export type DeskPrintOutcome = { readonly kind: 'created' | 'repeated'; readonly ack: DeskPrintAck } | { readonly kind: 'idempotency-conflict' };

export async function receiveDeskPrint(db: Database, kioskId: string, request: DeskPrintRequest, now: number): Promise<DeskPrintOutcome> {
  const hash = bodyHash(request);
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO desk_prints (submission_key, kiosk_id, receipt_number, lines, requested_at, received_at, body_hash)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING submission_key`,
      [request.submissionKey, kioskId, request.receiptNumber, JSON.stringify(request.lines), request.requestedAt, now, hash],
    );
    if (inserted.length > 0) return { kind: 'created', ack: { submissionKey: request.submissionKey, receivedAt: now } };
    const [row] = await tx.query<{ body_hash: string; received_at: number }>('SELECT body_hash, received_at FROM desk_prints WHERE submission_key = $1', [request.submissionKey]);
    return row && row.body_hash === hash ? { kind: 'repeated', ack: { submissionKey: request.submissionKey, receivedAt: row.received_at } } : { kind: 'idempotency-conflict' };
  });
}

export interface DeskPrint {
  readonly submissionKey: string;
  readonly kioskId: string;
  readonly receiptNumber: string;
  readonly lines: readonly string[];
  readonly receivedAt: number;
  readonly printedAt: number | null;
  readonly printedBy: string | null;
}

const COLUMNS = `submission_key AS "submissionKey", kiosk_id AS "kioskId", receipt_number AS "receiptNumber", lines,
  received_at AS "receivedAt", printed_at AS "printedAt", printed_by AS "printedBy"`;

/** Receipts not yet handed over, oldest first (the citizen who waits longest first). */
export function waitingDeskPrints(db: Queryable, limit = 100): Promise<DeskPrint[]> {
  return db.query<DeskPrint>(`SELECT ${COLUMNS} FROM desk_prints WHERE printed_at IS NULL ORDER BY received_at, submission_key LIMIT ${limit}`);
}

export async function deskPrintByReceipt(db: Queryable, receiptNumber: string): Promise<DeskPrint | undefined> {
  const [row] = await db.query<DeskPrint>(`SELECT ${COLUMNS} FROM desk_prints WHERE receipt_number = $1`, [receiptNumber]);
  return row;
}

/** The receipt was printed and handed over; false when it was already marked (or is unknown). */
export async function markDeskPrinted(db: Queryable, receiptNumber: string, staffId: string, now: number): Promise<boolean> {
  const rows = await db.query('UPDATE desk_prints SET printed_at = $1, printed_by = $2 WHERE receipt_number = $3 AND printed_at IS NULL RETURNING submission_key', [now, staffId, receiptNumber]);
  return rows.length > 0;
}

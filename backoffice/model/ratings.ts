/**
 * 好差评: one rating per submission and channel, kept by the primary key. A rating may arrive before its
 * submission (they travel independently); it is linked by the submission's key whenever both are here.
 */
import type { RatingAck, RatingRequest } from '../api/schemas.ts';
import type { Database } from '../db/database.ts';
import { bodyHash } from './canonical-json.ts';

export type RatingOutcome = { readonly kind: 'created' | 'repeated'; readonly ack: string } | { readonly kind: 'idempotency-conflict' };

export async function receiveRating(db: Database, kioskId: string, request: RatingRequest, now: number): Promise<RatingOutcome> {
  const hash = bodyHash(request);
  const ack: RatingAck = { submissionKey: request.submissionKey, channel: request.channel, receivedAt: now };
  const text = JSON.stringify(ack);
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO ratings (submission_key, channel, kiosk_id, receipt_number, level, reasons, comment, rated_at, received_at, body_hash, ack)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING RETURNING submission_key`,
      [request.submissionKey, request.channel, kioskId, request.receiptNumber, request.level, JSON.stringify(request.reasons), request.comment ?? null, request.ratedAt, now, hash, text],
    );
    if (inserted.length > 0) return { kind: 'created', ack: text };
    const [row] = await tx.query<{ body_hash: string; ack: string }>('SELECT body_hash, ack FROM ratings WHERE submission_key = $1 AND channel = $2', [request.submissionKey, request.channel]);
    return row && row.body_hash === hash ? { kind: 'repeated', ack: row.ack } : { kind: 'idempotency-conflict' };
  });
}

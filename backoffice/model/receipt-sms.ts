/**
 * The receipt number by text message, sent once per submission through the SMS gateway. The request is
 * recorded first (by the submission's key, the number masked); the gateway is called only while the row is
 * not marked sent, with the key as its message id, so a repeated request, or one retried after the gateway
 * failed, never sends a second message. A gateway that fails answers 503 and the kiosk tries again later.
 */
import type { ReceiptSmsAck, ReceiptSmsRequest } from '../api/schemas.ts';
import type { Database } from '../db/database.ts';
import type { BackOfficeLogger } from '../log.ts';
import type { SmsGateway } from '../sms/sms-gateway.ts';
import { maskPhone } from '../staff/present/masking.ts';
import { bodyHash } from './canonical-json.ts';

export type ReceiptSmsOutcome =
  | { readonly kind: 'sent' | 'repeated'; readonly ack: ReceiptSmsAck }
  | { readonly kind: 'idempotency-conflict' }
  | { readonly kind: 'gateway-failed' };

/** The message itself: short (one SMS segment in Chinese where the hall name allows), the number under its one name. */
export function receiptSmsText(request: Pick<ReceiptSmsRequest, 'receiptNumber' | 'language' | 'hallName'>): string {
  return request.language === 'en'
    ? `[${request.hallName}] Your application was received. Receipt number ${request.receiptNumber}: use it to check progress.`
    : `【${request.hallName}】您的申请已受理，受理编号 ${request.receiptNumber}，可凭此编号查询办理进度。`;
}

export async function sendReceiptSms(db: Database, gateway: SmsGateway, log: BackOfficeLogger, kioskId: string, request: ReceiptSmsRequest, now: () => number): Promise<ReceiptSmsOutcome> {
  const toMasked = maskPhone(request.phone);
  // The hash stands for the request without the full number (a hash of 11 digits could be reversed).
  const { phone: _phone, ...rest } = request;
  const hash = bodyHash({ ...rest, toMasked });
  await db.query(
    `INSERT INTO receipt_sms (submission_key, kiosk_id, receipt_number, to_masked, body_hash, received_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [request.submissionKey, kioskId, request.receiptNumber, toMasked, hash, now()],
  );
  const [row] = await db.query<{ body_hash: string; sent_at: number | null }>('SELECT body_hash, sent_at FROM receipt_sms WHERE submission_key = $1', [request.submissionKey]);
  if (!row || row.body_hash !== hash) return { kind: 'idempotency-conflict' };
  if (row.sent_at !== null) return { kind: 'repeated', ack: { submissionKey: request.submissionKey, to: toMasked, sentAt: row.sent_at } };
  try {
    const { ref } = await gateway.send({ messageId: request.submissionKey, to: request.phone, text: receiptSmsText(request) });
    const sentAt = now();
    await db.query('UPDATE receipt_sms SET sent_at = $1, gateway = $2, gateway_ref = $3, attempts = attempts + 1, last_error = NULL WHERE submission_key = $4', [sentAt, gateway.name, ref, request.submissionKey]);
    return { kind: 'sent', ack: { submissionKey: request.submissionKey, to: toMasked, sentAt } };
  } catch (error) {
    const reason = (error as Error).message.slice(0, 200);
    await db.query('UPDATE receipt_sms SET attempts = attempts + 1, last_error = $1 WHERE submission_key = $2', [reason, request.submissionKey]);
    log.warn({ gateway: gateway.name, submissionKey: request.submissionKey, reason }, 'text message not taken by the gateway: the kiosk will try again');
    return { kind: 'gateway-failed' };
  }
}

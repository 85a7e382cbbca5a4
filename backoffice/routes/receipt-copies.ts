/**
 * Copies of a receipt the kiosk could not print (its printer out of paper or failing after the submission):
 * PUT /desk-prints/{submissionKey} queues it for the hall's desk printer, PUT /receipt-sms/{submissionKey}
 * texts the receipt number to the phone on the form. One of each per submission; repeats answer the same.
 */
import { DeskPrintRequestSchema, ReceiptSmsRequestSchema } from '../api/schemas.ts';
import { invalidBody } from '../http/json-body.ts';
import { errorReply } from '../http/reply.ts';
import { signedJsonRoute } from '../http/route.ts';
import { receiveDeskPrint } from '../model/desk-prints.ts';
import { receiptKiosk } from '../model/numbers.ts';
import { sendReceiptSms } from '../model/receipt-sms.ts';
import { pathPattern, UUID } from './paths.ts';

/** The body names the submission of the path, and its receipt number this kiosk's. */
function refusal(path: string, body: { submissionKey: string; receiptNumber: string }, kioskId: string) {
  if (body.submissionKey.toLowerCase() !== path.toLowerCase()) return invalidBody(['submissionKey: must be the key in the path']);
  if (receiptKiosk(body.receiptNumber) !== kioskId) return errorReply(403, 'wrong-kiosk', { message: 'the receipt number names another kiosk' });
  return undefined;
}

export const deskPrintRoute = signedJsonRoute({
  method: 'PUT',
  path: pathPattern('desk-prints', UUID),
  maxBody: 64 * 1024,
  schema: DeskPrintRequestSchema,
  async handle({ db, now, params, kioskId }, request) {
    const refused = refusal(params[0]!, request, kioskId);
    if (refused) return refused;
    const outcome = await receiveDeskPrint(db, kioskId, request, now());
    if (outcome.kind === 'idempotency-conflict') return errorReply(409, outcome.kind, { message: 'this receipt was queued with another body' });
    return { status: outcome.kind === 'created' ? 201 : 200, json: JSON.stringify(outcome.ack) };
  },
});

export const receiptSmsRoute = signedJsonRoute({
  method: 'PUT',
  path: pathPattern('receipt-sms', UUID),
  maxBody: 4 * 1024,
  schema: ReceiptSmsRequestSchema,
  async handle({ db, now, params, kioskId, sms, log }, request) {
    const refused = refusal(params[0]!, request, kioskId);
    if (refused) return refused;
    const outcome = await sendReceiptSms(db, sms, log, kioskId, request, now);
    if (outcome.kind === 'idempotency-conflict') return errorReply(409, outcome.kind, { message: 'this receipt number was texted with another body' });
    if (outcome.kind === 'gateway-failed') return errorReply(503, 'sms-gateway-unavailable', { message: 'the SMS gateway did not take the message; try again later' });
    return { status: outcome.kind === 'sent' ? 201 : 200, json: JSON.stringify(outcome.ack) };
  },
});

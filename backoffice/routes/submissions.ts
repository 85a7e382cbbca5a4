/**
 * PUT /submissions/{idempotencyKey} (docs/backoffice-api.md). Beyond the schema, a submission must name
 * its own kiosk in the receipt number (403), list each item once, reference in its signature values only
 * attachments it lists, and carry inline only listed attachments of their size and hash.
 */
import { MAX_INLINE_ATTACHMENT_BYTES, SubmissionRequestSchema, type SubmissionRequest } from '../api/schemas.ts';
import { sha256Hex } from '../api/signing.ts';
import { invalidBody } from '../http/json-body.ts';
import { errorReply } from '../http/reply.ts';
import { signedJsonRoute } from '../http/route.ts';
import { receiptKiosk } from '../model/numbers.ts';
import { receiveSubmission } from '../model/submissions.ts';
import { pathPattern, UUID } from './paths.ts';

/** Records, attachments listed: up to a megabyte of JSON. */
export const MAX_SUBMISSION_BYTES = 1024 * 1024;
const ATTACHMENT_REFERENCE = /^sha256:(.*)$/;

/** Each inline attachment must be listed, small enough, and hash to its name. */
function inlineProblems(request: SubmissionRequest): string[] {
  const sizes = new Map(request.attachments.map((a) => [a.sha256, a.size]));
  const seen = new Set<string>();
  return (request.inline ?? []).flatMap(({ sha256, content }, i) => {
    const bytes = Buffer.from(content, 'base64');
    if (!sizes.has(sha256)) return [`inline.${i}.sha256: ${sha256} is not among the attachments`];
    if (seen.has(sha256)) return [`inline.${i}.sha256: ${sha256} is inline twice`];
    seen.add(sha256);
    if (bytes.byteLength !== sizes.get(sha256) || bytes.byteLength > MAX_INLINE_ATTACHMENT_BYTES) return [`inline.${i}.content: ${bytes.byteLength} bytes, not the listed size or over ${MAX_INLINE_ATTACHMENT_BYTES}`];
    return sha256Hex(bytes) === sha256 ? [] : [`inline.${i}.content: does not hash to ${sha256}`];
  });
}

function problems(request: SubmissionRequest): string[] {
  const found: string[] = inlineProblems(request);
  const listed = new Set(request.attachments.map((a) => a.sha256));
  const seen = new Set<string>();
  request.record.items.forEach((item, i) => {
    if (seen.has(item.itemCode)) found.push(`record.items.${i}.itemCode: ${item.itemCode} is listed twice`);
    seen.add(item.itemCode);
    for (const [key, value] of Object.entries(item.values)) {
      const reference = typeof value === 'string' ? ATTACHMENT_REFERENCE.exec(value) : null;
      if (reference && !listed.has(reference[1]!)) found.push(`record.items.${i}.values.${key}: ${value} is not among the attachments`);
    }
  });
  return found;
}

export const submissionRoute = signedJsonRoute({
  method: 'PUT',
  path: pathPattern('submissions', UUID),
  maxBody: MAX_SUBMISSION_BYTES,
  schema: SubmissionRequestSchema,
  async handle({ db, now, params, kioskId }, request) {
    if (receiptKiosk(request.receiptNumber) !== kioskId) return errorReply(403, 'wrong-kiosk', { message: 'the receipt number names another kiosk' });
    const found = problems(request);
    if (found.length > 0) return invalidBody(found);
    const outcome = await receiveSubmission(db, { key: params[0]!, kioskId, request, now: now() });
    switch (outcome.kind) {
      case 'created':
        return { status: 201, json: outcome.ack };
      case 'repeated':
        return { status: 200, json: outcome.ack };
      case 'idempotency-conflict':
        return errorReply(409, outcome.kind, { message: 'this key was used with another body' });
      case 'receipt-number-conflict':
        return errorReply(409, outcome.kind, { message: 'this receipt number belongs to another submission' });
      case 'missing-attachments':
        return errorReply(422, outcome.kind, { missing: outcome.missing });
    }
  },
});

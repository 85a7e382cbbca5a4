/**
 * PUT /ratings/{submissionKey}: 好差评, one per submission and channel. The key in the path is the rated
 * submission's idempotency key; levels 1 and 2 need a reason.
 */
import { RatingRequestSchema } from '../api/schemas.ts';
import { invalidBody } from '../http/json-body.ts';
import { errorReply } from '../http/reply.ts';
import { signedJsonRoute } from '../http/route.ts';
import { receiptKiosk } from '../model/numbers.ts';
import { receiveRating } from '../model/ratings.ts';
import { pathPattern, UUID } from './paths.ts';

export const ratingRoute = signedJsonRoute({
  method: 'PUT',
  path: pathPattern('ratings', UUID),
  maxBody: 16 * 1024,
  schema: RatingRequestSchema,
  async handle({ db, now, params, kioskId }, request) {
    if (request.submissionKey.toLowerCase() !== params[0]!.toLowerCase()) return invalidBody(['submissionKey: must be the key in the path']);
    if (receiptKiosk(request.receiptNumber) !== kioskId) return errorReply(403, 'wrong-kiosk', { message: 'the receipt number names another kiosk' });
    if (request.level <= 2 && request.reasons.length === 0) return errorReply(422, 'reason-required', { message: 'levels 1 and 2 need at least one reason' });
    const outcome = await receiveRating(db, kioskId, request, now());
    if (outcome.kind === 'idempotency-conflict') return errorReply(409, outcome.kind, { message: 'this submission was rated with another body' });
    return { status: outcome.kind === 'created' ? 201 : 200, json: outcome.ack };
  },
});

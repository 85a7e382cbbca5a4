/**
 * The 好差评 rating of a finished session as a message for the back office (PUT /ratings/{key}): one per
 * submission and channel, keyed by the submission's idempotency key so a repeat changes nothing.
 */
import type { RatingRequest } from '../../backoffice/api/schemas.ts';
import type { MessageInput } from '../store/messages.ts';
import type { TransactionContext } from './transaction-types.ts';

/** The rating to queue when the session ends, or none (no rating given, or nothing was submitted). */
export function ratingMessages(context: Pick<TransactionContext, 'rating' | 'submission'>, ratedAt: number): MessageInput[] {
  const { rating, submission } = context;
  if (!rating || !submission) return [];
  const payload: RatingRequest = {
    submissionKey: submission.idempotencyKey,
    receiptNumber: submission.receiptNumber,
    channel: 'kiosk',
    level: rating.level,
    reasons: [...rating.reasons],
    ...(rating.comment ? { comment: rating.comment } : {}),
    ratedAt,
  };
  return [{ kind: 'rating', key: submission.idempotencyKey, payload }];
}

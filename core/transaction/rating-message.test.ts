import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { RatingRequestSchema } from '../../backoffice/api/schemas.ts';
import { ratingMessages } from './rating-message.ts';

const submission = { idempotencyKey: randomUUID(), receiptNumber: 'SL-K01-20260305-000001' };

describe('ratingMessages', () => {
  it('makes one rating message keyed by the submission, valid for the back office', () => {
    const [message, ...rest] = ratingMessages({ submission, rating: { level: 1, reasons: ['slow'], comment: '等太久' } }, 1_000);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ kind: 'rating', key: submission.idempotencyKey });
    expect(v.parse(RatingRequestSchema, message!.payload)).toEqual({
      submissionKey: submission.idempotencyKey,
      receiptNumber: submission.receiptNumber,
      channel: 'kiosk',
      level: 1,
      reasons: ['slow'],
      comment: '等太久',
      ratedAt: 1_000,
    });
  });

  it('makes none without a rating or without a submission', () => {
    expect(ratingMessages({ submission, rating: null }, 1)).toEqual([]);
    expect(ratingMessages({ submission: null, rating: { level: 5, reasons: [] } }, 1)).toEqual([]);
  });
});

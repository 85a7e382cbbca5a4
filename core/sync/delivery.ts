/**
 * Delivering one claimed row, and what its result means for the row. A submission's large attachments go
 * first (resumable), small ones (signatures) inside the submission itself, sent under its idempotency key;
 * a message (a rating, a receipt copy) is one request to its kind's endpoint.
 * The store's own failures (a payload that no longer opens) park the row: retrying cannot fix them, and
 * parking keeps the data for the technician.
 */
import {
  MAX_INLINE_ATTACHMENT_BYTES,
  type DeskPrintRequest,
  type RatingRequest,
  type ReceiptSmsRequest,
  type SubmissionAck,
  type SubmissionRequest,
} from '../../backoffice/api/schemas.ts';
import type { DeliveryOutcome } from '../store/delivery-queue.ts';
import { isStoreError } from '../store/errors.ts';
import type { ClaimedMessage } from '../store/messages.ts';
import type { CaseNumbers, ClaimedSubmission } from '../store/outbox.ts';
import { uploadAttachment, type UploadClient } from './attachment-upload.ts';
import type { BackOfficeClient } from './backoffice-client.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import type { BackOfficeResult, CallOptions } from './client-types.ts';

/** What delivery needs of the client; tests and the fault harness may pass their own. */
export type DeliveryClient = UploadClient & Pick<BackOfficeClient, 'putSubmission' | 'putRating' | 'putDeskPrint' | 'putReceiptSms'>;

/** Whether an attachment rides in its submission's request (a signature) rather than going first. */
export function travelsInline(size: number): boolean {
  return size <= MAX_INLINE_ATTACHMENT_BYTES;
}

export async function deliverSubmission(
  client: DeliveryClient,
  row: ClaimedSubmission,
  attachmentBytes: (sha256: string) => Uint8Array,
  options?: CallOptions,
): Promise<BackOfficeResult<CaseNumbers>> {
  return storeFailuresPark(async () => {
    // Opened first: a payload that cannot be opened is parked before anything is uploaded for it.
    const record = row.openPayload();
    const sent = new Set<string>();
    const inline: { sha256: string; content: string }[] = [];
    for (const ref of row.attachments) {
      if (sent.has(ref.sha256)) continue;
      sent.add(ref.sha256);
      // A larger attachment goes first, resumably.
      if (travelsInline(ref.size)) {
        inline.push({ sha256: ref.sha256, content: Buffer.from(attachmentBytes(ref.sha256)).toString('base64') });
        continue;
      }
      const result = await uploadAttachment(client, ref, () => attachmentBytes(ref.sha256), options);
      if (result.kind !== 'ok') return result;
    }
    // The client checks the request against the API's schema before sending it (and parks it if it fails).
    const request = {
      receiptNumber: row.receiptNumber,
      catalogVersion: row.catalogVersion,
      record,
      attachments: row.attachments,
      ...(inline.length > 0 ? { inline } : {}),
    } as SubmissionRequest;
    const answer = await client.putSubmission(row.idempotencyKey, request, options);
    if (answer.kind !== 'ok') return answer;
    if (!acknowledges(answer.value, row)) return { kind: 'retry', reason: 'invalid-answer: acknowledgement of another submission', reached: true };
    return { kind: 'ok', value: answer.value.caseNumbers };
  });
}

export async function deliverMessage(client: DeliveryClient, row: ClaimedMessage, options?: CallOptions): Promise<BackOfficeResult<null>> {
  return storeFailuresPark(async () => {
    const answer = await sendMessage(client, row, options);
    return answer.kind === 'ok' ? { kind: 'ok', value: null } : answer;
  });
}

function sendMessage(client: DeliveryClient, row: ClaimedMessage, options?: CallOptions): Promise<BackOfficeResult<unknown>> {
  // The client checks the payload against the kind's schema before sending it (and parks it if it fails).
  switch (row.kind) {
    case 'rating':
      return client.putRating(row.key, row.openPayload() as RatingRequest, options);
    case 'deskPrint':
      return client.putDeskPrint(row.key, row.openPayload() as DeskPrintRequest, options);
    case 'receiptSms':
      return client.putReceiptSms(row.key, row.openPayload() as ReceiptSmsRequest, options);
  }
}

function acknowledges(ack: SubmissionAck, row: ClaimedSubmission): boolean {
  return ack.idempotencyKey === row.idempotencyKey && ack.receiptNumber === row.receiptNumber;
}

async function storeFailuresPark<T>(deliver: () => Promise<BackOfficeResult<T>>): Promise<BackOfficeResult<T>> {
  try {
    return await deliver();
  } catch (error) {
    if (isStoreError(error)) return { kind: 'park', reason: `store:${error.code}` };
    throw error;
  }
}

/**
 * The row's outcome for a delivery result. A back office that answered (or may have seen the request)
 * pushes the row back by its own backoff; one never reached keeps the row in its place, since the row
 * was not the problem. Credentials refused: the row is released untouched. Pure.
 */
export function outcomeOf<Ack>(
  row: { readonly id: number; readonly attempts: number },
  result: BackOfficeResult<Ack>,
  now: number,
  random: () => number,
  policy?: BackoffPolicy,
): DeliveryOutcome<Ack> {
  switch (result.kind) {
    case 'ok':
      return { id: row.id, kind: 'delivered', ack: result.value };
    case 'park':
      return { id: row.id, kind: 'park', reason: result.reason };
    case 'auth':
      return { id: row.id, kind: 'release' };
    case 'retry':
      return { id: row.id, kind: 'retry', reason: result.reason, nextAttemptAt: result.reached ? now + backoffDelay(row.attempts + 1, random, policy) : null };
  }
}

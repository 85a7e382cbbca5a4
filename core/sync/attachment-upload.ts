/**
 * Uploads one content-addressed attachment, resumably (docs/backoffice-api.md, "Attachments"): the back
 * office says how much it holds and the upload continues from there, never from the start. An attachment
 * that fits in one chunk is sent straight away (the back office answers 409 with what it holds if that
 * was not the place to start, and 200 complete if it has it all), so a signature costs one request.
 */
import { MAX_CHUNK_BYTES } from '../../backoffice/api/schemas.ts';
import type { AttachmentRef } from '../store/attachments.ts';
import type { BackOfficeClient } from './backoffice-client.ts';
import type { BackOfficeResult, CallOptions } from './client-types.ts';

export type UploadClient = Pick<BackOfficeClient, 'attachmentStatus' | 'putAttachmentChunk'>;

/** Beyond the chunks the attachment needs, how many surprises (offset corrections) an upload tolerates. */
const SPARE_REQUESTS = 8;

export async function uploadAttachment(
  client: UploadClient,
  ref: Pick<AttachmentRef, 'sha256' | 'size'>,
  /** The attachment's bytes, read only when a chunk must be sent. */
  bytes: () => Uint8Array,
  options?: CallOptions,
): Promise<BackOfficeResult<void>> {
  let offset = 0;
  if (ref.size > MAX_CHUNK_BYTES) {
    const status = await client.attachmentStatus(ref.sha256, options);
    if (status.kind !== 'ok') return status;
    if (status.value?.complete) return done();
    offset = status.value?.received ?? 0;
  }
  let data: Uint8Array | undefined;
  for (let request = 0; request < Math.ceil(ref.size / MAX_CHUNK_BYTES) + SPARE_REQUESTS; request++) {
    if (offset < 0 || offset >= ref.size) return { kind: 'retry', reason: 'invalid-answer: attachment offset', reached: true };
    data ??= bytes();
    const answer = await client.putAttachmentChunk(ref.sha256, offset, ref.size, data.subarray(offset, offset + MAX_CHUNK_BYTES), options);
    if (answer.kind !== 'ok') return answer;
    if ('offsetMismatch' in answer.value) {
      offset = answer.value.offsetMismatch;
      // What the back office holds may be the whole attachment, already checked.
      if (offset === ref.size) return confirmComplete(client, ref.sha256, options);
      continue;
    }
    if (answer.value.status.complete) return done();
    offset = answer.value.status.received;
  }
  return { kind: 'retry', reason: 'upload-stalled', reached: true };
}

async function confirmComplete(client: UploadClient, sha256: string, options?: CallOptions): Promise<BackOfficeResult<void>> {
  const status = await client.attachmentStatus(sha256, options);
  if (status.kind !== 'ok') return status;
  return status.value?.complete ? done() : { kind: 'retry', reason: 'upload-stalled', reached: true };
}

function done(): BackOfficeResult<void> {
  return { kind: 'ok', value: undefined };
}

/**
 * GET /attachments/{sha256} and PUT /attachments/{sha256}?offset=N&size=S: resumable, content-addressed
 * uploads in chunks of at most 256 KB (docs/backoffice-api.md).
 */
import { MAX_ATTACHMENT_BYTES, MAX_CHUNK_BYTES } from '../api/schemas.ts';
import { errorReply, reply, type Reply } from '../http/reply.ts';
import type { Route } from '../http/route.ts';
import { attachmentStatus, receiveChunk, type Chunk } from '../model/attachments.ts';
import { pathPattern, SHA256 } from './paths.ts';

const path = pathPattern('attachments', SHA256);

function integer(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  return text !== null && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** The chunk a PUT carries, or why it is not one. */
function chunkOf(sha256: string, query: URLSearchParams, bytes: Uint8Array): Chunk | Reply {
  const offset = integer(query, 'offset');
  const size = integer(query, 'size');
  const issues: string[] = [];
  if (size === undefined || size < 1 || size > MAX_ATTACHMENT_BYTES) issues.push(`size: an integer from 1 to ${MAX_ATTACHMENT_BYTES}`);
  if (offset === undefined) issues.push('offset: an integer from 0');
  if (bytes.byteLength === 0) issues.push('body: an empty chunk');
  if (issues.length === 0 && offset! + bytes.byteLength > size!) issues.push('body: the chunk goes past size');
  return issues.length > 0 ? errorReply(400, 'invalid-query', { issues }) : { sha256, size: size!, offset: offset!, bytes };
}

export const attachmentStatusRoute: Route = {
  method: 'GET',
  path,
  signed: true,
  maxBody: 0,
  async handle({ db, params }) {
    const status = await attachmentStatus(db, params[0]!);
    return status ? reply(200, status) : errorReply(404, 'not-found');
  },
};

export const attachmentChunkRoute: Route = {
  method: 'PUT',
  path,
  signed: true,
  maxBody: MAX_CHUNK_BYTES,
  contentType: 'application/octet-stream',
  async handle({ db, now, params, query, body }) {
    const chunk = chunkOf(params[0]!, query, body);
    if ('status' in chunk) return chunk;
    const outcome = await receiveChunk(db, chunk, now());
    switch (outcome.kind) {
      case 'status':
        return reply(200, outcome.status);
      case 'offset-mismatch':
        return errorReply(409, outcome.kind, { received: outcome.received });
      case 'size-mismatch':
        return errorReply(409, outcome.kind, { size: outcome.size });
      case 'hash-mismatch':
        return errorReply(422, outcome.kind, { message: 'the content does not match its SHA-256; the upload was discarded' });
    }
  },
};

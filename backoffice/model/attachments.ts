/**
 * Content-addressed, resumable attachment uploads. Progress lives in the database (the chunks received so
 * far), so an upload interrupted on one instance continues on any other. The attachment's row is locked
 * while a chunk is added, so two uploads of the same content take turns. When the last byte arrives the
 * chunks are joined and hashed in SQL; content that does not match its name is discarded. An attachment
 * that arrives whole in its first chunk (a signature) is checked here and stored complete by one statement.
 */
import type { AttachmentStatus } from '../api/schemas.ts';
import { sha256Hex } from '../api/signing.ts';
import type { Database, Queryable } from '../db/database.ts';

export interface Chunk {
  readonly sha256: string;
  /** The attachment's total size. */
  readonly size: number;
  readonly offset: number;
  readonly bytes: Uint8Array;
}

export type ChunkOutcome =
  | { readonly kind: 'status'; readonly status: AttachmentStatus }
  | { readonly kind: 'offset-mismatch'; readonly received: number }
  | { readonly kind: 'size-mismatch'; readonly size: number }
  | { readonly kind: 'hash-mismatch' };

interface Row {
  size: number;
  received: number;
  complete: boolean;
}

function status(sha256: string, row: Row): ChunkOutcome {
  return { kind: 'status', status: { sha256, size: row.size, received: row.received, complete: row.complete } };
}

const LOCK_ROW = 'SELECT size, received, complete FROM attachments WHERE sha256 = $1 FOR UPDATE';

/** What the back office holds of an attachment; undefined when nothing was received yet. */
export async function attachmentStatus(db: Queryable, sha256: string): Promise<AttachmentStatus | undefined> {
  const rows = await db.query<Row>('SELECT size, received, complete FROM attachments WHERE sha256 = $1 AND received > 0', [sha256]);
  const row = rows[0];
  return row && { sha256, size: row.size, received: row.received, complete: row.complete };
}

async function lockOrStart(tx: Queryable, chunk: Chunk, now: number): Promise<Row | undefined> {
  const [row] = await tx.query<Row>(LOCK_ROW, [chunk.sha256]);
  if (row || chunk.offset !== 0) return row;
  await tx.query('INSERT INTO attachments (sha256, size, received, started_at) VALUES ($1, $2, 0, $3) ON CONFLICT (sha256) DO NOTHING', [chunk.sha256, chunk.size, now]);
  return (await tx.query<Row>(LOCK_ROW, [chunk.sha256]))[0];
}

/** Joins the chunks and checks the hash; the attachment is complete, or gone. */
async function finish(tx: Queryable, sha256: string, now: number): Promise<boolean> {
  const [joined] = await tx.query<{ hash: string }>(
    `UPDATE attachments
        SET content = (SELECT string_agg(bytes, ''::bytea ORDER BY chunk_offset) FROM attachment_chunks WHERE sha256 = $1)
      WHERE sha256 = $1
      RETURNING encode(sha256(content), 'hex') AS hash`,
    [sha256],
  );
  if (joined?.hash !== sha256) {
    await tx.query('DELETE FROM attachments WHERE sha256 = $1', [sha256]);
    return false;
  }
  await tx.query('UPDATE attachments SET complete = true, completed_at = $2 WHERE sha256 = $1', [sha256, now]);
  await tx.query('DELETE FROM attachment_chunks WHERE sha256 = $1', [sha256]);
  return true;
}

/**
 * The whole attachment in one chunk, matching its hash, stored complete unless the back office holds some
 * of it already (then undefined: the chunk takes the general path, which answers from what is held). One
 * statement instead of a transaction of ten: most attachments are signatures of a kilobyte.
 */
async function receiveWhole(db: Queryable, chunk: Chunk, now: number): Promise<ChunkOutcome | undefined> {
  if (chunk.offset !== 0 || chunk.bytes.byteLength !== chunk.size || sha256Hex(chunk.bytes) !== chunk.sha256) return undefined;
  const [row] = await db.query<Row>(
    `INSERT INTO attachments (sha256, size, received, complete, content, started_at, completed_at) VALUES ($1, $2, $2, true, $3, $4, $4)
     ON CONFLICT (sha256) DO NOTHING RETURNING size, received, complete`,
    [chunk.sha256, chunk.size, chunk.bytes, now],
  );
  return row && status(chunk.sha256, row);
}

/** Adds a chunk at `offset`, which must be what the back office already holds. */
export async function receiveChunk(db: Database, chunk: Chunk, now: number): Promise<ChunkOutcome> {
  const whole = await receiveWhole(db, chunk, now);
  if (whole) return whole;
  return db.transaction(async (tx) => {
    const row = await lockOrStart(tx, chunk, now);
    if (!row) return { kind: 'offset-mismatch', received: 0 };
    if (row.size !== chunk.size) return { kind: 'size-mismatch', size: row.size };
    if (row.complete) return status(chunk.sha256, row);
    if (row.received !== chunk.offset) return { kind: 'offset-mismatch', received: row.received };
    await tx.query('INSERT INTO attachment_chunks (sha256, chunk_offset, bytes) VALUES ($1, $2, $3)', [chunk.sha256, chunk.offset, chunk.bytes]);
    const received = chunk.offset + chunk.bytes.byteLength;
    await tx.query('UPDATE attachments SET received = $2 WHERE sha256 = $1', [chunk.sha256, received]);
    if (received < chunk.size) return status(chunk.sha256, { ...row, received });
    return (await finish(tx, chunk.sha256, now)) ? status(chunk.sha256, { ...row, received, complete: true }) : { kind: 'hash-mismatch' };
  });
}

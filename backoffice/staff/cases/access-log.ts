/**
 * Who saw a case's personal data unmasked (PIPL): written before the page shows it, read back on the case
 * page so every staff member sees who looked.
 */
import type { Queryable } from '../../db/database.ts';

export interface AccessEntry {
  readonly staffId: string;
  readonly staffName: string;
  readonly accessedAt: number;
}

/** How many of the latest entries the case page lists. */
const SHOWN = 20;

export async function logReveal(db: Queryable, staffId: string, submissionKey: string, now: number): Promise<void> {
  await db.query('INSERT INTO staff_access_log (staff_id, idempotency_key, accessed_at) VALUES ($1, $2, $3)', [staffId, submissionKey, now]);
}

export async function accessLog(db: Queryable, submissionKey: string): Promise<AccessEntry[]> {
  return db.query<AccessEntry>(
    `SELECT l.staff_id AS "staffId", st.name AS "staffName", l.accessed_at AS "accessedAt"
       FROM staff_access_log l JOIN staff st ON st.id = l.staff_id
      WHERE l.idempotency_key = $1 ORDER BY l.accessed_at DESC, l.id DESC LIMIT ${SHOWN}`,
    [submissionKey],
  );
}

/** Viewing a captured image is seeing personal data too: logged against every submission that holds it. */
export async function logAttachmentView(db: Queryable, staffId: string, sha256: string, now: number): Promise<void> {
  await db.query('INSERT INTO staff_access_log (staff_id, idempotency_key, accessed_at) SELECT DISTINCT $1, idempotency_key, $3::bigint FROM submission_attachments WHERE sha256 = $2', [staffId, sha256, now]);
}

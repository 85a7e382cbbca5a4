/**
 * Request nonces, remembered in the database so a replay is refused by every instance. A nonce needs
 * keeping only while its request's timestamp could still pass the skew check; twice that is kept.
 */
import { MAX_SKEW_MS } from '../api/signing.ts';
import type { Queryable } from '../db/database.ts';

export const NONCE_RETENTION_MS = 2 * MAX_SKEW_MS;

/** True the first time a kiosk's nonce is seen, false for a replay (refused by the primary key). */
export async function rememberNonce(db: Queryable, kioskId: string, nonce: string, now: number): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO request_nonces (kiosk_id, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING nonce',
    [kioskId, nonce, now],
  );
  return rows.length > 0;
}

export async function purgeNonces(db: Queryable, now: number): Promise<void> {
  await db.query('DELETE FROM request_nonces WHERE seen_at < $1', [now - NONCE_RETENTION_MS]);
}

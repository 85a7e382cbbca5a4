/**
 * Kiosks and their signing secrets. The secret is stored as issued: HMAC verification needs it, so the
 * database is as sensitive as the kiosks' credential files (backoffice/README.md).
 */
import { SECRET_PATTERN, type Credentials } from '../api/signing.ts';
import type { Queryable } from '../db/database.ts';

const KIOSK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class KioskError extends Error {}

function checkCredentials(credentials: Credentials): void {
  if (!KIOSK_ID.test(credentials.kioskId)) throw new KioskError(`kiosk id "${credentials.kioskId}": 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  if (!SECRET_PATTERN.test(credentials.secret)) throw new KioskError('the secret must be 32 random bytes in base64url (43 characters)');
}

/** Creates the kiosk or gives it a new secret, active again if it was revoked (the embedded kiosk, each start). */
export async function registerKiosk(db: Queryable, credentials: Credentials, now: number): Promise<void> {
  checkCredentials(credentials);
  await db.query(
    `INSERT INTO kiosks (id, secret, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET secret = excluded.secret, revoked_at = NULL`,
    [credentials.kioskId, credentials.secret, now],
  );
}

/** Creates a kiosk that must not exist yet, or exist revoked (the CLI's `kiosk add`). */
export async function addKiosk(db: Queryable, credentials: Credentials, now: number): Promise<void> {
  checkCredentials(credentials);
  const rows = await db.query(
    `INSERT INTO kiosks (id, secret, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET secret = excluded.secret, revoked_at = NULL WHERE kiosks.revoked_at IS NOT NULL
     RETURNING id`,
    [credentials.kioskId, credentials.secret, now],
  );
  if (rows.length === 0) throw new KioskError(`kiosk ${credentials.kioskId} already exists; revoke it first to issue new credentials`);
}

/** Whether a kiosk was active and is now revoked. */
export async function revokeKiosk(db: Queryable, kioskId: string, now: number): Promise<boolean> {
  const rows = await db.query('UPDATE kiosks SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [kioskId, now]);
  return rows.length > 0;
}

/** The secret of an active kiosk, undefined for an unknown or revoked one. */
export async function activeSecret(db: Queryable, kioskId: string): Promise<string | undefined> {
  const rows = await db.query<{ secret: string }>('SELECT secret FROM kiosks WHERE id = $1 AND revoked_at IS NULL', [kioskId]);
  return rows[0]?.secret;
}

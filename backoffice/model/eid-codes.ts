/**
 * The reference back office's stand-in for the national e-ID service (网证 / CTID). A QR e-ID holds no
 * personal data, only a short-lived opaque code that the issuer resolves to the holder's identity; so the
 * kiosk always asks the back office, and without a connection QR identification is not possible. The codes
 * live in the database (seeded with fake identities from fixtures/exchange.json); a real deployment asks
 * the issuer instead.
 */
import type { EidIdentity } from '../api/schemas.ts';
import type { Queryable } from '../db/database.ts';

/** Codes look like what e-ID apps show: a scheme prefix and an opaque token. */
export const EID_CODE = /^EID1:[0-9A-Z]{8,64}$/;

export async function resolveEidCode(db: Queryable, code: string): Promise<EidIdentity | undefined> {
  const [row] = await db.query<{ identity: EidIdentity }>('SELECT identity FROM eid_codes WHERE code = $1', [code]);
  return row?.identity;
}

/**
 * Verifies a signed request (api/signing.ts) against the database: the kiosk must exist and be active,
 * the signature and clock must hold, and the nonce must be new to every instance. Old nonces are purged
 * along the way, at most once a minute per instance.
 */
import type { IncomingMessage } from 'node:http';
import { parseAuthorization, verifySignature } from '../api/signing.ts';
import type { Database } from '../db/database.ts';
import { activeSecret } from '../model/kiosks.ts';
import { purgeNonces, rememberNonce } from '../model/nonces.ts';

export type AuthError = 'unsigned' | 'malformed-signature' | 'unknown-kiosk' | 'bad-signature' | 'stale-timestamp' | 'replayed';
export type AuthResult = { ok: true; kioskId: string } | { ok: false; error: AuthError };

const PURGE_EVERY_MS = 60_000;

export type Authenticator = (req: IncomingMessage, body: Uint8Array) => Promise<AuthResult>;

export function authenticator(db: Database, now: () => number): Authenticator {
  let purgedAt = Number.NEGATIVE_INFINITY;
  return async (req, body) => {
    const parsed = parseAuthorization(req.headers.authorization);
    if (!parsed.ok) return parsed;
    const { parts } = parsed;
    const secret = await activeSecret(db, parts.kioskId);
    if (!secret) return { ok: false, error: 'unknown-kiosk' };
    const at = now();
    const verified = verifySignature({ method: req.method ?? '', path: req.url ?? '', body }, parts, secret, at);
    if (!verified.ok) return verified;
    if (at - purgedAt >= PURGE_EVERY_MS) {
      purgedAt = at;
      await purgeNonces(db, at);
    }
    if (!(await rememberNonce(db, parts.kioskId, parts.nonce, at))) return { ok: false, error: 'replayed' };
    return { ok: true, kioskId: parts.kioskId };
  };
}

/**
 * Verifies a signed request (api/signing.ts) against the database: the kiosk must exist and be active
 * (its secret is trusted for a few seconds once read), and the signature and clock must hold. That the nonce is new to every instance is checked with the
 * handler's own work (nonce-guard.ts). Old nonces are purged along the way, at most once a minute per
 * instance.
 */
import type { IncomingMessage } from 'node:http';
import { parseAuthorization, verifySignature } from '../api/signing.ts';
import type { Database } from '../db/database.ts';
import { activeSecret } from '../model/kiosks.ts';
import { purgeNonces } from '../model/nonces.ts';

export type AuthError = 'unsigned' | 'malformed-signature' | 'unknown-kiosk' | 'bad-signature' | 'stale-timestamp' | 'replayed';
/** A verified request; its nonce is remembered with the handler's work (nonce-guard.ts), not here. */
export type AuthResult = { ok: true; kioskId: string; nonce: string; at: number } | { ok: false; error: AuthError };

const PURGE_EVERY_MS = 60_000;
/**
 * How long an instance trusts a kiosk's secret it has read: reading it costs more than anything else a
 * delivery does on PGlite. A revoked kiosk is refused by every instance within this long; a new secret is
 * read at once, since a signature that fails against the remembered one is checked against the database's.
 */
export const SECRET_TRUST_MS = 5_000;

export type Authenticator = (req: IncomingMessage, body: Uint8Array) => Promise<AuthResult>;

export function authenticator(db: Database, now: () => number): Authenticator {
  let purgedAt = Number.NEGATIVE_INFINITY;
  const secrets = new Map<string, { secret: string; until: number }>();
  const read = async (kioskId: string, at: number) => {
    const secret = await activeSecret(db, kioskId);
    if (secret) secrets.set(kioskId, { secret, until: at + SECRET_TRUST_MS });
    else secrets.delete(kioskId);
    return secret;
  };
  return async (req, body) => {
    const parsed = parseAuthorization(req.headers.authorization);
    if (!parsed.ok) return parsed;
    const { parts } = parsed;
    const at = now();
    const known = secrets.get(parts.kioskId);
    const remembered = known && known.until > at ? known.secret : undefined;
    const secret = remembered ?? (await read(parts.kioskId, at));
    if (!secret) return { ok: false, error: 'unknown-kiosk' };
    const request = { method: req.method ?? '', path: req.url ?? '', body };
    let verified = verifySignature(request, parts, secret, at);
    if (!verified.ok && verified.error === 'bad-signature' && remembered) {
      // The kiosk may have been given a new secret (or revoked) since: the database decides.
      const current = await read(parts.kioskId, at);
      if (!current) return { ok: false, error: 'unknown-kiosk' };
      verified = verifySignature(request, parts, current, at);
    }
    if (!verified.ok) return verified;
    if (at - purgedAt >= PURGE_EVERY_MS) {
      purgedAt = at;
      await purgeNonces(db, at);
    }
    return { ok: true, kioskId: parts.kioskId, nonce: parts.nonce, at };
  };
}

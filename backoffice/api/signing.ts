/**
 * Request signing between a kiosk and the back office (docs/backoffice-api.md, "Signing"). Every kiosk
 * request carries one header:
 *
 *   Authorization: KIOSK-HMAC-SHA256 Credential=<kioskId>, Timestamp=<ms>, Nonce=<nonce>, Signature=<hex>
 *
 * where Signature = hex(HMAC-SHA256(secret, stringToSign)) and stringToSign is the lines
 * `KIOSK-HMAC-SHA256`, kiosk id, method, path with query, timestamp, nonce and hex SHA-256 of the body,
 * joined by "\n". The body hash binds the body; the timestamp bounds a request's life to the skew window;
 * the nonce, remembered by the back office's database for that window, refuses replays.
 *
 * Pure functions over strings and bytes: the kiosk's client and the back office's verifier share them.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNING_SCHEME = 'KIOSK-HMAC-SHA256';
/** A request is accepted up to this far from the back office's clock, either way. */
export const MAX_SKEW_MS = 5 * 60_000;
/** Kiosk secrets are 32 random bytes, base64url (43 characters). */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const KIOSK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;

export interface SignedRequest {
  readonly method: string;
  /** Path and query exactly as sent, e.g. `/api/v1/cases/query`. */
  readonly path: string;
  readonly body: Uint8Array | string;
}

export interface Credentials {
  readonly kioskId: string;
  /** base64url of 32 random bytes. */
  readonly secret: string;
}

export interface SignatureParts {
  readonly kioskId: string;
  readonly timestamp: number;
  readonly nonce: string;
  readonly signature: string;
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function stringToSign(request: SignedRequest, kioskId: string, timestamp: number, nonce: string): string {
  return [SIGNING_SCHEME, kioskId, request.method.toUpperCase(), request.path, String(timestamp), nonce, sha256Hex(request.body)].join('\n');
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', Buffer.from(secret, 'base64url')).update(text).digest('hex');
}

/** The Authorization header value for `request`, signed now with a fresh nonce. */
export function authorizationHeader(request: SignedRequest, credentials: Credentials, now: number = Date.now(), nonce: string = randomBytes(18).toString('base64url')): string {
  const signature = hmac(credentials.secret, stringToSign(request, credentials.kioskId, now, nonce));
  return `${SIGNING_SCHEME} Credential=${credentials.kioskId}, Timestamp=${now}, Nonce=${nonce}, Signature=${signature}`;
}

/** The parts of an Authorization header, or why it cannot be one of ours. */
export function parseAuthorization(header: string | undefined): { ok: true; parts: SignatureParts } | { ok: false; error: 'unsigned' | 'malformed-signature' } {
  if (!header) return { ok: false, error: 'unsigned' };
  if (!header.startsWith(`${SIGNING_SCHEME} `)) return { ok: false, error: 'malformed-signature' };
  const fields = new Map<string, string>();
  for (const pair of header.slice(SIGNING_SCHEME.length + 1).split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) return { ok: false, error: 'malformed-signature' };
    const name = pair.slice(0, eq).trim();
    if (fields.has(name)) return { ok: false, error: 'malformed-signature' };
    fields.set(name, pair.slice(eq + 1).trim());
  }
  const kioskId = fields.get('Credential') ?? '';
  const timestampText = fields.get('Timestamp') ?? '';
  const nonce = fields.get('Nonce') ?? '';
  const signature = fields.get('Signature') ?? '';
  if (fields.size !== 4 || !KIOSK_ID_PATTERN.test(kioskId) || !/^\d{1,15}$/.test(timestampText) || !NONCE_PATTERN.test(nonce) || !HEX_SIGNATURE.test(signature)) {
    return { ok: false, error: 'malformed-signature' };
  }
  return { ok: true, parts: { kioskId, timestamp: Number(timestampText), nonce, signature } };
}

export type VerifyError = 'bad-signature' | 'stale-timestamp';

/**
 * Checks the signature and the clock. The nonce is the caller's to remember (in its database, so every
 * back-office instance sees it): a valid signature with a seen nonce is a replay.
 */
export function verifySignature(request: SignedRequest, parts: SignatureParts, secret: string, now: number): { ok: true } | { ok: false; error: VerifyError } {
  const expected = Buffer.from(hmac(secret, stringToSign(request, parts.kioskId, parts.timestamp, parts.nonce)), 'hex');
  const given = Buffer.from(parts.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, error: 'bad-signature' };
  // Checked after the signature, so an attacker learns nothing about our clock from unsigned guesses.
  if (Math.abs(now - parts.timestamp) > MAX_SKEW_MS) return { ok: false, error: 'stale-timestamp' };
  return { ok: true };
}

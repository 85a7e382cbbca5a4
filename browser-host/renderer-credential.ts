/**
 * The credential a kiosk window presents to open the RPC WebSocket.
 *
 * It is derived from a 0600 key file in the data directory, so it survives a host restart (the open page
 * reconnects by itself) and is never on a command line, on stdout or in a URL: the window receives it from
 * a 0600 launch page that POSTs it once (launch-page.ts) and keeps it as an HttpOnly, SameSite=Strict session
 * cookie, which no script of the page can read and no other site's request carries.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { fileKeyProvider } from '../core/keys/key-file.ts';

export const CREDENTIAL_COOKIE = 'kiosk_renderer';
const KEY_FILE = 'browser-host.key';

/** Reads (or creates, 0600) the host's key; a key file others can read is refused, as for the store key. */
export async function loadRendererCredential(dataDir: string): Promise<string> {
  const key = await fileKeyProvider(join(dataDir, KEY_FILE)).getKey();
  return createHmac('sha256', key).update('kiosk renderer credential v1').digest('base64url');
}

export function sameCredential(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The credential cookie's value in a Cookie header, if present. */
export function credentialFromCookies(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === CREDENTIAL_COOKIE) return part.slice(separator + 1).trim();
  }
  return undefined;
}

export function credentialCookie(credential: string): string {
  // No Expires/Max-Age: a session cookie, gone when the browser closes.
  return `${CREDENTIAL_COOKIE}=${credential}; Path=/; HttpOnly; SameSite=Strict`;
}

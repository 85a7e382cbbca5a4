/**
 * Turns a scanned code's bytes into text. Chinese QR codes arrive in UTF-8 (most generators today) or
 * GB18030/GBK (older government and payment systems), and scanners pass the bytes through unchanged,
 * so the encoding is inferred: UTF-8 when the bytes are valid UTF-8, GB18030 otherwise.
 */
import iconv from 'iconv-lite';

export type PayloadEncoding = 'utf-8' | 'gb18030';

export interface DecodedPayload {
  readonly text: string;
  readonly encoding: PayloadEncoding;
}

/** Fatal, so invalid UTF-8 is detected instead of silently replaced; a leading BOM is dropped. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-8 wins whenever the bytes are valid UTF-8: GBK text that happens to be valid UTF-8 is rare and
 * short, while reading real UTF-8 as GB18030 would garble every Chinese character. GB18030 decoding
 * never fails; bytes invalid there too come out as U+FFFD (the raw bytes stay with the scan).
 */
export function decodePayload(bytes: Uint8Array): DecodedPayload {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}

/** The inverse, for the simulator and tests. */
export function encodePayload(text: string, encoding: PayloadEncoding): Uint8Array {
  return encoding === 'utf-8' ? new TextEncoder().encode(text) : new Uint8Array(iconv.encode(text, 'gb18030'));
}

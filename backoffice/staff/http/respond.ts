/**
 * How the staff page answers: every response carries the strict headers (a CSP with no script source at all,
 * no framing, no referrer, nothing cached), pages are HTML, and a form that succeeded redirects (303) so a
 * reload never posts it again.
 */
import type { ServerResponse } from 'node:http';
import type { Html } from '../present/html.ts';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export interface StaffReply {
  readonly status: number;
  readonly body?: Html | string | Uint8Array;
  readonly contentType?: string;
  /** Set-Cookie values. */
  readonly cookies?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

export function page(status: number, body: Html, cookies?: readonly string[]): StaffReply {
  return { status, body, contentType: 'text/html; charset=utf-8', cookies };
}

export function redirect(location: string, cookies?: readonly string[]): StaffReply {
  return { status: 303, headers: { location }, cookies };
}

export function sendStaffReply(res: ServerResponse, reply: StaffReply): void {
  const body = reply.body === undefined ? undefined : typeof reply.body === 'string' || reply.body instanceof Uint8Array ? reply.body : reply.body.text;
  const headers: Record<string, string | number | string[]> = { ...SECURITY_HEADERS, ...reply.headers };
  if (reply.cookies && reply.cookies.length > 0) headers['set-cookie'] = [...reply.cookies];
  if (body !== undefined) {
    headers['content-type'] = reply.contentType ?? 'text/html; charset=utf-8';
    headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

/**
 * A posted HTML form (application/x-www-form-urlencoded, the only kind the staff page's forms send), read
 * up to a small limit.
 */
import type { IncomingMessage } from 'node:http';
import { readBody } from '../../http/read-body.ts';

/** The largest form: a status change with a 500-character note, percent-encoded, fits many times over. */
export const MAX_FORM_BYTES = 16 * 1024;

export type FormResult = { readonly ok: true; readonly form: URLSearchParams } | { readonly ok: false; readonly status: 413 | 415 };

const utf8 = new TextDecoder('utf-8');

export async function readForm(req: IncomingMessage): Promise<FormResult> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return { ok: false, status: 415 };
  const read = await readBody(req, MAX_FORM_BYTES);
  if (!read.ok) return { ok: false, status: 413 };
  return { ok: true, form: new URLSearchParams(utf8.decode(read.body)) };
}

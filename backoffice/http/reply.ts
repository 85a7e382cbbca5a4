/**
 * What a route answers, as data: the server writes it (send). Every answer is JSON with
 * `cache-control: no-store`, except a 304, which has no body.
 */
import type { ServerResponse } from 'node:http';

export interface Reply {
  readonly status: number;
  /** JSON text, exactly as it goes on the wire (an idempotent repeat sends stored bytes). */
  readonly json?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function reply(status: number, body: unknown, headers?: Readonly<Record<string, string>>): Reply {
  return { status, json: JSON.stringify(body), headers };
}

/** `{"error": code, ...details}`, the shape of every error (docs/backoffice-api.md, "Errors"). */
export function errorReply(status: number, error: string, details: Readonly<Record<string, unknown>> = {}, headers?: Readonly<Record<string, string>>): Reply {
  return reply(status, { error, ...details }, headers);
}

export function send(res: ServerResponse, answer: Reply): void {
  const headers: Record<string, string | number> = { 'cache-control': 'no-store', ...answer.headers };
  if (answer.json === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = Buffer.byteLength(answer.json);
  res.writeHead(answer.status, headers);
  res.end(answer.json);
}

/**
 * A JSON body checked against its schema: 400 `malformed-json` when it is not UTF-8 JSON, 400
 * `invalid-body` with every failing path when it does not match.
 */
import * as v from 'valibot';
import { errorReply, type Reply } from './reply.ts';

const MAX_ISSUES = 20;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

/** "path: message" lines, as the API's invalid-body answer lists them. */
export function issueLines(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

export function invalidBody(issues: readonly string[]): Reply {
  return errorReply(400, 'invalid-body', { issues });
}

export function parseJsonBody<S extends v.GenericSchema>(schema: S, body: Uint8Array): Parsed<v.InferOutput<S>> {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(body));
  } catch {
    return { ok: false, reply: errorReply(400, 'malformed-json', { message: 'the body is not UTF-8 JSON' }) };
  }
  const result = v.safeParse(schema, json);
  return result.success ? { ok: true, value: result.output } : { ok: false, reply: invalidBody(issueLines(result.issues)) };
}

/**
 * What an answer from the back office means for the request that got it (docs/backoffice-api.md,
 * "Errors"), as pure functions over the status and the error body.
 */
import * as v from 'valibot';
import { ErrorBodySchema } from '../../backoffice/api/schemas.ts';
import type { BackOfficeResult } from './client-types.ts';
import type { HttpOutcome } from './http-transport.ts';

export type AnswerClass = 'ok' | 'retry' | 'park' | 'auth';

/**
 * 2xx ok; 408, 429 and 5xx retry; 401 and 403 wrong-kiosk are the kiosk's credentials (never the row's);
 * any other 4xx parks. Anything else (1xx, 3xx) is not an answer we asked for: retry.
 */
export function classifyStatus(status: number, error: string | undefined): AnswerClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || (status === 403 && error === 'wrong-kiosk')) return 'auth';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 400 && status < 500) return 'park';
  return 'retry';
}

/** The `error` code of an error body, if the body is one. */
export function errorCode(body: Buffer): string | undefined {
  const parsed = v.safeParse(ErrorBodySchema, parseJson(body));
  return parsed.success ? parsed.output.error.slice(0, 64) : undefined;
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The result for a non-2xx answer, named by the back office's error code or by the status. */
export function failure(status: number, body: Buffer): BackOfficeResult<never> {
  const error = errorCode(body);
  const reason = error ?? `http-${status}`;
  const kind = classifyStatus(status, error);
  if (kind === 'auth' || kind === 'park') return { kind, reason, status };
  return { kind: 'retry', reason, reached: true, status };
}

/** The result when no answer came: always worth another try, later. */
export function noAnswer(outcome: Extract<HttpOutcome, { kind: 'no-answer' }>): BackOfficeResult<never> {
  const reason = outcome.code && outcome.reason !== 'unreachable' ? `${outcome.reason}:${outcome.code}` : outcome.reason;
  return { kind: 'retry', reason, reached: outcome.connected };
}

/** Dotted paths of what failed a schema; never the values, which may be personal. */
export function issuePaths(issues: readonly v.BaseIssue<unknown>[]): string {
  const paths = [...new Set(issues.map((issue) => v.getDotPath(issue) ?? '(root)'))];
  return paths.slice(0, 5).join(', ') + (paths.length > 5 ? ', …' : '');
}

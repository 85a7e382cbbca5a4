/**
 * One request, start to answer: Host check, route, content type, body limit, signature, handler. Every
 * failure becomes an answer with a status and an error code; nothing a client sends can crash the server
 * (an exception in a handler is a 500, a database that does not answer a 503).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX } from '../api/schemas.ts';
import { isUnavailable, type Database } from '../db/database.ts';
import type { BackOfficeLogger } from '../log.ts';
import type { SmsGateway } from '../sms/sms-gateway.ts';
import { isStaffPath } from '../staff/http/staff-page.ts';
import { authenticator } from './authenticate.ts';
import { guardNonce, Replayed } from './nonce-guard.ts';
import { readBody } from './read-body.ts';
import { errorReply, send, type Reply } from './reply.ts';
import type { Route } from './route.ts';

export interface RequestHandlerOptions {
  readonly db: Database;
  readonly now: () => number;
  readonly routes: readonly Route[];
  readonly allowHost: (host: string | undefined) => boolean;
  readonly log: BackOfficeLogger;
  readonly sms: SmsGateway;
  /** Answers /staff/… (the staff page, HTML), after the Host check. */
  readonly staffPage?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function requestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { db, now, routes, allowHost, log, sms } = options;
  const authenticate = authenticator(db, now);

  async function answer(req: IncomingMessage, url: URL): Promise<Reply> {
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return errorReply(404, 'not-found');
    const path = url.pathname.slice(API_PREFIX.length);
    const matching = routes.flatMap((route) => {
      const match = route.path.exec(path);
      return match ? [{ route, params: match.slice(1) }] : [];
    });
    if (matching.length === 0) return errorReply(404, 'not-found');
    const found = matching.find(({ route }) => route.method === req.method);
    if (!found) return errorReply(405, 'method-not-allowed', {}, { allow: matching.map(({ route }) => route.method).join(', ') });
    const { route, params } = found;

    const expected = route.contentType ?? 'application/json';
    if (route.maxBody > 0 && mediaType(req.headers['content-type']) !== expected) {
      return errorReply(415, 'unsupported-media-type', { message: `the body must be ${expected}` });
    }
    const read = await readBody(req, route.maxBody);
    if (!read.ok) return errorReply(413, 'too-large', { limit: route.maxBody }, { connection: 'close' });
    const context = { db, now, params, query: url.searchParams, headers: req.headers, body: read.body, sms, log };
    if (!route.signed) return route.handle(context);
    const auth = await authenticate(req, read.body);
    if (!auth.ok) return errorReply(401, auth.error);
    const guard = guardNonce(db, auth.kioskId, auth.nonce, auth.at);
    try {
      const reply = await route.handle({ ...context, db: guard.db, kioskId: auth.kioskId });
      await guard.settle();
      return reply;
    } catch (error) {
      if (error instanceof Replayed) return errorReply(401, 'replayed');
      throw error;
    }
  }

  return async (req, res) => {
    let reply: Reply;
    if (!allowHost(req.headers.host)) {
      reply = errorReply(421, 'misdirected-request', { message: 'this back office does not serve that Host' });
    } else if (options.staffPage && isStaffPath(req.url)) {
      return options.staffPage(req, res);
    } else {
      const url = URL.canParse(req.url ?? '', 'http://backoffice') ? new URL(req.url ?? '', 'http://backoffice') : undefined;
      try {
        reply = url ? await answer(req, url) : errorReply(400, 'bad-request');
      } catch (error) {
        const unavailable = isUnavailable(error);
        log.error({ method: req.method, path: url?.pathname, error: (error as Error).message, unavailable }, unavailable ? 'database unavailable' : 'request failed');
        reply = unavailable ? errorReply(503, 'unavailable') : errorReply(500, 'internal');
      }
    }
    if (!res.headersSent && !res.destroyed) send(res, reply);
  };
}

/** A route of the API: what it accepts, and the function that answers it. */
import type { IncomingHttpHeaders } from 'node:http';
import type * as v from 'valibot';
import type { Database } from '../db/database.ts';
import type { BackOfficeLogger } from '../log.ts';
import type { SmsGateway } from '../sms/sms-gateway.ts';
import { parseJsonBody } from './json-body.ts';
import type { Reply } from './reply.ts';

export interface RequestContext {
  readonly db: Database;
  readonly now: () => number;
  /** The captures of the route's path pattern. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
  /** Where text messages go (receipt numbers by SMS). */
  readonly sms: SmsGateway;
  readonly log: BackOfficeLogger;
}

export interface SignedContext extends RequestContext {
  /** The kiosk that signed the request. */
  readonly kioskId: string;
}

interface RouteShape {
  readonly method: 'GET' | 'PUT' | 'POST';
  /** Matched against the path after /api/v1, anchored. */
  readonly path: RegExp;
  /** Largest body accepted (bytes); 0 for none. */
  readonly maxBody: number;
  /** The content-type a body must have; JSON unless said otherwise. */
  readonly contentType?: 'application/octet-stream';
}

export type Route =
  | (RouteShape & { readonly signed: false; handle(ctx: RequestContext): Promise<Reply> })
  | (RouteShape & { readonly signed: true; handle(ctx: SignedContext): Promise<Reply> });

/** A signed route whose JSON body must match `schema`; `handle` gets the body parsed. */
export function signedJsonRoute<S extends v.GenericSchema>(route: {
  readonly method: 'PUT' | 'POST';
  readonly path: RegExp;
  readonly maxBody: number;
  readonly schema: S;
  handle(ctx: SignedContext, body: v.InferOutput<S>): Promise<Reply>;
}): Route {
  return {
    method: route.method,
    path: route.path,
    signed: true,
    maxBody: route.maxBody,
    async handle(ctx) {
      const parsed = parseJsonBody(route.schema, ctx.body);
      return parsed.ok ? route.handle(ctx, parsed.value) : parsed.reply;
    },
  };
}

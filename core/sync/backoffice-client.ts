/**
 * The kiosk's client for the back-office API v1 (docs/backoffice-api.md): one typed method per endpoint,
 * every request signed with the kiosk's credentials (backoffice/api/signing.ts) and checked against its
 * schema before it leaves, every answer checked against its schema when it arrives. Results are data
 * (client-types.ts): a back office that answers nonsense is treated like one that does not answer.
 */
import * as v from 'valibot';
import {
  API_PATHS,
  API_PREFIX,
  AttachmentStatusSchema,
  CaseQueryResponseSchema,
  CaseQuerySchema,
  CatalogResponseSchema,
  DeskPrintAckSchema,
  DeskPrintRequestSchema,
  EidRequestSchema,
  EidResponseSchema,
  ExchangeLookupRequestSchema,
  ExchangeLookupResponseSchema,
  ExchangePersonRequestSchema,
  ExchangePersonResponseSchema,
  HeartbeatAckSchema,
  HeartbeatRequestSchema,
  MAX_CHUNK_BYTES,
  RatingAckSchema,
  RatingRequestSchema,
  ReceiptSmsAckSchema,
  ReceiptSmsRequestSchema,
  SubmissionAckSchema,
  SubmissionRequestSchema,
  type AttachmentStatus,
  type CaseQuery,
  type CaseQueryResponse,
  type CatalogResponse,
  type DeskPrintAck,
  type DeskPrintRequest,
  type EidIdentity,
  type ExchangeLookupRequest,
  type ExchangeLookupResponse,
  type ExchangePersonRequest,
  type ExchangePersonResponse,
  type HeartbeatAck,
  type HeartbeatRequest,
  type RatingAck,
  type RatingRequest,
  type ReceiptSmsAck,
  type ReceiptSmsRequest,
  type SubmissionAck,
  type SubmissionRequest,
} from '../../backoffice/api/schemas.ts';
import { authorizationHeader, type Credentials } from '../../backoffice/api/signing.ts';
import { errorCode, failure, issuePaths, noAnswer, parseJson } from './answer.ts';
import type { BackOfficeResult, CallOptions, ExchangeApi } from './client-types.ts';
import { HttpTransport, type HttpOutcome, type HttpRequest, type TransportOptions } from './http-transport.ts';

export interface BackOfficeClientOptions extends TransportOptions {
  readonly credentials: Credentials;
  /** Clock for request timestamps; injectable for tests. */
  readonly now?: () => number;
}

/** Answers are small; a catalog is five YAML files. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const MAX_CATALOG_BYTES = 8 * 1024 * 1024;

/** The answer to PUT /attachments/{sha256}: the new state, or where the back office says to continue. */
export type ChunkAnswer = { readonly status: AttachmentStatus } | { readonly offsetMismatch: number };
/** The answer to GET /catalog: the catalog, or null when the kiosk's version is current (304). */
export type CatalogAnswer = CatalogResponse | null;
export type EidAnswer = { readonly identity: EidIdentity } | { readonly refused: 'unknown-code' | 'malformed-code' };

interface Call<T> {
  readonly method: HttpRequest['method'];
  readonly path: string;
  /** JSON request body (checked against `requestSchema`), or raw bytes. */
  readonly body?: unknown;
  readonly raw?: Uint8Array;
  readonly requestSchema?: v.GenericSchema;
  /** Schema of a 2xx answer's JSON body. */
  readonly answerSchema: v.GenericSchema<unknown, T>;
  /** Answers with a meaning of their own (a 404 that means "none", a 304), before the generic rules. */
  readonly special?: (status: number, body: Buffer) => { value: T } | undefined;
  readonly signed?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly maxResponseBytes?: number;
}

const ErrorWithReceived = v.looseObject({ error: v.literal('offset-mismatch'), received: v.pipe(v.number(), v.integer(), v.minValue(0)) });
const HealthSchema = v.looseObject({ status: v.literal('ok'), apiVersion: v.number() });

export class BackOfficeClient implements ExchangeApi {
  readonly #transport: HttpTransport;
  readonly #credentials: Credentials;
  readonly #now: () => number;

  constructor(options: BackOfficeClientOptions) {
    this.#transport = new HttpTransport(options);
    this.#credentials = options.credentials;
    this.#now = options.now ?? Date.now;
  }

  /** GET /health, unsigned: the reachability probe (the back office checks its database too). */
  health(options?: CallOptions): Promise<BackOfficeResult<{ apiVersion: number }>> {
    return this.#call({ method: 'GET', path: API_PATHS.health, signed: false, answerSchema: HealthSchema }, options);
  }

  putSubmission(key: string, request: SubmissionRequest, options?: CallOptions): Promise<BackOfficeResult<SubmissionAck>> {
    return this.#call(
      { method: 'PUT', path: API_PATHS.submission(encodeURIComponent(key)), body: request, requestSchema: SubmissionRequestSchema, answerSchema: SubmissionAckSchema },
      options,
    );
  }

  /** How much of an attachment the back office holds; null when it has received nothing yet. */
  attachmentStatus(sha256: string, options?: CallOptions): Promise<BackOfficeResult<AttachmentStatus | null>> {
    return this.#call(
      {
        method: 'GET',
        path: API_PATHS.attachment(encodeURIComponent(sha256)),
        answerSchema: AttachmentStatusSchema,
        special: (status, body) => (status === 404 && errorCode(body) === 'not-found' ? { value: null } : undefined),
      },
      options,
    );
  }

  /** One chunk (at most MAX_CHUNK_BYTES) of an attachment of `size` bytes, starting at `offset`. */
  putAttachmentChunk(sha256: string, offset: number, size: number, chunk: Uint8Array, options?: CallOptions): Promise<BackOfficeResult<ChunkAnswer>> {
    if (chunk.byteLength === 0 || chunk.byteLength > MAX_CHUNK_BYTES) return Promise.resolve({ kind: 'park', reason: 'invalid-request: chunk size' });
    return this.#call<ChunkAnswer>(
      {
        method: 'PUT',
        path: `${API_PATHS.attachment(encodeURIComponent(sha256))}?offset=${offset}&size=${size}`,
        raw: chunk,
        headers: { 'content-type': 'application/octet-stream' },
        answerSchema: v.pipe(AttachmentStatusSchema, v.transform((status) => ({ status }))),
        special: (status, body) => {
          const mismatch = status === 409 ? v.safeParse(ErrorWithReceived, parseJson(body)) : undefined;
          return mismatch?.success ? { value: { offsetMismatch: mismatch.output.received } } : undefined;
        },
      },
      options,
    );
  }

  putRating(key: string, request: RatingRequest, options?: CallOptions): Promise<BackOfficeResult<RatingAck>> {
    return this.#call({ method: 'PUT', path: API_PATHS.rating(encodeURIComponent(key)), body: request, requestSchema: RatingRequestSchema, answerSchema: RatingAckSchema }, options);
  }

  putDeskPrint(key: string, request: DeskPrintRequest, options?: CallOptions): Promise<BackOfficeResult<DeskPrintAck>> {
    return this.#call({ method: 'PUT', path: API_PATHS.deskPrint(encodeURIComponent(key)), body: request, requestSchema: DeskPrintRequestSchema, answerSchema: DeskPrintAckSchema }, options);
  }

  putReceiptSms(key: string, request: ReceiptSmsRequest, options?: CallOptions): Promise<BackOfficeResult<ReceiptSmsAck>> {
    return this.#call({ method: 'PUT', path: API_PATHS.receiptSms(encodeURIComponent(key)), body: request, requestSchema: ReceiptSmsRequestSchema, answerSchema: ReceiptSmsAckSchema }, options);
  }

  postHeartbeat(request: HeartbeatRequest, options?: CallOptions): Promise<BackOfficeResult<HeartbeatAck>> {
    return this.#call({ method: 'POST', path: API_PATHS.heartbeats, body: request, requestSchema: HeartbeatRequestSchema, answerSchema: HeartbeatAckSchema }, options);
  }

  /** The published catalog, or null when `currentVersion` is still the published one. */
  getCatalog(currentVersion?: string, options?: CallOptions): Promise<BackOfficeResult<CatalogAnswer>> {
    return this.#call(
      {
        method: 'GET',
        path: API_PATHS.catalog,
        ...(currentVersion ? { headers: { 'if-none-match': `"${currentVersion}"` } } : {}),
        answerSchema: CatalogResponseSchema,
        special: (status) => (status === 304 ? { value: null } : undefined),
        maxResponseBytes: MAX_CATALOG_BYTES,
      },
      options,
    );
  }

  queryCases(query: CaseQuery, options?: CallOptions): Promise<BackOfficeResult<CaseQueryResponse>> {
    return this.#call({ method: 'POST', path: API_PATHS.casesQuery, body: query, requestSchema: CaseQuerySchema, answerSchema: CaseQueryResponseSchema }, options);
  }

  exchangePerson(request: ExchangePersonRequest, options?: CallOptions): Promise<BackOfficeResult<ExchangePersonResponse>> {
    return this.#call(
      { method: 'POST', path: API_PATHS.exchangePerson, body: request, requestSchema: ExchangePersonRequestSchema, answerSchema: ExchangePersonResponseSchema },
      options,
    );
  }

  exchangeLookup(request: ExchangeLookupRequest, options?: CallOptions): Promise<BackOfficeResult<ExchangeLookupResponse | null>> {
    return this.#call(
      {
        method: 'POST',
        path: API_PATHS.exchangeLookup,
        body: request,
        requestSchema: ExchangeLookupRequestSchema,
        answerSchema: ExchangeLookupResponseSchema,
        special: (status, body) => (status === 404 && errorCode(body) === 'not-found' ? { value: null } : undefined),
      },
      options,
    );
  }

  /** Resolves a QR e-ID code; a code the back office does not know or cannot read is an answer, not a failure. */
  resolveEid(code: string, options?: CallOptions): Promise<BackOfficeResult<EidAnswer>> {
    return this.#call<EidAnswer>(
      {
        method: 'POST',
        path: API_PATHS.eid,
        body: { code },
        requestSchema: EidRequestSchema,
        answerSchema: v.pipe(EidResponseSchema, v.transform(({ identity }) => ({ identity }))),
        special: (status, body) => {
          const error = errorCode(body);
          if (status === 404 && error === 'unknown-code') return { value: { refused: 'unknown-code' } };
          return status === 400 && error === 'malformed-code' ? { value: { refused: 'malformed-code' } } : undefined;
        },
      },
      options,
    );
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.#transport.close();
  }

  async #call<T>(call: Call<T>, options: CallOptions = {}): Promise<BackOfficeResult<T>> {
    if (call.requestSchema) {
      const checked = v.safeParse(call.requestSchema, call.body);
      if (!checked.success) return { kind: 'park', reason: `invalid-request: ${issuePaths(checked.issues)}` };
    }
    const body = call.raw ?? (call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body), 'utf8'));
    let outcome = await this.#send(call, body, options);
    // A kept-alive socket the server closed just before we used it: nothing reached the back office, so
    // send again at once on a fresh connection (re-signed: a nonce is used once).
    if (outcome.kind === 'no-answer' && outcome.reason === 'reset' && outcome.reusedSocket) outcome = await this.#send(call, body, options);
    if (outcome.kind === 'no-answer') return noAnswer(outcome);
    const special = call.special?.(outcome.status, outcome.body);
    if (special) return { kind: 'ok', value: special.value };
    if (outcome.status < 200 || outcome.status >= 300) return failure(outcome.status, outcome.body);
    const answer = v.safeParse(call.answerSchema, parseJson(outcome.body));
    return answer.success ? { kind: 'ok', value: answer.output } : { kind: 'retry', reason: 'invalid-answer', reached: true, status: outcome.status };
  }

  #send(call: Call<unknown>, body: Buffer | Uint8Array | undefined, options: CallOptions): Promise<HttpOutcome> {
    const path = `${API_PREFIX}${call.path}`;
    const headers: Record<string, string> = { accept: 'application/json', ...(body && !call.raw ? { 'content-type': 'application/json' } : {}), ...call.headers };
    if (call.signed !== false) headers.authorization = authorizationHeader({ method: call.method, path, body: body ?? '' }, this.#credentials, this.#now());
    return this.#transport.send({
      method: call.method,
      path,
      headers,
      ...(body ? { body } : {}),
      maxResponseBytes: call.maxResponseBytes ?? MAX_ANSWER_BYTES,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
}

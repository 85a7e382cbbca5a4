/**
 * What a call to the back office can come back with, as data (docs/backoffice-api.md, "Errors"). Callers
 * branch on `kind`; `reason` is a short code for logs and the technician (an error code from the back
 * office, `http-<status>`, `unreachable`, `timeout`, `invalid-answer`, …), never personal data.
 */
import type {
  CaseQuery,
  CaseQueryResponse,
  ExchangeLookupRequest,
  ExchangeLookupResponse,
  ExchangePersonRequest,
  ExchangePersonResponse,
} from '../../backoffice/api/schemas.ts';

export type BackOfficeResult<T> =
  | { readonly kind: 'ok'; readonly value: T }
  /** 408, 429, 5xx, no answer, reset, timeout or an answer that fails its schema: try again later. */
  | {
      readonly kind: 'retry';
      readonly reason: string;
      /** False when no connection was made at all (refused, unreachable, connect timeout). */
      readonly reached: boolean;
      readonly status?: number;
    }
  /** Any other 4xx: this request will never succeed as it is. No status: the kiosk refused to send it. */
  | { readonly kind: 'park'; readonly reason: string; readonly status?: number }
  /** 401, or 403 wrong-kiosk: the kiosk's credentials, not the request, are the problem. */
  | { readonly kind: 'auth'; readonly reason: string; readonly status: number };

export interface CallOptions {
  /** Gives up after this long (the exchange's time budget); the client's response timeout otherwise. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * The calls a citizen session makes while the citizen waits: the exchange (shared data, e-licences) and
 * the progress query (办件查询). Anything but `ok` means "go on as offline".
 */
export interface ExchangeApi {
  exchangePerson(request: ExchangePersonRequest, options?: CallOptions): Promise<BackOfficeResult<ExchangePersonResponse>>;
  /** `value` is null when the exchange holds no record with that value for that person (404 not-found). */
  exchangeLookup(request: ExchangeLookupRequest, options?: CallOptions): Promise<BackOfficeResult<ExchangeLookupResponse | null>>;
  queryCases(query: CaseQuery, options?: CallOptions): Promise<BackOfficeResult<CaseQueryResponse>>;
}

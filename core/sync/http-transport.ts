/**
 * One HTTP exchange with the back office over node:http / node:https: a keep-alive agent (optionally
 * trusting a hall's own CA), a connect timeout, a deadline for the whole answer, and a size limit. Never
 * throws: every outcome is data, either an answer (any status) or why there was none.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

export interface TransportOptions {
  /** http(s)://host[:port] of the back office. */
  readonly baseUrl: string;
  /** PEM text of the CA certificates to trust for an https back office (the hall's own CA). */
  readonly ca?: string;
  /** Longest wait for a TCP (and TLS) connection. */
  readonly connectTimeoutMs: number;
  /** Longest wait for the whole answer, from the request's start. */
  readonly responseTimeoutMs: number;
  /** Connections kept per back office; a few requests in flight is all the kiosk needs. */
  readonly maxSockets?: number;
}

export interface HttpRequest {
  readonly method: 'GET' | 'PUT' | 'POST';
  /** Path and query, e.g. `/api/v1/attachments/<sha>?offset=0&size=10`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  readonly maxResponseBytes: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export type NoAnswerReason = 'unreachable' | 'connect-timeout' | 'timeout' | 'reset' | 'too-large' | 'aborted' | 'tls' | 'error';

export type HttpOutcome =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: IncomingHttpHeaders; readonly body: Buffer }
  | {
      readonly kind: 'no-answer';
      readonly reason: NoAnswerReason;
      /** Whether a connection was made (the request may have reached the back office). */
      readonly connected: boolean;
      /** The request went out on a kept-alive socket that the server may have closed meanwhile. */
      readonly reusedSocket: boolean;
      /** The system's code (ECONNREFUSED, CERT_HAS_EXPIRED, …), for the technician. */
      readonly code?: string;
    };

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'ENETDOWN']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Why a request failed, from the error Node gave. Pure. */
export function noAnswerReason(code: string | undefined, message: string): NoAnswerReason {
  if (code && UNREACHABLE.has(code)) return 'unreachable';
  if ((code && RESET.has(code)) || /socket hang up|aborted/i.test(message)) return 'reset';
  if (code && (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))) return 'tls';
  return 'error';
}

export class HttpTransport {
  readonly #url: URL;
  readonly #agent: HttpAgent;
  readonly #options: TransportOptions;
  readonly #request: typeof httpRequest;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#url = new URL(options.baseUrl);
    const https = this.#url.protocol === 'https:';
    if (!https && this.#url.protocol !== 'http:') throw new TypeError(`"baseUrl" must be http or https, got ${this.#url.protocol}`);
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8, scheduling: 'fifo' as const };
    this.#agent = https ? new HttpsAgent({ ...agentOptions, ...(options.ca ? { ca: options.ca } : {}) }) : new HttpAgent(agentOptions);
    this.#request = https ? httpsRequest : httpRequest;
  }

  /** Sends one request; resolves with the answer or the reason there is none, never rejects. */
  send(req: HttpRequest): Promise<HttpOutcome> {
    return new Promise((resolve) => {
      let connected = false;
      let reusedSocket = false;
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const finish = (outcome: HttpOutcome): void => {
        if (settled) return;
        settled = true;
        timers.forEach(clearTimeout);
        req.signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const fail = (reason: NoAnswerReason, code?: string): void =>
        finish({ kind: 'no-answer', reason, connected, reusedSocket, ...(code ? { code } : {}) });

      const request = this.#request({
        protocol: this.#url.protocol,
        hostname: this.#url.hostname,
        port: this.#url.port || undefined,
        method: req.method,
        path: req.path,
        agent: this.#agent,
        headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.byteLength) } : {}) },
      });
      // The first reason wins; destroying the request then only releases its socket.
      const stop = (reason: NoAnswerReason) => {
        fail(reason);
        request.destroy();
      };
      const onAbort = () => stop('aborted');
      if (req.signal?.aborted) return stop('aborted');
      req.signal?.addEventListener('abort', onAbort, { once: true });
      timers.push(setTimeout(() => stop('timeout'), req.timeoutMs ?? this.#options.responseTimeoutMs));

      request.on('socket', (socket: Socket) => {
        reusedSocket = request.reusedSocket;
        if (!socket.connecting) {
          connected = true;
          return;
        }
        const connectTimer = setTimeout(() => stop('connect-timeout'), this.#options.connectTimeoutMs);
        timers.push(connectTimer);
        socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
          connected = true;
          clearTimeout(connectTimer);
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => fail(noAnswerReason(error.code, error.message), error.code));
      request.on('response', (response) => {
        connected = true;
        const declared = Number(response.headers['content-length']);
        if (declared > req.maxResponseBytes) return stop('too-large');
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > req.maxResponseBytes) stop('too-large');
          else chunks.push(chunk);
        });
        response.on('end', () => finish({ kind: 'answer', status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', () => undefined); // the request's 'error' reports it
        response.on('aborted', () => fail('reset'));
      });
      request.end(req.body);
    });
  }

  /** Closes kept-alive connections; requests in flight finish or fail on their own. */
  close(): void {
    this.#agent.destroy();
  }
}

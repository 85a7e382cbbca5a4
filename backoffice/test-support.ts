/**
 * Test support for the back office's suites: a server on the suite's database, a kiosk registered on it,
 * and a client that signs its requests as that kiosk would (api/signing.ts). Fake data only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { API_PREFIX, type SubmissionRequest } from './api/schemas.ts';
import { authorizationHeader, newSecret, type Credentials } from './api/signing.ts';
import type { TestDatabase } from './db/test-databases.ts';
import { startBackOffice, type BackOfficeOptions, type BackOfficeServer } from './server.ts';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface SendOptions {
  readonly method: string;
  /** Below /api/v1, with the query. */
  readonly path: string;
  readonly body?: Uint8Array | string | object;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sign as these credentials (default: the client's); `false` sends it unsigned. */
  readonly as?: Credentials | false;
  /** Sign with this time instead of the clock's. */
  readonly signedAt?: number;
  readonly nonce?: string;
}

function bytesOf(body: SendOptions['body']): Uint8Array | string {
  if (body === undefined) return '';
  return typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
}

/** Sends `options` to the back office at `baseUrl`, signed at `clock()` unless told otherwise. */
export async function send(baseUrl: string, credentials: Credentials, options: SendOptions, clock: () => number = Date.now): Promise<Answer> {
  const path = `${API_PREFIX}${options.path}`;
  const body = bytesOf(options.body);
  const headers: Record<string, string> = {};
  if (body !== '') headers['content-type'] = body instanceof Uint8Array ? 'application/octet-stream' : 'application/json';
  const as = options.as ?? credentials;
  if (as) headers.authorization = authorizationHeader({ method: options.method, path, body }, as, options.signedAt ?? clock(), options.nonce);
  const res = await fetch(`${baseUrl}${path}`, { method: options.method, headers: { ...headers, ...options.headers }, body: body === '' ? undefined : typeof body === 'string' ? body : Buffer.from(body) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface TestBackOffice {
  readonly server: BackOfficeServer;
  readonly credentials: Credentials;
  /** A signed request as this kiosk (unless `as` says otherwise). */
  send(options: SendOptions): Promise<Answer>;
}

/** A kiosk id unique to one test, so tests sharing a suite's database stay apart. */
export function testKioskId(): string {
  return `K${randomUUID().slice(0, 8)}`;
}

export async function startTestBackOffice(target: TestDatabase, options: Omit<BackOfficeOptions, 'database'> = {}, credentials: Credentials = { kioskId: testKioskId(), secret: newSecret() }): Promise<TestBackOffice> {
  const server = await startBackOffice({ ...options, database: await target.connect() });
  await server.registerKiosk(credentials);
  return { server, credentials, send: (sendOptions) => send(server.url, credentials, sendOptions, options.now) };
}

export type StartBackOffice = (options?: Omit<BackOfficeOptions, 'database'>, credentials?: Credentials) => Promise<TestBackOffice>;

/**
 * For a suite inside describeEachDatabase: a function that starts back offices on the suite's database
 * (with `defaults` under each call's options), all closed after the suite.
 */
export function backOfficeStarter(target: TestDatabase, defaults: Omit<BackOfficeOptions, 'database'> = {}): StartBackOffice {
  const started: TestBackOffice[] = [];
  afterAll(() => Promise.all(started.map((b) => b.server.close())));
  return async (options = {}, credentials) => {
    const backOffice = await startTestBackOffice(target, { ...defaults, ...options }, credentials);
    started.push(backOffice);
    return backOffice;
  };
}

/** A valid submission from `kioskId` about the GB 11643 example person; a signature attachment is referenced by its field. */
export function sampleSubmission(kioskId: string, sequence: number, attachments: SubmissionRequest['attachments'] = []): SubmissionRequest {
  const signature = attachments.find((a) => a.role === 'signature');
  return {
    receiptNumber: `SL-${kioskId}-20261202-${String(sequence).padStart(6, '0')}`,
    catalogVersion: '0123456789ab',
    attachments,
    record: {
      format: 1,
      sessionId: randomUUID(),
      bundleCode: 'BIRTH-ONE-THING',
      optionalItems: [],
      applicant: { via: 'idcard', idNumber: '11010519491231002X', name: '张三' },
      items: [
        { itemCode: '110199PCN0001', values: { 'applicant.phone': '13912345678', ...(signature ? { 'applicant.signature': `sha256:${signature.sha256}` } : {}) } },
        { itemCode: '110199PCN0002', values: { 'newborn.name': '王思远' } },
      ],
      materials: [{ key: 'idCard', action: 'exempt', deferredCheck: false }],
      consents: { dataSharing: true },
      exchange: 'online',
      submittedAt: 1_796_000_000_000,
    },
  };
}

/**
 * Resolves a scanned QR e-ID code through the back office (backoffice/eid-registry.ts explains why the
 * kiosk cannot do it alone). The answer is checked against a schema: a back office that answers nonsense
 * is treated like one that does not answer.
 */
import * as v from 'valibot';

const IdentitySchema = v.object({
  name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  idNumber: v.pipe(v.string(), v.regex(/^[0-9A-Z]{15,18}$/)),
  gender: v.picklist(['1', '2']),
  birthDate: v.pipe(v.string(), v.isoDate()),
  documentType: v.literal('resident'),
  address: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export type EidIdentity = v.InferOutput<typeof IdentitySchema>;

export type EidResolution = { ok: true; identity: EidIdentity } | { ok: false; reason: 'offline' | 'unknown-code' | 'malformed-code' };

export interface EidClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
}

export async function resolveEid(code: string, options: EidClientOptions): Promise<EidResolution> {
  if (!options.baseUrl) return { ok: false, reason: 'offline' };
  const fetchFn = options.fetch ?? globalThis.fetch;
  try {
    const res = await fetchFn(new URL('/api/v1/identity/eid', options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    if (res.status === 404) return { ok: false, reason: 'unknown-code' };
    if (res.status === 400) return { ok: false, reason: 'malformed-code' };
    if (!res.ok) return { ok: false, reason: 'offline' };
    const body = v.safeParse(v.object({ identity: IdentitySchema }), await res.json());
    return body.success ? { ok: true, identity: body.output.identity } : { ok: false, reason: 'offline' };
  } catch {
    return { ok: false, reason: 'offline' };
  }
}

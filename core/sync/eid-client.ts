/**
 * Resolves a scanned QR e-ID code through the back office (POST /identity/eid, signed like every call):
 * the identity, or why not. A back office that does not answer, or answers nonsense, is "offline": the
 * citizen is asked for the physical card instead.
 */
import type { EidIdentity } from '../../backoffice/api/schemas.ts';
import type { BackOfficeClient } from './backoffice-client.ts';
import type { CallOptions } from './client-types.ts';

export type { EidIdentity };

export type EidResolution = { ok: true; identity: EidIdentity } | { ok: false; reason: 'offline' | 'unknown-code' | 'malformed-code' };

export async function resolveEid(code: string, client: Pick<BackOfficeClient, 'resolveEid'>, options?: CallOptions): Promise<EidResolution> {
  const result = await client.resolveEid(code, options);
  if (result.kind !== 'ok') return { ok: false, reason: 'offline' };
  return 'identity' in result.value ? { ok: true, identity: result.value.identity } : { ok: false, reason: result.value.refused };
}

/**
 * The reference back office's stand-in for the national e-ID service (网证 / CTID). A QR e-ID holds no
 * personal data, only a short-lived opaque code that the issuer resolves to the holder's identity; so the
 * kiosk always asks the back office, and without a connection QR identification is not possible.
 *
 * The registry holds fake identities only (GB 11643 example numbers with valid check characters), for
 * demos, training and tests. A real deployment points the kiosk at a back office that asks the issuer.
 */

export interface EidIdentity {
  readonly name: string;
  readonly idNumber: string;
  /** '1' male, '2' female. */
  readonly gender: string;
  readonly birthDate: string;
  readonly documentType: 'resident';
  readonly address?: string;
}

/** Codes look like what e-ID apps show: a scheme prefix and an opaque token. */
export const EID_CODE = /^EID1:[0-9A-Z]{8,64}$/;

export const SAMPLE_EID_CODES: Readonly<Record<string, EidIdentity>> = {
  'EID1:TESTZHANGSAN0001': {
    name: '张三',
    idNumber: '11010519491231002X',
    gender: '2',
    birthDate: '1949-12-31',
    documentType: 'resident',
    address: '北京市东城区测试路1号',
  },
};

export type EidLookup = { ok: true; identity: EidIdentity } | { ok: false; status: 400 | 404; error: 'malformed-code' | 'unknown-code' };

export function lookupEid(code: unknown, registry: Readonly<Record<string, EidIdentity>> = SAMPLE_EID_CODES): EidLookup {
  if (typeof code !== 'string' || !EID_CODE.test(code)) return { ok: false, status: 400, error: 'malformed-code' };
  const identity = Object.hasOwn(registry, code) ? registry[code] : undefined;
  return identity ? { ok: true, identity } : { ok: false, status: 404, error: 'unknown-code' };
}

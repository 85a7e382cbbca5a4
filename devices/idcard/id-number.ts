/**
 * The 18-character citizen ID number of GB 11643-1999 (reference §6): 6-digit address code, birth date
 * YYYYMMDD, 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character. HK/Macau/Taiwan
 * residence permits (810000/820000/830000) and 2023 foreign permanent resident cards (leading 9) use the
 * same check character.
 */

import { compactToIsoDate } from './card-date.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const ID_FORMAT = /^\d{17}[\dX]$/;

/** Province-level address codes (the pragmatic check of §6), without the 81–83 permit prefixes. */
const PROVINCES: ReadonlySet<string> = new Set(
  ['11-15', '21-23', '31-37', '41-46', '50-54', '61-65'].flatMap((range) => {
    const [from, to] = range.split('-').map(Number) as [number, number];
    return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  }),
);

/** Check character for 17 digits; anything else is a programmer error (check the format first). */
export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`checkDigit needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** Uppercases a trailing x, the one normalization GB 11643 numbers need. */
export function normalizeIdNumber(id: string): string {
  return id.toUpperCase();
}

/** 17 digits and a digit or X, whatever the check character. */
export function hasIdNumberFormat(id: string): boolean {
  return ID_FORMAT.test(normalizeIdNumber(id));
}

export function hasValidCheckDigit(id: string): boolean {
  const normalized = normalizeIdNumber(id);
  return ID_FORMAT.test(normalized) && checkDigit(normalized.slice(0, 17)) === normalized[17];
}

/** The embedded birth date as ISO yyyy-mm-dd, or undefined if it is no real date. */
export function idNumberBirthDate(id: string): string | undefined {
  if (!hasIdNumberFormat(id)) return undefined;
  return compactToIsoDate(id.slice(6, 14));
}

/** '1' (male) for an odd sequence digit, '2' (female) for an even one. */
export function idNumberGender(id: string): '1' | '2' | undefined {
  if (!hasIdNumberFormat(id)) return undefined;
  return Number(id[16]) % 2 === 1 ? '1' : '2';
}

export function isProvinceCode(code: string): boolean {
  return PROVINCES.has(code);
}

/** Format, check character and a real embedded birth date; the address code is not looked up. */
export function isValidIdNumber(id: string): boolean {
  return hasValidCheckDigit(id) && idNumberBirthDate(id) !== undefined;
}

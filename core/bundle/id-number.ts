/**
 * The 18-character citizen ID number of GB 11643-1999: six-digit address code, birth date YYYYMMDD,
 * three-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character. Implemented here rather than
 * imported from devices/ so the engine stays free of the device layer and can later move to core/contract,
 * where the renderer could run the same validation.
 */
import { isIsoDate } from './dates.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const FORMAT = /^\d{17}[\dX]$/;
/** 外国人永久居留身份证 of 2017: three letters and twelve digits, with no MOD 11-2 check character. */
const FOREIGN_2017 = /^[A-Z]{3}\d{12}$/;

/** The check character for 17 digits, or undefined when `first17` is not 17 digits. */
export function idCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11];
}

/** 17 digits and a digit or X (a lower-case x is accepted), whatever the check character. */
export function hasIdNumberFormat(id: string): boolean {
  return FORMAT.test(id.toUpperCase());
}

export function hasValidCheckCharacter(id: string): boolean {
  const upper = id.toUpperCase();
  return FORMAT.test(upper) && idCheckCharacter(upper.slice(0, 17)) === upper[17];
}

/** The embedded birth date as ISO yyyy-mm-dd, or undefined if the number has no real date. */
export function idNumberBirthDate(id: string): string | undefined {
  if (!hasIdNumberFormat(id)) return undefined;
  const iso = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** '1' (male) for an odd sequence digit, '2' (female) for an even one: the codes the card itself uses. */
export function idNumberGender(id: string): '1' | '2' | undefined {
  if (!hasIdNumberFormat(id)) return undefined;
  return Number(id[16]) % 2 === 1 ? '1' : '2';
}

/** The address code where the number was issued (six digits). */
export function idNumberRegion(id: string): string | undefined {
  return hasIdNumberFormat(id) ? id.slice(0, 6) : undefined;
}

export type IdNumberProblem = 'format' | 'check-character' | 'birth-date';

/** Why a number is not a valid ID number, or undefined when it is one. */
export function idNumberProblem(id: string): IdNumberProblem | undefined {
  const upper = id.toUpperCase();
  if (FOREIGN_2017.test(upper)) return undefined;
  if (!FORMAT.test(upper)) return 'format';
  if (!hasValidCheckCharacter(upper)) return 'check-character';
  return idNumberBirthDate(upper) === undefined ? 'birth-date' : undefined;
}

/**
 * ID numbers as the engine needs them. The GB 11643 arithmetic (format, MOD 11-2 check character, embedded
 * birth date and gender) is the device layer's (`devices/idcard/id-number.ts`); this module adds what
 * validation and computed fields need on top: the region code, the 2017 foreign card format, and a reason.
 */
import { checkDigit, hasIdNumberFormat, hasValidCheckDigit, idNumberBirthDate, idNumberGender } from '../../devices/idcard/id-number.ts';

export { hasIdNumberFormat, idNumberBirthDate, idNumberGender };

/** 外国人永久居留身份证 of 2017: three letters and twelve digits, with no MOD 11-2 check character. */
const FOREIGN_2017 = /^[A-Z]{3}\d{12}$/;

/** The check character for 17 digits, or undefined when `first17` is not 17 digits. */
export function idCheckCharacter(first17: string): string | undefined {
  return /^\d{17}$/.test(first17) ? checkDigit(first17) : undefined;
}

export const hasValidCheckCharacter = hasValidCheckDigit;

/** The address code where the number was issued (six digits). */
export function idNumberRegion(id: string): string | undefined {
  return hasIdNumberFormat(id) ? id.slice(0, 6) : undefined;
}

export type IdNumberProblem = 'format' | 'check-character' | 'birth-date';

/** Why a number is not a valid ID number, or undefined when it is one. */
export function idNumberProblem(id: string): IdNumberProblem | undefined {
  const upper = id.toUpperCase();
  if (FOREIGN_2017.test(upper)) return undefined;
  if (!hasIdNumberFormat(upper)) return 'format';
  if (!hasValidCheckDigit(upper)) return 'check-character';
  return idNumberBirthDate(upper) === undefined ? 'birth-date' : undefined;
}

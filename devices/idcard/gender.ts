/** Gender codes of GB/T 2261.1 (reference §4.1); cards carry 1 or 2. */
import type { Label } from './label.ts';

export const GENDER_CODES = ['0', '1', '2', '9'] as const;
export type GenderCode = (typeof GENDER_CODES)[number];

const LABELS: Readonly<Record<GenderCode, Label>> = {
  '0': { zh: '未知的性别', en: 'unknown' },
  '1': { zh: '男', en: 'male' },
  '2': { zh: '女', en: 'female' },
  '9': { zh: '未说明的性别', en: 'unspecified' },
};

export function isGenderCode(code: string): code is GenderCode {
  return (GENDER_CODES as readonly string[]).includes(code);
}

/** Any other value (a decode error) is labelled as such rather than guessed. */
export function genderLabel(code: string): Label {
  return isGenderCode(code) ? LABELS[code] : { zh: `无效代码 ${code}`, en: `invalid code ${code}` };
}

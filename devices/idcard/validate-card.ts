/**
 * Consistency checks on a decoded card (reference §6): the number's check character, the birth date and
 * gender it embeds against the card's own fields, and the validity period. The reader's SAM has already
 * authenticated the chip; these checks catch decode errors and expired documents.
 *
 * Which rules apply: resident IDs and HK/Macau/Taiwan permits carry GB 11643 numbers (all checks).
 * The 2023 foreign card's 18 digits start with 9 and end in a MOD 11-2 check character, but the position
 * of the birth date inside is only indicative, so no cross-checks. For the 2017 foreign card the
 * reference gives only the format (3 letters, 12 digits).
 */
import { isIsoDate, localIsoDate } from './card-date.ts';
import { LONG_TERM, type IdCardText } from './id-card-text.ts';
import { hasIdNumberFormat, hasValidCheckDigit, idNumberBirthDate, idNumberGender, isProvinceCode } from './id-number.ts';
import { nationByCode } from './nation.ts';

export type CardProblemCode = 'check-digit' | 'birth-date-mismatch' | 'gender-mismatch' | 'expired' | 'not-yet-valid' | 'bad-format';

export interface CardProblem {
  readonly code: CardProblemCode;
  readonly zh: string;
  readonly en: string;
}

export interface CardValidation {
  readonly valid: boolean;
  readonly problems: readonly CardProblem[];
}

const HMT_PREFIXES = ['810000', '820000', '830000'];
const FOREIGN_2017_FORMAT = /^[A-Z]{3}\d{12}$/;

/** `today` is read in the kiosk's local time zone; a card is valid through its end date. */
export function validateCard(card: IdCardText, today: Date): CardValidation {
  const day = localIsoDate(today);
  const problems = [...checkNumber(card), ...checkFields(card, day), ...checkValidity(card, day)];
  return { valid: problems.length === 0, problems };
}

function checkNumber(card: IdCardText): CardProblem[] {
  const id = card.idNumber;
  switch (card.type) {
    case 'foreign-2017':
      return FOREIGN_2017_FORMAT.test(id) ? [] : [FORMAT.foreign2017];
    case 'foreign-2023':
      if (!hasIdNumberFormat(id) || !id.startsWith('9')) return [FORMAT.foreign2023];
      return hasValidCheckDigit(id) ? [] : [CHECK_DIGIT];
    case 'resident':
    case 'hmt-permit': {
      if (!hasIdNumberFormat(id)) return [FORMAT.idNumber];
      const problems: CardProblem[] = [];
      if (card.type === 'resident' && !isProvinceCode(id.slice(0, 2))) problems.push(FORMAT.province);
      if (card.type === 'hmt-permit' && !HMT_PREFIXES.includes(id.slice(0, 6))) problems.push(FORMAT.hmtPrefix);
      if (!hasValidCheckDigit(id)) problems.push(CHECK_DIGIT);
      if (idNumberBirthDate(id) !== card.birthDate) problems.push(BIRTH_MISMATCH);
      if ((card.gender === '1' || card.gender === '2') && idNumberGender(id) !== card.gender) problems.push(GENDER_MISMATCH);
      return problems;
    }
  }
}

function checkFields(card: IdCardText, today: string): CardProblem[] {
  const problems: CardProblem[] = [];
  if (card.gender !== '1' && card.gender !== '2') {
    problems.push(badFormat(`性别代码 ${card.gender} 无效`, `the gender code "${card.gender}" is not 1 or 2`));
  }
  if (!isIsoDate(card.birthDate) || card.birthDate > today) problems.push(FORMAT.birthDate);
  if (card.type === 'resident' && nationByCode(card.nation) === undefined) {
    problems.push(badFormat(`民族代码 ${card.nation} 无效`, `the nation code "${card.nation}" is not in GB 3304`));
  }
  return problems;
}

function checkValidity(card: IdCardText, today: string): CardProblem[] {
  const { validFrom, validTo } = card;
  if (!isIsoDate(validFrom) || (validTo !== LONG_TERM && !isIsoDate(validTo))) return [FORMAT.validity];
  if (validTo !== LONG_TERM && validTo < validFrom) return [FORMAT.validityOrder];
  if (today < validFrom) return [{ code: 'not-yet-valid', zh: `证件自 ${validFrom} 起生效`, en: `the card is valid from ${validFrom}` }];
  if (validTo !== LONG_TERM && today > validTo) return [{ code: 'expired', zh: `证件已于 ${validTo} 过期`, en: `the card expired on ${validTo}` }];
  return [];
}

const CHECK_DIGIT: CardProblem = { code: 'check-digit', zh: '号码校验码错误', en: 'the number fails its check character' };
const BIRTH_MISMATCH: CardProblem = { code: 'birth-date-mismatch', zh: '号码中的出生日期与证件不符', en: 'the birth date in the number does not match the card' };
const GENDER_MISMATCH: CardProblem = { code: 'gender-mismatch', zh: '号码中的性别与证件不符', en: 'the gender in the number does not match the card' };

const FORMAT = {
  idNumber: badFormat('公民身份号码应为17位数字加校验码', 'the ID number must be 17 digits and a check character'),
  province: badFormat('公民身份号码的地址码不是有效的省级代码', 'the ID number does not start with a valid province code'),
  hmtPrefix: badFormat('居住证号码应以810000、820000或830000开头', 'the permit number must start with 810000, 820000 or 830000'),
  foreign2017: badFormat('永久居留证号码应为3位字母加12位数字', 'the residence number must be 3 letters and 12 digits'),
  foreign2023: badFormat('永久居留证号码应为以9开头的18位', 'the residence number must be 18 characters starting with 9'),
  birthDate: badFormat('出生日期无效', 'the birth date is not a past date'),
  validity: badFormat('有效期限格式错误', 'the validity dates are malformed'),
  validityOrder: badFormat('有效期截止日期早于起始日期', 'the validity ends before it starts'),
} as const;

function badFormat(zh: string, en: string): CardProblem {
  return { code: 'bad-format', zh, en };
}

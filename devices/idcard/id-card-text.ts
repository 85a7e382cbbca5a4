/**
 * The text of the four documents a GA 467 reader returns (reference §3.3–3.4), decoded. Dates are ISO
 * `yyyy-mm-dd`; the validity end of long-term resident cards (长期) is 'long-term'. Codes keep the card's
 * value and get a label beside them, so a decode error stays visible instead of being guessed away.
 */
import { genderLabel } from './gender.ts';
import type { Label } from './label.ts';
import { nationLabel } from './nation.ts';

export const CARD_TYPES = ['resident', 'hmt-permit', 'foreign-2017', 'foreign-2023'] as const;
export type CardType = (typeof CARD_TYPES)[number];

export const LONG_TERM = 'long-term';

interface CommonText {
  /** '1' male, '2' female (as on the card). */
  readonly gender: string;
  readonly genderLabel: Label;
  readonly birthDate: string;
  /** Citizen ID number, permit number or permanent residence number: always at text offset 122. */
  readonly idNumber: string;
  readonly validFrom: string;
  /** ISO date, or 'long-term'. */
  readonly validTo: string;
}

/** 居民身份证 */
export interface ResidentIdText extends CommonText {
  readonly type: 'resident';
  readonly name: string;
  /** Two digits, e.g. '01' (汉). */
  readonly nation: string;
  readonly nationLabel: Label;
  readonly address: string;
  readonly issuer: string;
}

/** 港澳台居民居住证 ('J'); the number starts 810000, 820000 or 830000. */
export interface HmtPermitText extends CommonText {
  readonly type: 'hmt-permit';
  readonly name: string;
  readonly address: string;
  readonly issuer: string;
  /** 通行证号码, 9 characters. */
  readonly passNumber: string;
  /** 签发次数, 2 characters. */
  readonly issueCount: string;
}

/** 外国人永久居留身份证, 2017 version ('I'); the number is 3 letters and 12 digits. */
export interface Foreign2017Text extends CommonText {
  readonly type: 'foreign-2017';
  readonly englishName: string;
  /** May be empty. */
  readonly chineseName: string;
  /** 国籍或所在地区代码, 3 letters (GB/T 2659). */
  readonly nationality: string;
  /** 证件版本号, 2 characters. */
  readonly cardVersion: string;
  /** 当次申请受理机关代码, 4 characters. */
  readonly authorityCode: string;
}

/** 外国人永久居留身份证, 2023 version ('Y'); the number is 18 digits starting with 9. */
export interface Foreign2023Text extends CommonText {
  readonly type: 'foreign-2023';
  readonly chineseName: string;
  /** Up to 46 characters, stored in two parts on the card. */
  readonly englishName: string;
  /** 换证次数, 2 characters. */
  readonly renewalCount: string;
  /** 所属国家和地区代码, 3 characters (letters or digits: the reference is unsure). */
  readonly nationality: string;
  /** 既往版本永居证号码关联项, 3 characters. */
  readonly previousNumberLink: string;
}

export type IdCardText = ResidentIdText | HmtPermitText | Foreign2017Text | Foreign2023Text;

type WithoutLabels<T> = T extends unknown ? Omit<T, 'genderLabel' | 'nationLabel'> : never;
/** A card's fields without the derived labels: what card descriptions and the encoder need. */
export type IdCardFields = WithoutLabels<IdCardText>;

/** Adds the labels of the gender and nation codes. */
export function withLabels(fields: IdCardFields): IdCardText {
  if (fields.type === 'resident') return { ...fields, genderLabel: genderLabel(fields.gender), nationLabel: nationLabel(fields.nation) };
  return { ...fields, genderLabel: genderLabel(fields.gender) };
}

/** The name to greet the holder with: the Chinese name where the document has one, else the English name. */
export function displayName(card: IdCardText): string {
  switch (card.type) {
    case 'resident':
    case 'hmt-permit':
      return card.name;
    case 'foreign-2017':
    case 'foreign-2023':
      return card.chineseName || card.englishName;
  }
}

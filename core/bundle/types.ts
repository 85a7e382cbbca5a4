/**
 * Types the bundle engine shares between its modules: answers, facts about the applicant, and the merged
 * form. Everything here is plain data so a transaction can keep it in its persisted snapshot.
 */
import type { Field, Item } from '../../kiosk-config/catalog-schema.ts';

export type FieldValue = string | number | boolean;

/** Answers by canonical field key. A missing key, or an empty string, means "no value". */
export type FormValues = Readonly<Record<string, FieldValue>>;

/** Text the engine writes itself always comes in both kiosk languages (it fits `LocalizedText`). */
export interface Bilingual {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** The facts a condition may read under `applicant.*`; any of them may be unknown. */
export interface ApplicantFacts {
  /** Full years (周岁) on the day of the transaction. */
  readonly age?: number;
  /** Six-digit administrative division code (GB/T 2260), e.g. from the ID number. */
  readonly regionCode?: string;
  /** Kind of identity document as the reader reports it, e.g. 'resident', 'hmt-permit'. */
  readonly documentType?: string;
  /** GB/T 2261.1 code as on the card: '1' male, '2' female. */
  readonly gender?: string;
}

export interface Facts {
  readonly applicant: ApplicantFacts;
  /** Answers read by `answer.<key>` conditions. */
  readonly answers?: FormValues;
}

export type IdCardAttribute = Extract<Field['source'], { kind: 'idcard' }>['attribute'];
export type ComputedFn = Extract<Field['source'], { kind: 'computed' }>['fn'];

/** One canonical field of a merged form. */
export interface MergedField {
  readonly key: string;
  readonly field: Field;
  /** Implementation codes of the chosen items that list the field, in bundle order; empty for a supporting field. */
  readonly neededBy: readonly string[];
  /** Some item requires it, or a required computed field is derived from it. */
  readonly required: boolean;
  /** Listed by no chosen item: it is here because a computed field is derived from it. */
  readonly supporting: boolean;
}

/** 一表申请: the union of the chosen items' fields, each canonical key once. */
export interface MergedForm {
  readonly bundleCode: string;
  /** The chosen items in bundle order: the required ones and the optional ones the applicant picked. */
  readonly items: readonly Item[];
  /** In order of first appearance; a computed field always comes after the fields it is derived from. */
  readonly fields: readonly MergedField[];
}

/** True when there is no usable value: absent, or a string with only spaces. */
export function isMissing(value: FieldValue | undefined): value is undefined {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

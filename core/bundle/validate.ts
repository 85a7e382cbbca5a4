/**
 * Checks the answers of the merged form before review. Only relevant fields are checked, at most one
 * problem per field (the most basic first), and a message names the field, never its value: messages are
 * shown on a public screen and may be logged.
 */
import type { Field } from '../../kiosk-config/catalog-schema.ts';
import { dateRange, outOfRange } from './date-range.ts';
import { isIsoDate } from './dates.ts';
import { idNumberProblem } from './id-number.ts';
import { relevantFields } from './merged-form.ts';
import { isMissing, type Bilingual, type Facts, type FieldValue, type FormValues, type MergedForm } from './types.ts';

export type ProblemCode =
  | 'required'
  | 'not-derivable'
  | 'wrong-type'
  | 'not-a-choice'
  | 'bad-date'
  | 'bad-phone'
  | 'bad-id-number'
  | 'bad-check-character'
  | 'too-short'
  | 'too-long'
  | 'too-small'
  | 'too-large'
  | 'decimals'
  | 'too-early'
  | 'too-late'
  | 'pattern';

export interface FieldProblem {
  readonly key: string;
  readonly code: ProblemCode;
  readonly message: Bilingual;
}

/** Mainland mobile numbers, or a landline with its area code (0xx-xxxxxxxx, the dash optional). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** `today` (yyyy-mm-dd) is the transaction day, for date ranges such as "not after today". */
export function validateValues(form: MergedForm, values: FormValues, facts: Facts, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const { key, field, required } of relevantFields(form, values, facts)) {
    const value = values[key];
    const problem = isMissing(value) ? missingProblem(field, required) : (valueProblem(field, value) ?? rangeProblem(field, value, form, values, today));
    if (problem) problems.push({ key, ...problem });
  }
  return problems;
}

type Found = { code: ProblemCode; message: Bilingual } | undefined;

function missingProblem(field: Field, required: boolean): Found {
  if (!required) return undefined;
  // Held by a department and never asked at the kiosk: without the shared record (offline, or not yet
  // authorised) the department fills it in when it checks the record after submission, as for a deferred material.
  if (field.source.kind === 'shared' && field.input === 'none') return undefined;
  const [zh, en] = labels(field);
  if (field.source.kind === 'computed') {
    return { code: 'not-derivable', message: { 'zh-CN': `无法自动得出${zh}，请检查相关信息`, en: `${en} could not be worked out: please check the related answers` } };
  }
  if (field.input === 'signature-pad') return { code: 'required', message: { 'zh-CN': `请签名：${zh}`, en: `Please sign: ${en}` } };
  if (field.input === 'choice-list' || field.input === 'date-picker') {
    return { code: 'required', message: { 'zh-CN': `请选择${zh}`, en: `Please choose ${en}` } };
  }
  return { code: 'required', message: { 'zh-CN': `请填写${zh}`, en: `Please fill in ${en}` } };
}

function valueProblem(field: Field, value: FieldValue): Found {
  const [zh, en] = labels(field);
  const problem = (code: ProblemCode, zhText: string, enText: string): Found => ({ code, message: { 'zh-CN': zhText, en: enText } });
  const wrongType = () => problem('wrong-type', `${zh}的内容类型不正确`, `${en} has the wrong kind of value`);

  if (field.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType();
    const { min, max } = field.validation ?? {};
    if (min !== undefined && value < min) return problem('too-small', `${zh}不能小于${min}`, `${en} must be at least ${min}`);
    if (max !== undefined && value > max) return problem('too-large', `${zh}不能大于${max}`, `${en} must be at most ${max}`);
    return decimalsProblem(field, value, zh, en);
  }
  if (field.type === 'boolean') return typeof value === 'boolean' ? undefined : wrongType();
  if (typeof value !== 'string') return wrongType();

  switch (field.type) {
    case 'choice':
      if (field.choices && !field.choices.some((c) => c.value === value)) {
        return problem('not-a-choice', `请从列表中选择${zh}`, `Please choose ${en} from the list`);
      }
      break;
    case 'date':
      if (!isIsoDate(value)) return problem('bad-date', `${zh}不是有效的日期`, `${en} is not a valid date`);
      break;
    case 'phone':
      if (!PHONE.test(value)) return problem('bad-phone', `${zh}不是有效的电话号码`, `${en} is not a valid phone number`);
      break;
    case 'id-number': {
      const why = idNumberProblem(value);
      if (why === 'check-character') {
        return problem('bad-check-character', `${zh}校验位不符，请核对号码`, `The check character of ${en} does not match: please check the number`);
      }
      if (why) return problem('bad-id-number', `${zh}不是有效的证件号码`, `${en} is not a valid ID number`);
      break;
    }
  }
  return textProblem(field, value, zh, en);
}

/** A count (decimals 0) is a whole number; an amount has at most its catalog's digits after the point. */
function decimalsProblem(field: Field, value: number, zh: string, en: string): Found {
  const decimals = field.validation?.decimals;
  if (decimals === undefined || Number(value.toFixed(decimals)) === value) return undefined;
  if (decimals === 0) return { code: 'decimals', message: { 'zh-CN': `${zh}须为整数`, en: `${en} must be a whole number` } };
  return { code: 'decimals', message: { 'zh-CN': `${zh}最多${decimals}位小数`, en: `${en} can have at most ${decimals} decimal places` } };
}

/** A valid date outside its catalog range, said with the bound's words ("不能晚于今天"). */
function rangeProblem(field: Field, value: FieldValue, form: MergedForm, values: FormValues, today: string): Found {
  if (field.type !== 'date' || typeof value !== 'string') return undefined;
  const range = dateRange(field, form, values, today);
  const side = outOfRange(value, range);
  if (!side) return undefined;
  const [zh, en] = labels(field);
  const bound = side === 'too-early' ? range.earliest!.says : range.latest!.says;
  return side === 'too-early'
    ? { code: side, message: { 'zh-CN': `${zh}不能早于${bound['zh-CN']}`, en: `${en} cannot be before ${bound.en}` } }
    : { code: side, message: { 'zh-CN': `${zh}不能晚于${bound['zh-CN']}`, en: `${en} cannot be after ${bound.en}` } };
}

function textProblem(field: Field, value: string, zh: string, en: string): Found {
  const { minLength, maxLength, pattern, patternMessage } = field.validation ?? {};
  // Characters, not UTF-16 units: a rare-character name (e.g. 𠮷) is one character to the citizen.
  const length = Array.from(value).length;
  if (minLength !== undefined && length < minLength) {
    return { code: 'too-short', message: { 'zh-CN': `${zh}至少${minLength}个字`, en: `${en} needs at least ${minLength} characters` } };
  }
  if (maxLength !== undefined && length > maxLength) {
    return { code: 'too-long', message: { 'zh-CN': `${zh}最多${maxLength}个字`, en: `${en} can have at most ${maxLength} characters` } };
  }
  if (pattern !== undefined && compile(pattern)?.test(value) === false) {
    const generic = { 'zh-CN': `${zh}格式不正确`, en: `${en} is not in the expected format` };
    return { code: 'pattern', message: { 'zh-CN': patternMessage?.['zh-CN'] ?? generic['zh-CN'], en: patternMessage?.en ?? generic.en } };
  }
  return undefined;
}

/**
 * Unicode mode first, so `.` matches a rare character written as a surrogate pair; plain mode for patterns
 * only valid there. A pattern that compiles in neither is a catalog error the loader should catch; it must
 * not block citizens, so it is skipped.
 */
function compile(pattern: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // try the next mode
    }
  }
  return undefined;
}

function labels(field: Field): [string, string] {
  return [field.label['zh-CN'], field.label.en ?? field.label['zh-CN']];
}

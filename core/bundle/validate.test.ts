import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIRTH_BUNDLE, BIRTH_CATALOG, MOTHER_CARD, MOTHER_ID, TODAY } from './birth-catalog.fixture.ts';
import { mergeForm } from './merged-form.ts';
import { prefill } from './prefill.ts';
import type { Facts, FieldValue } from './types.ts';
import { validateValues, type FieldProblem } from './validate.ts';

const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, ['MATERNITY']);
const facts: Facts = { applicant: { age: 29 } };
const base = {
  ...prefill(form, { idCard: MOTHER_CARD, earlier: { 'applicant.phone': '13812345678' } }, TODAY),
  'child.name': '李小宝',
  'child.birthDate': '2025-02-20',
  'child.weight': 3200,
  'delivery.method': 'pickup',
  'applicant.signature': 'sig-0001',
  'applicant.maritalStatus': 'single',
  'household.address': '长沙市芙蓉区五一大道1号',
  'bank.account': '6222020200012345678',
  'delivery.phone': '13812345678',
};
const problemsWith = (changes: Record<string, FieldValue | undefined>): FieldProblem[] => {
  const values: Record<string, FieldValue> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete values[key];
    else values[key] = value;
  }
  return validateValues(form, values, facts, TODAY);
};
const only = (changes: Record<string, FieldValue | undefined>) => {
  const problems = problemsWith(changes);
  expect(problems).toHaveLength(1);
  return problems[0]!;
};

describe('validateValues', () => {
  it('accepts a complete, correct form', () => {
    expect(validateValues(form, base, facts, TODAY)).toEqual([]);
  });

  it('asks for missing required fields, worded for how they are entered', () => {
    expect(only({ 'child.name': undefined })).toEqual({ key: 'child.name', code: 'required', message: { 'zh-CN': '请填写新生儿姓名', en: 'Please fill in newborn name' } });
    expect(only({ 'delivery.method': ' ' }).message).toEqual({ 'zh-CN': '请选择取件方式', en: 'Please choose how to receive the results' });
    expect(only({ 'applicant.signature': undefined }).message['zh-CN']).toBe('请签名：母亲签名');
  });

  it('checks only relevant fields: the spouse only when married', () => {
    expect(problemsWith({ 'applicant.maritalStatus': 'married' }).map((p) => p.key)).toEqual(['spouse.name', 'spouse.idNumber']);
  });

  it('leaves a department-held field with no kiosk input to the department when the record is missing', () => {
    const held = {
      key: 'pension.years',
      field: { key: 'pension.years', type: 'number', label: { 'zh-CN': '缴费年限' }, input: 'none', source: { kind: 'shared', dataset: 'hrss.pension' }, personal: true },
      neededBy: ['MATERNITY'],
      required: true,
      supporting: false,
    } as const;
    const withHeld = { ...form, fields: [...form.fields, held] };
    expect(validateValues(withHeld, base, facts, TODAY)).toEqual([]);
    expect(validateValues(withHeld, { ...base, 'pension.years': 'many' }, facts, TODAY).map((p) => p.code)).toEqual(['wrong-type']);
  });

  it('reports a required computed field that cannot be worked out', () => {
    expect(only({ 'applicant.age': undefined, 'applicant.birthDate': '2030-01-01' })).toMatchObject({ key: 'applicant.age', code: 'not-derivable' });
  });

  it('checks lengths in characters, numbers against min and max, and choices', () => {
    expect(only({ 'child.name': '𠮷' })).toMatchObject({ code: 'too-short', message: { 'zh-CN': '新生儿姓名至少2个字' } });
    expect(problemsWith({ 'child.name': '𠮷𠮷' })).toEqual([]);
    expect(only({ 'child.name': '李'.repeat(21) }).code).toBe('too-long');
    expect(only({ 'child.weight': 300 }).message).toEqual({ 'zh-CN': '出生体重（克）不能小于500', en: 'birth weight (g) must be at least 500' });
    expect(only({ 'child.weight': 9000 }).code).toBe('too-large');
    expect(only({ 'child.weight': '3200' }).code).toBe('wrong-type');
    expect(only({ 'delivery.method': 'drone' }).code).toBe('not-a-choice');
    expect(only({ 'applicant.age': 15 }).code).toBe('too-small');
  });

  it('takes a count as a whole number, and an amount to its catalog digits after the point', () => {
    const numberField = (key: string, decimals: number) =>
      ({
        key,
        field: { key, type: 'number', label: { 'zh-CN': key }, input: 'keypad', source: { kind: 'manual' }, personal: false, validation: { decimals } },
        neededBy: ['MATERNITY'],
        required: true,
        supporting: false,
      }) as const;
    const counted = { ...form, fields: [...form.fields, numberField('staff', 0), numberField('capital', 4)] };
    const check = (staff: number, capital: number) => validateValues(counted, { ...base, staff, capital }, facts, TODAY);
    expect(check(3, 50.0001)).toEqual([]);
    expect(check(2.5, 50)).toEqual([{ key: 'staff', code: 'decimals', message: { 'zh-CN': 'staff须为整数', en: 'staff must be a whole number' } }]);
    expect(check(3, 0.00001).map((p) => p.message['zh-CN'])).toEqual(['capital最多4位小数']);
  });

  it('checks dates, phone numbers and ID numbers with the GB 11643 check character', () => {
    expect(only({ 'child.birthDate': '2025-02-30' }).code).toBe('bad-date');
    expect(only({ 'applicant.phone': '1234567', 'delivery.phone': '13812345678' }).code).toBe('bad-phone');
    expect(problemsWith({ 'applicant.phone': '0731-84567890', 'delivery.phone': '0731-84567890' })).toEqual([]);
    const wrongCheck = MOTHER_ID.slice(0, 17) + '7';
    expect(only({ 'applicant.idNumber': wrongCheck })).toEqual({
      key: 'applicant.idNumber',
      code: 'bad-check-character',
      message: { 'zh-CN': '申请人身份证号码校验位不符，请核对号码', en: 'The check character of applicant ID number does not match: please check the number' },
    });
    expect(only({ 'applicant.idNumber': '12345' }).code).toBe('bad-id-number');
  });

  it('uses the catalog pattern message, in both languages', () => {
    expect(only({ 'bank.account': '6222' })).toEqual({
      key: 'bank.account',
      code: 'pattern',
      message: { 'zh-CN': '银行卡号应为12至19位数字', en: 'A bank card number has 12 to 19 digits' },
    });
  });

  it('never puts the value into a message', () => {
    const keys = ['child.name', 'household.address', 'applicant.phone', 'applicant.idNumber', 'bank.account', 'spouse.idNumber', 'child.birthDate'];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.stringMatching(/^[0-9a-zX-]{6,20}$/), (key, value) => {
        for (const problem of problemsWith({ [key]: value, 'applicant.maritalStatus': 'married', 'spouse.name': '王五' })) {
          expect(problem.message['zh-CN']).not.toContain(value);
          expect(problem.message.en).not.toContain(value);
        }
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Field } from '../../kiosk-config/catalog-schema.ts';
import { BIRTH_BUNDLE, BIRTH_CATALOG, MOTHER_CARD, TODAY } from './birth-catalog.fixture.ts';
import { dateRange, outOfRange, parseDateBound } from './date-range.ts';
import { addToDate } from './dates.ts';
import { mergeForm } from './merged-form.ts';
import { prefill } from './prefill.ts';
import type { FormValues, MergedForm } from './types.ts';
import { validateValues } from './validate.ts';

/** The birth form with the catalog's range on the baby's birth date: not before the applicant's, not after today. */
function withRange(validation: Field['validation']): MergedForm {
  const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, ['MATERNITY']);
  return { ...form, fields: form.fields.map((mf) => (mf.key === 'child.birthDate' ? { ...mf, field: { ...mf.field, validation } } : mf)) };
}
const form = withRange({ earliest: 'applicant.birthDate', latest: 'today' });
const facts = { applicant: { age: 29 } };
const complete: FormValues = {
  ...prefill(form, { idCard: MOTHER_CARD, earlier: { 'applicant.phone': '13812345678' } }, TODAY),
  'child.name': '李小宝',
  'child.weight': 3200,
  'delivery.method': 'pickup',
  'applicant.signature': 'sig-0001',
  'applicant.maritalStatus': 'single',
  'household.address': '长沙市芙蓉区五一大道1号',
  'bank.account': '6222020200012345678',
};
const problemsOn = (birthDate: string, f = form) => validateValues(f, { ...complete, 'child.birthDate': birthDate }, facts, TODAY);

describe('date arithmetic', () => {
  it('moves by days across months and years, and by months and years to the month’s last day when needed', () => {
    expect(addToDate('2025-03-01', -1, 'd')).toBe('2025-02-28');
    expect(addToDate('2024-12-31', 1, 'd')).toBe('2025-01-01');
    expect(addToDate('2025-03-31', 1, 'm')).toBe('2025-04-30');
    expect(addToDate('2025-01-31', -2, 'm')).toBe('2024-11-30');
    expect(addToDate('2024-02-29', 1, 'y')).toBe('2025-02-28');
    expect(addToDate('2025-03-01', -18, 'y')).toBe('2007-03-01');
  });
});

describe('date bounds', () => {
  it('parse today, a date and a field, each with an optional offset', () => {
    expect(parseDateBound('today')).toEqual({ base: { kind: 'today' } });
    expect(parseDateBound('today-18y')).toEqual({ base: { kind: 'today' }, offset: { amount: -18, unit: 'y' } });
    expect(parseDateBound('2000-01-01+30d')).toEqual({ base: { kind: 'date', date: '2000-01-01' }, offset: { amount: 30, unit: 'd' } });
    expect(parseDateBound('applicant.birthDate+16y')).toEqual({ base: { kind: 'field', key: 'applicant.birthDate' }, offset: { amount: 16, unit: 'y' } });
    expect(parseDateBound('2025-02-30')).toBeUndefined();
    expect(parseDateBound('tomorrow+1w')).toBeUndefined();
  });

  it('resolve against today and the answers, naming a field rather than its value', () => {
    const values = { ...complete };
    expect(dateRange(form.fields.find((f) => f.key === 'child.birthDate')!.field, form, values, TODAY)).toEqual({
      earliest: { date: '1995-06-12', says: { 'zh-CN': '申请人出生日期', en: 'applicant birth date' } },
      latest: { date: TODAY, says: { 'zh-CN': '今天', en: 'today' } },
    });
    const offsets = withRange({ earliest: 'applicant.birthDate+16y', latest: 'today-1d' });
    const field = offsets.fields.find((f) => f.key === 'child.birthDate')!.field;
    expect(dateRange(field, offsets, values, TODAY)).toEqual({
      earliest: { date: '2011-06-12', says: { 'zh-CN': '申请人出生日期后16年', en: '16 years after applicant birth date' } },
      latest: { date: '2025-02-28', says: { 'zh-CN': '2025-02-28', en: '2025-02-28' } },
    });
    // Without the applicant's birth date (not on the card) that bound is not known yet: only today holds.
    const { ['applicant.birthDate']: _, ...noBirthDate } = values;
    expect(dateRange(field, offsets, noBirthDate, TODAY)).toEqual({ latest: { date: '2025-02-28', says: { 'zh-CN': '2025-02-28', en: '2025-02-28' } } });
    expect(outOfRange('2025-03-01', { latest: { date: '2025-02-28', says: { 'zh-CN': '', en: '' } } })).toBe('too-late');
  });
});

describe('validateValues with a date range', () => {
  it('refuses a birth date after today, and one before the parent’s own', () => {
    expect(problemsOn('2025-02-20')).toEqual([]);
    expect(problemsOn(TODAY)).toEqual([]);
    expect(problemsOn('2025-03-02')).toEqual([
      { key: 'child.birthDate', code: 'too-late', message: { 'zh-CN': '新生儿出生日期不能晚于今天', en: 'newborn birth date cannot be after today' } },
    ]);
    expect(problemsOn('1995-06-11')).toEqual([
      {
        key: 'child.birthDate',
        code: 'too-early',
        message: { 'zh-CN': '新生儿出生日期不能早于申请人出生日期', en: 'newborn birth date cannot be before applicant birth date' },
      },
    ]);
  });

  it('checks a real date first: an impossible one is not also out of range', () => {
    expect(problemsOn('2099-02-30').map((p) => p.code)).toEqual(['bad-date']);
  });
});

/**
 * What a question's view says beside its value (a date's range, a value offered from the card), and the
 * answer that goes back to the card's value, on the birth catalog with the sample catalog's two rules added.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog, Field } from '../../kiosk-config/catalog-schema.ts';
import { BIRTH_BUNDLE, BIRTH_CATALOG, MOTHER_CARD } from '../bundle/birth-catalog.fixture.ts';
import { mergeForm } from '../bundle/index.ts';
import { cardOfferView, rangeView } from './field-aids.ts';
import { formRules } from './form-rules.ts';
import { emptyContext } from './transaction-context.ts';
import type { TransactionContext } from './transaction-types.ts';
import { applicant } from './test-helpers.ts';

const CARD_ADDRESS = '长沙市天心区书院路9号';
const changed: Record<string, Partial<Field>> = {
  'household.address': { suggestFrom: { idcard: 'address', label: { 'zh-CN': '身份证地址', en: 'the address on the ID card' } } },
  'child.birthDate': { validation: { earliest: 'applicant.birthDate', latest: 'today' } },
};
const catalog: Catalog = {
  ...BIRTH_CATALOG,
  fields: new Map([...BIRTH_CATALOG.fields].map(([key, field]) => [key, { ...field, ...changed[key] }])),
};
const form = mergeForm(catalog, BIRTH_BUNDLE, []);
const field = (key: string) => form.fields.find((f) => f.key === key)!;
/** 2025-03-01, 09:00 in the hall. */
const NOW = Date.parse('2025-03-01T01:00:00Z');

function onForm(values: TransactionContext['values']): TransactionContext {
  return {
    ...emptyContext({ sessionId: 's1', catalogVersion: 'v1', now: NOW }),
    applicant: { ...applicant, card: { ...MOTHER_CARD, address: CARD_ADDRESS } },
    bundleCode: BIRTH_BUNDLE.code,
    values,
  };
}

describe('a date’s range in the view', () => {
  it("carries the hall's day for every date, so the steppers start there whatever the browser's clock says", () => {
    expect(rangeView(form, field('applicant.birthDate'), {}, '2025-03-01')).toEqual({ today: '2025-03-01' });
  });

  it('is resolved for today and the answers, and said in words', () => {
    expect(rangeView(form, field('child.birthDate'), { 'applicant.birthDate': '1995-06-12' }, '2025-03-01')).toEqual({
      range: {
        earliest: { date: '1995-06-12', says: { 'zh-CN': '申请人出生日期', en: 'applicant birth date' } },
        latest: { date: '2025-03-01', says: { 'zh-CN': '今天', en: 'today' } },
      },
      today: '2025-03-01',
    });
    expect(rangeView(form, field('applicant.name'), {}, '2025-03-01')).toEqual({});
  });
});

describe('a value offered from the card', () => {
  it('says whether the answer is the card’s, only when the card has one', () => {
    const card = { ...MOTHER_CARD, address: CARD_ADDRESS };
    const label = { 'zh-CN': '身份证地址', en: 'the address on the ID card' };
    expect(cardOfferView(field('household.address'), card, CARD_ADDRESS)).toEqual({ suggestion: { label, chosen: true } });
    expect(cardOfferView(field('household.address'), card, '长沙市岳麓区1号')).toEqual({ suggestion: { label, chosen: false } });
    expect(cardOfferView(field('household.address'), MOTHER_CARD, undefined)).toEqual({});
    expect(cardOfferView(field('child.name'), card, '李小宝')).toEqual({});
  });

  it('comes back when the citizen clears a different answer (与身份证地址相同 again)', () => {
    const rules = formRules(catalog);
    const typed = rules.afterAnswer(onForm({ 'household.address': '长沙市岳麓区1号' }), 'household.address', '长沙市岳麓区2号', NOW)!;
    expect(typed.values['household.address']).toBe('长沙市岳麓区2号');
    const same = rules.afterAnswer(onForm(typed.values), 'household.address', undefined, NOW)!;
    expect(same.values['household.address']).toBe(CARD_ADDRESS);
    // A field the card offers nothing for is cleared as before.
    expect(rules.afterAnswer(onForm({ 'child.name': '李小宝' }), 'child.name', undefined, NOW)!.values['child.name']).toBeUndefined();
  });
});

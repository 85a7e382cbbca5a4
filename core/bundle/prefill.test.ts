import { describe, expect, it } from 'vitest';
import { BIRTH_BUNDLE, BIRTH_CATALOG, FATHER_ID, MOTHER_CARD, MOTHER_ID, TODAY } from './birth-catalog.fixture.ts';
import { computeValue, conform } from './computed.ts';
import { mergeForm } from './merged-form.ts';
import { prefill, prefillWithOrigins, setValue, sharedValue, suggestedValue } from './prefill.ts';

const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, ['MATERNITY']);
const field = (key: string) => BIRTH_CATALOG.fields.get(key)!;

describe('prefill', () => {
  it('takes the ID card first, then shared data, then earlier answers', () => {
    const { values, origins } = prefillWithOrigins(
      form,
      {
        idCard: MOTHER_CARD,
        shared: { 'police.household': { 'household.address': '长沙市芙蓉区五一大道1号' } },
        earlier: { 'applicant.name': '别的名字', 'household.address': '旧地址', 'applicant.phone': '13812345678', 'applicant.maritalStatus': 'married' },
      },
      TODAY,
    );
    expect(values['applicant.name']).toBe('李梅');
    expect(origins['applicant.name']).toBe('idcard');
    expect(values['household.address']).toBe('长沙市芙蓉区五一大道1号');
    expect(origins['household.address']).toBe('shared');
    expect(values['applicant.phone']).toBe('13812345678');
    expect(origins['applicant.phone']).toBe('earlier');
    // No marriage dataset was fetched (not authorised, or offline): the earlier answer fills in.
    expect(origins['applicant.maritalStatus']).toBe('earlier');
  });

  it('keeps the citizen’s change to a correctable department value, never to an authoritative one', () => {
    const records = { 'police.household': { 'household.address': '长沙市芙蓉区五一大道1号' } };
    const earlier = { 'household.address': '改过的地址' };
    const correctable = {
      ...form,
      fields: form.fields.map((mf) =>
        mf.key === 'household.address' ? { ...mf, field: { ...mf.field, source: { kind: 'shared' as const, dataset: 'police.household', correctable: true } } } : mf,
      ),
    };
    expect(prefill(form, { shared: records, earlier }, TODAY)['household.address']).toBe('长沙市芙蓉区五一大道1号');
    expect(prefillWithOrigins(correctable, { shared: records, earlier }, TODAY).origins['household.address']).toBe('earlier');
    expect(prefill(correctable, { shared: records }, TODAY)['household.address']).toBe('长沙市芙蓉区五一大道1号');
    const address = form.fields.find((mf) => mf.key === 'household.address')!;
    expect(sharedValue(address, records)).toBe('长沙市芙蓉区五一大道1号');
    expect(sharedValue(address, {})).toBeUndefined();
    expect(sharedValue(form.fields.find((mf) => mf.key === 'applicant.name')!, records)).toBeUndefined();
  });

  it('falls back on earlier answers for what the card lacks, and ignores blank or ill-typed source text', () => {
    const values = prefill(
      form,
      { idCard: { name: '  ', idNumber: MOTHER_ID }, shared: { 'civil.marriage': { 'applicant.maritalStatus': '' } }, earlier: { 'applicant.name': '李梅' } },
      TODAY,
    );
    expect(values['applicant.name']).toBe('李梅');
    expect(values['applicant.maritalStatus']).toBeUndefined();
    expect(conform(field('child.weight'), 'heavy')).toBeUndefined();
    expect(conform(field('child.weight'), ' 3200 ')).toBe(3200);
  });

  it('works out computed fields from the prefilled inputs', () => {
    const { values, origins } = prefillWithOrigins(form, { idCard: MOTHER_CARD, earlier: { 'applicant.phone': '13812345678' } }, TODAY);
    expect(values['applicant.gender']).toBe('2');
    expect(values['applicant.age']).toBe(29);
    expect(values['delivery.phone']).toBe('13812345678');
    expect(origins['applicant.age']).toBe('computed');
  });

  it('offers the card’s address as the household address when no record or answer gives one', () => {
    const suggesting = {
      ...form,
      fields: form.fields.map((mf) =>
        mf.key === 'household.address' ? { ...mf, field: { ...mf.field, suggestFrom: { idcard: 'address' as const, label: { 'zh-CN': '身份证地址' } } } } : mf,
      ),
    };
    const idCard = { ...MOTHER_CARD, address: ' 长沙市天心区书院路9号 ' };
    const address = suggesting.fields.find((mf) => mf.key === 'household.address')!;
    const offered = prefillWithOrigins(suggesting, { idCard }, TODAY);
    expect(offered.values['household.address']).toBe('长沙市天心区书院路9号');
    expect(offered.origins['household.address']).toBe('suggested');
    expect(suggestedValue(address, idCard)).toBe('长沙市天心区书院路9号');
    // The citizen said it differs: their answer stays. The register's record, when fetched, comes first.
    const typed = prefillWithOrigins(suggesting, { idCard, earlier: { 'household.address': '长沙市岳麓区1号' } }, TODAY);
    expect(typed.values['household.address']).toBe('长沙市岳麓区1号');
    const records = { 'police.household': { 'household.address': '长沙市芙蓉区五一大道1号' } };
    expect(prefill(suggesting, { idCard, shared: records, earlier: offered.values }, TODAY)['household.address']).toBe('长沙市芙蓉区五一大道1号');
    // Without the catalog's suggestFrom, or without an address on the card, nothing is offered.
    expect(prefill(form, { idCard }, TODAY)['household.address']).toBeUndefined();
    expect(prefill(suggesting, { idCard: MOTHER_CARD }, TODAY)['household.address']).toBeUndefined();
  });

  it('never takes a computed field from earlier answers', () => {
    const values = prefill(form, { earlier: { 'applicant.age': 99, 'applicant.gender': '1' } }, TODAY);
    expect(values['applicant.age']).toBeUndefined();
    expect(values['applicant.gender']).toBeUndefined();
  });
});

describe('setValue', () => {
  const start = prefill(form, { idCard: MOTHER_CARD }, TODAY);

  it('works computed fields out again when an input changes, and clears them when it goes', () => {
    const withPhone = setValue(form, start, 'applicant.phone', '13812345678', TODAY);
    expect(withPhone['delivery.phone']).toBe('13812345678');
    const changed = setValue(form, withPhone, 'applicant.phone', '13987654321', TODAY);
    expect(changed['delivery.phone']).toBe('13987654321');
    const cleared = setValue(form, changed, 'applicant.phone', undefined, TODAY);
    expect(cleared['delivery.phone']).toBeUndefined();
    expect('applicant.phone' in cleared).toBe(false);
  });

  it('follows a corrected ID number through gender and age', () => {
    const corrected = setValue(form, start, 'applicant.idNumber', FATHER_ID.toLowerCase(), TODAY);
    expect(corrected['applicant.idNumber']).toBe(FATHER_ID);
    expect(corrected['applicant.gender']).toBe('1');
  });

  it('refuses to answer a computed field or one outside the form', () => {
    expect(() => setValue(form, start, 'applicant.age', 40, TODAY)).toThrow('field "applicant.age" is computed');
    expect(() => setValue(form, start, 'pet.name', 'x', TODAY)).toThrow('not part of this form');
  });
});

describe('computeValue', () => {
  it('implements each named function', () => {
    expect(computeValue('birthDateFromIdNumber', [MOTHER_ID], TODAY)).toBe('1995-06-12');
    expect(computeValue('genderFromIdNumber', [FATHER_ID], TODAY)).toBe('1');
    expect(computeValue('regionFromIdNumber', [MOTHER_ID], TODAY)).toBe('430102');
    expect(computeValue('ageFromBirthDate', ['1995-06-12'], TODAY)).toBe(29);
    expect(computeValue('copy', [undefined, ' ', 'b', 'c'], TODAY)).toBe('b');
  });

  it('gives nothing for missing or malformed inputs', () => {
    expect(computeValue('ageFromBirthDate', [undefined], TODAY)).toBeUndefined();
    expect(computeValue('ageFromBirthDate', ['12/06/1995'], TODAY)).toBeUndefined();
    expect(computeValue('birthDateFromIdNumber', ['12345'], TODAY)).toBeUndefined();
    expect(computeValue('genderFromIdNumber', [42], TODAY)).toBeUndefined();
    expect(computeValue('copy', [], TODAY)).toBeUndefined();
  });
});

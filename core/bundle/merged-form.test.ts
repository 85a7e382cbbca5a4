import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { BIRTH_BUNDLE, BIRTH_CATALOG, MOTHER_CARD, TODAY } from './birth-catalog.fixture.ts';
import { departmentForm, mergeForm, questionsToAsk, relevantFields } from './merged-form.ts';
import { prefill, setValue } from './prefill.ts';
import type { Facts } from './types.ts';

const facts: Facts = { applicant: { age: 29, gender: '2' } };
const keys = (fields: readonly { key: string }[]) => fields.map((f) => f.key);

describe('mergeForm', () => {
  it('unites the chosen items fields once each, in order of first appearance', () => {
    const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, []);
    expect(keys(form.items.map((i) => ({ key: i.implementationCode })))).toEqual(['BIRTH-CERT', 'HUKOU', 'MEDICAL-INS']);
    expect(keys(form.fields)).toEqual([
      'applicant.name', 'applicant.idNumber', 'applicant.gender', 'child.name', 'child.birthDate', 'child.weight', 'delivery.method',
      'delivery.address', 'applicant.signature', 'applicant.maritalStatus', 'spouse.name', 'spouse.idNumber', 'household.address',
      'applicant.phone', 'applicant.birthDate', 'applicant.age',
    ]);
    const name = form.fields.find((f) => f.key === 'applicant.name');
    expect(name).toMatchObject({ neededBy: ['BIRTH-CERT', 'HUKOU', 'MEDICAL-INS'], required: true, supporting: false });
  });

  it('pulls in a computed field input no item lists, just before it, as a supporting field', () => {
    const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, []);
    expect(form.fields.find((f) => f.key === 'applicant.birthDate')).toMatchObject({ neededBy: [], supporting: true, required: true });
  });

  it('adds chosen optional items; their optional fields stay optional', () => {
    const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, ['MATERNITY']);
    expect(keys(form.fields).slice(-2)).toEqual(['bank.account', 'delivery.phone']);
    expect(form.fields.find((f) => f.key === 'delivery.phone')).toMatchObject({ neededBy: ['MATERNITY'], required: false });
    expect(form.fields.find((f) => f.key === 'applicant.phone')?.neededBy).toEqual(['HUKOU', 'MEDICAL-INS', 'MATERNITY']);
  });

  it('rejects an item that is not in the bundle, and computed cycles, naming keys only', () => {
    expect(() => mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, ['NOT-HERE'])).toThrow('item "NOT-HERE" is not part of bundle "BIRTH-0001"');
    const a = BIRTH_CATALOG.fields.get('applicant.age')!;
    const cyclic: Catalog = {
      ...BIRTH_CATALOG,
      fields: new Map([
        ...BIRTH_CATALOG.fields,
        ['applicant.age', { ...a, source: { kind: 'computed', fn: 'copy', args: ['applicant.region'] } }],
        ['applicant.region', { ...a, key: 'applicant.region', source: { kind: 'computed', fn: 'copy', args: ['applicant.age'] } }],
      ]),
    };
    expect(() => mergeForm(cyclic, BIRTH_BUNDLE, [])).toThrow('computed fields form a cycle: applicant.age → applicant.region → applicant.age');
  });
});

describe('relevance and questions', () => {
  const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, ['MATERNITY']);

  it('asks for spouse details only when married, and the delivery address only for post', () => {
    const single = { 'applicant.maritalStatus': 'single', 'delivery.method': 'pickup' };
    expect(keys(relevantFields(form, single, facts))).not.toContain('spouse.name');
    expect(keys(relevantFields(form, single, facts))).not.toContain('delivery.address');
    const married = { 'applicant.maritalStatus': 'married', 'delivery.method': 'post' };
    expect(keys(relevantFields(form, married, facts))).toEqual(expect.arrayContaining(['spouse.name', 'spouse.idNumber', 'delivery.address']));
  });

  it('asks only what prefill could not fill, never a computed field', () => {
    const values = prefill(form, { idCard: MOTHER_CARD, shared: { 'civil.marriage': { 'applicant.maritalStatus': 'married' } } }, TODAY);
    expect(keys(questionsToAsk(form, values, facts))).toEqual([
      'child.name', 'child.birthDate', 'child.weight', 'delivery.method', 'applicant.signature', 'spouse.name', 'spouse.idNumber',
      'household.address', 'applicant.phone', 'bank.account',
    ]);
  });

  it('drops a supporting field whose computed field is not relevant', () => {
    const ageOnlyForPost = new Map(BIRTH_CATALOG.fields);
    const age = ageOnlyForPost.get('applicant.age')!;
    ageOnlyForPost.set('applicant.age', { ...age, relevantWhen: { fact: 'answer.delivery.method', op: 'eq', value: 'post' } });
    const f = mergeForm({ ...BIRTH_CATALOG, fields: ageOnlyForPost }, BIRTH_BUNDLE, []);
    expect(keys(questionsToAsk(f, { 'delivery.method': 'pickup' }, facts))).not.toContain('applicant.birthDate');
    expect(keys(questionsToAsk(f, { 'delivery.method': 'post' }, facts))).toContain('applicant.birthDate');
  });
});

describe('departmentForm', () => {
  const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, ['MATERNITY']);
  let values = prefill(form, { idCard: MOTHER_CARD }, TODAY);
  const answers = { 'applicant.maritalStatus': 'single', 'spouse.name': '王五', 'applicant.phone': '13812345678', 'delivery.method': 'pickup' };
  for (const [key, value] of Object.entries(answers)) values = setValue(form, values, key, value, TODAY);

  it('projects the merged answers onto one item, in its own order', () => {
    const hukou = departmentForm(form, values, 'HUKOU', facts);
    expect(hukou.department['zh-CN']).toBe('公安');
    expect(keys(hukou.fields)).toEqual(BIRTH_CATALOG.items.get('HUKOU')!.fields.map((f) => f.key));
    expect(hukou.fields.find((f) => f.key === 'applicant.name')).toMatchObject({ value: '李梅', relevant: true, required: true });
    expect(hukou.fields.find((f) => f.key === 'applicant.phone')?.value).toBe('13812345678');
  });

  it('leaves out answers to questions that no longer apply', () => {
    const spouse = departmentForm(form, values, 'HUKOU', facts).fields.find((f) => f.key === 'spouse.name');
    expect(spouse).toEqual({ key: 'spouse.name', label: expect.anything(), required: true, relevant: false });
  });

  it('keeps each item own required flags and nothing of other items', () => {
    const maternity = departmentForm(form, values, 'MATERNITY', facts);
    expect(keys(maternity.fields)).toEqual(['applicant.name', 'applicant.idNumber', 'bank.account', 'applicant.phone', 'delivery.phone']);
    expect(maternity.fields.find((f) => f.key === 'delivery.phone')).toMatchObject({ required: false, value: '13812345678' });
    expect(() => departmentForm(mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, []), values, 'MATERNITY', facts)).toThrow('not part of this form');
  });
});

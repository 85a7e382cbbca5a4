/**
 * The load-time checks of issue 10's date and address work, each on a copy of the sample catalog with one
 * thing broken: date ranges over real dates and date fields, card suggestions only where the citizen can
 * differ, and no two questions of one form under the same label.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { indexOf, listLength, problemsAfter, removeCatalogCopies, testField } from './catalog-test-dir.ts';

afterEach(removeCatalogCopies);

const manual = { kind: 'manual' };
const dateField = (key: string, validation: Record<string, string>) => ({ ...testField(key, manual), type: 'date', input: 'date-picker', validation });

describe('date ranges', () => {
  it('accept today, a date, another date field, each with an offset', async () => {
    let n = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], dateField('test.a', { earliest: 'today-18y', latest: 'today+30d' }));
        doc.addIn(['fields'], dateField('test.b', { earliest: 'applicant.birthDate+16y', latest: '2099-12-31' }));
        // The one problem that makes the copy fail, so only the two ranges above are shown to pass.
        doc.addIn(['fields'], dateField('test.c', { earliest: 'nobody.birthDate' }));
      },
    });
    expect(problems).toEqual([`fields.yaml: fields.${n + 2}.validation.earliest: unknown field "nobody.birthDate"`]);
  });

  it('name a known date field, never the field itself, and only on a date', async () => {
    let n = -1;
    let time = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], dateField('test.a', { earliest: 'mother.birthDate', latest: 'applicant.name' }));
        doc.addIn(['fields'], dateField('test.b', { earliest: 'test.b', latest: '2025-02-30' }));
        time = indexOf(doc, 'fields', 'key', 'newborn.birthTime');
        doc.setIn(['fields', time, 'validation', 'latest'], 'today');
      },
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${time}.validation: only a date field has earliest / latest (type is "text")`,
      `fields.yaml: fields.${n}.validation.earliest: unknown field "mother.birthDate"`,
      `fields.yaml: fields.${n}.validation.latest: "applicant.name" is not a date field (type is "text")`,
      `fields.yaml: fields.${n + 1}.validation.earliest: a date cannot be bounded by itself`,
      `fields.yaml: fields.${n + 1}.validation.latest: "2025-02-30" is not a real date`,
    ]);
  });

  it('are not empty, and are written as the syntax says', async () => {
    let n = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], dateField('test.a', { earliest: 'today', latest: 'today-1d' }));
        doc.addIn(['fields'], dateField('test.b', { earliest: 'yesterday-1w' }));
      },
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^fields.yaml: fields.${n + 1}.validation.earliest: today, yyyy-mm-dd or a field key`));
    expect(problems[1]).toBe(`fields.yaml: fields.${n}.validation: earliest "today" is after latest "today-1d": no date fits`);
  });
});

describe('card suggestions', () => {
  it('only on a field the citizen can answer otherwise', async () => {
    const suggest = { idcard: 'address', label: { 'zh-CN': '身份证地址' } };
    let n = -1;
    let name = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        name = indexOf(doc, 'fields', 'key', 'applicant.name');
        doc.setIn(['fields', name, 'suggestFrom'], suggest);
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], { ...testField('test.a', manual), input: 'none', suggestFrom: suggest });
      },
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${name}.suggestFrom: a field from the ID card cannot offer another value`,
      `fields.yaml: fields.${n}.suggestFrom: the citizen cannot give another value with input "none"`,
    ]);
  });
});

describe('labels in one merged form', () => {
  it('differ, so two birth dates say whose', async () => {
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        const newborn = indexOf(doc, 'fields', 'key', 'newborn.birthDate');
        doc.setIn(['fields', newborn, 'label'], { 'zh-CN': '出生日期', en: 'Date of birth' });
        const applicant = indexOf(doc, 'fields', 'key', 'applicant.birthDate');
        doc.setIn(['fields', applicant, 'label'], { 'zh-CN': '出生日期', en: 'Date of birth' });
      },
    });
    expect(problems).toEqual([
      'bundles.yaml: bundles.0: fields "applicant.birthDate" and "newborn.birthDate" are both labelled "出生日期" (zh-CN) in this bundle\'s form: say whose (fields.yaml)',
      'bundles.yaml: bundles.0: fields "applicant.birthDate" and "newborn.birthDate" are both labelled "Date of birth" (en) in this bundle\'s form: say whose (fields.yaml)',
    ]);
  });
});

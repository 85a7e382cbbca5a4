/** The checks of shared datasets found by a field's value (`lookupBy`), on copies of the sample catalog. */
import { afterEach, describe, expect, it } from 'vitest';
import { indexOf, listLength, problemsAfter, removeCatalogCopies, testField } from './catalog-test-dir.ts';

afterEach(removeCatalogCopies);

describe('shared datasets looked up by a field', () => {
  const shared = (dataset: string, lookupBy?: string) => ({ kind: 'shared', dataset, ...(lookupBy ? { lookupBy } : {}) });

  it('name a known key field the citizen can answer, not one of the same dataset', async () => {
    let n = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], testField('test.a', shared('test.one', 'test.missing')));
        doc.addIn(['fields'], testField('test.b', shared('test.two', 'applicant.age')));
        doc.addIn(['fields'], testField('test.c', shared('test.three', 'test.d')));
        doc.addIn(['fields'], testField('test.d', shared('test.three', 'test.d'), { input: 'keyboard' }));
      },
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${n}.source.lookupBy: unknown field "test.missing"`,
      `fields.yaml: fields.${n + 1}.source.lookupBy: "applicant.age" cannot be answered on the kiosk, so the dataset could never be looked up`,
      `fields.yaml: fields.${n + 2}.source.lookupBy: "test.d" comes from "test.three" itself`,
      `fields.yaml: fields.${n + 3}.source.lookupBy: "test.d" comes from "test.three" itself`,
    ]);
  });

  it('are looked up the same way by every field of the dataset', async () => {
    let n = -1;
    let first = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        first = indexOf(doc, 'fields', 'key', 'enterprise.address');
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], testField('test.owner', shared('nrs.realEstateRegister')));
        doc.addIn(['fields'], testField('test.area', shared('nrs.realEstateRegister', 'applicant.phone')));
      },
    });
    const firstAt = `fields.${first}.source`;
    expect(problems).toEqual([
      `fields.yaml: fields.${n}.source.lookupBy: dataset "nrs.realEstateRegister" is looked up by the applicant here but by "premises.certificateNumber" at ${firstAt}`,
      `fields.yaml: fields.${n + 1}.source.lookupBy: dataset "nrs.realEstateRegister" is looked up by "applicant.phone" here but by "premises.certificateNumber" at ${firstAt}`,
    ]);
  });
});


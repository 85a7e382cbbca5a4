/**
 * One test per cross-reference rule: a copy of the sample catalog with one thing broken, and the exact
 * problem lines it must produce (and nothing else).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { entryCopy, indexOf, listLength, problemsAfter, removeCatalogCopies, testField } from './catalog-test-dir.ts';

afterEach(removeCatalogCopies);


function copyOf(...args: string[]): Record<string, unknown> {
  return { kind: 'computed', fn: 'copy', args };
}

describe('duplicates, naming both places', () => {
  it('field keys', async () => {
    let n = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], entryCopy(doc, 'fields', 0));
      },
    });
    expect(problems).toEqual([`fields.yaml: fields.${n}.key: duplicate field key "applicant.name", first at fields.0.key`]);
  });

  it('material keys', async () => {
    let n = -1;
    const problems = await problemsAfter({
      'materials.yaml': (doc) => {
        n = listLength(doc, 'materials');
        doc.addIn(['materials'], entryCopy(doc, 'materials', 0));
      },
    });
    expect(problems).toEqual([`materials.yaml: materials.${n}.key: duplicate material key "idCard", first at materials.0.key`]);
  });

  it('item implementation codes', async () => {
    let n = -1;
    const problems = await problemsAfter({
      'items.yaml': (doc) => {
        n = listLength(doc, 'items');
        doc.addIn(['items'], entryCopy(doc, 'items', 0));
      },
    });
    expect(problems).toEqual([
      `items.yaml: items.${n}.implementationCode: duplicate implementation code "11019900WJ-GG-0101", first at items.0.implementationCode`,
    ]);
  });

  it('bundle codes', async () => {
    const problems = await problemsAfter({ 'bundles.yaml': (doc) => doc.addIn(['bundles'], entryCopy(doc, 'bundles', 1)) });
    expect(problems).toEqual(['bundles.yaml: bundles.4.code: duplicate bundle code "110199PCN0012", first at bundles.1.code']);
  });

  it('a field, material or item listed twice in one entry, a choice or a rating key given twice', async () => {
    let phone = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        phone = indexOf(doc, 'fields', 'key', 'delivery.method');
        doc.addIn(['fields', phone, 'choices'], { value: 'mail', label: { 'zh-CN': '邮寄' } });
      },
      'items.yaml': (doc) => {
        doc.addIn(['items', 1, 'fields'], { key: 'newborn.gender', required: false });
        doc.addIn(['items', 1, 'materials'], { key: 'idCard' });
      },
      'bundles.yaml': (doc) => doc.addIn(['bundles', 3, 'items'], { item: '11019900GA-QT-0101', required: false }),
      'rating.yaml': (doc) => doc.addIn(['lowLevelReasons'], { key: 'slow', label: { 'zh-CN': '慢' } }),
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${phone}.choices.2.value: duplicate choice "mail", first at fields.${phone}.choices.0.value`,
      'items.yaml: items.1.fields.9.key: duplicate field "newborn.gender", first at items.1.fields.1.key',
      'items.yaml: items.1.materials.2.key: duplicate material "idCard", first at items.1.materials.0.key',
      'bundles.yaml: bundles.3.items.6.item: duplicate item "11019900GA-QT-0101", first at bundles.3.items.1.item',
      'rating.yaml: lowLevelReasons.9.key: duplicate reason "slow", first at lowLevelReasons.0.key',
    ]);
  });
});

describe('references', () => {
  it('every bundle item exists', async () => {
    const problems = await problemsAfter({ 'bundles.yaml': (doc) => doc.setIn(['bundles', 2, 'items', 1, 'item'], '11000000XK-0001') });
    expect(problems).toEqual(['bundles.yaml: bundles.2.items.1.item: unknown item "11000000XK-0001"']);
  });

  it('every item field and material exists', async () => {
    const problems = await problemsAfter({
      'items.yaml': (doc) => {
        doc.addIn(['items', 2, 'fields'], { key: 'newborn.bloodGroup' });
        doc.addIn(['items', 2, 'materials'], { key: 'vaccinationRecord', required: false });
      },
    });
    expect(problems).toEqual([
      'items.yaml: items.2.fields.20.key: unknown field "newborn.bloodGroup"',
      'items.yaml: items.2.materials.6.key: unknown material "vaccinationRecord"',
    ]);
  });

  it('an item produces known materials, never one it needs itself', async () => {
    const problems = await problemsAfter({
      'items.yaml': (doc) => {
        doc.setIn(['items', 0, 'produces'], ['birthCertificate', 'noSuchMaterial', 'idCard']);
      },
    });
    expect(problems).toEqual([
      'items.yaml: items.0.produces.1: unknown material "noSuchMaterial"',
      'items.yaml: items.0.produces.2: item "11019900WJ-GG-0101" cannot need the material "idCard" it produces',
    ]);
  });

  it('every answer.<key> fact in a relevance, an eligibility rule or a commitment exclusion names a known field', async () => {
    let address = -1;
    let premises = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        address = indexOf(doc, 'fields', 'key', 'delivery.address');
        doc.setIn(['fields', address, 'relevantWhen'], { fact: 'answer.delivery.how', op: 'present' });
      },
      'materials.yaml': (doc) => {
        premises = indexOf(doc, 'materials', 'key', 'premisesProof');
        doc.setIn(['materials', premises, 'routes', 2, 'excludedWhen', 'any', 1, 'fact'], 'answer.enterprise.premises');
      },
      'bundles.yaml': (doc) =>
        doc.setIn(['bundles', 3, 'eligibility', 0, 'unless'], {
          all: [
            { fact: 'applicant.age', op: 'gte', value: 18 },
            { not: { fact: 'answer.enterprise.capital', op: 'absent' } },
          ],
        }),
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${address}.relevantWhen.fact: unknown field "delivery.how"`,
      `materials.yaml: materials.${premises}.routes.2.excludedWhen.any.1.fact: unknown field "enterprise.premises"`,
      'bundles.yaml: bundles.3.eligibility.0.unless.all.1.not.fact: unknown field "enterprise.capital"',
    ]);
  });

  it('a compared value fits the field: one of its choices, or a boolean', async () => {
    let address = -1;
    let premises = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        address = indexOf(doc, 'fields', 'key', 'delivery.address');
        doc.setIn(['fields', address, 'relevantWhen'], { fact: 'answer.delivery.method', op: 'in', value: ['mail', 'post'] });
      },
      'materials.yaml': (doc) => {
        premises = indexOf(doc, 'materials', 'key', 'premisesProof');
        doc.setIn(['materials', premises, 'routes', 2, 'excludedWhen', 'any', 0, 'not', 'value'], 'false');
      },
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${address}.relevantWhen.value.1: "post" is not a choice of "delivery.method" (mail, pickup)`,
      `materials.yaml: materials.${premises}.routes.2.excludedWhen.any.0.not.value: "applicant.creditRestricted" is a boolean field: compare it with true or false`,
    ]);
  });

  it('an item lists the fields its fields are relevant by, and those its commitments are excluded by', async () => {
    let registration = -1;
    let credit = -1;
    const problems = await problemsAfter({
      'items.yaml': (doc) => {
        // 出生医学证明 (item 0) asks for the spouse only when married; 企业设立登记 offers the premises
        // commitment only with a clean credit record.
        doc.deleteIn(['items', 0, 'fields', indexOf(doc, ['items', 0, 'fields'], 'key', 'applicant.maritalStatus')]);
        registration = indexOf(doc, 'items', 'implementationCode', '11019900SJ-XK-0101');
        credit = indexOf(doc, ['items', registration, 'materials'], 'key', 'premisesProof');
        doc.deleteIn(['items', registration, 'fields', indexOf(doc, ['items', registration, 'fields'], 'key', 'applicant.creditRestricted')]);
      },
    });
    expect(problems).toEqual([
      'items.yaml: items.0.fields.5.key: field "spouse.name" depends on "applicant.maritalStatus" (relevantWhen), which this item does not list',
      'items.yaml: items.0.fields.6.key: field "spouse.idNumber" depends on "applicant.maritalStatus" (relevantWhen), which this item does not list',
      'items.yaml: items.0.materials.1.neededWhen: material "spouseIdCard" depends on "applicant.maritalStatus" (neededWhen), which this item does not list',
      'items.yaml: items.0.materials.3.neededWhen: material "marriageCertificate" depends on "applicant.maritalStatus" (neededWhen), which this item does not list',
      `items.yaml: items.${registration}.materials.${credit}.key: material "premisesProof" excludes its commitment on "applicant.creditRestricted", a field this item does not list`,
    ]);
  });
});

describe('computed fields', () => {
  it('take their arguments from known fields', async () => {
    let n = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], testField('test.contact', copyOf('applicant.mobile', 'applicant.phone')));
      },
    });
    expect(problems).toEqual([`fields.yaml: fields.${n}.source.args.0: unknown field "applicant.mobile"`]);
  });

  it('take as many fields as their function reads, of the type it reads', async () => {
    let n = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], testField('test.age', { kind: 'computed', fn: 'ageFromBirthDate', args: ['applicant.name', 'applicant.birthDate'] }));
      },
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${n}.source.args: ageFromBirthDate takes one field, got 2`,
      `fields.yaml: fields.${n}.source.args.0: ageFromBirthDate needs a date field, "applicant.name" is text`,
    ]);
  });

  it('never depend on themselves, directly, through other computed fields, or through relevance', async () => {
    let birth = -1;
    let n = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        birth = indexOf(doc, 'fields', 'key', 'applicant.birthDate');
        doc.setIn(['fields', birth, 'source'], copyOf('applicant.age'));
        n = listLength(doc, 'fields');
        doc.addIn(['fields'], testField('test.self', copyOf('test.self')));
        doc.addIn(['fields'], testField('test.a', copyOf('applicant.name', 'test.b')));
        doc.addIn(['fields'], testField('test.b', copyOf('test.c')));
        doc.addIn(['fields'], testField('test.c', { kind: 'manual' }, { relevantWhen: { fact: 'answer.test.a', op: 'present' } }));
      },
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${birth}.source.args.0: field "applicant.birthDate" depends on itself: applicant.birthDate → applicant.age → applicant.birthDate`,
      `fields.yaml: fields.${n}.source.args.0: field "test.self" depends on itself: test.self → test.self`,
      `fields.yaml: fields.${n + 1}.source.args.1: field "test.a" depends on itself: test.a → test.b → test.c → test.a`,
    ]);
  });
});

describe('field rules', () => {
  it('choices are present exactly when the type is choice', async () => {
    let method = -1;
    let phone = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        method = indexOf(doc, 'fields', 'key', 'delivery.method');
        doc.deleteIn(['fields', method, 'choices']);
        phone = indexOf(doc, 'fields', 'key', 'applicant.phone');
        doc.setIn(['fields', phone, 'choices'], [
          { value: 'mobile', label: { 'zh-CN': '手机' } },
          { value: 'landline', label: { 'zh-CN': '座机' } },
        ]);
      },
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${phone}.choices: only a "choice" field has choices (type is "phone")`,
      `fields.yaml: fields.${method}.choices: required when type is "choice"`,
    ]);
  });

  it('a validation pattern compiles', async () => {
    let time = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        time = indexOf(doc, 'fields', 'key', 'newborn.birthTime');
        doc.setIn(['fields', time, 'validation', 'pattern'], '^([01]\\d|2[0-3]:[0-5]\\d$');
      },
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${time}.validation.pattern: not a valid regular expression: Invalid regular expression: /^([01]\\d|2[0-3]:[0-5]\\d$/: Unterminated group`,
    ]);
  });

  it('accepts a pattern that only compiles in plain mode, as the form code does', async () => {
    let time = -1;
    const problems = await problemsAfter({
      'fields.yaml': (doc) => {
        time = indexOf(doc, 'fields', 'key', 'newborn.birthTime');
        doc.setIn(['fields', time, 'validation', 'pattern'], '^\\d\\d\\:\\d\\d$');
        doc.setIn(['fields', time, 'validation', 'min'], 5);
        doc.setIn(['fields', time, 'validation', 'max'], 1);
      },
    });
    // Only the range is wrong: `\:` is an identity escape, invalid in unicode mode but fine in plain mode.
    expect(problems).toEqual([`fields.yaml: fields.${time}.validation: min 5 is greater than max 1`]);
  });
});

describe('bundles', () => {
  it('contain only self-service items', async () => {
    const problems = await problemsAfter({
      'bundles.yaml': (doc) => doc.addIn(['bundles', 3, 'items'], { item: '11019900SJ-XK-0201', required: false }),
    });
    expect(problems).toEqual([
      'bundles.yaml: bundles.3.items.6.item: item "11019900SJ-XK-0201" (食品经营许可) is not self-service; a bundle shown on the kiosk may only contain items with selfService: true',
    ]);
  });

  it('need at least one required item', async () => {
    const problems = await problemsAfter({
      'bundles.yaml': (doc) => doc.setIn(['bundles', 1, 'items', 0, 'required'], false),
    });
    expect(problems).toEqual(['bundles.yaml: bundles.1.items: a bundle needs at least one required item']);
  });
});

/**
 * A small hand-written catalog shaped like 新生儿出生一件事 (bundles-reference.md §2), for the engine's tests.
 * Parsed through the catalog's own schemas, so it is valid catalog data with its defaults filled in.
 */
import * as v from 'valibot';
import { CatalogFilesSchema, type Catalog } from '../../kiosk-config/catalog-schema.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const married = { fact: 'answer.applicant.maritalStatus', op: 'eq', value: 'married' } as const;

const fields = v.parse(CatalogFilesSchema['fields.yaml'], {
  fields: [
    { key: 'applicant.name', type: 'text', label: t('申请人姓名', 'applicant name'), input: 'keyboard', source: { kind: 'idcard', attribute: 'name' }, personal: true },
    { key: 'applicant.idNumber', type: 'id-number', label: t('申请人身份证号码', 'applicant ID number'), input: 'keypad', source: { kind: 'idcard', attribute: 'idNumber' }, personal: true },
    {
      key: 'applicant.gender', type: 'choice', label: t('申请人性别', 'applicant gender'), input: 'none', personal: true,
      source: { kind: 'computed', fn: 'genderFromIdNumber', args: ['applicant.idNumber'] },
      choices: [{ value: '1', label: t('男', 'male') }, { value: '2', label: t('女', 'female') }],
    },
    { key: 'applicant.birthDate', type: 'date', label: t('申请人出生日期', 'applicant birth date'), input: 'date-picker', source: { kind: 'idcard', attribute: 'birthDate' }, personal: true },
    {
      key: 'applicant.age', type: 'number', label: t('申请人年龄', 'applicant age'), input: 'none', personal: true,
      source: { kind: 'computed', fn: 'ageFromBirthDate', args: ['applicant.birthDate'] }, validation: { min: 16 },
    },
    { key: 'applicant.region', type: 'text', label: t('户籍地区代码', 'region code'), input: 'none', personal: false, source: { kind: 'computed', fn: 'regionFromIdNumber', args: ['applicant.idNumber'] } },
    { key: 'applicant.phone', type: 'phone', label: t('联系电话', 'phone number'), input: 'keypad', source: { kind: 'manual' }, personal: true },
    {
      key: 'applicant.maritalStatus', type: 'choice', label: t('婚姻状况', 'marital status'), input: 'choice-list', personal: true,
      source: { kind: 'shared', dataset: 'civil.marriage' },
      choices: [{ value: 'married', label: t('已婚', 'married') }, { value: 'single', label: t('未婚', 'single') }],
    },
    { key: 'spouse.name', type: 'text', label: t('配偶姓名', 'spouse name'), input: 'keyboard', source: { kind: 'manual' }, personal: true, relevantWhen: married },
    { key: 'spouse.idNumber', type: 'id-number', label: t('配偶身份证号码', 'spouse ID number'), input: 'keypad', source: { kind: 'manual' }, personal: true, relevantWhen: married },
    { key: 'household.address', type: 'address', label: t('户籍地址', 'registered address'), input: 'keyboard', source: { kind: 'shared', dataset: 'police.household' }, personal: true },
    {
      key: 'child.name', type: 'text', label: t('新生儿姓名', 'newborn name'), input: 'keyboard', source: { kind: 'manual' }, personal: true,
      validation: { minLength: 2, maxLength: 20 },
    },
    { key: 'child.birthDate', type: 'date', label: t('新生儿出生日期', 'newborn birth date'), input: 'date-picker', source: { kind: 'manual' }, personal: true },
    {
      key: 'child.weight', type: 'number', label: t('出生体重（克）', 'birth weight (g)'), input: 'keypad', source: { kind: 'manual' }, personal: true,
      validation: { min: 500, max: 8000 },
    },
    {
      key: 'delivery.method', type: 'choice', label: t('取件方式', 'how to receive the results'), input: 'choice-list', source: { kind: 'manual' }, personal: false,
      choices: [{ value: 'post', label: t('邮寄', 'by post') }, { value: 'pickup', label: t('自取', 'collect in person') }],
    },
    {
      key: 'delivery.address', type: 'address', label: t('收件地址', 'delivery address'), input: 'keyboard', source: { kind: 'manual' }, personal: true,
      relevantWhen: { fact: 'answer.delivery.method', op: 'eq', value: 'post' },
    },
    { key: 'delivery.phone', type: 'phone', label: t('收件人电话', 'recipient phone'), input: 'none', source: { kind: 'computed', fn: 'copy', args: ['applicant.phone'] }, personal: true },
    {
      key: 'bank.account', type: 'text', label: t('银行卡号', 'bank card number'), input: 'keypad', source: { kind: 'manual' }, personal: true,
      validation: { pattern: '^\\d{12,19}$', patternMessage: t('银行卡号应为12至19位数字', 'A bank card number has 12 to 19 digits') },
    },
    { key: 'applicant.signature', type: 'signature', label: t('母亲签名', 'mother signature'), input: 'signature-pad', source: { kind: 'manual' }, personal: true },
  ],
}).fields;

const materials = v.parse(CatalogFilesSchema['materials.yaml'], {
  materials: [
    { key: 'id.parents', name: t('父母居民身份证', 'parents ID cards'), routes: [{ kind: 'e-license', licenseType: 'resident-id', trustLevel: 'A' }, { kind: 'capture', pages: 2 }] },
    { key: 'household.register', name: t('居民户口簿', 'household register'), routes: [{ kind: 'shared-data', dataset: 'police.household' }, { kind: 'paper', original: true }] },
    {
      key: 'marriage.cert', name: t('结婚证', 'marriage certificate'),
      routes: [
        { kind: 'e-license', licenseType: 'marriage-cert', trustLevel: 'B' },
        { kind: 'commitment', promise: t('本人承诺婚姻状况属实', 'I promise my marital status is as stated'), excludedWhen: { fact: 'applicant.age', op: 'lt', value: 18 } },
        { kind: 'paper', original: true, copies: 1 },
      ],
    },
    { key: 'birth.medicalRecord', name: t('新生儿出生医学记录', 'medical birth record'), routes: [{ kind: 'capture', pages: 2 }] },
    { key: 'birth.certificate', name: t('出生医学证明', 'medical birth certificate'), routes: [{ kind: 'e-license', licenseType: 'birth-cert', trustLevel: 'A' }] },
    { key: 'maternity.invoices', name: t('医疗费用发票', 'medical invoices'), routes: [{ kind: 'paper', original: true, copies: 1 }] },
  ],
}).materials;

const item = (code: string, zh: string, en: string, dept: string, fieldKeys: string[], materialKeys: string[], optionalFields: string[] = []) => ({
  basicCode: `${code}-B`,
  implementationCode: code,
  handlingCode: `${code}-H`,
  name: t(zh, en),
  department: t(dept, dept),
  handlingType: 'promised',
  timeLimit: { value: 5, unit: 'working-days' },
  selfService: true,
  fields: [...fieldKeys.map((key) => ({ key })), ...optionalFields.map((key) => ({ key, required: false }))],
  materials: materialKeys.map((key) => ({ key })),
});

const items = v.parse(CatalogFilesSchema['items.yaml'], {
  items: [
    item('BIRTH-CERT', '出生医学证明首次签发', 'first issue of the medical birth certificate', '卫健',
      ['applicant.name', 'applicant.idNumber', 'applicant.gender', 'child.name', 'child.birthDate', 'child.weight', 'delivery.method', 'delivery.address', 'applicant.signature'],
      ['id.parents', 'birth.medicalRecord']),
    item('HUKOU', '出生登记', 'birth registration (hukou)', '公安',
      ['applicant.name', 'applicant.idNumber', 'applicant.maritalStatus', 'spouse.name', 'spouse.idNumber', 'household.address', 'child.name', 'child.birthDate', 'applicant.phone', 'delivery.method', 'delivery.address'],
      ['id.parents', 'household.register', 'marriage.cert', 'birth.certificate']),
    item('MEDICAL-INS', '城乡居民医保参保登记', 'health insurance enrolment', '医保',
      ['applicant.name', 'applicant.idNumber', 'child.name', 'applicant.phone', 'household.address', 'applicant.age'],
      ['id.parents', 'household.register']),
    item('MATERNITY', '生育医疗费用报销', 'maternity medical expenses', '医保',
      ['applicant.name', 'applicant.idNumber', 'bank.account', 'applicant.phone'], ['id.parents', 'maternity.invoices'], ['delivery.phone']),
  ],
}).items;

const bundles = v.parse(CatalogFilesSchema['bundles.yaml'], {
  bundles: [
    {
      code: 'BIRTH-0001', theme: t('出生', 'birth'), lifeEvent: t('新生儿出生', 'a baby is born'), name: t('新生儿出生一件事', 'birth of a child'),
      leadDepartment: t('卫健', 'health'), order: 1,
      items: [{ item: 'BIRTH-CERT', required: true }, { item: 'HUKOU', required: true }, { item: 'MEDICAL-INS', required: true }, { item: 'MATERNITY', required: false }],
    },
  ],
}).bundles;

export const BIRTH_CATALOG: Catalog = {
  version: 'test-1',
  fields: new Map(fields.map((f) => [f.key, f])),
  materials: new Map(materials.map((m) => [m.key, m])),
  items: new Map(items.map((i) => [i.implementationCode, i])),
  bundles,
  rating: { indicators: [{ key: 'overall', label: t('整体满意度', 'overall') }], lowLevelReasons: [{ key: 'slow', label: t('办理慢', 'slow') }] },
};

export const BIRTH_BUNDLE = bundles[0]!;

/** A valid female ID number (born 1995-06-12, region 430102), a valid male one, and the card they come from. */
export const MOTHER_ID = '430102199506120026';
export const FATHER_ID = '430102199303050013';
export const MOTHER_CARD = { name: '李梅', idNumber: MOTHER_ID, gender: '2', birthDate: '1995-06-12', documentType: 'resident' } as const;
export const TODAY = '2025-03-01';

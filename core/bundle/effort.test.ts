import { describe, expect, it } from 'vitest';
import { BIRTH_BUNDLE, BIRTH_CATALOG, FATHER_ID, MOTHER_CARD, TODAY } from './birth-catalog.fixture.ts';
import { DEFAULT_COSTS, departmentOf, materialCost, measureEffort, questionCost, type EffortInput } from './effort.ts';

const field = (key: string) => BIRTH_CATALOG.fields.get(key)!;

const input: EffortInput = {
  catalog: BIRTH_CATALOG,
  bundle: BIRTH_BUNDLE,
  chosenOptionalItems: ['MATERNITY'],
  applicant: { age: 29, gender: '2' },
  sources: {
    idCard: MOTHER_CARD,
    shared: { 'police.household': { 'household.address': '长沙市芙蓉区五一大道1号' }, 'civil.marriage': { 'applicant.maritalStatus': 'married' } },
  },
  script: {
    'child.name': '李小宝', // 3 keystrokes
    'child.birthDate': '2025-02-20', // date picker: 3
    'child.weight': 3200, // 4
    'delivery.method': 'post', // 1
    'delivery.address': '长沙市芙蓉区五一大道2号', // 12
    'applicant.signature': 'sig-1', // 2
    'spouse.name': '王五', // 2
    'spouse.idNumber': FATHER_ID, // 18
    'applicant.phone': '13812345678', // 11
    'bank.account': '6222020200012345678', // 19
    'applicant.maritalStatus': 'married', // 1 where not prefilled
    'household.address': '长沙市芙蓉区五一大道1号', // 12 where not prefilled
  },
  available: { sharedDatasets: new Set(['police.household']), eLicenses: new Map([['resident-id', 'A'], ['marriage-cert', 'B']]) },
  today: TODAY,
};

describe('measureEffort', () => {
  it('counts the bundle: each question once, prefill from card and shared data, one session', () => {
    expect(measureEffort(input).bundle).toEqual({
      // choose: card 1, MATERNITY 1, start 1; identify, consent, confirm form, go on from materials, submit
      overhead: 8,
      // 3 + 3 + 4 + 1 + 12 + 2 + 2 + 18 + 11 + 19
      fieldInputs: 75,
      // medical birth record: 2 pages + confirm; the shared-data checks (household register): authorise 1
      materialInputs: 4,
      total: 87,
      transactions: 1,
      questions: 10,
      repeatedFields: 0,
      // birth certificate and maternity invoices
      materialsToBring: 2,
    });
  });

  it('counts the same items one by one: a session each, card-only prefill, repeated questions and checks', () => {
    const { itemByItem, ratio, repeatedFields } = measureEffort(input);
    expect(itemByItem).toEqual({
      // 4 × (department, item, start, identify, consent, confirm form, go on from materials, submit)
      overhead: 32,
      // 出生医学证明 25 + 出生登记 63 + 医保参保 26 + 生育报销 30
      fieldInputs: 144,
      // medical birth record 3; the household register check authorised for 出生登记 and again for 医保参保
      materialInputs: 5,
      total: 181,
      transactions: 4,
      questions: 20,
      // child.name ×3, applicant.phone ×3, child.birthDate, delivery.method, delivery.address, household.address ×2
      repeatedFields: 8,
      materialsToBring: 2,
    });
    expect(ratio).toBeCloseTo(87 / 181);
    expect(repeatedFields).toBe(0);
  });

  it('prefills a single item only from the datasets its own department holds', () => {
    const holders = { 'police.household': '公安', 'civil.marriage': '民政' };
    const r = measureEffort({ ...input, holders });
    // 公安 keeps the household register: 出生登记 no longer asks the address (12); 医保参保 still does.
    expect(r.itemByItem.fieldInputs).toBe(144 - 12);
    expect(r.itemByItem.questions).toBe(19);
    // The marriage register is 民政's: 出生登记 still asks the marital status.
    expect(r.bundle).toEqual(measureEffort(input).bundle);
  });

  it('reads the department without the unit in brackets', () => {
    const unit = { ...BIRTH_CATALOG.items.get('HUKOU')!, department: { 'zh-CN': '公安（落户地派出所）', en: 'police (local station)' } };
    const catalog = { ...BIRTH_CATALOG, items: new Map([...BIRTH_CATALOG.items, ['HUKOU', unit]]) };
    const r = measureEffort({ ...input, catalog, holders: { 'police.household': '公安' } });
    expect(r.itemByItem.fieldInputs).toBe(144 - 12);
    expect(departmentOf(unit)).toBe('公安');
    expect(departmentOf({ ...unit, department: { 'zh-CN': '国家税务总局示例市税务局', en: 'tax' } })).toBe('国家税务总局示例市税务局');
  });

  it('carries no earlier answers from one item to the next', () => {
    const earlier = { 'child.name': '李小宝', 'applicant.phone': '13812345678' };
    const r = measureEffort({ ...input, sources: { ...input.sources, earlier } });
    // The bundle session resumes with them; every single item is a fresh session.
    expect(r.bundle.fieldInputs).toBe(75 - 3 - 11);
    expect(r.itemByItem.fieldInputs).toBe(144);
  });

  it('authorises the shared-data checks once per transaction, however many there are', () => {
    const record = { ...BIRTH_CATALOG.materials.get('birth.medicalRecord')!, routes: [{ kind: 'shared-data' as const, dataset: 'health.birth' }] };
    const catalog = { ...BIRTH_CATALOG, materials: new Map([...BIRTH_CATALOG.materials, ['birth.medicalRecord', record]]) };
    const available = { ...input.available, sharedDatasets: new Set(['police.household', 'health.birth']) };
    const r = measureEffort({ ...input, catalog, available });
    // The bundle: household register and birth record in one tap. Item by item: 出生医学证明, 出生登记, 医保参保.
    expect(r.bundle.materialInputs).toBe(1);
    expect(r.itemByItem.materialInputs).toBe(3);
  });

  it('costs an optional material only when the applicant provides it', () => {
    const cert = BIRTH_CATALOG.items.get('BIRTH-CERT')!;
    const optionalRecord = { ...cert, materials: cert.materials.map((m) => (m.key === 'birth.medicalRecord' ? { ...m, required: false } : m)) };
    const catalog = { ...BIRTH_CATALOG, items: new Map([...BIRTH_CATALOG.items, ['BIRTH-CERT', optionalRecord]]) };
    const left = measureEffort({ ...input, catalog });
    expect(left.bundle.materialInputs).toBe(1);
    expect(left.itemByItem.materialInputs).toBe(2);
    const provided = measureEffort({ ...input, catalog, provides: ['birth.medicalRecord'] });
    expect(provided.bundle.materialInputs).toBe(4);
    expect(provided.itemByItem.materialInputs).toBe(5);
  });

  it('counts materials to bring only for the materials provided', () => {
    const hukou = BIRTH_CATALOG.items.get('HUKOU')!;
    const optionalCert = { ...hukou, materials: hukou.materials.map((m) => (m.key === 'birth.certificate' ? { ...m, required: false } : m)) };
    const catalog = { ...BIRTH_CATALOG, items: new Map([...BIRTH_CATALOG.items, ['HUKOU', optionalCert]]) };
    expect(measureEffort({ ...input, catalog }).bundle.materialsToBring).toBe(1);
    expect(measureEffort({ ...input, catalog }).itemByItem.materialsToBring).toBe(1);
  });

  it('costs typical lengths for answers the script lacks', () => {
    const r = measureEffort({ ...input, script: {} });
    // No delivery method chosen, so no delivery address; text 3, number 3, ID number 18, phone 11.
    expect(r.bundle.fieldInputs).toBe(3 + 3 + 3 + 1 + 2 + 3 + 18 + 11 + 3);
  });

  it('costs nothing when no item is chosen', () => {
    const allOptional = { ...BIRTH_BUNDLE, items: BIRTH_BUNDLE.items.map((i) => ({ ...i, required: false })) };
    const r = measureEffort({ ...input, bundle: allOptional, chosenOptionalItems: [] });
    expect(r.bundle.total).toBe(0);
    expect(r.itemByItem.total).toBe(0);
    expect(r.ratio).toBe(1);
  });
});

describe('the cost model', () => {
  it('prices each kind of input', () => {
    expect(questionCost(field('applicant.phone'), '13812345678')).toBe(11);
    expect(questionCost(field('child.name'), '𠮷野')).toBe(2);
    expect(questionCost(field('child.name'), '')).toBe(3);
    expect(questionCost(field('delivery.method'), 'post')).toBe(DEFAULT_COSTS.choice);
    expect(questionCost(field('child.birthDate'), '2025-01-01')).toBe(3);
    expect(questionCost(field('applicant.signature'), 'x')).toBe(2);
    expect(questionCost(field('applicant.age'), 30)).toBe(0);
  });

  it('prices materials by what the citizen does at the kiosk', () => {
    expect(materialCost('exempt', 0)).toBe(0);
    expect(materialCost('authorise', 0)).toBe(0);
    expect(materialCost('sign-commitment', 0)).toBe(2);
    expect(materialCost('self-declare', 0)).toBe(2);
    expect(materialCost('capture', 3)).toBe(4);
    expect(materialCost('bring-paper', 0)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { BIRTH_BUNDLE, BIRTH_CATALOG, FATHER_ID, MOTHER_CARD, TODAY } from './birth-catalog.fixture.ts';
import { DEFAULT_COSTS, materialCost, measureEffort, questionCost, type EffortInput } from './effort.ts';

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
  it('counts the bundle: each question once, prefill from card and shared data, one authorisation', () => {
    expect(measureEffort(input).bundle).toEqual({
      // choose bundle 1 + MATERNITY 1, identify 1, authorise 1, confirm 1, submit 1
      overhead: 6,
      // 3 + 3 + 4 + 1 + 12 + 2 + 2 + 18 + 11 + 19
      fieldInputs: 75,
      // medical birth record: 2 pages + confirm
      materialInputs: 3,
      total: 84,
      transactions: 1,
      questions: 10,
      repeatedFields: 0,
      materialsToBring: 2,
    });
  });

  it('counts the same items one by one: card-only prefill, repeated questions, one transaction each', () => {
    const { itemByItem, ratio, repeatedFields } = measureEffort(input);
    expect(itemByItem).toEqual({
      // 4 × (find item 2, identify 1, confirm 1, submit 1) + authorise for 出生登记 and 医保参保
      overhead: 22,
      // 出生医学证明 25 + 出生登记 63 + 医保参保 26 + 生育报销 30
      fieldInputs: 144,
      materialInputs: 3,
      total: 169,
      transactions: 4,
      questions: 20,
      // child.name ×3, applicant.phone ×3, child.birthDate, delivery.method, delivery.address, household.address ×2
      repeatedFields: 8,
      materialsToBring: 2,
    });
    expect(ratio).toBeCloseTo(84 / 169);
    expect(repeatedFields).toBe(0);
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

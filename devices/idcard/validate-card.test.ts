import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withLabels, type IdCardFields, type IdCardText } from './id-card-text.ts';
import { checkDigit } from './id-number.ts';
import { validateCard, type CardProblemCode } from './validate-card.ts';

const ZHANG_SAN = withLabels({
  type: 'resident',
  name: '张三',
  gender: '2',
  nation: '01',
  birthDate: '1949-12-31',
  address: '北京市东城区测试路1号',
  idNumber: '11010519491231002X',
  issuer: '北京市公安局东城分局',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
});
const HMT = withLabels({
  type: 'hmt-permit',
  name: '王五',
  gender: '1',
  birthDate: '1980-01-01',
  address: '北京市东城区测试路2号',
  idNumber: '810000198001010014',
  issuer: '北京市公安局东城分局',
  validFrom: '2024-01-01',
  validTo: '2029-01-01',
  passNumber: 'H00000001',
  issueCount: '01',
});
const F2017 = withLabels({
  type: 'foreign-2017',
  englishName: 'SAMPLE, JOHN TEST',
  chineseName: '',
  gender: '1',
  idNumber: 'USA110000000001',
  nationality: 'USA',
  birthDate: '1980-01-01',
  validFrom: '2020-06-01',
  validTo: '2030-06-01',
  cardVersion: '01',
  authorityCode: '1100',
});
const F2023 = withLabels({
  type: 'foreign-2023',
  chineseName: '测试玛丽',
  englishName: 'SAMPLE-TESTER, MARIE',
  gender: '2',
  renewalCount: '00',
  birthDate: '1985-05-05',
  idNumber: '911840198505050027',
  validFrom: '2024-01-01',
  validTo: '2034-01-01',
  nationality: 'USA',
  previousNumberLink: '',
});

const TODAY = new Date(2025, 5, 1, 12, 0);
const codes = (card: IdCardText, today = TODAY): CardProblemCode[] => validateCard(card, today).problems.map((p) => p.code);
const edit = (card: IdCardText, change: Partial<Record<string, string>>): IdCardText => withLabels({ ...card, ...change } as IdCardFields);

describe('validateCard', () => {
  it('accepts the four sample documents', () => {
    for (const card of [ZHANG_SAN, HMT, F2017, F2023]) expect(validateCard(card, TODAY)).toEqual({ valid: true, problems: [] });
  });

  it('checks the validity period, end date inclusive, in local time', () => {
    expect(codes(ZHANG_SAN, new Date(2040, 0, 1, 23, 59))).toEqual([]);
    expect(codes(ZHANG_SAN, new Date(2040, 0, 2, 0, 1))).toEqual(['expired']);
    expect(codes(ZHANG_SAN, new Date(2019, 11, 31))).toEqual(['not-yet-valid']);
    expect(codes(edit(ZHANG_SAN, { validTo: 'long-term' }), new Date(2099, 0, 1))).toEqual([]);
    const expired = validateCard(ZHANG_SAN, new Date(2041, 0, 1)).problems[0];
    expect(expired).toEqual({ code: 'expired', zh: '证件已于 2040-01-01 过期', en: 'the card expired on 2040-01-01' });
  });

  it('cross-checks the number against the card', () => {
    expect(codes(edit(ZHANG_SAN, { idNumber: '110105194912310021' }))).toEqual(['check-digit']);
    expect(codes(edit(ZHANG_SAN, { birthDate: '1949-12-30' }))).toEqual(['birth-date-mismatch']);
    expect(codes(edit(ZHANG_SAN, { gender: '1' }))).toEqual(['gender-mismatch']);
    expect(codes(edit(HMT, { gender: '2' }))).toEqual(['gender-mismatch']);
  });

  it('accepts a lowercase x check character', () => {
    expect(codes(edit(ZHANG_SAN, { idNumber: '11010519491231002x' }))).toEqual([]);
  });

  it('reports malformed fields as bad-format', () => {
    expect(codes(edit(ZHANG_SAN, { idNumber: '1101051949123100' }))).toEqual(['bad-format']);
    const noProvince = '99010519491231002';
    expect(codes(edit(ZHANG_SAN, { idNumber: noProvince + checkDigit(noProvince) }))).toEqual(['bad-format']);
    expect(codes(edit(ZHANG_SAN, { gender: '9' }))).toEqual(['bad-format']);
    expect(codes(edit(ZHANG_SAN, { nation: '57' }))).toEqual(['bad-format']);
    expect(codes(edit(ZHANG_SAN, { validTo: '2019-01-01' }))).toEqual(['bad-format']);
    expect(codes(edit(ZHANG_SAN, { validFrom: 'soon' }))).toEqual(['bad-format']);
    const future = '11010520990101002';
    expect(codes(edit(ZHANG_SAN, { birthDate: '2099-01-01', idNumber: future + checkDigit(future) }))).toEqual(['bad-format']);
  });

  it('requires an 81/82/83 prefix on a residence permit and province codes on a resident ID', () => {
    expect(codes(edit(HMT, { idNumber: '110105198001010016' }))).toEqual(['bad-format']);
    const hmtNumber = '81000019491231002';
    expect(codes(edit(ZHANG_SAN, { idNumber: hmtNumber + checkDigit(hmtNumber) }))).toEqual(['bad-format']);
  });

  it('checks the 2017 foreign number by format only', () => {
    expect(codes(edit(F2017, { idNumber: 'US1100000000011' }))).toEqual(['bad-format']);
    expect(codes(edit(F2017, { idNumber: 'usa110000000001' }))).toEqual(['bad-format']);
    expect(codes(edit(F2017, { birthDate: '1990-02-02' }))).toEqual([]);
  });

  it('checks the 2023 foreign number: leading 9 and check character, no cross-checks', () => {
    expect(codes(edit(F2023, { idNumber: '911840198505050028' }))).toEqual(['check-digit']);
    expect(codes(edit(F2023, { idNumber: '11010519491231002X' }))).toEqual(['bad-format']);
    expect(codes(edit(F2023, { birthDate: '1990-02-02', gender: '1' }))).toEqual([]);
  });

  it('gives every problem in both languages', () => {
    const broken = edit(ZHANG_SAN, { idNumber: '110105194912310021', gender: '1', birthDate: '1949-12-30', nation: '00' });
    const result = validateCard(broken, new Date(2041, 0, 1));
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['check-digit', 'birth-date-mismatch', 'gender-mismatch', 'bad-format', 'expired']);
    for (const problem of result.problems) {
      expect(problem.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  const residentArb = fc
    .record({
      province: fc.constantFrom('11', '31', '44', '65'),
      rest: fc.integer({ min: 0, max: 9999 }),
      birth: fc.date({ min: new Date('1920-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ province, rest, birth, sequence }) => {
      const iso = birth.toISOString().slice(0, 10);
      const first17 = `${province}${String(rest).padStart(4, '0')}${iso.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
      return edit(ZHANG_SAN, { idNumber: first17 + checkDigit(first17), birthDate: iso, gender: sequence % 2 === 1 ? '1' : '2' });
    });

  it('accepts any consistent resident card with a correct check character', () => {
    fc.assert(
      fc.property(residentArb, (card) => {
        expect(codes(card)).toEqual([]);
      }),
    );
  });

  it('detects any single-digit change of the first 17 as a check-digit problem', () => {
    fc.assert(
      fc.property(residentArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (card, at, delta) => {
        const id = card.idNumber;
        const mutated = id.slice(0, at) + String((Number(id[at]) + delta) % 10) + id.slice(at + 1);
        expect(codes(edit(card, { idNumber: mutated }))).toContain('check-digit');
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { genderLabel, isGenderCode } from './gender.ts';
import { NATIONS, nationByCode, nationLabel } from './nation.ts';

describe('nation codes', () => {
  it('has the 56 groups of GB 3304 plus 97 and 98, in order and unique', () => {
    const codes = NATIONS.map((nation) => nation.code);
    expect(codes).toEqual([...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '98']);
    expect(new Set(NATIONS.map((nation) => nation.zh)).size).toBe(58);
    expect(new Set(NATIONS.map((nation) => nation.en)).size).toBe(58);
  });

  it('uses the reference’s spellings, not the known typos', () => {
    expect(nationByCode('46')?.zh).toBe('德昂');
    expect(nationByCode('20')?.zh).toBe('傈僳');
    expect(nationByCode('56')?.zh).toBe('基诺');
  });

  it('labels codes for display', () => {
    expect(nationLabel('01')).toEqual({ zh: '汉族', en: 'Han' });
    expect(nationLabel('29')).toEqual({ zh: '柯尔克孜族', en: 'Kirgiz' });
    expect(nationLabel('97')).toEqual({ zh: '其他', en: 'other' });
    expect(nationLabel('98').zh).toBe('外国血统中国籍人士');
    expect(nationLabel('57')).toEqual({ zh: '无效代码 57', en: 'invalid code 57' });
    expect(nationLabel('')).toEqual({ zh: '无效代码 ', en: 'invalid code ' });
  });
});

describe('gender codes', () => {
  it('labels the GB/T 2261.1 codes and flags others', () => {
    expect(genderLabel('1')).toEqual({ zh: '男', en: 'male' });
    expect(genderLabel('2')).toEqual({ zh: '女', en: 'female' });
    expect(genderLabel('9').en).toBe('unspecified');
    expect(genderLabel('0').en).toBe('unknown');
    expect(genderLabel('x')).toEqual({ zh: '无效代码 x', en: 'invalid code x' });
    expect(isGenderCode('2')).toBe(true);
    expect(isGenderCode('3')).toBe(false);
  });
});

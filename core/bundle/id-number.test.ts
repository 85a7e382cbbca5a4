import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, isIsoDate } from './dates.ts';
import { applicantFactsFromCard } from './facts.ts';
import { hasValidCheckCharacter, idCheckCharacter, idNumberBirthDate, idNumberGender, idNumberProblem, idNumberRegion } from './id-number.ts';

describe('GB 11643 ID numbers', () => {
  it('computes the MOD 11-2 check character, X included', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('43010219950612002')).toBe('6');
    expect(idCheckCharacter('1234')).toBeUndefined();
    expect(hasValidCheckCharacter('11010519491231002x')).toBe(true);
    expect(hasValidCheckCharacter('110105194912310021')).toBe(false);
  });

  it('reads birth date, gender and region', () => {
    expect(idNumberBirthDate('430102199506120026')).toBe('1995-06-12');
    expect(idNumberGender('430102199506120026')).toBe('2');
    expect(idNumberGender('430102199303050013')).toBe('1');
    expect(idNumberRegion('430102199303050013')).toBe('430102');
    expect(idNumberBirthDate('430102199502300026')).toBeUndefined();
  });

  it('names what is wrong with a number', () => {
    expect(idNumberProblem('430102199506120026')).toBeUndefined();
    expect(idNumberProblem('430102199506120027')).toBe('check-character');
    expect(idNumberProblem('4301021995061200')).toBe('format');
    expect(idNumberProblem('ABC123456789012')).toBeUndefined(); // 2017 foreign permanent resident card
    const first17 = '43010219950230002';
    expect(idNumberProblem(first17 + idCheckCharacter(first17))).toBe('birth-date');
  });

  it('accepts exactly one check character for any 17 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        const valid = [...'0123456789X'].filter((c) => hasValidCheckCharacter(first17 + c));
        expect(valid).toEqual([idCheckCharacter(first17)]);
      }),
    );
  });
});

describe('dates', () => {
  it('checks real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });

  it('counts full years, a leap-day birthday reached on 1 March', () => {
    expect(ageOn('1995-06-12', '2025-06-11')).toBe(29);
    expect(ageOn('1995-06-12', '2025-06-12')).toBe(30);
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageOn('2030-01-01', '2025-01-01')).toBeUndefined();
  });
});

describe('applicantFactsFromCard', () => {
  it('takes age, region, document type and gender from the card', () => {
    expect(applicantFactsFromCard({ idNumber: '430102199506120026', birthDate: '1995-06-12', gender: '2', documentType: 'resident' }, '2025-03-01')).toEqual({
      age: 29,
      regionCode: '430102',
      documentType: 'resident',
      gender: '2',
    });
  });

  it('falls back on the number, and gives no region for a permit number', () => {
    expect(applicantFactsFromCard({ idNumber: '430102199303050013' }, '2025-03-01')).toEqual({ age: 31, regionCode: '430102', gender: '1' });
    expect(applicantFactsFromCard({ idNumber: '810000199001010013', documentType: 'hmt-permit' }, '2025-03-01').regionCode).toBeUndefined();
    expect(applicantFactsFromCard({}, '2025-03-01')).toEqual({});
  });
});

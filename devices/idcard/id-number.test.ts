import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactToIsoDate, isIsoDate, isoToCompactDate, localIsoDate } from './card-date.ts';
import { checkDigit, hasIdNumberFormat, hasValidCheckDigit, idNumberBirthDate, idNumberGender, isProvinceCode, isValidIdNumber } from './id-number.ts';

const ZHANG_SAN = '11010519491231002X';

describe('GB 11643 check character', () => {
  it('gives X for the standard example', () => {
    expect(checkDigit(ZHANG_SAN.slice(0, 17))).toBe('X');
    expect(isValidIdNumber(ZHANG_SAN)).toBe(true);
    expect(isValidIdNumber(ZHANG_SAN.toLowerCase())).toBe(true);
  });

  it('computes the fake numbers used by the sample cards', () => {
    expect(checkDigit('81000019800101001')).toBe('4');
    expect(checkDigit('11010519800101001')).toBe('6');
    expect(checkDigit('91184019850505002')).toBe('7');
  });

  it('rejects a wrong check character, wrong formats and impossible birth dates', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('11010519491231002XX')).toBe(false);
    expect(isValidIdNumber('1101051949123100X2')).toBe(false);
    expect(hasIdNumberFormat('11010519491231002x')).toBe(true);
    const feb30 = `1101051949023000${'1'}`;
    expect(isValidIdNumber(feb30 + checkDigit(feb30))).toBe(false);
    expect(hasValidCheckDigit(feb30 + checkDigit(feb30))).toBe(true);
  });

  it('treats a malformed argument to checkDigit as a programmer error', () => {
    expect(() => checkDigit('123')).toThrow(RangeError);
  });

  it('extracts the birth date and gender', () => {
    expect(idNumberBirthDate(ZHANG_SAN)).toBe('1949-12-31');
    expect(idNumberGender(ZHANG_SAN)).toBe('2');
    expect(idNumberGender('110105198001010016')).toBe('1');
    expect(idNumberBirthDate('nonsense')).toBeUndefined();
    expect(idNumberGender('nonsense')).toBeUndefined();
  });

  it('knows the province-level codes', () => {
    expect(['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65'].every(isProvinceCode)).toBe(true);
    expect(['10', '16', '24', '38', '47', '55', '66', '71', '81', '99'].some(isProvinceCode)).toBe(false);
  });

  const first17 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }).map((digits) => digits.join(''));

  it('validates any number that carries its computed check character', () => {
    fc.assert(
      fc.property(first17, (digits) => {
        expect(hasValidCheckDigit(digits + checkDigit(digits))).toBe(true);
      }),
    );
  });

  it('detects any single-digit change in the first 17', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (digits, at, delta) => {
        const id = digits + checkDigit(digits);
        const changed = (Number(digits[at]) + delta) % 10;
        const mutated = id.slice(0, at) + String(changed) + id.slice(at + 1);
        expect(hasValidCheckDigit(mutated)).toBe(false);
      }),
    );
  });
});

describe('card dates', () => {
  it('converts between the card form and ISO', () => {
    expect(compactToIsoDate('19491231')).toBe('1949-12-31');
    expect(compactToIsoDate('20000229')).toBe('2000-02-29');
    expect(compactToIsoDate('19000229')).toBeUndefined();
    expect(compactToIsoDate('20231301')).toBeUndefined();
    expect(compactToIsoDate('17991231')).toBeUndefined();
    expect(compactToIsoDate('2023011')).toBeUndefined();
    expect(compactToIsoDate('长期')).toBeUndefined();
    expect(isoToCompactDate('2040-01-01')).toBe('20400101');
    expect(isIsoDate('2040-1-01')).toBe(false);
  });

  it('reads today in local time', () => {
    expect(localIsoDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});

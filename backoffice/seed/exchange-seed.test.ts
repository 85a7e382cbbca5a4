import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ExchangeFixtureSchema, shippedExchangeFixture } from './exchange-seed.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643: the 18th character checks the first 17. */
function checkCharacterValid(idNumber: string): boolean {
  const sum = [...idNumber.slice(0, 17)].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return '10X98765432'[sum % 11] === idNumber[17];
}

describe('the exchange fixture', () => {
  const fixture = shippedExchangeFixture();

  it('holds only fake ID numbers of the sample city with valid check characters', () => {
    const numbers = [
      ...fixture.people.map((p) => p.idNumber),
      ...fixture.eLicences.flatMap((l) => [l.holderIdNumber, ...(l.concerns ?? [])]),
      ...fixture.lookups.map((l) => l.idNumber),
      ...fixture.eidCodes.map((e) => e.identity.idNumber),
    ];
    expect(numbers.filter((n) => !/^1101\d{13}[\dX]$/.test(n) || !checkCharacterValid(n))).toEqual([]);
  });

  it('has every test card person and every effort-bench applicant', () => {
    const people = new Set(fixture.people.map((p) => p.idNumber));
    const cards = ['110105199603150029', '110108198809200057', '110101197806120036', '110102196602100019'];
    const bench = ['110101199603150023', '110102197806110037', '110105196605100056', '110106199008220017'];
    expect([...cards, ...bench, '11010519491231002X'].filter((n) => !people.has(n))).toEqual([]);
  });

  it('numbers each licence once, and holds licences of one type for different holders (for the holder check)', () => {
    const numbers = fixture.eLicences.map((l) => l.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const marriageHolders = new Set(fixture.eLicences.filter((l) => l.licenseType === '结婚证电子证照').map((l) => l.holderIdNumber));
    expect(marriageHolders.size).toBeGreaterThan(2);
  });

  it('is refused with the failing path when an edit breaks it', () => {
    const broken = { ...fixture, eLicences: [{ ...fixture.eLicences[0]!, trustLevel: 'E' }] };
    const result = v.safeParse(ExchangeFixtureSchema, broken);
    expect(result.success).toBe(false);
    expect(v.getDotPath(result.issues![0]!)).toBe('eLicences.0.trustLevel');
  });
});

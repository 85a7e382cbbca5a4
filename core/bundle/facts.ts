/**
 * The applicant facts conditions read (`applicant.*`), taken from the ID card: the card's own birth date and
 * gender where present, otherwise what the ID number embeds.
 */
import { ageOn } from './dates.ts';
import { idNumberBirthDate, idNumberGender, idNumberRegion } from './id-number.ts';
import type { ApplicantFacts, IdCardAttribute } from './types.ts';

export function applicantFactsFromCard(card: Readonly<Partial<Record<IdCardAttribute, string>>>, today: string): ApplicantFacts {
  const idNumber = card.idNumber?.trim().toUpperCase();
  const birthDate = card.birthDate || (idNumber ? idNumberBirthDate(idNumber) : undefined);
  const age = birthDate ? ageOn(birthDate, today) : undefined;
  const gender = card.gender || (idNumber ? idNumberGender(idNumber) : undefined);
  // Only resident-style numbers start with an address code; a foreign card's number does not.
  const regionCode = idNumber && !/^(81|82|83|9)/.test(idNumber) ? idNumberRegion(idNumber) : undefined;
  return {
    ...(age !== undefined ? { age } : {}),
    ...(regionCode ? { regionCode } : {}),
    ...(card.documentType ? { documentType: card.documentType } : {}),
    ...(gender ? { gender } : {}),
  };
}

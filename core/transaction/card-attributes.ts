/** What a read card gives the catalog: the attributes `idcard` fields and the submission take. */
import type { IdCardRead } from '../../devices/idcard/id-card-reader.ts';
import { displayName } from '../../devices/idcard/id-card-text.ts';
import type { IdCardAttribute } from '../bundle/index.ts';

/**
 * Every document's name, number, gender, dates and type; the resident card's nation, address and issuer; the
 * J card's address, issuer and 通行证号码; the I card's English name (its Chinese one may be empty).
 */
export function cardAttributes(read: IdCardRead): Partial<Record<IdCardAttribute, string>> {
  const card = read.card;
  const common = { name: displayName(card), idNumber: card.idNumber, gender: card.gender, birthDate: card.birthDate, validTo: card.validTo, documentType: card.type };
  if (card.type === 'resident') return { ...common, nation: card.nation, address: card.address, issuer: card.issuer };
  if (card.type === 'hmt-permit') return { ...common, address: card.address, issuer: card.issuer, passNumber: card.passNumber };
  return card.englishName ? { ...common, englishName: card.englishName } : common;
}

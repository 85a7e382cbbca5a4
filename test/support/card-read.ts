/**
 * An ID card as the reader reports it (checked against `today`, with a blank photo), for core-level tests:
 * the birth catalog's mother, any field replaced. Fake data only.
 */
import { MOTHER_CARD } from '../../core/bundle/birth-catalog.fixture.ts';
import type { IdCardRead } from '../../devices/idcard/id-card-reader.ts';
import { withLabels, type IdCardFields } from '../../devices/idcard/id-card-text.ts';
import { validateCard } from '../../devices/idcard/validate-card.ts';

export function motherCardRead(today: Date, fields: Partial<IdCardFields> = {}): IdCardRead {
  const card = withLabels({
    type: 'resident',
    name: MOTHER_CARD.name,
    gender: '2',
    nation: '01',
    birthDate: MOTHER_CARD.birthDate,
    address: '湖南省长沙市芙蓉区测试路8号',
    idNumber: MOTHER_CARD.idNumber,
    issuer: '长沙市公安局芙蓉分局',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
    ...fields,
  } as IdCardFields);
  const { valid, problems } = validateCard(card, today);
  return { card, valid, problems, photoWlt: new Uint8Array(1024), photo: null, fingerprint: null, readMs: 100, frameBytes: 1295 };
}

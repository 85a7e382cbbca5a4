import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BIRTH_CATALOG } from '../bundle/birth-catalog.fixture.ts';
import { wireSubmission, type RecordWithItems } from './submission-attachments.ts';

const SIGNATURE = 'sig1:320x120:AAAgABAg.BBBCCC';
const sha = createHash('sha256').update(SIGNATURE).digest('hex');

const record: RecordWithItems & { bundleCode: string } = {
  bundleCode: 'B1',
  items: [
    { itemCode: 'I1', values: { 'applicant.name': '李梅', 'applicant.signature': SIGNATURE, 'child.weight': 3200 } },
    { itemCode: 'I2', values: { 'applicant.signature': SIGNATURE, 'applicant.phone': '13812345678' } },
  ],
};

describe('wireSubmission', () => {
  it('replaces each signature by its sha256 reference and lists it once as an attachment', () => {
    const { record: wire, attachments } = wireSubmission(BIRTH_CATALOG, record);
    expect(wire).toEqual({
      bundleCode: 'B1',
      items: [
        { itemCode: 'I1', values: { 'applicant.name': '李梅', 'applicant.signature': `sha256:${sha}`, 'child.weight': 3200 } },
        { itemCode: 'I2', values: { 'applicant.signature': `sha256:${sha}`, 'applicant.phone': '13812345678' } },
      ],
    });
    expect(attachments).toEqual([
      {
        bytes: Buffer.from(SIGNATURE),
        sha256: sha,
        size: SIGNATURE.length,
        contentType: 'application/x-kiosk-signature',
        role: 'signature',
        fieldKey: 'applicant.signature',
      },
    ]);
    // The input is left alone.
    expect(record.items[0]!.values['applicant.signature']).toBe(SIGNATURE);
  });

  it('leaves records without signatures, and values of other types, unchanged', () => {
    const plain: RecordWithItems = { items: [{ itemCode: 'I1', values: { 'applicant.phone': 'sig1:not-a-signature-field', 'applicant.signature': '' } }] };
    expect(wireSubmission(BIRTH_CATALOG, plain)).toEqual({ record: plain, attachments: [] });
  });

  it('lists every captured page after the signatures, as a JPEG of its material, in material and page order', () => {
    const page = (text: string) => Buffer.from(`\xff\xd8${text}\xff\xd9`, 'latin1');
    const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const captures = [
      { materialKey: 'idPhoto', page: 0, image: page('photo') },
      { materialKey: 'householdRegister', page: 1, image: page('own page') },
      { materialKey: 'householdRegister', page: 0, image: page("head's page") },
    ];
    const { attachments } = wireSubmission(BIRTH_CATALOG, record, captures);
    expect(attachments.map((a) => [a.role, 'materialKey' in a ? a.materialKey : a.fieldKey, a.contentType, a.sha256])).toEqual([
      ['signature', 'applicant.signature', 'application/x-kiosk-signature', sha],
      ['capture', 'householdRegister', 'image/jpeg', hash(page("head's page"))],
      ['capture', 'householdRegister', 'image/jpeg', hash(page('own page'))],
      ['capture', 'idPhoto', 'image/jpeg', hash(page('photo'))],
    ]);
  });

  it('is deterministic', () => {
    expect(wireSubmission(BIRTH_CATALOG, record)).toEqual(wireSubmission(BIRTH_CATALOG, record));
  });
});

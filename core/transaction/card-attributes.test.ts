import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCardDescription } from '../../devices/idcard/card-description.ts';
import type { IdCardRead } from '../../devices/idcard/id-card-reader.ts';
import { cardAttributes } from './card-attributes.ts';

/** A read of one of the reader simulator's sample documents. */
async function readOf(file: string): Promise<IdCardRead> {
  const parsed = parseCardDescription(JSON.parse(await readFile(join(import.meta.dirname, '../../devices/idcard/sim/cards', file), 'utf8')));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.join('; ')}`);
  return { card: parsed.card.text, valid: true, problems: [], photoWlt: new Uint8Array(0), photo: null, fingerprint: null, readMs: 1, frameBytes: 0 };
}

describe('cardAttributes', () => {
  it("keeps the J card's pass number and the I card's English name", async () => {
    expect(cardAttributes(await readOf('hmt-permit.json'))).toMatchObject({ documentType: 'hmt-permit', name: '王五', passNumber: 'H00000001' });
    expect(cardAttributes(await readOf('foreign-2017.json'))).toMatchObject({ documentType: 'foreign-2017', name: '测试约翰', englishName: 'SAMPLE, JOHN TEST' });
  });

  it('gives a resident card neither', async () => {
    const resident = cardAttributes(await readOf('resident-zhang-san.json'));
    expect(resident).toMatchObject({ documentType: 'resident' });
    expect(resident).not.toHaveProperty('passNumber');
    expect(resident).not.toHaveProperty('englishName');
  });
});

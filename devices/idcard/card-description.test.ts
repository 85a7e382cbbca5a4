import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCardDescription, type SimulatedCard } from './card-description.ts';
import { validateCard } from './validate-card.ts';

const CARDS_DIR = join(import.meta.dirname, 'sim', 'cards');
const sample = (file: string): unknown => JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8'));
const ZHANG_SAN = sample('resident-zhang-san.json') as Record<string, unknown>;

function card(json: unknown): SimulatedCard {
  const result = parseCardDescription(json);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.card;
}

function problems(json: unknown): readonly string[] {
  const result = parseCardDescription(json);
  return result.ok ? [] : result.problems;
}

describe('sample cards', () => {
  it('ships the five documented samples', () => {
    expect(readdirSync(CARDS_DIR).sort()).toEqual([
      'foreign-2017.json',
      'foreign-2023.json',
      'hmt-permit.json',
      'resident-expired.json',
      'resident-zhang-san.json',
    ]);
  });

  it.each([
    ['resident-zhang-san.json', 'resident', []],
    ['resident-expired.json', 'resident', ['expired']],
    ['hmt-permit.json', 'hmt-permit', []],
    ['foreign-2017.json', 'foreign-2017', []],
    ['foreign-2023.json', 'foreign-2023', []],
  ])('%s is a valid %s description with the expected validation', (file, type, expected) => {
    const parsed = card(sample(file));
    expect(parsed.text.type).toBe(type);
    expect(validateCard(parsed.text, new Date(2025, 5, 1)).problems.map((p) => p.code)).toEqual(expected);
  });

  it('turns the synthetic vector into a card with labels and a blank photo', () => {
    const parsed = card(ZHANG_SAN);
    expect(parsed.text).toMatchObject({ name: '张三', idNumber: '11010519491231002X', genderLabel: { zh: '女' }, nationLabel: { zh: '汉族' } });
    expect(parsed.photo).toEqual(new Uint8Array(1024));
    expect(parsed).not.toHaveProperty('fingerprint');
    expect(parsed).not.toHaveProperty('appendedAddress');
  });
});

describe('parseCardDescription', () => {
  it('decodes photo and fingerprint and keeps the appended address', () => {
    const photo = Buffer.alloc(1024, 7);
    const fingerprint = Buffer.alloc(512, 9);
    const parsed = card({
      ...ZHANG_SAN,
      photoBase64: photo.toString('base64'),
      fingerprintBase64: fingerprint.toString('base64'),
      appendedAddress: '北京市东城区测试路9号',
    });
    expect(parsed.photo).toEqual(new Uint8Array(photo));
    expect(parsed.fingerprint).toEqual(new Uint8Array(fingerprint));
    expect(parsed.appendedAddress).toBe('北京市东城区测试路9号');
  });

  it.each([
    ['a missing field', { ...ZHANG_SAN, name: undefined }, 'name: required'],
    ['an unknown key', { ...ZHANG_SAN, nickname: 'x' }, 'nickname: unknown key'],
    ['a wrong type', { ...ZHANG_SAN, gender: 2 }, 'gender: expected string, received 2'],
    ['an overlong name', { ...ZHANG_SAN, name: '张'.repeat(16) }, 'name: at most 15 characters'],
    ['a trailing space', { ...ZHANG_SAN, issuer: '北京市公安局 ' }, 'issuer: must not end with a space (the card pads with spaces)'],
    ['a bad date', { ...ZHANG_SAN, birthDate: '19491231' }, 'birthDate: expected a date yyyy-mm-dd'],
    ['an impossible date', { ...ZHANG_SAN, validFrom: '2020-02-30' }, 'validFrom: expected a date yyyy-mm-dd'],
    ['a bad validity end', { ...ZHANG_SAN, validTo: '长期' }, 'validTo: expected a date yyyy-mm-dd or "long-term"'],
    ['a bad nation', { ...ZHANG_SAN, nation: '1' }, 'nation: expected two digits, e.g. "01"'],
    ['a bad gender', { ...ZHANG_SAN, gender: 'F' }, 'gender: expected one digit: 1 male, 2 female'],
    ['bad base64', { ...ZHANG_SAN, photoBase64: 'not base64!' }, 'photoBase64: expected base64'],
    ['a short photo', { ...ZHANG_SAN, photoBase64: Buffer.alloc(10).toString('base64') }, 'photoBase64: must decode to 1024 bytes'],
    ['an odd fingerprint', { ...ZHANG_SAN, fingerprintBase64: Buffer.alloc(100).toString('base64') }, 'fingerprintBase64: must decode to 512 or 1024 bytes'],
    ['an overlong appended address', { ...ZHANG_SAN, appendedAddress: '址'.repeat(36) }, 'appendedAddress: at most 35 characters'],
    ['a field of another document type', { ...ZHANG_SAN, passNumber: 'H00000001' }, 'passNumber: unknown key'],
  ])('reports %s as path: message', (_name, json, problem) => {
    expect(problems(json)).toEqual([problem]);
  });

  it('reports an unknown document type and non-objects', () => {
    const types = '("resident" | "hmt-permit" | "foreign-2017" | "foreign-2023")';
    expect(problems({ ...ZHANG_SAN, type: 'passport' })).toEqual([`type: expected ${types}, received "passport"`]);
    expect(problems('card')).toEqual(['(card): expected Object, received "card"']);
    expect(problems(null)).toEqual(['(card): expected Object, received null']);
  });

  it('collects every problem at once', () => {
    expect(problems({ ...ZHANG_SAN, name: 1, birthDate: 'x', extra: true })).toHaveLength(3);
  });

  it('allows wrong content on purpose, for validation demos', () => {
    const parsed = card({ ...ZHANG_SAN, idNumber: '110105194912310021', nation: '99' });
    expect(validateCard(parsed.text, new Date(2025, 5, 1)).problems.map((p) => p.code)).toEqual(['check-digit', 'bad-format']);
  });
});

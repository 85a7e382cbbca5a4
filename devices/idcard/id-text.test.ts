import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayName, withLabels, type CardType, type IdCardFields, type IdCardText } from './id-card-text.ts';
import { detectCardType, encodeIdText, fieldWidths, parseIdText } from './id-text.ts';
import { toHex } from './sam-frame.ts';

const ZHANG_SAN: IdCardFields = {
  type: 'resident',
  name: '张三',
  gender: '2',
  nation: '01',
  birthDate: '1949-12-31',
  address: '北京市东城区测试路1号',
  idNumber: '11010519491231002X',
  issuer: '北京市公安局东城分局',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
};

const FOREIGN_2023: Extract<IdCardFields, { type: 'foreign-2023' }> = {
  type: 'foreign-2023',
  chineseName: '测试玛丽',
  // Character 36 is a space: the split between the two parts on the card must keep it.
  englishName: 'SAMPLE-TESTER, MARIE ANNE ELIZABETH CHARLOTTE',
  gender: '2',
  renewalCount: '00',
  birthDate: '1985-05-05',
  idNumber: '911840198505050027',
  validFrom: '2024-01-01',
  validTo: '2034-01-01',
  nationality: 'USA',
  previousNumberLink: '',
};

function parsed(text: Uint8Array): IdCardText {
  const result = parseIdText(text);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.card;
}

const utf16 = (value: string, chars: number) => Buffer.from(value.padEnd(chars, ' '), 'utf16le');

describe('resident ID text', () => {
  it('encodes the synthetic vector field by field', () => {
    const expected = Buffer.concat([
      utf16('张三', 15),
      utf16('2', 1),
      utf16('01', 2),
      utf16('19491231', 8),
      utf16('北京市东城区测试路1号', 35),
      utf16('11010519491231002X', 18),
      utf16('北京市公安局东城分局', 15),
      utf16('20200101', 8),
      utf16('20400101', 8),
      utf16('', 18),
    ]);
    const text = encodeIdText(ZHANG_SAN);
    expect(Buffer.from(text)).toEqual(expected);
    expect(toHex(text.subarray(0, 6))).toBe('20 5F 09 4E 20 00');
  });

  it('parses it with labels and ISO dates', () => {
    expect(parsed(encodeIdText(ZHANG_SAN))).toEqual({
      ...ZHANG_SAN,
      genderLabel: { zh: '女', en: 'female' },
      nationLabel: { zh: '汉族', en: 'Han' },
    });
  });

  it('reads 长期 as long-term, and writes it back', () => {
    const text = encodeIdText({ ...ZHANG_SAN, validTo: 'long-term' });
    expect(toHex(text.subarray(204, 212))).toBe('7F 95 1F 67 20 00 20 00');
    expect(parsed(text).validTo).toBe('long-term');
  });

  it('trims NUL padding as well as spaces, and only at the end', () => {
    const text = encodeIdText(ZHANG_SAN);
    text.fill(0, 4, 30);
    text.set([0x20, 0x00], 0);
    expect(parsed(text)).toMatchObject({ name: ' 三' });
  });
});

describe('document type', () => {
  it.each([
    [0x4a, 'hmt-permit'],
    [0x49, 'foreign-2017'],
    [0x59, 'foreign-2023'],
    [0x20, 'resident'],
    [0x41, 'resident'],
  ] as const)('character 0x%s at offset 248 means %s', (mark, type) => {
    const text = new Uint8Array(256);
    text[248] = mark;
    expect(detectCardType(text)).toBe(type);
  });

  it('requires the high byte of the marker to be zero', () => {
    const text = new Uint8Array(256);
    text.set([0x49, 0x4e], 248);
    expect(detectCardType(text)).toBe('resident');
  });
});

describe('foreign cards', () => {
  it('joins the two parts of a 2023 English name, keeping the space at the split', () => {
    const text = encodeIdText(FOREIGN_2023);
    expect(String.fromCharCode(text[220] ?? 0)).toBe(' ');
    expect(Buffer.from(text.subarray(52, 122)).toString('utf16le')).toBe('SAMPLE-TESTER, MARIE ANNE ELIZABETH');
    const card = parsed(text);
    expect(card).toMatchObject({ type: 'foreign-2023', englishName: FOREIGN_2023.englishName });
    expect(displayName(card)).toBe('测试玛丽');
  });

  it('keeps inner spaces of a 2017 English name and falls back to it for display', () => {
    const card = parsed(
      encodeIdText({
        type: 'foreign-2017',
        englishName: 'SAMPLE,  JOHN TEST',
        chineseName: '',
        gender: '1',
        idNumber: 'USA110000000001',
        nationality: 'USA',
        birthDate: '1980-01-01',
        validFrom: '2020-06-01',
        validTo: '2030-06-01',
        cardVersion: '01',
        authorityCode: '1100',
      }),
    );
    expect(card).toMatchObject({ type: 'foreign-2017', englishName: 'SAMPLE,  JOHN TEST', chineseName: '', idNumber: 'USA110000000001' });
    expect(displayName(card)).toBe('SAMPLE,  JOHN TEST');
  });
});

describe('malformed text', () => {
  it('reports a wrong length', () => {
    expect(parseIdText(new Uint8Array(255))).toEqual({ ok: false, problems: ['text block is 255 bytes, expected 256'] });
  });

  it('reports bad dates, every one of them', () => {
    const text = encodeIdText(ZHANG_SAN);
    text.set(utf16('19491332', 8), 36);
    text.set(utf16('长期', 8), 188);
    const result = parseIdText(text);
    expect(result).toEqual({
      ok: false,
      type: 'resident',
      problems: ['birthDate: "19491332" is not a date (YYYYMMDD)', 'validFrom: "长期" is not a date (YYYYMMDD)'],
    });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 250, maxLength: 260 }), (bytes) => {
        expect(() => parseIdText(bytes)).not.toThrow();
      }),
    );
  });

  it('refuses to encode an overlong field', () => {
    expect(() => encodeIdText({ ...ZHANG_SAN, name: '张'.repeat(16) })).toThrow(RangeError);
    expect(() => encodeIdText({ ...ZHANG_SAN, birthDate: '1949-13-01' })).toThrow(RangeError);
  });
});

describe('encode → parse round trip', () => {
  const chars = [...'张三李四王五北京市东城区测试路号ABCXYZabc0123456789-,.'];
  const textOf = (max: number) => fc.string({ unit: fc.constantFrom(...chars, ' '), maxLength: max, size: 'max' }).map((s) => s.replace(/ +$/, ''));
  const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const validTo = fc.oneof(date, fc.constant('long-term'));
  const gender = fc.constantFrom('1', '2', '9', '');

  function fieldsOf(type: CardType): fc.Arbitrary<IdCardFields> {
    const widths = fieldWidths(type);
    const text = (key: string) => textOf(widths[key] ?? 0);
    const common = { gender, birthDate: date, validFrom: date, validTo, idNumber: text('idNumber') };
    switch (type) {
      case 'resident':
        return fc.record({
          type: fc.constant(type),
          ...common,
          name: text('name'),
          nation: textOf(2),
          address: text('address'),
          issuer: text('issuer'),
        });
      case 'hmt-permit':
        return fc.record({
          type: fc.constant(type),
          ...common,
          name: text('name'),
          address: text('address'),
          issuer: text('issuer'),
          passNumber: text('passNumber'),
          issueCount: text('issueCount'),
        });
      case 'foreign-2017':
        return fc.record({
          type: fc.constant(type),
          ...common,
          englishName: text('englishName'),
          chineseName: text('chineseName'),
          nationality: text('nationality'),
          cardVersion: text('cardVersion'),
          authorityCode: text('authorityCode'),
        });
      case 'foreign-2023':
        return fc.record({
          type: fc.constant(type),
          ...common,
          chineseName: text('chineseName'),
          englishName: text('englishName'),
          renewalCount: text('renewalCount'),
          nationality: text('nationality'),
          previousNumberLink: text('previousNumberLink'),
        });
    }
  }

  it.each(['resident', 'hmt-permit', 'foreign-2017', 'foreign-2023'] as const)('gives back a %s card exactly', (type) => {
    fc.assert(
      fc.property(fieldsOf(type), (fields) => {
        const text = encodeIdText(fields);
        expect(text).toHaveLength(256);
        expect(parseIdText(text)).toEqual({ ok: true, card: withLabels(fields) });
      }),
    );
  });

  it('exposes the field widths of the layouts in characters', () => {
    expect(fieldWidths('foreign-2023').englishName).toBe(46);
    expect(fieldWidths('foreign-2017').englishName).toBe(60);
    expect(fieldWidths('resident').address).toBe(35);
    expect(fieldWidths('hmt-permit').passNumber).toBe(9);
  });
});

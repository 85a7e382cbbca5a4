import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aimPrefix, aimSymbology, parseAim, parseAimId, type Symbology } from './aim.ts';

const ALL: readonly Symbology[] = [
  'qr',
  'data-matrix',
  'pdf417',
  'aztec',
  'han-xin',
  'code128',
  'gs1-128',
  'code39',
  'code93',
  'codabar',
  'itf',
  'ean13',
  'ean8',
  'upca',
  'upce',
  'gs1-databar',
  'unknown',
];

describe('parseAim', () => {
  it.each([
    [']Q1https://zwfw.example.cn/q?id=1', 'Q', '1', 'qr', 'https://zwfw.example.cn/q?id=1'],
    [']Q0old', 'Q', '0', 'qr', 'old'],
    [']d1DM', 'd', '1', 'data-matrix', 'DM'],
    [']d2(01)123', 'd', '2', 'data-matrix', '(01)123'],
    [']L0pdf', 'L', '0', 'pdf417', 'pdf'],
    [']C0ABC-123', 'C', '0', 'code128', 'ABC-123'],
    [']C1011234', 'C', '1', 'gs1-128', '011234'],
    [']A0CODE39', 'A', '0', 'code39', 'CODE39'],
    [']G0C93', 'G', '0', 'code93', 'C93'],
    [']F0A123B', 'F', '0', 'codabar', 'A123B'],
    [']I01234', 'I', '0', 'itf', '1234'],
    [']E06901234567892', 'E', '0', 'ean13', '6901234567892'],
    [']E0036000291452', 'E', '0', 'upca', '036000291452'],
    [']E001234565', 'E', '0', 'upce', '01234565'],
    [']E469012341', 'E', '4', 'ean8', '69012341'],
    [']z0aztec', 'z', '0', 'aztec', 'aztec'],
    [']e0(01)0', 'e', '0', 'gs1-databar', '(01)0'],
    [']h0汉信码', 'h', '0', 'han-xin', '汉信码'],
    [']X0vendor', 'X', '0', 'unknown', 'vendor'],
  ])('reads %j', (text, code, modifier, symbology, data) => {
    expect(parseAim(text)).toEqual({ aim: { code, modifier, symbology }, data });
  });

  it('leaves data alone without a known identifier', () => {
    for (const text of ['', ']', ']Q', 'Q1abc', ']B1abc', ']Z6REVINF', ']Q abc', ']Q\u00e9abc', '[Q1abc', '中文']) {
      expect(parseAim(text)).toEqual({ data: text });
    }
  });

  it('accepts an identifier with no data after it', () => {
    expect(parseAim(']Q1')).toEqual({ aim: { code: 'Q', modifier: '1', symbology: 'qr' }, data: '' });
  });

  it('never changes text that does not start with "]"', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.startsWith(']'));
        expect(parseAim(text)).toEqual({ data: text });
      }),
    );
  });
});

describe('parseAimId', () => {
  it('reads a header identifier', () => {
    expect(parseAimId(']Q1')).toEqual({ code: 'Q', modifier: '1', symbology: 'qr' });
    expect(parseAimId(']Z6')).toBeUndefined();
  });
});

describe('aimSymbology', () => {
  it('falls back to unknown for unlisted codes and bad modifiers', () => {
    expect(aimSymbology('B', '0', 'x')).toBe('unknown');
    expect(aimSymbology('Q', '-', 'x')).toBe('unknown');
  });
});

describe('aimPrefix', () => {
  it('gives the default identifiers', () => {
    expect(aimPrefix('qr')).toBe(']Q1');
    expect(aimPrefix('ean8')).toBe(']E4');
    expect(aimPrefix('gs1-128')).toBe(']C1');
    expect(aimPrefix('unknown')).toBe(']X0');
  });

  it('takes a modifier', () => {
    expect(aimPrefix('qr', '2')).toBe(']Q2');
    expect(aimPrefix('data-matrix', '2')).toBe(']d2');
  });

  it('rejects a modifier that is not one letter or digit', () => {
    expect(() => aimPrefix('qr', '12')).toThrow(TypeError);
    expect(() => aimPrefix('qr', '')).toThrow(TypeError);
    expect(() => aimPrefix('qr', ']')).toThrow(TypeError);
  });

  it('round-trips through parseAim for every symbology', () => {
    const sample: Partial<Record<Symbology, string>> = {
      ean13: '6901234567892',
      upca: '036000291452',
      upce: '01234565',
      ean8: '69012341',
    };
    for (const symbology of ALL) {
      const data = sample[symbology] ?? 'DATA-123';
      const parsed = parseAim(aimPrefix(symbology) + data);
      expect(parsed.data).toBe(data);
      expect(parsed.aim?.symbology).toBe(symbology);
    }
  });
});

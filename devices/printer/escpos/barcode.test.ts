import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barcodeData, code128Data, decodeBarcodeData, symbologyOf, SYMBOLOGY_CODES } from './barcode.ts';

const ascii = (u8: Uint8Array) => String.fromCharCode(...u8);

describe('CODE128 data', () => {
  it('prefixes printable ASCII with {B and doubles a literal {', () => {
    expect(ascii(code128Data('SL-20261122-000123'))).toBe('{BSL-20261122-000123');
    expect(ascii(code128Data('a{b'))).toBe('{Ba{{b');
  });

  it('packs even-length digit strings as code set C pairs', () => {
    expect(Array.from(code128Data('20261122'))).toEqual([0x7b, 0x43, 20, 26, 11, 22]);
  });

  it('avoids set C when a digit pair sequence would form DLE EOT n', () => {
    // 16 04 01 = 10 04 01: a printer would answer it as a real-time status request.
    expect(ascii(code128Data('160401'))).toBe('{B160401');
  });

  it('uses code set A for control characters', () => {
    expect(Array.from(code128Data('A\tB'))).toEqual([0x7b, 0x41, 0x41, 0x09, 0x42]);
    expect(() => code128Data('a\tb')).toThrow(RangeError);
    expect(() => code128Data('张')).toThrow(RangeError);
    expect(() => code128Data('')).toThrow(RangeError);
  });

  it('decodes back to the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 60 }), (text) => {
        expect(decodeBarcodeData('code128', code128Data(text))).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^(\d\d){1,20}$/), (digits) => {
        expect(decodeBarcodeData('code128', code128Data(digits))).toBe(digits);
      }),
    );
  });
});

describe('other symbologies', () => {
  it('validates data per symbology', () => {
    expect(ascii(barcodeData('ean13', '692000000001'))).toBe('692000000001');
    expect(() => barcodeData('ean13', '69200000000X')).toThrow(RangeError);
    expect(ascii(barcodeData('code39', 'SL-123'))).toBe('SL-123');
    expect(() => barcodeData('code39', 'sl-123')).toThrow(RangeError);
    expect(() => barcodeData('itf', '123')).toThrow(RangeError);
    expect(ascii(barcodeData('codabar', 'A123B'))).toBe('A123B');
    expect(() => barcodeData('code93', 'é')).toThrow(RangeError);
    expect(() => barcodeData('code128', 'x'.repeat(300))).toThrow(RangeError);
  });

  it('maps GS k function B numbers both ways', () => {
    expect(SYMBOLOGY_CODES.code128).toBe(73);
    expect(SYMBOLOGY_CODES.ean13).toBe(67);
    expect(symbologyOf(69)).toBe('code39');
    expect(symbologyOf(99)).toBeUndefined();
  });
});

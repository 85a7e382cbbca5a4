import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aimPrefix, type Symbology } from '../aim.ts';
import { HONEYWELL_LAYOUT, HidScanAssembler, NEWLAND_LAYOUT } from '../hid-pos.ts';
import { decodePayload, encodePayload, isValidUtf8, type PayloadEncoding } from '../payload.ts';
import type { ScannedCode } from '../scanned-code.ts';
import { ScanFramer, suffixBytes, type SuffixName } from '../serial-framing.ts';
import { encodeHidPosScan, encodeSerialScan } from './virtual-scanner.ts';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('encodeSerialScan', () => {
  it('sends AIM identifier, data and suffix', () => {
    expect([...encodeSerialScan('ABC', { suffix: suffixBytes('crlf'), aim: 'qr' })]).toEqual(ascii(']Q1ABC\r\n'));
    expect([...encodeSerialScan('ABC', { suffix: null })]).toEqual(ascii('ABC'));
    expect([...encodeSerialScan('ABC', { suffix: suffixBytes('cr'), aim: null })]).toEqual(ascii('ABC\r'));
  });

  it('encodes Chinese in the chosen encoding', () => {
    expect([...encodeSerialScan('中文', { suffix: suffixBytes('cr'), encoding: 'gb18030' })]).toEqual([0xd6, 0xd0, 0xce, 0xc4, 0x0d]);
    expect([...encodeSerialScan('中文', { suffix: suffixBytes('cr') })]).toEqual([0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87, 0x0d]);
  });
});

describe('encodeHidPosScan', () => {
  it('builds one Honeywell report per the documented layout', () => {
    const [report, ...rest] = encodeHidPosScan('6901234567892', HONEYWELL_LAYOUT, { symbology: 'ean13' });
    expect(rest).toEqual([]);
    const expected = new Uint8Array(64);
    expected.set([0x02, 14, 0x5d, 0x45, 0x30, ...ascii('6901234567892'), 0x0d]);
    expected[61] = 0x64;
    expect(report).toEqual(expected);
  });

  it('splits a long code over Honeywell reports with the continuation flag', () => {
    const reports = encodeHidPosScan('Q'.repeat(120), HONEYWELL_LAYOUT, { symbology: 'qr' });
    expect(reports.map((r) => [r.length, r[1], r[63], String.fromCharCode(...r.subarray(2, 5)), r[61]])).toEqual([
      [64, 56, 1, ']Q1', 0x73],
      [64, 56, 1, ']Q1', 0x73],
      [64, 9, 0, ']Q1', 0x73],
    ]);
    expect(reports[2]?.subarray(5, 15)).toEqual(Uint8Array.from([...ascii('Q'.repeat(8)), 0x0d, 0]));
  });

  it('puts the AIM identifier into Newland data, which has no header field for it', () => {
    const [report] = encodeHidPosScan('abc', NEWLAND_LAYOUT, { symbology: 'data-matrix' });
    const expected = new Uint8Array(64);
    expected.set([0x02, 7, ...ascii(']d1abc\r')]);
    expect(report).toEqual(expected);
  });

  it('sends one empty report for empty text without suffix', () => {
    const reports = encodeHidPosScan('', HONEYWELL_LAYOUT, { suffixCr: false });
    expect(reports).toHaveLength(1);
    expect(reports[0]?.[1]).toBe(0);
  });

  it('fills whole Newland reports exactly when the data does', () => {
    const reports = encodeHidPosScan('N'.repeat(111), NEWLAND_LAYOUT);
    expect(reports.map((r) => r[1])).toEqual([56, 56]);
  });
});

// Symbologies whose AIM identifier names them whatever the data; EAN-13/UPC share `]E0` (see aim.test.ts).
const symbology = fc.constantFrom<Symbology>(
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
  'ean8',
  'gs1-databar',
  'unknown',
);
const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const char = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: cjk },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\n', '\t', '𠮷', '䶮', '·', '€', ']Q1', ']C0') },
);
const text = (maxLength: number) => fc.string({ unit: char, minLength: 1, maxLength });
const encoding = fc.constantFrom<PayloadEncoding>('utf-8', 'gb18030');

/** What should come back: the text as sent, unless GB18030 bytes are also valid UTF-8 (read as UTF-8, by design). */
function expected(sent: string, enc: PayloadEncoding): { text: string; encoding: PayloadEncoding } {
  const bytes = encodePayload(sent, enc);
  return enc === 'gb18030' && isValidUtf8(bytes) ? decodePayload(bytes) : { text: sent, encoding: enc };
}

function pick(code: ScannedCode): Pick<ScannedCode, 'text' | 'encoding' | 'symbology' | 'aim'> {
  const { text: t, encoding: e, symbology: s, aim } = code;
  return aim === undefined ? { text: t, encoding: e, symbology: s } : { text: t, encoding: e, symbology: s, aim };
}

describe('virtual scanner round trips', () => {
  it('serial: encode → ScanFramer gives back text, symbology and encoding', () => {
    const suffixName = fc.constantFrom<SuffixName>('cr', 'crlf', 'lf', 'tab', 'none');
    fc.assert(
      fc.property(text(200), fc.option(symbology, { nil: null }), encoding, suffixName, fc.nat(), (t, sym, enc, name, cut) => {
        const suffix = suffixBytes(name);
        fc.pre(suffix === null || !t.includes(new TextDecoder().decode(suffix)));
        fc.pre(sym !== null || !t.startsWith(']'));
        const bytes = encodeSerialScan(t, { suffix, aim: sym, encoding: enc });
        const framer = new ScanFramer({ suffix, interByteTimeoutMs: 50 });
        const at = cut % (bytes.length + 1);
        const codes = [...framer.push(bytes.subarray(0, at), 0), ...framer.push(bytes.subarray(at), 1), ...framer.flush(100)];
        expect(codes.map(pick)).toEqual([
          { ...expected(t, enc), symbology: sym ?? 'unknown', ...(sym === null ? {} : { aim: aimPrefix(sym) }) },
        ]);
      }),
    );
  });

  it('Honeywell HID POS: encode → HidScanAssembler gives back text, symbology and encoding', () => {
    fc.assert(
      fc.property(text(300), fc.option(symbology, { nil: undefined }), encoding, (t, sym, enc) => {
        const reports = encodeHidPosScan(t, HONEYWELL_LAYOUT, { ...(sym ? { symbology: sym } : {}), encoding: enc });
        const asm = new HidScanAssembler(HONEYWELL_LAYOUT, { timeoutMs: 100 });
        const codes = reports.flatMap((r, i) => asm.push(r, i));
        // The continuation flag ends every code without waiting.
        expect(asm.deadline).toBeUndefined();
        expect(codes.map(pick)).toEqual([
          { ...expected(t, enc), symbology: sym ?? 'unknown', ...(sym === undefined ? {} : { aim: aimPrefix(sym) }) },
        ]);
      }),
    );
  });

  it('Newland HID POS: encode → HidScanAssembler gives back text, symbology and encoding', () => {
    fc.assert(
      fc.property(text(300), fc.option(symbology, { nil: undefined }), encoding, (t, sym, enc) => {
        fc.pre(sym !== undefined || !t.startsWith(']'));
        const reports = encodeHidPosScan(t, NEWLAND_LAYOUT, { ...(sym ? { symbology: sym } : {}), encoding: enc });
        const asm = new HidScanAssembler(NEWLAND_LAYOUT, { timeoutMs: 100 });
        const codes = [...reports.flatMap((r, i) => asm.push(r, i)), ...asm.flush(reports.length + 100)];
        expect(codes.map(pick)).toEqual([
          { ...expected(t, enc), symbology: sym ?? 'unknown', ...(sym === undefined ? {} : { aim: aimPrefix(sym) }) },
        ]);
      }),
    );
  });

  it('HID POS without the CR suffix round-trips text not ending in CR', () => {
    fc.assert(
      fc.property(text(150), (t) => {
        fc.pre(!t.endsWith('\r'));
        const asm = new HidScanAssembler(HONEYWELL_LAYOUT, { timeoutMs: 100 });
        const codes = encodeHidPosScan(t, HONEYWELL_LAYOUT, { suffixCr: false }).flatMap((r) => asm.push(r, 0));
        expect(codes.map((c) => c.text)).toEqual([t]);
      }),
    );
  });

  it('round-trips the EAN/UPC family with matching digits', () => {
    const cases: [Symbology, string][] = [
      ['ean13', '6901234567892'],
      ['upca', '036000291452'],
      ['upce', '01234565'],
      ['ean8', '69012341'],
    ];
    for (const [sym, digits] of cases) {
      const serial = new ScanFramer({ suffix: suffixBytes('cr'), interByteTimeoutMs: 50 });
      expect(serial.push(encodeSerialScan(digits, { suffix: suffixBytes('cr'), aim: sym }), 0)).toMatchObject([{ text: digits, symbology: sym }]);
      const hid = new HidScanAssembler(HONEYWELL_LAYOUT, { timeoutMs: 100 });
      expect(encodeHidPosScan(digits, HONEYWELL_LAYOUT, { symbology: sym }).flatMap((r) => hid.push(r, 0))).toMatchObject([
        { text: digits, symbology: sym },
      ]);
    }
  });
});

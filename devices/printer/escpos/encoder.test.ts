import { describe, expect, it, vi } from 'vitest';
import { countBlackPixels, createMonoBitmap, type MonoBitmap } from './bitmap.ts';
import { EscPosEncoder } from './encoder.ts';
import { classifyChar, encodeGbText, needsRaster } from './gb-text.ts';

function hex(text: string): number[] {
  return text.split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));
}

function toHex(u8: Uint8Array): string {
  return Array.from(u8, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function indexOfSeq(haystack: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function countSeq(haystack: Uint8Array, needle: readonly number[]): number {
  let n = 0;
  for (let i = indexOfSeq(haystack, needle); i >= 0; i = indexOfSeq(haystack, needle, i + 1)) n++;
  return n;
}

const GS_V_0 = hex('1D 76 30');
const CJK = '1B 74 00 1C 26';

/** A rasteriser that records its calls and returns a blank line image. */
function fakeRaster() {
  return vi.fn((_runs: unknown, _align: unknown, width: number): MonoBitmap => createMonoBitmap(width, 30));
}

describe('GB18030 text', () => {
  it('classifies characters by their GB18030 length', () => {
    expect(classifyChar('A')).toBe('ascii');
    expect(classifyChar('张')).toBe('double');
    expect(classifyChar('€')).toBe('double');
    expect(classifyChar('𠮷')).toBe('raster');
    expect(classifyChar('\u0301')).toBe('raster');
    expect(classifyChar('\ud800')).toBe('raster');
    expect(needsRaster('张三')).toBe(false);
    expect(needsRaster('𠮷野')).toBe(true);
  });

  it('prefixes each Chinese run with ESC t 0 FS &', () => {
    expect(toHex(encodeGbText('A张三B中'))).toBe(`41 ${CJK} D5 C5 C8 FD 42 ${CJK} D6 D0`);
    expect(() => encodeGbText('𠮷')).toThrow(RangeError);
  });
});

describe('EscPosEncoder', () => {
  it('encodes a short Chinese receipt to the exact golden bytes', () => {
    const bytes = new EscPosEncoder()
      .initialize()
      .align('center')
      .bold(true)
      .size(2, 2)
      .line('受理回执')
      .bold(false)
      .size(1, 1)
      .align('left')
      .line('姓名: 张*')
      .feed(2)
      .cut()
      .encode();
    expect(toHex(bytes)).toBe(
      [
        '1B 40',
        '1B 61 01 1B 45 01 1D 21 11',
        `${CJK} CA DC C0 ED BB D8 D6 B4 0A`,
        '1B 61 00 1B 45 00 1D 21 00',
        `${CJK} D0 D5 C3 FB 3A 20 ${CJK} D5 C5 2A 0A`,
        '1B 64 02',
        '1D 56 42 00',
      ].join(' '),
    );
  });

  it('sends style commands only when they change', () => {
    const bytes = new EscPosEncoder().initialize().line('a').line('b').bold(true).line('c').line('d').encode();
    expect(toHex(bytes)).toBe('1B 40 61 0A 62 0A 1B 45 01 63 0A 64 0A');
  });

  it('sends styles explicitly when the printer state is unknown (no initialize)', () => {
    expect(toHex(new EscPosEncoder().line('a').encode())).toBe('1B 61 00 1B 45 00 1D 21 00 61 0A');
  });

  it('mixes styles within a line', () => {
    const bytes = new EscPosEncoder().initialize().text('No. ').bold(true).text('12').bold(false).newline().encode();
    expect(toHex(bytes)).toBe('1B 40 4E 6F 2E 20 1B 45 01 31 32 0A');
  });

  it('applies align() called mid-line from the next line on', () => {
    const bytes = new EscPosEncoder().initialize().text('a').align('right').text('b').newline().line('c').encode();
    expect(toHex(bytes)).toBe('1B 40 61 62 0A 1B 61 02 63 0A');
  });

  it('turns control characters in text into spaces, so data cannot inject commands', () => {
    const bytes = new EscPosEncoder().initialize().line('a\u001b@\u0010\u0004\u0001\u001dV\u0000b').encode();
    expect(toHex(bytes)).toBe('1B 40 61 20 40 20 20 20 20 56 20 62 0A');
  });

  it('splits text on newlines', () => {
    expect(toHex(new EscPosEncoder().initialize().text('a\n\nb\n').encode())).toBe('1B 40 61 0A 0A 62 0A');
  });

  it('prints a line with 𠮷 as a GS v 0 raster, never as ? or 4-byte codes', () => {
    const bytes = new EscPosEncoder().initialize().line('申请人：𠮷野家').line('张三').encode();
    expect(indexOfSeq(bytes, GS_V_0)).toBeGreaterThan(0);
    expect(indexOfSeq(bytes, hex('95 34 B2 35'))).toBe(-1);
    const header = bytes.subarray(indexOfSeq(bytes, GS_V_0), indexOfSeq(bytes, GS_V_0) + 8);
    expect(toHex(header)).toBe('1D 76 30 00 48 00 1E 00');
    // The text after the image is ordinary GB18030 text.
    const tail = bytes.subarray(indexOfSeq(bytes, GS_V_0) + 8 + 72 * 30);
    expect(toHex(tail)).toBe(`${CJK} D5 C5 C8 FD 0A`);
  });

  it('draws the raster line with the bundled font, at the current size', () => {
    const image = (text: string, w: number, h: number): MonoBitmap => {
      const bytes = new EscPosEncoder().initialize().size(w, h).line(text).encode();
      const at = indexOfSeq(bytes, GS_V_0);
      const x = bytes[at + 4]! + 256 * bytes[at + 5]!;
      const y = bytes[at + 6]! + 256 * bytes[at + 7]!;
      return { width: x * 8, height: y, data: bytes.slice(at + 8, at + 8 + x * y) };
    };
    const normal = image('𠮷', 1, 1);
    expect(normal.height).toBe(30);
    expect(countBlackPixels(normal)).toBeGreaterThan(50);
    const big = image('𠮷', 2, 2);
    expect(big.height).toBe(54);
    expect(countBlackPixels(big)).toBeGreaterThan(countBlackPixels(normal) * 2);
  });

  it('passes the whole line with styles and alignment to the rasteriser', () => {
    const rasterizeLine = fakeRaster();
    new EscPosEncoder({ rasterizeLine }).initialize().align('center').text('姓名 ').bold(true).text('𠮷').newline().encode();
    expect(rasterizeLine).toHaveBeenCalledTimes(1);
    expect(rasterizeLine.mock.calls[0]).toEqual([
      [
        { text: '姓名 ', bold: false, width: 1, height: 1 },
        { text: '𠮷', bold: true, width: 1, height: 1 },
      ],
      'center',
      576,
    ]);
  });

  it('stores native QR data with pL/pH counting UTF-8 bytes', () => {
    const bytes = new EscPosEncoder().initialize().qr('张三', { mode: 'native', moduleSize: 4, ecc: 'H' }).encode();
    expect(toHex(bytes)).toBe(
      [
        '1B 40',
        '1D 28 6B 04 00 31 41 32 00',
        '1D 28 6B 03 00 31 43 04',
        '1D 28 6B 03 00 31 45 33',
        '1D 28 6B 09 00 31 50 30 E5 BC A0 E4 B8 89',
        '1D 28 6B 03 00 31 51 30',
      ].join(' '),
    );
    const long = new EscPosEncoder().qr('办'.repeat(100), { mode: 'native' }).encode();
    const store = indexOfSeq(long, hex('31 50 30'));
    expect(long[store - 2]! + 256 * long[store - 1]!).toBe(303);
  });

  it('sends ASCII QR data natively and non-ASCII QR data as a raster by default', () => {
    const ascii = new EscPosEncoder().qr('SL-20261122-000123').encode();
    expect(indexOfSeq(ascii, hex('31 50 30 53 4C 2D'))).toBeGreaterThan(0);
    const chinese = new EscPosEncoder().align('center').qr('受理号 SL-1').encode();
    expect(indexOfSeq(chinese, hex('31 50 30'))).toBe(-1);
    expect(toHex(chinese.subarray(0, 3))).toBe('1B 61 01');
    expect(indexOfSeq(chinese, GS_V_0)).toBe(3);
  });

  it('ends a pending line before block commands', () => {
    const bytes = new EscPosEncoder().initialize().text('x').barcode('SL-1', { symbology: 'code128' }).encode();
    expect(toHex(bytes)).toBe('1B 40 78 0A 1D 68 50 1D 77 02 1D 48 02 1D 6B 49 06 7B 42 53 4C 2D 31');
  });

  it('chunks tall images into GS v 0 commands of at most 256 rows', () => {
    const bitmap = createMonoBitmap(16, 600);
    bitmap.data.fill(0xaa);
    const bytes = new EscPosEncoder().image(bitmap).encode();
    expect(countSeq(bytes, GS_V_0)).toBe(3);
    const rows: number[] = [];
    for (let i = indexOfSeq(bytes, GS_V_0); i >= 0; i = indexOfSeq(bytes, GS_V_0, i + 1)) rows.push(bytes[i + 6]! + 256 * bytes[i + 7]!);
    expect(rows).toEqual([256, 256, 88]);
    expect(bytes.length).toBe(3 + 3 * 8 + 2 * 600);
  });

  it('re-sends styles after raw bytes, which may have reset them', () => {
    const bytes = new EscPosEncoder().initialize().line('a').raw(Uint8Array.of(0x1b, 0x40)).line('b').encode();
    expect(toHex(bytes)).toBe('1B 40 61 0A 1B 40 1B 61 00 1B 45 00 1D 21 00 62 0A');
    const inLine = new EscPosEncoder().initialize().text('a').raw(Uint8Array.of(0x1b, 0x40)).text('b').newline().encode();
    expect(toHex(inLine)).toBe('1B 40 61 1B 40 1B 45 00 1D 21 00 62 0A');
  });

  it('feeds, splitting more than 255 lines, and cuts fully on request', () => {
    expect(toHex(new EscPosEncoder().feed(300).cut('full').encode())).toBe('1B 64 FF 1B 64 2D 1D 56 41 00');
    expect(toHex(new EscPosEncoder().text('a').feed(1).encode())).toBe('1B 61 00 1B 45 00 1D 21 00 61 0A 1B 64 01');
  });

  it('sends a pending line without its line feed on encode()', () => {
    expect(toHex(new EscPosEncoder().initialize().text('ab').encode())).toBe('1B 40 61 62');
  });

  it('rejects out-of-range parameters from our own code', () => {
    expect(() => new EscPosEncoder().size(9, 1)).toThrow(RangeError);
    expect(() => new EscPosEncoder().feed(-1)).toThrow(RangeError);
    expect(() => new EscPosEncoder().qr('x', { moduleSize: 0, mode: 'native' })).toThrow(RangeError);
    expect(() => new EscPosEncoder().image(createMonoBitmap(0, 0))).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, isValidUtf8 } from './payload.ts';

const gb = (text: string) => new Uint8Array(iconv.encode(text, 'gb18030'));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodePayload', () => {
  it('reads ASCII as UTF-8', () => {
    expect(decodePayload(utf8('https://zwfw.example.cn/a?b=1'))).toEqual({
      text: 'https://zwfw.example.cn/a?b=1',
      encoding: 'utf-8',
    });
  });

  it('reads Chinese UTF-8', () => {
    expect(decodePayload(utf8('北京市西城区政务服务中心'))).toEqual({ text: '北京市西城区政务服务中心', encoding: 'utf-8' });
  });

  it('reads Chinese GB18030, including 4-byte and rare characters', () => {
    const bytes = gb('预约号：A0123 张𠮷 䶮 €·，');
    expect([...bytes.subarray(0, 4)]).toEqual([0xd4, 0xa4, 0xd4, 0xbc]);
    expect(decodePayload(bytes)).toEqual({ text: '预约号：A0123 张𠮷 䶮 €·，', encoding: 'gb18030' });
  });

  it('drops a UTF-8 BOM', () => {
    expect(decodePayload(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8('中文')))).toEqual({ text: '中文', encoding: 'utf-8' });
  });

  it('prefers UTF-8 for bytes valid in both', () => {
    // C3 A9 is "é" in UTF-8 and "茅" in GB18030.
    expect(iconv.decode(Buffer.from([0xc3, 0xa9]), 'gb18030')).toBe('茅');
    expect(decodePayload(Uint8Array.of(0xc3, 0xa9))).toEqual({ text: 'é', encoding: 'utf-8' });
  });

  it('reads empty input', () => {
    expect(decodePayload(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const { encoding } = decodePayload(bytes);
        expect(encoding).toBe(isValidUtf8(bytes) ? 'utf-8' : 'gb18030');
      }),
    );
  });

  it('round-trips any text through UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.startsWith('\ufeff'));
        expect(decodePayload(encodePayload(text, 'utf-8'))).toEqual({ text, encoding: 'utf-8' });
      }),
    );
  });

  it('round-trips Chinese text through GB18030 unless the bytes are also valid UTF-8', () => {
    const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1 });
    fc.assert(
      fc.property(cjk, fc.string(), (chinese, ascii) => {
        const text = chinese + ascii;
        const bytes = encodePayload(text, 'gb18030');
        fc.pre(!isValidUtf8(bytes));
        expect(decodePayload(bytes)).toEqual({ text, encoding: 'gb18030' });
      }),
    );
  });
});

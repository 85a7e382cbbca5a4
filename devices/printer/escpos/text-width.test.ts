import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charWidth, padEnd, padStart, printableText, textWidth, wrap } from './text-width.ts';

/** Text mixing ASCII, Chinese, full-width punctuation, marks, Ext-B characters and spaces. */
const mixedChar = fc.constantFrom(
  'a', 'B', '7', ' ', ' ', '-', '{', '张', '三', '受', '理', '，', '。', '（', '）', '：', '𠮷', '䶮', 'é', 'e\u0301', '\u0301', '·', 'ｶ', 'Ａ', '\u200b',
);
const mixedText = fc.array(mixedChar, { maxLength: 80 }).map((parts) => parts.join(''));

describe('charWidth / textWidth', () => {
  it('counts ASCII as 1, Chinese and full-width as 2, marks as 0', () => {
    expect(charWidth('A')).toBe(1);
    expect(charWidth('张')).toBe(2);
    expect(charWidth('Ａ')).toBe(2);
    expect(charWidth('，')).toBe(2);
    expect(charWidth('𠮷')).toBe(2);
    expect(charWidth('\u0301')).toBe(0);
    expect(charWidth('\u200d')).toBe(0);
    expect(charWidth('ｶ')).toBe(1);
    expect(charWidth('\u001b')).toBe(0);
  });

  it('counts GB double-byte symbols as 2 because the printer prints them with 24-dot glyphs', () => {
    expect(charWidth('·')).toBe(2);
    expect(charWidth('é')).toBe(2);
  });

  it('measures strings', () => {
    expect(textWidth('受理回执')).toBe(8);
    expect(textWidth('SL-20261122-000123')).toBe(18);
    expect(textWidth('姓名: 张*')).toBe(9);
    expect(textWidth('e\u0301')).toBe(1);
  });
});

describe('printableText', () => {
  it('turns control characters into spaces', () => {
    expect(printableText('a\u001b@b\u0010\u0004\u0001c')).toBe('a @b   c');
    expect(printableText('a\tb')).toBe('a b');
    expect(printableText('a\r\nb')).toBe('a b');
    expect(printableText('a\r\nb', true)).toBe('a\nb');
  });
});

describe('padding', () => {
  it('pads by columns', () => {
    expect(padEnd('张三', 6)).toBe('张三  ');
    expect(padStart('张三', 6)).toBe('  张三');
    expect(padEnd('张三张三', 6)).toBe('张三张三');
  });
});

describe('wrap', () => {
  it('breaks Chinese anywhere and Latin at spaces', () => {
    expect(wrap('北京市西城区政务服务中心', 10)).toEqual(['北京市西城', '区政务服务', '中心']);
    expect(wrap('hello big world', 10)).toEqual(['hello big ', 'world']);
    expect(wrap('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('keeps closing punctuation off the start of a line', () => {
    expect(wrap('请携带身份证，按时办理', 12)).toEqual(['请携带身份', '证，按时办理']);
  });

  it('never splits a surrogate pair or strands a combining mark', () => {
    expect(wrap('𠮷𠮷𠮷', 3)).toEqual(['𠮷', '𠮷', '𠮷']);
    expect(wrap('abe\u0301cd', 3)).toEqual(['abe\u0301', 'cd']);
  });

  it('gives a character wider than the line a line of its own', () => {
    expect(wrap('a张b', 1)).toEqual(['a', '张', 'b']);
  });

  it('returns one empty line for empty text and rejects bad widths', () => {
    expect(wrap('', 10)).toEqual(['']);
    expect(() => wrap('a', 0)).toThrow(RangeError);
  });

  it('never exceeds the width and always restores the text (property)', () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 2, max: 48 }), (text, columns) => {
        const lines = wrap(text, columns);
        expect(lines.join('')).toBe(text);
        for (const line of lines) {
          expect(textWidth(line)).toBeLessThanOrEqual(columns);
          expect(line.charCodeAt(0) >= 0xdc00 && line.charCodeAt(0) <= 0xdfff).toBe(false);
          const last = line.charCodeAt(line.length - 1);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
        }
        expect(lines.slice(0, -1).every((line) => line.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('restores any string, including lone surrogates (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 2, max: 20 }), (text, columns) => {
        const lines = wrap(text, columns);
        expect(lines.join('')).toBe(text);
        for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(columns);
      }),
      { numRuns: 300 },
    );
  });
});

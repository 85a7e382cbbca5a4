import { describe, expect, it } from 'vitest';
import { formatCompact, parseCompact, selectWords } from './compact-dictionary.ts';

describe('compact pinyin dictionary', () => {
  const entries = { 北京: ['běi jīng', 5e-6], 北: ['běi', 4e-5], 京: ['jīng', 1e-5], 綠: ['lǜ', 1e-6], 绿: ['lǜ', 2e-6], 北京市: ['běi jīng shì', 1e-7] } as const;

  it('keeps every character and the most frequent words, simplified, most frequent first', () => {
    const words = selectWords(entries, 1, new Set(['綠']));
    expect(words).toEqual([
      { word: '北', syllables: ['bei'] },
      { word: '京', syllables: ['jing'] },
      { word: '北京', syllables: ['bei', 'jing'] },
      { word: '绿', syllables: ['lv'] },
    ]);
  });

  it('reads back what it writes', () => {
    const words = selectWords(entries);
    const text = formatCompact(words);
    expect(text.split('\n')[0]).toBe('kiosk-pinyin 1 6');
    expect(text).toContain('北京市\tbei jing shi\n');
    expect(parseCompact(text)).toEqual(words);
  });

  it('refuses a foreign, corrupt or cut-off file, saying which', () => {
    const text = formatCompact(selectWords(entries));
    expect(() => parseCompact('{"北京": ["běi jīng"]}')).toThrow(/not a kiosk pinyin dictionary/);
    expect(() => parseCompact('')).toThrow(/not a kiosk pinyin dictionary/);
    expect(() => parseCompact(text.replace('bei jing shi', 'běi jīng shì'))).toThrow(/line \d+ is not "word<TAB>pinyin"/);
    expect(() => parseCompact(text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1))).toThrow(/has 5 words, its header says 6: the file is incomplete/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCompactDictionary } from './build-compact-dictionary.ts';
import { parseCompact, selectWords } from './compact-dictionary.ts';
import { PinyinDictionary, typedLetters } from './pinyin-dictionary.ts';

describe('pinyin dictionary', () => {
  it('types readings without tones, ü as v', () => {
    expect(typedLetters('lǜ sè')).toBe('lvse');
    expect(typedLetters('Zhāng')).toBe('zhang');
  });

  it('offers whole readings first, then the start of the letters that leaves pinyin to type on', () => {
    const dictionary = new PinyinDictionary(
      selectWords({
        张: ['zhāng', 3e-8],
        章: ['zhāng', 1e-8],
        三: ['sān', 4e-8],
        张三: ['zhāng sān', 1e-11],
        站: ['zhàn', 2e-8],
      }),
    );
    expect(dictionary.candidates('zhangsan')).toEqual([
      { text: '张三', letters: 8 },
      { text: '张', letters: 5 },
      { text: '章', letters: 5 },
    ]);
    // "zhan" would leave "gsan", which no syllable starts: 站 is not offered for it.
    expect(dictionary.candidates('zhangsan').map((c) => c.text)).not.toContain('站');
    // An unfinished syllable offers the characters it can start.
    expect(dictionary.candidates('zh').map((c) => c.text)).toEqual(['张', '站', '章']);
    expect(dictionary.candidates('q')).toEqual([]);
  });

  describe('from @pinyin-pro/data, as the build cuts it down', () => {
    let dictionary: PinyinDictionary;
    beforeAll(() => {
      dictionary = new PinyinDictionary(parseCompact(buildCompactDictionary()));
    }, 60_000);

    const first = (letters: string, count = 8) => dictionary.candidates(letters).slice(0, count).map((c) => c.text);

    it('puts common characters and words on the first page, in simplified form', () => {
      expect(first('ming')).toContain('明');
      expect(first('zhang')[0]).toBe('张');
      expect(first('beijing')[0]).toBe('北京');
      expect(first('lv')).toContain('绿');
      expect(dictionary.candidates('zhang').map((c) => c.text)).not.toContain('張');
    });

    it('types a name syllable by syllable: 陈 for chen, leaving xiaoming', () => {
      const chen = dictionary.candidates('chenxiaoming').find((c) => c.text === '陈');
      expect(chen).toEqual({ text: '陈', letters: 4 });
      expect(dictionary.candidates('xiaoming').find((c) => c.text === '小')).toEqual({ text: '小', letters: 4 });
    });
  });
});

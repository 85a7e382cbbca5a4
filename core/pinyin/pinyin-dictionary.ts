/**
 * Pinyin to Chinese for the on-screen keyboard: the candidates for the letters typed, most likely first.
 * The words come from @pinyin-pro/data's complete dictionary, cut down at build time to every character and
 * the most frequent words (compact-dictionary.ts); the smaller "modern" one lacks characters as common as 明
 * and 刚, and place names such as 北京. Core answers over RPC from a worker thread (pinyin-worker.ts): the
 * dictionary is far beyond the renderer's JavaScript budget (DESIGN.md §9).
 */

/** A candidate and how many of the typed letters it stands for (the rest stay to be typed on). */
export interface PinyinCandidate {
  readonly text: string;
  readonly letters: number;
}

/** A word and its syllables as typed ("bei", "jing"). */
export interface PinyinWord {
  readonly word: string;
  readonly syllables: readonly string[];
}

/** A reading as typed: no tone marks, ü as v (as on every pinyin keyboard), no spaces. */
export function typedLetters(reading: string): string {
  return reading
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f\s]/g, '')
    .toLowerCase();
}

export class PinyinDictionary {
  /** Typed letters → words read so, most frequent first. */
  private readonly byLetters = new Map<string, string[]>();
  /** Each word's place in the order of frequency (0: the most frequent). */
  private readonly rank = new Map<string, number>();
  /** Every syllable of the dictionary, and every start of one (for a syllable still being typed). */
  private readonly syllables = new Set<string>();
  private readonly syllableStarts = new Set<string>();

  /** `words`: most frequent first. */
  constructor(words: Iterable<PinyinWord>) {
    for (const { word, syllables } of words) {
      const key = syllables.join('');
      this.rank.set(word, this.rank.size);
      const found = this.byLetters.get(key);
      if (found) found.push(word);
      else this.byLetters.set(key, [word]);
      for (const letters of syllables) {
        this.syllables.add(letters);
        for (let i = 1; i <= letters.length; i++) this.syllableStarts.add(letters.slice(0, i));
      }
    }
  }

  /**
   * The candidates for `typed`: words read as all of it first, then words for a shorter start of it that
   * leaves letters still spellable as pinyin (张 for "zhangsan", leaving "san"), longest first; within one
   * reading, most frequent first. A syllable still being typed ("zh") offers the characters it can start.
   */
  candidates(typed: string, limit = 64): PinyinCandidate[] {
    const letters = typed.toLowerCase().replace(/[^a-z]/g, '');
    const found: PinyinCandidate[] = [];
    for (let n = letters.length; n >= 1 && found.length < limit; n--) {
      if (n < letters.length && !this.spellable(letters.slice(n))) continue;
      for (const text of this.byLetters.get(letters.slice(0, n)) ?? []) found.push({ text, letters: n });
    }
    if (found.length > 0 || !this.syllableStarts.has(letters)) return found.slice(0, limit);
    const started = [...this.syllables].filter((s) => s.startsWith(letters)).flatMap((s) => this.byLetters.get(s) ?? []);
    return started
      .filter((text) => Array.from(text).length === 1)
      .sort((a, b) => this.rank.get(a)! - this.rank.get(b)!)
      .slice(0, limit)
      .map((text) => ({ text, letters: letters.length }));
  }

  /** Whether `rest` splits into syllables, the last of which may be unfinished. */
  private spellable(rest: string): boolean {
    if (this.syllableStarts.has(rest)) return true;
    for (let i = rest.length - 1; i >= 1; i--) {
      if (this.syllables.has(rest.slice(0, i)) && this.spellable(rest.slice(i))) return true;
    }
    return false;
  }
}

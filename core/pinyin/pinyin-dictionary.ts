/**
 * Pinyin to Chinese for the on-screen keyboard: the candidates for the letters typed, most likely first,
 * from @pinyin-pro/data's complete dictionary (349,000 words and 11,500 characters, each with its reading and
 * frequency; the smaller "modern" one lacks characters as common as 明 and 刚, and place names such as 北京).
 * Core keeps every character and the most frequent words, and serves candidates over RPC: the dictionary is
 * 19 MB of JSON, far beyond the renderer's whole JavaScript budget (DESIGN.md §9).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A candidate and how many of the typed letters it stands for (the rest stay to be typed on). */
export interface PinyinCandidate {
  readonly text: string;
  readonly letters: number;
}

/** The package's entries: word → [reading with tone marks, frequency, …]. */
export type PinyinEntries = Readonly<Record<string, readonly [string, number, ...unknown[]]>>;

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

  /**
   * `maxWords`: how many of the most frequent words of two or more characters to keep (every character is);
   * `traditional`: characters whose simplified form is the one to offer (the form is for the mainland).
   */
  constructor(entries: PinyinEntries, maxWords = Number.POSITIVE_INFINITY, traditional: ReadonlySet<string> = new Set()) {
    const sorted = Object.entries(entries).sort((a, b) => b[1][1] - a[1][1]);
    let kept = 0;
    for (const [word, [reading]] of sorted) {
      const chars = Array.from(word);
      if (chars.some((c) => traditional.has(c)) || (chars.length > 1 && ++kept > maxWords)) continue;
      const key = typedLetters(reading);
      if (!/^[a-z]+$/.test(key)) continue;
      this.rank.set(word, this.rank.size);
      const words = this.byLetters.get(key);
      if (words) words.push(word);
      else this.byLetters.set(key, [word]);
      for (const syllable of reading.split(/\s+/)) {
        const letters = typedLetters(syllable);
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

/** Words kept beside the characters: names, places and common phrases, a few MB in memory. */
const KEPT_WORDS = 60_000;

/** The dictionary from the installed package, read once when first needed (1–2 s), then kept. */
export function loadPinyinDictionary(): PinyinDictionary {
  const read = (name: string): unknown => JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`@pinyin-pro/data/${name}`), 'utf8'));
  const traditional = new Set(Object.keys(read('traditional.json') as Record<string, string>));
  return new PinyinDictionary(read('complete.json') as PinyinEntries, KEPT_WORDS, traditional);
}

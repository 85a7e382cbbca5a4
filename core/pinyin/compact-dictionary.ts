/**
 * The on-screen keyboard's dictionary as the build writes it (electron.vite.config.ts): every character and the
 * most frequent words of @pinyin-pro/data, simplified forms only, most frequent first, one line each:
 *
 *   kiosk-pinyin 1 <count>
 *   北京\tbei jing
 *
 * About 1 MB instead of the package's 19 MB of JSON, read in well under a second on a worker thread
 * (docs/benchmarks.md). The count in the header tells a cut-off file from a whole one.
 */
import { typedLetters, type PinyinWord } from './pinyin-dictionary.ts';

/** The package's entries: word → [reading with tone marks, frequency, …]. */
export type PinyinEntries = Readonly<Record<string, readonly [string, number, ...unknown[]]>>;

/** The file's name beside the built core (out/main/). */
export const COMPACT_DICTIONARY_FILE = 'pinyin-dictionary.tsv';
/** Words kept beside the characters: names, places and common phrases. */
export const KEPT_WORDS = 60_000;

const HEADER = 'kiosk-pinyin 1';

/**
 * The words to keep, most frequent first: every character, and the `maxWords` most frequent words of two or
 * more characters; none with a character of `traditional` (the form is for the mainland), none whose reading
 * is not plain pinyin.
 */
export function selectWords(entries: PinyinEntries, maxWords = Number.POSITIVE_INFINITY, traditional: ReadonlySet<string> = new Set()): PinyinWord[] {
  const words: PinyinWord[] = [];
  let kept = 0;
  for (const [word, [reading]] of Object.entries(entries).sort((a, b) => b[1][1] - a[1][1])) {
    const chars = Array.from(word);
    if (chars.some((c) => traditional.has(c)) || (chars.length > 1 && ++kept > maxWords)) continue;
    const syllables = reading.trim().split(/\s+/).map(typedLetters);
    if (syllables.every((s) => /^[a-z]+$/.test(s))) words.push({ word, syllables });
  }
  return words;
}

export function formatCompact(words: readonly PinyinWord[]): string {
  return [`${HEADER} ${words.length}`, ...words.map((w) => `${w.word}\t${w.syllables.join(' ')}`)].join('\n') + '\n';
}

/** The words of a compact file; throws saying what is wrong for anything else (a cut-off or foreign file). */
export function parseCompact(text: string): PinyinWord[] {
  const lines = text.split('\n');
  const header = new RegExp(`^${HEADER} (\\d+)$`).exec(lines[0] ?? '');
  if (!header) throw new Error(`not a kiosk pinyin dictionary (first line: ${JSON.stringify((lines[0] ?? '').slice(0, 40))})`);
  const words: PinyinWord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const syllables = line.slice(tab + 1).split(' ');
    if (tab < 1 || !syllables.every((s) => /^[a-z]+$/.test(s))) throw new Error(`pinyin dictionary line ${i + 1} is not "word<TAB>pinyin"`);
    words.push({ word: line.slice(0, tab), syllables });
  }
  if (words.length !== Number(header[1])) throw new Error(`pinyin dictionary has ${words.length} words, its header says ${header[1]}: the file is incomplete`);
  return words;
}

/**
 * Builds the compact dictionary from the installed @pinyin-pro/data (a build step: electron.vite.config.ts
 * emits it beside the built core). Reads 19 MB of JSON, about 2 s and 200 MB: never at run time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatCompact, KEPT_WORDS, selectWords, type PinyinEntries } from './compact-dictionary.ts';

export function buildCompactDictionary(): string {
  const read = (name: string): unknown => JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`@pinyin-pro/data/${name}`), 'utf8'));
  const traditional = new Set(Object.keys(read('traditional.json') as Record<string, string>));
  return formatCompact(selectWords(read('complete.json') as PinyinEntries, KEPT_WORDS, traditional));
}

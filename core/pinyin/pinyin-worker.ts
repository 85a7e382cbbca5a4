/**
 * The pinyin dictionary on a thread of its own (built as `out/main/pinyin-worker.js`): reading the compact
 * file and indexing 70,000 words takes a few hundred ms of CPU on a loaded kiosk, which on core's thread would
 * hold up devices and every citizen's touch meanwhile. It loads when started, says so, then answers lookups.
 */
import { readFileSync } from 'node:fs';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { parseCompact } from './compact-dictionary.ts';
import { PinyinDictionary, type PinyinCandidate } from './pinyin-dictionary.ts';

export interface PinyinWorkerData {
  /** The compact dictionary file (compact-dictionary.ts). */
  readonly dictionary: string;
}
export interface PinyinLookupMessage {
  readonly id: number;
  readonly letters: string;
}
export type PinyinWorkerMessage =
  | { readonly type: 'ready'; readonly threadId: number; readonly words: number; readonly loadMs: number }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'candidates'; readonly id: number; readonly candidates: PinyinCandidate[] };

const port = parentPort!;
const started = performance.now();
try {
  const words = parseCompact(readFileSync((workerData as PinyinWorkerData).dictionary, 'utf8'));
  const dictionary = new PinyinDictionary(words);
  port.on('message', ({ id, letters }: PinyinLookupMessage) => {
    port.postMessage({ type: 'candidates', id, candidates: dictionary.candidates(letters) } satisfies PinyinWorkerMessage);
  });
  port.postMessage({ type: 'ready', threadId, words: words.length, loadMs: Math.round(performance.now() - started) } satisfies PinyinWorkerMessage);
} catch (error) {
  port.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) } satisfies PinyinWorkerMessage);
  port.close();
}

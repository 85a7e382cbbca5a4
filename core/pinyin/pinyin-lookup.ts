/**
 * Core's side of the pinyin worker (pinyin-worker.ts): started at the first lookup, then kept; lookups go by
 * message, so core's event loop never waits on the dictionary. A missing or corrupt dictionary, or a thread
 * that dies, makes pinyin unavailable (null) with one error in the log; the keyboard's other keys go on.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logging/logger.ts';
import type { PinyinCandidate } from './pinyin-dictionary.ts';
import type { PinyinWorkerData, PinyinWorkerMessage, PinyinLookupMessage } from './pinyin-worker.ts';

export interface PinyinLookup {
  /** The candidates, most likely first; null while pinyin is unavailable. */
  candidates(letters: string): Promise<readonly PinyinCandidate[] | null>;
  close(): Promise<void>;
}

export interface PinyinWorkerOptions {
  readonly data: PinyinWorkerData;
  readonly log: Logger;
  /** Starts pinyin-worker.ts with `data` as its workerData (builtPinyinWorker for the kiosk's). */
  readonly start: (data: PinyinWorkerData) => Worker;
}

/** The built worker at `script`. */
export function builtPinyinWorker(script: string): PinyinWorkerOptions['start'] {
  return (data) => new Worker(script, { workerData: data });
}

export function pinyinWorkerLookup(options: PinyinWorkerOptions): PinyinLookup {
  let worker: Worker | undefined;
  let ready: Promise<boolean> | undefined;
  let nextId = 0;
  const pending = new Map<number, (candidates: readonly PinyinCandidate[] | null) => void>();
  const fail = (reason: string): void => {
    if (worker) options.log.error({ dictionary: options.data.dictionary, reason }, 'pinyin unavailable: the on-screen keyboard offers no Chinese');
    worker = undefined;
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
  };

  const start = (): Promise<boolean> => {
    const thread = options.start(options.data);
    worker = thread;
    // The kiosk's shutdown does not wait for an idle dictionary.
    thread.unref();
    return new Promise<boolean>((resolve) => {
      thread.on('message', (message: PinyinWorkerMessage) => {
        if (message.type === 'ready') {
          options.log.info({ words: message.words, loadMs: message.loadMs, threadId: message.threadId }, 'pinyin dictionary loaded on its thread');
          resolve(true);
        } else if (message.type === 'failed') {
          fail(message.error);
          resolve(false);
        } else {
          pending.get(message.id)?.(message.candidates);
          pending.delete(message.id);
        }
      });
      thread.on('error', (error) => {
        fail(error.message);
        resolve(false);
      });
      thread.on('exit', (code) => {
        if (worker === thread) fail(`the pinyin thread exited (${code})`);
        resolve(false);
      });
    });
  };

  return {
    async candidates(letters) {
      ready ??= start();
      if (!(await ready) || !worker) return null;
      const id = nextId++;
      const answer = new Promise<readonly PinyinCandidate[] | null>((resolve) => pending.set(id, resolve));
      worker.postMessage({ id, letters } satisfies PinyinLookupMessage);
      return answer;
    },
    async close() {
      const thread = worker;
      worker = undefined;
      await thread?.terminate();
    },
  };
}

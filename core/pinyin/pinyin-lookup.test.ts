import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCompact, selectWords } from './compact-dictionary.ts';
import { pinyinWorkerLookup, type PinyinLookup } from './pinyin-lookup.ts';
import type { PinyinWorkerData } from './pinyin-worker.ts';

/**
 * The worker from source, as the build runs it from out/main/pinyin-worker.js (Node 20 applies no `--import
 * tsx` of a worker's execArgv to the worker's own entry: tsx is registered first, then the worker imported).
 */
const fromSource = (data: PinyinWorkerData): Worker =>
  new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./pinyin-worker.ts', import.meta.url).href)}); })`, {
    eval: true,
    workerData: data,
  });

function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe('pinyin lookup on a worker thread', () => {
  let dir: string;
  const lookups: PinyinLookup[] = [];
  const lookup = async (contents: string | null) => {
    const dictionary = join(dir, `dictionary-${lookups.length}.tsv`);
    if (contents !== null) await writeFile(dictionary, contents);
    const { log, lines } = recordingLog();
    const started = pinyinWorkerLookup({ start: fromSource, data: { dictionary }, log });
    lookups.push(started);
    return { lookup: started, lines };
  };
  const compact = formatCompact(selectWords({ 张: ['zhāng', 3e-8], 三: ['sān', 4e-8], 张三: ['zhāng sān', 1e-11] }));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-pinyin-'));
  });
  afterAll(async () => {
    await Promise.all(lookups.map((l) => l.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the compact dictionary on its own thread at the first lookup, once, and answers by message', async () => {
    const { lookup: pinyin, lines } = await lookup(compact);
    expect(lines).toEqual([]);
    expect(await pinyin.candidates('zhangsan')).toEqual([
      { text: '张三', letters: 8 },
      { text: '张', letters: 5 },
    ]);
    expect(await pinyin.candidates('san')).toEqual([{ text: '三', letters: 3 }]);
    const loaded = lines.filter((l) => l.msg === 'pinyin dictionary loaded on its thread');
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({ words: 3 });
    // Not core's thread: the dictionary never blocks core's event loop.
    expect(loaded[0]!.threadId).not.toBe(threadId);
  });

  it.each([
    ['missing', null, /ENOENT/],
    ['corrupt', '{"张": ["zhāng", 3e-8]}', /not a kiosk pinyin dictionary/],
    ['cut off', compact.slice(0, compact.indexOf('三')), /the file is incomplete/],
  ])('a %s dictionary makes pinyin unavailable with one clear error, not a crash', async (_name, contents, reason) => {
    const { lookup: pinyin, lines } = await lookup(contents);
    expect(await Promise.all([pinyin.candidates('zhang'), pinyin.candidates('san')])).toEqual([null, null]);
    expect(await pinyin.candidates('zhang')).toBeNull();
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'pinyin unavailable: the on-screen keyboard offers no Chinese' });
    expect(errors[0]!.reason).toMatch(reason);
  });
});

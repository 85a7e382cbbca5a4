import { afterEach, describe, expect, it } from 'vitest';
import { isStoreError } from './errors.ts';
import { openTempStore, TempDirs } from './test-helpers.ts';
import { SerialWriteQueue } from './write-queue.ts';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('SerialWriteQueue', () => {
  it('runs writes one at a time, in the order they were enqueued', async () => {
    const queue = new SerialWriteQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const write = (name: string, ms: number) =>
      queue.enqueue(async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        log.push(`start ${name}`);
        await delay(ms);
        log.push(`end ${name}`);
        running -= 1;
        return name;
      });
    // Later writes are faster: without the queue they would finish first.
    const results = await Promise.all([write('a', 30), write('b', 10), write('c', 0)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(maxRunning).toBe(1);
  });

  it('rejects only the failed write; later writes still run', async () => {
    const queue = new SerialWriteQueue();
    const done: number[] = [];
    const first = queue.enqueue(() => done.push(1));
    const failingAsync = queue.enqueue(async () => {
      throw new Error('disk full');
    });
    const failingSync = queue.enqueue(() => {
      throw new Error('sync failure');
    });
    const last = queue.enqueue(() => done.push(4));
    await expect(first).resolves.toBe(1);
    await expect(failingAsync).rejects.toThrow('disk full');
    await expect(failingSync).rejects.toThrow('sync failure');
    await expect(last).resolves.toBe(2);
    expect(done).toEqual([1, 4]);
  });

  it('flush waits for every queued write and never rejects', async () => {
    const queue = new SerialWriteQueue();
    const done: string[] = [];
    void queue.enqueue(async () => {
      await delay(20);
      done.push('slow');
    });
    queue.enqueue(() => Promise.reject(new Error('failed'))).catch(() => undefined);
    void queue.enqueue(() => done.push('fast'));
    expect(queue.pending).toBe(3);
    await queue.flush();
    expect(done).toEqual(['slow', 'fast']);
    expect(queue.pending).toBe(0);
    await queue.flush();
  });

  it('refuses writes after close, once the queued ones are done', async () => {
    const queue = new SerialWriteQueue();
    let written = false;
    void queue.enqueue(async () => {
      await delay(5);
      written = true;
    });
    await queue.close();
    expect(written).toBe(true);
    const error = await queue.enqueue(() => 1).catch((e: unknown) => e);
    expect(isStoreError(error, 'E_CLOSED')).toBe(true);
  });

  it('keeps the last snapshot of a burst of transitions in the store', async () => {
    const { store } = await openTempStore(dirs);
    const queue = new SerialWriteQueue();
    const steps = ['attract', 'identify', 'consent', 'choose', 'form', 'review'];
    for (const step of steps) void queue.enqueue(() => store.sessions.save('s1', 1, { value: step }));
    await queue.flush();
    expect(store.sessions.load('s1')?.snapshot).toEqual({ value: 'review' });
    store.close();
  });
});

import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogFile } from './log-file.ts';

/** A file stream that fails every write while `full` is set, as a stream on a full disk does. */
function disk() {
  const written: string[] = [];
  const state = { full: false, opened: 0 };
  const open = () => {
    state.opened += 1;
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (state.full) return callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        written.push(chunk.toString());
        callback();
      },
    });
  };
  return { written, state, open };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the log file', () => {
  it('drops and counts lines while the disk is full, then reopens and says how many it dropped', async () => {
    let now = 0;
    const d = disk();
    const file = new LogFile({ open: d.open, retryMs: 5_000, now: () => now });
    file.write('one\n');
    await turn();
    d.state.full = true;
    file.write('two\n');
    await turn();
    file.write('three\n');
    file.write('four\n');
    now = 4_999;
    file.write('five\n');
    expect(d.state.opened).toBe(1);

    d.state.full = false;
    now = 5_000;
    file.write('six\n');
    await turn();
    expect(d.state.opened).toBe(2);
    expect(d.written[0]).toBe('one\n');
    expect(JSON.parse(d.written[1]!)).toMatchObject({ level: 40, dropped: 4, reason: 'ENOSPC' });
    expect(d.written.slice(2)).toEqual(['six\n']);
    await file.close();
  });

  it('closes once, writing nothing after', async () => {
    const sink = new PassThrough();
    const chunks: string[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c.toString()));
    const file = new LogFile({ open: () => sink });
    file.write('a\n');
    await file.close();
    file.write('b\n');
    await file.close();
    expect(chunks).toEqual(['a\n']);
  });
});

import { describe, expect, it } from 'vitest';
import { PacedSender } from './paced-sender.ts';

describe('PacedSender', () => {
  it('takes about the wire time of the bytes at the given speed, in order', async () => {
    const got: number[] = [];
    let done = 0;
    const bytes = Uint8Array.from({ length: 1295 }, (_, i) => i & 0xff);
    const start = performance.now();
    const sender = new PacedSender((b) => {
      got.push(...b);
      if (got.length === bytes.length) done = performance.now();
    }, 115200);
    sender.send(bytes);
    while (!done) await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual([...bytes]);
    // 1295 bytes × 10 bits / 115200 baud = 112.4 ms: the last byte cannot arrive earlier.
    expect(done - start).toBeGreaterThanOrEqual(112);
  });

  it('stops sending when cleared', async () => {
    const got: number[] = [];
    const sender = new PacedSender((b) => got.push(...b), 9600);
    sender.send(new Uint8Array(960));
    sender.clear();
    const sent = got.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(got.length).toBe(sent);
    expect(sent).toBeLessThan(960);
  });
});

import { describe, expect, it } from 'vitest';
import { RepeatFilter } from './repeat-filter.ts';

describe('repeat filter', () => {
  it('writes the first lines of a kind in a window, counts the rest, and summarises them once the window ends', () => {
    let now = 0;
    const filter = new RepeatFilter({ max: 3, windowMs: 1_000 }, () => now);
    const written = Array.from({ length: 10 }, () => filter.admit(40, 'device error'));
    expect(written).toEqual([true, true, true, false, false, false, false, false, false, false]);
    // Another message, or the same message at another level, is another kind.
    expect(filter.admit(40, 'rpc message rejected')).toBe(true);
    expect(filter.admit(50, 'device error')).toBe(true);
    now = 999;
    expect(filter.ended()).toEqual([]);
    now = 1_000;
    expect(filter.ended()).toEqual([{ level: 40, msg: 'device error', repeated: 7, windowMs: 1_000 }]);
    expect(filter.ended()).toEqual([]);
    // A new window: the kind is written again.
    expect(filter.admit(40, 'device error')).toBe(true);
  });

  it('summarises every window at close, and none where nothing was held back', () => {
    const filter = new RepeatFilter({ max: 2, windowMs: 60_000 }, () => 0);
    for (let i = 0; i < 5; i++) filter.admit(30, 'a');
    filter.admit(30, 'b');
    expect(filter.ended()).toEqual([]);
    expect(filter.ended(true)).toEqual([{ level: 30, msg: 'a', repeated: 3, windowMs: 60_000 }]);
    expect(filter.ended(true)).toEqual([]);
  });

  it('stops following new kinds beyond its bound and lets them through', () => {
    const filter = new RepeatFilter({ max: 1, windowMs: 60_000 }, () => 0);
    for (let i = 0; i < 1_000; i++) filter.admit(30, `kind ${i}`);
    expect(filter.admit(30, 'one more')).toBe(true);
    expect(filter.admit(30, 'one more')).toBe(true);
    expect(filter.admit(30, 'kind 0')).toBe(false);
  });

  it('refuses a limit that would write nothing', () => {
    expect(() => new RepeatFilter({ max: 0, windowMs: 1 }, () => 0)).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles from 1 s to 5 min without jitter at the middle of the range', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 9, 10, 20, 1000].map((n) => backoffDelay(n, middle))).toEqual([1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000, 300_000]);
  });

  it('stays within ±50 % of the nominal delay', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 0.999999)).toBe(1_500);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const nominal = Math.min(DEFAULT_BACKOFF.maxMs, 1_000 * 2 ** Math.min(attempt - 1, 30));
        const delay = backoffDelay(attempt, () => r);
        return delay >= Math.floor(nominal / 2) && delay <= Math.ceil(nominal * 1.5);
      }),
    );
  });

  it('treats a zero or negative attempt like the first', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(1_000);
    expect(backoffDelay(-3, () => 0.5)).toBe(1_000);
  });
});

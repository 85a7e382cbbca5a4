import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRateLimiter } from './rate-limiter.ts';

describe('rate limiter', () => {
  it('takes a burst at once, then refills at the sustained rate, per key', () => {
    let now = 0;
    const limiter = createRateLimiter({ default: { burst: 3, perSecond: 2 }, byKey: { slow: { burst: 1, perSecond: 0.5 } } }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('tap'))).toEqual([true, true, true, false]);
    // Another key has its own bucket.
    expect(limiter.take('slow')).toBe(true);
    expect(limiter.take('slow')).toBe(false);
    now = 499;
    expect(limiter.take('tap')).toBe(false);
    now = 500;
    expect(limiter.take('tap')).toBe(true);
    expect(limiter.take('tap')).toBe(false);
    // A long quiet moment refills to the burst, never beyond.
    now = 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('tap'))).toEqual([true, true, true, false]);
    expect(limiter.take('slow')).toBe(true);
  });

  it('counts refusals by key and hands them over once', () => {
    const limiter = createRateLimiter({ default: { burst: 1, perSecond: 1 } }, () => 0);
    for (let i = 0; i < 5; i++) limiter.take('user.active');
    limiter.take('user.next');
    limiter.take('user.next');
    expect(limiter.takeRefusals()).toEqual({ 'user.active': 4, 'user.next': 1 });
    expect(limiter.takeRefusals()).toEqual({});
  });

  it('does not take inherited property names for limits', () => {
    const limiter = createRateLimiter({ default: { burst: 1, perSecond: 1 }, byKey: {} }, () => 0);
    expect(limiter.take('constructor')).toBe(true);
    expect(limiter.take('constructor')).toBe(false);
    expect(limiter.takeRefusals()).toEqual({ constructor: 1 });
  });

  it('refills nothing when the clock steps back', () => {
    let now = 10_000;
    const limiter = createRateLimiter({ default: { burst: 1, perSecond: 1 } }, () => now);
    expect(limiter.take('k')).toBe(true);
    now = 0;
    expect(limiter.take('k')).toBe(false);
    now = 999;
    expect(limiter.take('k')).toBe(false);
    now = 1000;
    expect(limiter.take('k')).toBe(true);
  });

  it('refuses limits that would admit nothing', () => {
    expect(() => createRateLimiter({ default: { burst: 0, perSecond: 1 } }, () => 0)).toThrow(/default/);
    expect(() => createRateLimiter({ default: { burst: 1, perSecond: 1 }, byKey: { x: { burst: 1, perSecond: 0 } } }, () => 0)).toThrow(/x/);
  });

  it('never admits more than burst + elapsed × rate, whatever the timing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 10 }), fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 300 }), (burst, perSecond, gaps) => {
        let now = 0;
        const limiter = createRateLimiter({ default: { burst, perSecond } }, () => now);
        let admitted = 0;
        for (const gap of gaps) {
          now += gap;
          if (limiter.take('k')) admitted++;
        }
        expect(admitted).toBeLessThanOrEqual(burst + Math.floor((now * perSecond) / 1000));
        expect(admitted + (limiter.takeRefusals().k ?? 0)).toBe(gaps.length);
      }),
    );
  });
});

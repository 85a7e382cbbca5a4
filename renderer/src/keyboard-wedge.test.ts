import { describe, expect, it } from 'vitest';
import { WedgeDetector } from './keyboard-wedge.ts';

function type(detector: WedgeDetector, keys: readonly string[], startMs: number, gapMs: number) {
  return keys.map((key, i) => detector.key(key, startMs + i * gapMs));
}

describe('keyboard-wedge fallback', () => {
  it('takes a fast burst ended by Enter as a scan', () => {
    const d = new WedgeDetector();
    const results = type(d, [...'SL-20261122-000123', 'Enter'], 1000, 8);
    expect(results.at(-1)).toEqual({ scan: 'SL-20261122-000123', consume: true });
    expect(results.slice(1, -1).every((r) => r.consume)).toBe(true);
  });

  it('leaves human typing and keypad keys alone', () => {
    const d = new WedgeDetector();
    expect(type(d, [...'1234', 'Enter'], 1000, 150).every((r) => !r.scan && !r.consume)).toBe(true);
    expect(d.key('ArrowRight', 5000)).toEqual({ consume: false });
    expect(d.key('Enter', 5005)).toEqual({ consume: false });
  });

  it('ignores short bursts and restarts after a pause', () => {
    const d = new WedgeDetector();
    expect(type(d, ['a', 'b', 'Enter'], 0, 5).at(-1)).toEqual({ consume: false });
    type(d, [...'xx'], 100, 5);
    expect(type(d, [...'ABCDE', 'Enter'], 1000, 5).at(-1)).toEqual({ scan: 'ABCDE', consume: true });
  });
});

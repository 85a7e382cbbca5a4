import { describe, expect, it } from 'vitest';
import { WedgeDetector } from './keyboard-wedge.ts';

function type(detector: WedgeDetector, keys: readonly string[], startMs: number, gapMs: number) {
  return keys.map((key, i) => detector.key(key, startMs + i * gapMs));
}

/** Every key that reaches the page, in order: the ones let through and the ones released later. */
function delivered(detector: WedgeDetector, keys: readonly string[], startMs: number, gapMs: number): string[] {
  const out: string[] = [];
  keys.forEach((key, i) => {
    const { consume, release } = detector.key(key, startMs + i * gapMs);
    out.push(...release);
    if (!consume) out.push(key);
  });
  return [...out, ...detector.flush()];
}

describe('keyboard-wedge fallback', () => {
  it('takes a fast burst ended by Enter as a scan, and none of its keys reach the page but the first', () => {
    const d = new WedgeDetector();
    const results = type(d, [...'SL-20261122-000123', 'Enter'], 1000, 8);
    expect(results.at(-1)).toEqual({ scan: 'SL-20261122-000123', consume: true, release: [] });
    expect(results.slice(1, -1).every((r) => r.consume && r.release.length === 0)).toBe(true);
    expect(d.flush()).toEqual([]);
  });

  it('leaves human typing and keypad keys alone', () => {
    const d = new WedgeDetector();
    expect(type(d, [...'1234', 'Enter'], 1000, 150).every((r) => !r.scan && !r.consume)).toBe(true);
    expect(d.key('ArrowRight', 5000)).toEqual({ consume: false, release: [] });
    expect(d.key('Enter', 5005)).toEqual({ consume: false, release: [] });
  });

  it('hands a fast burst without Enter back to the page in order: digits typed 10 ms apart are typing', () => {
    expect(delivered(new WedgeDetector(), [...'13800138000'], 0, 10)).toEqual([...'13800138000']);
    // A short burst ended by Enter, or by an arrow: the held keys come first, then the key that ended it.
    expect(delivered(new WedgeDetector(), ['1', '2', 'Enter'], 0, 5)).toEqual(['1', '2', 'Enter']);
    expect(delivered(new WedgeDetector(), ['1', '2', '3', 'ArrowDown', '4'], 0, 5)).toEqual(['1', '2', '3', 'ArrowDown', '4']);
  });

  it('ignores short bursts and restarts after a pause', () => {
    const d = new WedgeDetector();
    expect(type(d, ['a', 'b', 'Enter'], 0, 5).at(-1)).toEqual({ consume: false, release: ['b'] });
    type(d, [...'xx'], 100, 5);
    expect(type(d, [...'ABCDE', 'Enter'], 1000, 5).at(-1)).toEqual({ scan: 'ABCDE', consume: true, release: [] });
  });
});

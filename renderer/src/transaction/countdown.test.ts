import { describe, expect, it } from 'vitest';
import { formatCountdown, secondsLeft } from './countdown.ts';

describe('idle countdown', () => {
  it('counts whole seconds down from when the view arrived, rounding up', () => {
    expect(secondsLeft(20_000, 0)).toBe(20);
    expect(secondsLeft(20_000, 1)).toBe(20);
    expect(secondsLeft(20_000, 1_000)).toBe(19);
    expect(secondsLeft(20_000, 19_999)).toBe(1);
    expect(secondsLeft(20_000, 20_000)).toBe(0);
    expect(secondsLeft(20_000, 25_000)).toBe(0);
  });

  it('shows seconds under a minute and m:ss from a minute on', () => {
    expect(formatCountdown(0)).toBe('0');
    expect(formatCountdown(59)).toBe('59');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(65)).toBe('1:05');
    expect(formatCountdown(600)).toBe('10:00');
  });
});

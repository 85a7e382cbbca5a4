import { describe, expect, it, vi } from 'vitest';
import { activityReporter } from './activity.ts';

describe('activityReporter', () => {
  it('reports the first activity at once, then at most once per interval', () => {
    let now = 0;
    const report = vi.fn();
    const active = activityReporter(report, () => now, 15_000);
    active();
    now = 5_000;
    active();
    now = 14_999;
    active();
    expect(report).toHaveBeenCalledTimes(1);
    now = 15_000;
    active();
    expect(report).toHaveBeenCalledTimes(2);
  });
});

import { describe, expect, it } from 'vitest';
import { duration, hallTime, timeElement } from './format.ts';

describe('time formats', () => {
  it('show Beijing time whatever the server runs in', () => {
    // 17:30 UTC is 01:30 the next day in Beijing.
    const at = Date.UTC(2026, 11, 2, 17, 30, 5);
    expect(hallTime(at)).toBe('2026-12-03 01:30:05');
    expect(timeElement(at).text).toBe('<time datetime="2026-12-02T17:30:05.000Z">2026-12-03 01:30:05</time>');
    expect(timeElement(null).text).toBe('—');
  });

  it('say how long in the largest two units', () => {
    expect([45_000, 12 * 60_000, 3 * 3_600_000, 3 * 3_600_000 + 5 * 60_000, 2 * 86_400_000, 2 * 86_400_000 + 4 * 3_600_000, -5].map(duration)).toEqual([
      '45 秒',
      '12 分钟',
      '3 小时',
      '3 小时 5 分钟',
      '2 天',
      '2 天 4 小时',
      '0 秒',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { MIN_YEAR, daysInMonth, parseIsoDate, stepDate, toIsoDate, today } from './date-parts.ts';

describe('date picker arithmetic', () => {
  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('parses and writes ISO dates, refusing impossible ones', () => {
    expect(parseIsoDate('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('1996-**-**')).toBeNull();
    expect(toIsoDate({ year: 2026, month: 3, day: 5 })).toBe('2026-03-05');
  });

  it('goes round months and days, and keeps the day within the month', () => {
    expect(stepDate({ year: 2026, month: 12, day: 15 }, 'month', 1, 2030)).toEqual({ year: 2026, month: 1, day: 15 });
    expect(stepDate({ year: 2026, month: 1, day: 1 }, 'day', -1, 2030)).toEqual({ year: 2026, month: 1, day: 31 });
    expect(stepDate({ year: 2026, month: 3, day: 31 }, 'month', -1, 2030)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(stepDate({ year: 2024, month: 2, day: 29 }, 'year', 1, 2030)).toEqual({ year: 2025, month: 2, day: 28 });
  });

  it('keeps the year within its bounds', () => {
    expect(stepDate({ year: 2030, month: 1, day: 1 }, 'year', 1, 2030).year).toBe(2030);
    expect(stepDate({ year: MIN_YEAR, month: 1, day: 1 }, 'year', -1, 2030).year).toBe(MIN_YEAR);
  });

  it('reads today from the local calendar', () => {
    expect(today(new Date(2026, 10, 22, 23, 30))).toEqual({ year: 2026, month: 11, day: 22 });
  });
});

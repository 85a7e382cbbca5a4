import { describe, expect, it } from 'vitest';
import { MIN_YEAR, clampDate, dateLimits, daysInMonth, parseIsoDate, stepDate, toIsoDate, today, type DateLimits } from './date-parts.ts';

const d = (year: number, month: number, day: number) => ({ year, month, day });
const wide: DateLimits = { min: d(MIN_YEAR, 1, 1), max: d(2030, 12, 31) };
/** A birth: not after today (3 December 2026), not before the parent's own (12 June 1995). */
const birth: DateLimits = { min: d(1995, 6, 12), max: d(2026, 12, 3) };

describe('date picker arithmetic', () => {
  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('parses and writes ISO dates, refusing impossible ones', () => {
    expect(parseIsoDate('2026-02-28')).toEqual(d(2026, 2, 28));
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('1996-**-**')).toBeNull();
    expect(toIsoDate(d(2026, 3, 5))).toBe('2026-03-05');
  });

  it('carries days and months like a calendar instead of going round inside the month', () => {
    expect(stepDate(d(2026, 12, 1), 'day', -1, birth)).toEqual(d(2026, 11, 30));
    expect(stepDate(d(2026, 1, 1), 'day', -1, wide)).toEqual(d(2025, 12, 31));
    expect(stepDate(d(2024, 2, 29), 'day', 1, wide)).toEqual(d(2024, 3, 1));
    expect(stepDate(d(2025, 12, 15), 'month', 1, wide)).toEqual(d(2026, 1, 15));
    expect(stepDate(d(2026, 1, 15), 'month', -1, wide)).toEqual(d(2025, 12, 15));
  });

  it('keeps the day within the month a month or year step lands in', () => {
    expect(stepDate(d(2026, 3, 31), 'month', -1, wide)).toEqual(d(2026, 2, 28));
    expect(stepDate(d(2024, 1, 31), 'month', 1, wide)).toEqual(d(2024, 2, 29));
    expect(stepDate(d(2024, 2, 29), 'year', 1, wide)).toEqual(d(2025, 2, 28));
  });

  it('never steps past the range: the step stops at its end, and is refused there', () => {
    // Today: no day, month or year forward; a birth in the future cannot be made.
    expect(stepDate(d(2026, 12, 3), 'day', 1, birth)).toBeNull();
    expect(stepDate(d(2026, 12, 3), 'month', 1, birth)).toBeNull();
    expect(stepDate(d(2026, 12, 3), 'year', 1, birth)).toBeNull();
    // Near the end a bigger step lands on the last day instead of beyond it.
    expect(stepDate(d(2026, 11, 20), 'month', 1, birth)).toEqual(d(2026, 12, 3));
    expect(stepDate(d(2025, 12, 31), 'year', 1, birth)).toEqual(d(2026, 12, 3));
    expect(stepDate(d(1995, 6, 12), 'day', -1, birth)).toBeNull();
    expect(stepDate(d(1996, 3, 1), 'year', -1, birth)).toEqual(d(1995, 6, 12));
    expect(stepDate(d(MIN_YEAR, 1, 1), 'year', -1, wide)).toBeNull();
  });

  it('takes the range from core, or the picker’s own bounds', () => {
    const range = { earliest: { date: '1995-06-12', says: { 'zh-CN': '申请人出生日期' } }, latest: { date: '2026-12-03', says: { 'zh-CN': '今天' } } };
    expect(dateLimits(range, d(2026, 12, 3))).toEqual(birth);
    expect(dateLimits(undefined, d(2026, 12, 3))).toEqual({ min: d(MIN_YEAR, 1, 1), max: d(2036, 12, 31) });
    expect(clampDate(d(2027, 1, 1), birth)).toEqual(d(2026, 12, 3));
    expect(clampDate(d(1990, 1, 1), birth)).toEqual(d(1995, 6, 12));
  });

  it('reads today from the local calendar', () => {
    expect(today(new Date(2026, 10, 22, 23, 30))).toEqual(d(2026, 11, 22));
  });
});

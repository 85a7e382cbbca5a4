/**
 * The date picker's arithmetic: year, month and day stepped one at a time, always a real date within the
 * field's range. A step carries like a calendar (31 January + 1 day is 1 February, December + 1 month is
 * January of the next year) and stops at the range's ends instead of going round.
 */
import type { FieldView } from '../../../core/contract/transaction-view.ts';

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}
export type DatePart = keyof DateParts;

/** The first and last day the steppers may show. */
export interface DateLimits {
  readonly min: DateParts;
  readonly max: DateParts;
}

export const MIN_YEAR = 1900;
/** Without a catalog range, dates ahead are allowed (appointments), but not far. */
export const YEARS_AHEAD = 10;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseIsoDate(text: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function toIsoDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local calendar date, as the citizen reads it on the hall's clock. */
export function today(now = new Date()): DateParts {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/** The field's range from core, or the picker's own bounds where the catalog sets none. */
export function dateLimits(range: FieldView['range'], now: DateParts): DateLimits {
  const from = range?.earliest ? parseIsoDate(range.earliest.date) : null;
  const to = range?.latest ? parseIsoDate(range.latest.date) : null;
  return { min: from ?? { year: MIN_YEAR, month: 1, day: 1 }, max: to ?? { year: now.year + YEARS_AHEAD, month: 12, day: 31 } };
}

export function compareDates(a: DateParts, b: DateParts): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The nearest day within the limits (the earliest when the range is empty). */
export function clampDate(parts: DateParts, { min, max }: DateLimits): DateParts {
  if (compareDates(parts, min) < 0) return min;
  return compareDates(parts, max) > 0 ? (compareDates(min, max) > 0 ? min : max) : parts;
}

/**
 * One step of one part, carried like a calendar and kept within the limits; a month or year step keeps the
 * day where the month has it, else takes the month's last (31 March − 1 month is 28/29 February). Null
 * when the date cannot move that way: the step's button is then disabled.
 */
export function stepDate(parts: DateParts, part: DatePart, delta: 1 | -1, limits: DateLimits): DateParts | null {
  let next: DateParts;
  if (part === 'day') {
    const moved = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + delta));
    next = { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
  } else {
    const months = parts.year * 12 + parts.month - 1 + (part === 'month' ? delta : 12 * delta);
    const [year, month] = [Math.floor(months / 12), (months % 12) + 1];
    next = { year, month, day: Math.min(parts.day, daysInMonth(year, month)) };
  }
  const kept = clampDate(next, limits);
  // Moving the other way than asked (a date already outside the range) is no step either.
  return Math.sign(compareDates(kept, parts)) === delta ? kept : null;
}

/** The date picker's arithmetic: year, month and day stepped one at a time, always a real date. */

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}
export type DatePart = keyof DateParts;

export const MIN_YEAR = 1900;

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

/**
 * One step of one part. Month and day go round (December + 1 is January, as on a wheel); the year stays
 * within MIN_YEAR…maxYear; the day is kept within the month it lands in (31 March − 1 month is 28/29 Feb).
 */
export function stepDate(parts: DateParts, part: DatePart, delta: 1 | -1, maxYear: number): DateParts {
  const wrap = (value: number, size: number) => ((value - 1 + delta + size) % size) + 1;
  let { year, month, day } = parts;
  if (part === 'year') year = Math.min(maxYear, Math.max(MIN_YEAR, year + delta));
  if (part === 'month') month = wrap(month, 12);
  if (part === 'day') day = wrap(day, daysInMonth(year, month));
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}

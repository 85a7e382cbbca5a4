/**
 * Calendar dates as ISO `yyyy-mm-dd` text, as the ID-card reader and the date picker produce them: they
 * compare correctly as text and carry no time zone, so "today" is always passed in, never read from a clock.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written yyyy-mm-dd, year 1800 or later. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1800 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Full years (周岁) on `today`, or undefined for an invalid date or one after `today`. */
export function ageOn(birthDate: string, today: string): number | undefined {
  if (!isIsoDate(birthDate) || !isIsoDate(today) || birthDate > today) return undefined;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // Born on 29 February: the birthday counts as reached on 1 March in common years.
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * `date` moved by whole days, months or years. Months and years keep the day of the month where it exists
 * and otherwise take the month's last day (31 March + 1 month is 30 April; 29 February + 1 year is 28 February).
 */
export function addToDate(date: string, amount: number, unit: 'd' | 'm' | 'y'): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (unit === 'd') return new Date(Date.UTC(year, month - 1, day + amount)).toISOString().slice(0, 10);
  const months = year * 12 + (month - 1) + (unit === 'm' ? amount : amount * 12);
  const [y, m] = [Math.floor(months / 12), (months % 12) + 1];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/**
 * Card dates are 8 digits YYYYMMDD; the kiosk works with ISO `yyyy-mm-dd` strings, which compare
 * correctly as text and carry no time zone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `19491231` → `1949-12-31`, or undefined when it is not a real calendar date (years 1800–9999). */
export function compactToIsoDate(compact: string): string | undefined {
  if (!/^\d{8}$/.test(compact)) return undefined;
  const iso = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** `1949-12-31` → `19491231`; the caller passes a valid ISO date. */
export function isoToCompactDate(iso: string): string {
  return iso.replaceAll('-', '');
}

/** A real calendar date written yyyy-mm-dd, year 1800 or later. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1800 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The calendar date of `when` in the kiosk's local time zone. */
export function localIsoDate(when: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(when.getFullYear(), 4)}-${pad(when.getMonth() + 1, 2)}-${pad(when.getDate(), 2)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The numbers the back office reads and writes: the kiosk named in a receipt number, and the official
 * case number (办件编号) `BJ<yyyymmdd><8 digits>`, dated by the hall's day (Beijing time) it was received.
 */
const HALL_TIME_ZONE = 'Asia/Shanghai';
const RECEIPT = /^SL-(.+)-\d{8}-\d{6}$/;
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: HALL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The kiosk id inside `SL-<kiosk id>-<yyyymmdd>-<nnnnnn>`. */
export function receiptKiosk(receiptNumber: string): string | undefined {
  return RECEIPT.exec(receiptNumber)?.[1];
}

/** `yyyymmdd` of `at` (epoch ms) in the hall's time zone. */
export function hallDay(at: number): string {
  const parts = dayFormat.formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}${part('month')}${part('day')}`;
}

/** `BJ<yyyymmdd>`: a case number received at `at` without its 8 digits, which the database's sequence gives. */
export function caseNumberPrefix(at: number): string {
  return `BJ${hallDay(at)}`;
}

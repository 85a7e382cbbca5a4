/**
 * Provisional receipt numbers (受理编号) printed before the back office assigns the official case
 * number: `SL-<kioskId>-<yyyymmdd>-<6-digit sequence>`. The sequence lives in a table and is advanced by one
 * statement inside the caller's transaction, so numbers are unique across connections and processes, and a
 * rolled-back submission gives its number back: no gaps.
 */
import type { Database, Statement } from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';

/** Halls keep Beijing time whatever the machine's clock zone says; the receipt date is the hall's day. */
export const RECEIPT_TIME_ZONE = 'Asia/Shanghai';
export const RECEIPT_SEQUENCE_MAX = 999_999;
/** Same rule as `kiosk.id` in the kiosk config. */
const KIOSK_ID = /^[A-Za-z0-9._-]{1,64}$/;

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: RECEIPT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `yyyymmdd` of `date` in Beijing time. */
export function receiptDay(date: Date | number): string {
  const when = typeof date === 'number' ? new Date(date) : date;
  if (Number.isNaN(when.getTime())) throw new StoreError('E_INVALID', 'receipt date is not a valid date');
  const parts = dayFormat.formatToParts(when);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}${part('month')}${part('day')}`;
}

export function formatReceiptNumber(kioskId: string, day: string, sequence: number): string {
  return `SL-${kioskId}-${day}-${String(sequence).padStart(6, '0')}`;
}

export function checkKioskId(kioskId: unknown): string {
  if (typeof kioskId !== 'string' || !KIOSK_ID.test(kioskId)) {
    throw new StoreError('E_INVALID', 'kiosk id must be 1 to 64 letters, digits, ".", "_" or "-"');
  }
  return kioskId;
}

/** The allocating statement; exported so the multi-process test runs exactly this SQL. */
export const NEXT_SEQUENCE_SQL = `
  INSERT INTO receipt_sequences (kiosk_id, day, last) VALUES (?, ?, 1)
  ON CONFLICT (kiosk_id, day) DO UPDATE SET last = last + 1
  RETURNING last`;

export class ReceiptSequence {
  readonly #next: Statement<[string, string], number>;

  constructor(db: Database) {
    this.#next = db.prepare<[string, string], number>(NEXT_SEQUENCE_SQL).pluck();
  }

  /** Allocates the next number; call it inside the transaction that uses the number. */
  next(kioskId: string, date: Date | number): string {
    const day = receiptDay(date);
    checkKioskId(kioskId);
    let sequence: number | undefined;
    try {
      sequence = this.#next.get(kioskId, day);
    } catch (error) {
      const wrapped = toStoreError(error, 'allocating a receipt number');
      if (wrapped.detail === 'SQLITE_CONSTRAINT_CHECK') {
        throw new StoreError(
          'E_CONSTRAINT',
          `receipt numbers for kiosk ${kioskId} on ${day} are exhausted (${RECEIPT_SEQUENCE_MAX})`,
          { cause: error, detail: wrapped.detail },
        );
      }
      throw wrapped;
    }
    if (sequence === undefined) throw new StoreError('E_SQLITE', 'allocating a receipt number returned nothing');
    return formatReceiptNumber(kioskId, day, sequence);
  }
}

/**
 * Stored rows the store's key does not open (DESIGN.md §7: the kiosk always comes back). When the key file
 * was lost or replaced, or the OS keyring handed out another key, what was sealed under the old key cannot be
 * opened; that is a loss to report, never a reason to stop. Such a row is listed here once and set aside:
 *  - a session is no longer resumed (SessionRepository.latest skips it);
 *  - an undelivered submission or message is parked with `store:E_DECRYPT`: lost for the back office unless
 *    the original key comes back, and reported as lost.
 * Its sealed value stays where it is and nothing listed here is deleted automatically, so the original key,
 * put back, opens the rows again at the next start (key-check.ts takes them back). Nothing here is shown or
 * opened meanwhile. The list names rows by ids and receipt numbers only: it goes to the log and the heartbeat.
 */
import type { Statement } from 'better-sqlite3';
import type { StoreContext } from './context.ts';
import { guard } from './errors.ts';

export const QUARANTINE_SOURCES = ['session', 'submission', 'message'] as const;
export type QuarantineSource = (typeof QUARANTINE_SOURCES)[number];

/** The reason a queue row is parked with when its payload does not open (as delivery.ts parks store failures). */
export const UNREADABLE_REASON = 'store:E_DECRYPT';

export interface QuarantinedRow {
  readonly source: QuarantineSource;
  /** The session id, the submission's idempotency key, or `<kind>:<key>` of a message: never personal data. */
  readonly ref: string;
  /** A submission's receipt number (what the citizen holds); undefined for the others. */
  readonly receiptNumber: string | undefined;
  /** The StoreError code that set it aside: `E_DECRYPT`, or `E_CORRUPT` for a snapshot that opens to no JSON. */
  readonly reason: string;
  readonly at: number;
}

export type QuarantineInput = Omit<QuarantinedRow, 'at'>;

export interface QuarantineCounts {
  readonly sessions: number;
  readonly submissions: number;
  readonly messages: number;
}

/** The heartbeat's help call (the back-office API's KioskAlert of code `undecryptable-rows` has this shape). */
export interface UndecryptableAlert {
  readonly code: 'undecryptable-rows';
  /** When the oldest row still set aside was set aside. */
  readonly since: number;
  /** Counts and the first receipt numbers of lost submissions, for the technician. */
  readonly detail: string;
  readonly counts: QuarantineCounts;
}

/** References per kind a log line or an alert lists; the counts are always complete. */
const LISTED = 50;
const ALERT_RECEIPTS = 5;

interface QuarantineRow {
  source: QuarantineSource;
  ref: string;
  receipt_number: string | null;
  reason: string;
  at: number;
}

export class Quarantine {
  readonly #ctx: StoreContext;
  readonly #insert: Statement<[string, string, string | null, string, number]>;
  readonly #get: Statement<[string, string], QuarantineRow>;
  readonly #delete: Statement<[string, string]>;
  readonly #all: Statement<[], QuarantineRow>;
  readonly #counts: Statement<[], { source: QuarantineSource; n: number; since: number }>;
  readonly #receipts: Statement<[number], string>;
  readonly #listeners = new Set<(row: QuarantinedRow) => void>();

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    const { db } = ctx;
    this.#insert = db.prepare(`INSERT INTO quarantine (source, ref, receipt_number, reason, at) VALUES (?, ?, ?, ?, ?)
                               ON CONFLICT (source, ref) DO NOTHING`);
    this.#get = db.prepare('SELECT * FROM quarantine WHERE source = ? AND ref = ?');
    this.#delete = db.prepare('DELETE FROM quarantine WHERE source = ? AND ref = ?');
    this.#all = db.prepare('SELECT * FROM quarantine ORDER BY at, source, ref');
    this.#counts = db.prepare('SELECT source, count(*) AS n, min(at) AS since FROM quarantine GROUP BY source');
    this.#receipts = db
      .prepare<[number], string>(`SELECT receipt_number FROM quarantine WHERE source = 'submission' ORDER BY at, ref LIMIT ?`)
      .pluck();
  }

  /**
   * Lists a row as set aside, also inside a caller's transaction; the row it returns when it was not listed
   * yet, and the listeners hear of it (after the transaction: deferred).
   */
  add(input: QuarantineInput): QuarantinedRow | undefined {
    const row: QuarantinedRow = { ...input, at: this.#ctx.now() };
    const { changes } = guard('setting a row aside', () => this.#insert.run(row.source, row.ref, row.receiptNumber ?? null, row.reason, row.at));
    if (changes === 0) return undefined;
    if (this.#listeners.size > 0) {
      queueMicrotask(() => {
        for (const listener of this.#listeners) listener(row);
      });
    }
    return row;
  }

  get(source: QuarantineSource, ref: string): QuarantinedRow | undefined {
    const row = guard('reading the quarantine', () => this.#get.get(source, ref));
    return row && toRow(row);
  }

  /** Takes a row off the list (it opens again); inside the key check's transaction. */
  release(source: QuarantineSource, ref: string): boolean {
    return guard('releasing a row from the quarantine', () => this.#delete.run(source, ref)).changes > 0;
  }

  /** Every row set aside, oldest first. */
  list(): QuarantinedRow[] {
    return guard('reading the quarantine', () => this.#all.all()).map(toRow);
  }

  counts(): QuarantineCounts & { readonly since: number | null } {
    const rows = guard('counting the quarantine', () => this.#counts.all());
    const n = (source: QuarantineSource) => rows.find((r) => r.source === source)?.n ?? 0;
    const since = rows.length === 0 ? null : Math.min(...rows.map((r) => r.since));
    return { sessions: n('session'), submissions: n('submission'), messages: n('message'), since };
  }

  /** The help call while anything is set aside: it stays until the rows are taken back or removed by hand. */
  alert(): UndecryptableAlert | null {
    const { since, ...counts } = this.counts();
    if (since === null) return null;
    const receipts = guard('reading the quarantine', () => this.#receipts.all(ALERT_RECEIPTS));
    const more = counts.submissions > receipts.length ? ', …' : '';
    const lost = counts.submissions > 0 ? `${counts.submissions} undelivered submission(s) lost (${receipts.join(', ')}${more}); ` : '';
    const detail = `${lost}${counts.sessions} session(s), ${counts.messages} message(s) set aside: sealed with another key`;
    return { code: 'undecryptable-rows', since, detail: detail.slice(0, 200), counts };
  }

  /** Calls `listener` for each row set aside from now on (not for rows taken back); returns the unsubscribe. */
  onQuarantined(listener: (row: QuarantinedRow) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** For the log: counts and references (receipt numbers, session ids, message refs), never a stored value. */
export function summarise(rows: readonly QuarantinedRow[]): QuarantineCounts & {
  readonly receiptNumbers: string[];
  readonly sessionIds: string[];
  readonly messageRefs: string[];
} {
  const of = (source: QuarantineSource) => rows.filter((r) => r.source === source);
  const [sessions, submissions, messages] = [of('session'), of('submission'), of('message')];
  return {
    sessions: sessions.length,
    submissions: submissions.length,
    messages: messages.length,
    receiptNumbers: submissions.slice(0, LISTED).map((r) => r.receiptNumber ?? r.ref),
    sessionIds: sessions.slice(0, LISTED).map((r) => r.ref),
    messageRefs: messages.slice(0, LISTED).map((r) => r.ref),
  };
}

function toRow(row: QuarantineRow): QuarantinedRow {
  return { source: row.source, ref: row.ref, receiptNumber: row.receipt_number ?? undefined, reason: row.reason, at: row.at };
}

/**
 * Is the store's key the one its rows were sealed with? Answered at open without opening every row: the store
 * keeps a fingerprint of its key (HKDF output under a label of its own, which says nothing about the key).
 * Only when the fingerprint is another key's, or missing (a new store, or one from before schema 4), is every
 * row holding a sealed value tried, once, in one transaction:
 *  - a row that does not open, and is not set aside yet, is set aside (quarantine.ts);
 *  - a row set aside earlier that opens now (the original key was put back) is taken back into use.
 * The fingerprint then becomes the current key's, so the next start with the same key checks nothing. A row
 * that stops opening while the key stays the same (tampering, a damaged page) is set aside where it is read.
 */
import { hkdfSync, timingSafeEqual } from 'node:crypto';
import type { StoreContext } from './context.ts';
import { guard } from './errors.ts';
import type { Quarantine, QuarantinedRow, QuarantineSource } from './quarantine.ts';

const INFO = 'hall-kiosk/store/key-fingerprint/v1';

/** A row as the key check sees it. */
export interface ProbedRow {
  /** The table's own row id. */
  readonly id: number;
  /** How the quarantine names it (QuarantinedRow.ref). */
  readonly ref: string;
  readonly receiptNumber?: string;
  /** Whether every sealed value of the row opens under the store's key. */
  readonly opens: boolean;
}

/** A repository whose rows hold sealed values. */
export interface SealedRows {
  readonly source: QuarantineSource;
  /** Every row that still holds a sealed value (a delivered row holds none). */
  probe(): ProbedRow[];
  /** Takes a row that does not open out of use; inside the check's transaction. None: the listing is enough. */
  setAside?(row: ProbedRow): void;
  /** Puts a row set aside earlier back into use; inside the check's transaction. */
  takeBack?(row: ProbedRow): void;
}

export interface KeyCheck {
  /** A fingerprint was kept and it is another key's: the key changed since the last open. */
  readonly keyChanged: boolean;
  /** Rows this check set aside. */
  readonly setAside: readonly QuarantinedRow[];
  /** Rows set aside earlier that open again and are back in use. */
  readonly recovered: readonly QuarantinedRow[];
}

export function keyFingerprint(key: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), INFO, 32));
}

export function checkKey(ctx: StoreContext, quarantine: Quarantine, repositories: readonly SealedRows[]): KeyCheck {
  const { db } = ctx;
  const fingerprint = keyFingerprint(ctx.key);
  const stored = guard('reading the key check', () => db.prepare<[], Buffer>('SELECT fingerprint FROM key_check WHERE id = 1').pluck().get());
  if (stored && timingSafeEqual(stored, fingerprint)) return { keyChanged: false, setAside: [], recovered: [] };
  const check = db.transaction((): KeyCheck => {
    const setAside: QuarantinedRow[] = [];
    const recovered: QuarantinedRow[] = [];
    for (const repository of repositories) {
      for (const row of repository.probe()) {
        const held = quarantine.get(repository.source, row.ref);
        if (!row.opens && !held) {
          repository.setAside?.(row);
          const added = quarantine.add({ source: repository.source, ref: row.ref, receiptNumber: row.receiptNumber, reason: 'E_DECRYPT' });
          if (added) setAside.push(added);
        } else if (row.opens && held) {
          repository.takeBack?.(row);
          quarantine.release(repository.source, row.ref);
          recovered.push(held);
        }
      }
    }
    db.prepare(`INSERT INTO key_check (id, fingerprint, since) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, since = excluded.since`).run(fingerprint, ctx.now());
    return { keyChanged: stored !== undefined, setAside, recovered };
  });
  return guard('checking the store key against its rows', () => check.immediate());
}

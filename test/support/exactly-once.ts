/**
 * The one assertion of the chaos tests (DESIGN.md §6): every submission that got a receipt exists exactly
 * once at the back office (one row, one case per item, the case numbers the kiosk recorded), none without a
 * receipt appears, and nothing is lost: the kiosk's outbox holds exactly the receipted submissions, all
 * delivered with their payload (and attachments) wiped.
 *
 * "Got a receipt": the commit returned a receipt number to the citizen's session (the print actor runs with
 * it, after the commit's transaction), or, for tests that commit straight into the outbox, commitSubmission
 * returned it. Callers pass each receipt as often as they saw it (a resumed session prints again): the same
 * key must always come with the same receipt number.
 */
import { expect } from 'vitest';
import type { Queryable } from '../../backoffice/db/database.ts';
import type { Store } from '../../core/store/database.ts';

export interface Receipt {
  readonly key: string;
  readonly receiptNumber: string;
  /** The citizen's session, when the receipt came from one: one submission per session. */
  readonly sessionId?: string;
}

export interface ExactlyOnceFigures {
  readonly submissions: number;
  readonly cases: number;
  readonly ratings: number;
}

interface HeldSubmission {
  key: string;
  receipt_number: string;
  session_id: string;
  items: number;
  ack: string;
}

/** Asserts the rule for everything `kioskId` sent to the back office behind `db`; returns what it counted. */
export async function expectExactlyOnce(db: Queryable, kioskId: string, store: Store, seen: readonly Receipt[]): Promise<ExactlyOnceFigures> {
  const receipts = new Map<string, Receipt>();
  for (const receipt of seen) {
    expect(receipts.get(receipt.key)?.receiptNumber ?? receipt.receiptNumber, `receipt numbers shown for ${receipt.key}`).toBe(receipt.receiptNumber);
    receipts.set(receipt.key, receipt);
  }
  const byKey = <T extends { key: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
  const expected = byKey([...receipts.values()]).map(({ key, receiptNumber }) => ({ key, receiptNumber }));

  // The kiosk: exactly the receipted submissions, each delivered, its payload and attachments wiped.
  const outbox = store.db
    .prepare<[], { key: string; receiptNumber: string; state: string; wiped: number; caseNumbers: string | null }>(
      `SELECT idempotency_key AS key, receipt_number AS receiptNumber, state, payload IS NULL AS wiped, case_numbers_json AS caseNumbers FROM outbox`,
    )
    .all();
  expect(byKey(outbox).map(({ key, receiptNumber }) => ({ key, receiptNumber })), 'the kiosk outbox holds exactly the receipted submissions').toEqual(expected);
  const undelivered = outbox.filter((row) => row.state !== 'delivered' || !row.wiped || row.caseNumbers === null);
  expect(undelivered, 'outbox rows not delivered (or not wiped)').toEqual([]);
  expect(store.db.prepare('SELECT count(*) FROM attachments').pluck().get(), 'attachments left on the kiosk').toBe(0);
  expect(store.db.prepare(`SELECT count(*) FROM messages WHERE state <> 'delivered'`).pluck().get(), 'messages not delivered').toBe(0);

  // The back office: one row per receipt, none other, one case per item with the numbers the kiosk holds.
  const held = await db.query<HeldSubmission>(
    `SELECT idempotency_key::text AS key, receipt_number, record->>'sessionId' AS session_id, jsonb_array_length(record->'items') AS items, ack
     FROM submissions WHERE kiosk_id = $1`,
    [kioskId],
  );
  expect(byKey(held).map((row) => ({ key: row.key, receiptNumber: row.receipt_number })), 'the back office holds exactly the receipted submissions').toEqual(expected);
  const sessions = [...receipts.values()].flatMap((r) => (r.sessionId ? [r.sessionId] : []));
  if (sessions.length > 0) {
    // A second key for one citizen's session would be a duplicate the keys alone cannot show.
    const perSession = held.map((row) => row.session_id).sort();
    expect(perSession, 'one submission per citizen session').toEqual([...new Set(sessions)].sort());
  }
  const cases = await db.query<{ key: string; item_code: string; case_number: string }>(
    `SELECT c.idempotency_key::text AS key, c.item_code, c.case_number FROM case_items c JOIN submissions s USING (idempotency_key) WHERE s.kiosk_id = $1`,
    [kioskId],
  );
  const casesOf = new Map<string, Record<string, string>>();
  for (const c of cases) casesOf.set(c.key, { ...casesOf.get(c.key), [c.item_code]: c.case_number });
  const kioskCases = new Map(outbox.map((row) => [row.key, row.caseNumbers && (JSON.parse(row.caseNumbers) as Record<string, string>)]));
  for (const row of held) {
    const numbers = casesOf.get(row.key) ?? {};
    expect(Object.keys(numbers).length, `cases of ${row.key}`).toBe(row.items);
    expect(numbers, `case numbers of ${row.key}: back office vs ack`).toEqual((JSON.parse(row.ack) as { caseNumbers: Record<string, string> }).caseNumbers);
    expect(kioskCases.get(row.key), `case numbers of ${row.key}: kiosk vs back office`).toEqual(numbers);
  }
  expect(cases.length, 'cases in all').toBe(held.reduce((n, row) => n + row.items, 0));
  const [ratings] = await db.query<{ n: number; orphans: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE s.idempotency_key IS NULL)::int AS orphans
     FROM ratings r LEFT JOIN submissions s ON s.idempotency_key = r.submission_key WHERE r.kiosk_id = $1`,
    [kioskId],
  );
  expect(ratings!.orphans, 'ratings of submissions the back office does not hold').toBe(0);
  return { submissions: held.length, cases: cases.length, ratings: ratings!.n };
}

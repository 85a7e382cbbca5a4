/**
 * 办件查询: where a submission's cases stand, by its receipt number, by one of its case numbers, or by the
 * applicant's ID number (newest first, at most 50). Names are never returned.
 */
import type { CaseQuery, CaseStatus, CaseSummary } from '../api/schemas.ts';
import type { Queryable } from '../db/database.ts';

export const MAX_CASES = 50;

interface Row {
  idempotency_key: string;
  receipt_number: string;
  bundle_code: string;
  submitted_at: number;
  received_at: number;
}

interface ItemRow {
  idempotency_key: string;
  item_code: string;
  case_number: string;
  status: CaseStatus;
  updated_at: number;
  note: string | null;
}

function submissionsFor(db: Queryable, query: CaseQuery): Promise<Row[]> {
  const columns = 's.idempotency_key::text, s.receipt_number, s.bundle_code, s.submitted_at, s.received_at';
  if ('receiptNumber' in query) return db.query<Row>(`SELECT ${columns} FROM submissions s WHERE s.receipt_number = $1`, [query.receiptNumber]);
  if ('caseNumber' in query) {
    return db.query<Row>(`SELECT ${columns} FROM submissions s JOIN case_items c USING (idempotency_key) WHERE c.case_number = $1`, [query.caseNumber]);
  }
  return db.query<Row>(`SELECT ${columns} FROM submissions s WHERE s.applicant_id_number = $1 ORDER BY s.received_at DESC LIMIT ${MAX_CASES}`, [query.idNumber]);
}

export async function queryCases(db: Queryable, query: CaseQuery): Promise<CaseSummary[]> {
  const submissions = await submissionsFor(db, query);
  if (submissions.length === 0) return [];
  const items = await db.query<ItemRow>(
    `SELECT idempotency_key::text, item_code, case_number, status, updated_at, note FROM case_items
      WHERE idempotency_key = ANY($1::uuid[]) ORDER BY idempotency_key, position`,
    [submissions.map((s) => s.idempotency_key)],
  );
  return submissions.map((s) => ({
    receiptNumber: s.receipt_number,
    bundleCode: s.bundle_code,
    submittedAt: s.submitted_at,
    receivedAt: s.received_at,
    items: items
      .filter((item) => item.idempotency_key === s.idempotency_key)
      .map((item) => ({
        itemCode: item.item_code,
        caseNumber: item.case_number,
        status: item.status,
        updatedAt: item.updated_at,
        ...(item.note === null ? {} : { note: item.note }),
      })),
  }));
}

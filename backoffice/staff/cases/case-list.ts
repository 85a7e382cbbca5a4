/**
 * The received cases (办件) for the staff page's list: one row per item's case, newest submission first,
 * filtered by status and by kiosk, a page at a time.
 */
import type { CaseStatus } from '../../api/schemas.ts';
import type { Queryable } from '../../db/database.ts';

export const CASES_PER_PAGE = 25;

export interface CaseFilter {
  readonly status?: CaseStatus;
  readonly kioskId?: string;
  /** 1-based. */
  readonly page: number;
}

export interface CaseRow {
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly status: CaseStatus;
  readonly updatedAt: number;
  readonly receiptNumber: string;
  readonly kioskId: string;
  readonly bundleCode: string;
  readonly catalogVersion: string;
  readonly receivedAt: number;
  /** The applicant's name; the page masks it. */
  readonly applicantName: string;
}

export interface CasePage {
  readonly rows: readonly CaseRow[];
  readonly total: number;
}

const FILTER = 'WHERE ($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR s.kiosk_id = $2)';

export async function listCases(db: Queryable, filter: CaseFilter): Promise<CasePage> {
  const params = [filter.status ?? null, filter.kioskId ?? null];
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_items c JOIN submissions s USING (idempotency_key) ${FILTER}`, params);
  const rows = await db.query<CaseRow>(
    `SELECT c.case_number AS "caseNumber", c.item_code AS "itemCode", c.status, c.updated_at AS "updatedAt",
            s.receipt_number AS "receiptNumber", s.kiosk_id AS "kioskId", s.bundle_code AS "bundleCode",
            s.catalog_version AS "catalogVersion", s.received_at AS "receivedAt", s.record->'applicant'->>'name' AS "applicantName"
       FROM case_items c JOIN submissions s USING (idempotency_key) ${FILTER}
      ORDER BY s.received_at DESC, s.receipt_number DESC, c.position
      LIMIT ${CASES_PER_PAGE} OFFSET $3`,
    [...params, (filter.page - 1) * CASES_PER_PAGE],
  );
  return { rows, total: count?.n ?? 0 };
}

/** The kiosks a filter can name: every kiosk that has submitted something. */
export async function submittingKiosks(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ kiosk_id: string }>('SELECT DISTINCT kiosk_id FROM submissions ORDER BY kiosk_id');
  return rows.map((r) => r.kiosk_id);
}

/** 好差评 for the staff page: the newest first, a page at a time, and how many of each level. */
import type { Queryable } from '../../db/database.ts';

export const RATINGS_PER_PAGE = 25;

export interface RatingRow {
  readonly receiptNumber: string;
  readonly kioskId: string;
  readonly level: number;
  readonly reasons: readonly string[];
  readonly comment: string | null;
  readonly ratedAt: number;
  /** Whether the rated submission has arrived (a rating may come first). */
  readonly hasCase: boolean;
}

export interface RatingPage {
  readonly rows: readonly RatingRow[];
  readonly total: number;
  /** Ratings per level, 1 to 5. */
  readonly levels: ReadonlyMap<number, number>;
}

export async function listRatings(db: Queryable, page: number): Promise<RatingPage> {
  const counts = await db.query<{ level: number; n: number }>('SELECT level, count(*)::int AS n FROM ratings GROUP BY level');
  const rows = await db.query<RatingRow>(
    `SELECT r.receipt_number AS "receiptNumber", r.kiosk_id AS "kioskId", r.level, r.reasons, r.comment, r.rated_at AS "ratedAt",
            EXISTS (SELECT 1 FROM submissions s WHERE s.receipt_number = r.receipt_number) AS "hasCase"
       FROM ratings r ORDER BY r.received_at DESC, r.submission_key LIMIT ${RATINGS_PER_PAGE} OFFSET $1`,
    [(page - 1) * RATINGS_PER_PAGE],
  );
  return { rows, total: counts.reduce((sum, c) => sum + c.n, 0), levels: new Map(counts.map((c) => [c.level, c.n])) };
}

/**
 * A department moves a case (办件) on: 已接收 received → 已受理 accepted → 办理中 processing → 已办结
 * completed, or 已退回 returned (with the reason the applicant will read) from any status before completion.
 * The change names the status the staff member saw: if someone else moved the case meanwhile, nothing
 * changes and they are told. The new status, its note and the history row with the staff id are written in
 * one transaction; the kiosk's progress query (办件查询) reads the case row.
 */
import type { CaseStatus } from '../../api/schemas.ts';
import type { Database } from '../../db/database.ts';

/** Where each status may go next. */
export const NEXT_STATUSES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  received: ['accepted', 'returned'],
  accepted: ['processing', 'returned'],
  processing: ['completed', 'returned'],
  completed: [],
  returned: [],
};

/** The API carries a note of at most 500 characters (CaseSummarySchema). */
export const MAX_NOTE_CHARS = 500;

export interface StatusChange {
  readonly caseNumber: string;
  /** The status the staff member saw when they chose the new one. */
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  /** Required for returned: the reason the applicant reads at the kiosk. */
  readonly note: string;
  readonly staffId: string;
  readonly now: number;
}

export type StatusChangeOutcome =
  | { readonly kind: 'changed' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'invalid-transition' }
  | { readonly kind: 'reason-required' }
  | { readonly kind: 'note-too-long' }
  /** Someone else changed it first: it now stands at `current`. */
  | { readonly kind: 'stale'; readonly current: CaseStatus };

/** What is wrong with the change itself, before the database is asked. */
export function transitionProblem(change: Pick<StatusChange, 'from' | 'to' | 'note'>): StatusChangeOutcome | undefined {
  if (!NEXT_STATUSES[change.from].includes(change.to)) return { kind: 'invalid-transition' };
  if (change.to === 'returned' && change.note.trim() === '') return { kind: 'reason-required' };
  if ([...change.note].length > MAX_NOTE_CHARS) return { kind: 'note-too-long' };
  return undefined;
}

export async function changeCaseStatus(db: Database, change: StatusChange): Promise<StatusChangeOutcome> {
  const problem = transitionProblem(change);
  if (problem) return problem;
  const note = change.note.trim() === '' ? null : change.note.trim();
  return db.transaction(async (tx) => {
    const updated = await tx.query(
      `WITH changed AS (
         UPDATE case_items SET status = $3, note = $4, updated_at = $5 WHERE case_number = $1 AND status = $2 RETURNING case_number
       )
       INSERT INTO case_status_history (case_number, status, note, changed_at, staff_id)
       SELECT case_number, $3, $4, $5, $6 FROM changed
       RETURNING case_number`,
      [change.caseNumber, change.from, change.to, note, change.now, change.staffId],
    );
    if (updated.length > 0) return { kind: 'changed' };
    const [row] = await tx.query<{ status: CaseStatus }>('SELECT status FROM case_items WHERE case_number = $1', [change.caseNumber]);
    return row ? { kind: 'stale', current: row.status } : { kind: 'not-found' };
  });
}

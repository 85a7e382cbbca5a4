/**
 * One received submission for the staff page: the record as the kiosk sent it, its cases (one per item)
 * with their status histories, its attachments (a signature's strokes included), its rating, and who has
 * seen it unmasked.
 */
import type { CaseStatus, SubmissionRecordWire } from '../../api/schemas.ts';
import type { Queryable } from '../../db/database.ts';

export interface HistoryEntry {
  readonly status: CaseStatus;
  readonly note: string | null;
  readonly changedAt: number;
  /** Null when the back office set it (received on delivery). */
  readonly staffId: string | null;
  readonly staffName: string | null;
}

export interface CaseItem {
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly status: CaseStatus;
  readonly note: string | null;
  readonly updatedAt: number;
  readonly history: readonly HistoryEntry[];
}

export interface AttachmentEntry {
  readonly sha256: string;
  readonly size: number;
  readonly contentType: string;
  readonly role: string;
  readonly fieldKey: string | null;
  readonly materialKey: string | null;
  /** A signature's text (`sig1:…`); undefined for other attachments. */
  readonly signature: string | undefined;
}

export interface CaseRating {
  readonly level: number;
  readonly reasons: readonly string[];
  readonly comment: string | null;
  readonly ratedAt: number;
}

export interface CaseDetail {
  readonly key: string;
  readonly receiptNumber: string;
  readonly kioskId: string;
  readonly catalogVersion: string;
  readonly submittedAt: number;
  readonly receivedAt: number;
  readonly record: SubmissionRecordWire;
  readonly items: readonly CaseItem[];
  readonly attachments: readonly AttachmentEntry[];
  readonly rating: CaseRating | undefined;
}

/** A signature is a few hundred bytes; anything larger under that type is not read into a page. */
const MAX_SIGNATURE_BYTES = 8 * 1024;
const utf8 = new TextDecoder('utf-8');

interface SubmissionRow {
  key: string;
  kiosk_id: string;
  catalog_version: string;
  submitted_at: number;
  received_at: number;
  record: SubmissionRecordWire;
}

async function history(db: Queryable, key: string): Promise<Map<string, HistoryEntry[]>> {
  const rows = await db.query<HistoryEntry & { caseNumber: string }>(
    `SELECT h.case_number AS "caseNumber", h.status, h.note, h.changed_at AS "changedAt", h.staff_id AS "staffId", st.name AS "staffName"
       FROM case_status_history h JOIN case_items c USING (case_number) LEFT JOIN staff st ON st.id = h.staff_id
      WHERE c.idempotency_key = $1 ORDER BY h.changed_at, h.id`,
    [key],
  );
  const byCase = new Map<string, HistoryEntry[]>();
  for (const { caseNumber, ...entry } of rows) byCase.set(caseNumber, [...(byCase.get(caseNumber) ?? []), entry]);
  return byCase;
}

async function attachments(db: Queryable, key: string): Promise<AttachmentEntry[]> {
  const rows = await db.query<Omit<AttachmentEntry, 'signature'> & { content: Uint8Array | null }>(
    `SELECT sa.sha256, a.size, sa.content_type AS "contentType", sa.role, sa.field_key AS "fieldKey", sa.material_key AS "materialKey",
            CASE WHEN sa.content_type = 'application/x-kiosk-signature' AND a.size <= ${MAX_SIGNATURE_BYTES} THEN a.content END AS content
       FROM submission_attachments sa JOIN attachments a USING (sha256)
      WHERE sa.idempotency_key = $1 ORDER BY sa.position`,
    [key],
  );
  return rows.map(({ content, ...entry }) => ({ ...entry, signature: content ? utf8.decode(content) : undefined }));
}

async function rating(db: Queryable, key: string): Promise<CaseRating | undefined> {
  const [row] = await db.query<CaseRating>(
    `SELECT level, reasons, comment, rated_at AS "ratedAt" FROM ratings WHERE submission_key = $1 ORDER BY received_at LIMIT 1`,
    [key],
  );
  return row;
}

export async function caseDetail(db: Queryable, receiptNumber: string): Promise<CaseDetail | undefined> {
  const [s] = await db.query<SubmissionRow>(
    `SELECT idempotency_key::text AS key, kiosk_id, catalog_version, submitted_at, received_at, record FROM submissions WHERE receipt_number = $1`,
    [receiptNumber],
  );
  if (!s) return undefined;
  const items = await db.query<Omit<CaseItem, 'history'>>(
    `SELECT case_number AS "caseNumber", item_code AS "itemCode", status, note, updated_at AS "updatedAt" FROM case_items WHERE idempotency_key = $1 ORDER BY position`,
    [s.key],
  );
  const histories = await history(db, s.key);
  return {
    key: s.key,
    receiptNumber,
    kioskId: s.kiosk_id,
    catalogVersion: s.catalog_version,
    submittedAt: s.submitted_at,
    receivedAt: s.received_at,
    record: s.record,
    items: items.map((item) => ({ ...item, history: histories.get(item.caseNumber) ?? [] })),
    attachments: await attachments(db, s.key),
    rating: await rating(db, s.key),
  };
}

/** The receipt number of the submission a case belongs to. */
export async function receiptOfCase(db: Queryable, caseNumber: string): Promise<string | undefined> {
  const [row] = await db.query<{ receipt_number: string }>('SELECT s.receipt_number FROM case_items c JOIN submissions s USING (idempotency_key) WHERE c.case_number = $1', [caseNumber]);
  return row?.receipt_number;
}

/** A captured image some submission lists, for the staff page to show; undefined for anything else. */
export async function imageAttachment(db: Queryable, sha256: string): Promise<{ contentType: string; content: Uint8Array } | undefined> {
  const [row] = await db.query<{ content_type: string; content: Uint8Array }>(
    `SELECT sa.content_type, a.content FROM submission_attachments sa JOIN attachments a USING (sha256)
      WHERE sa.sha256 = $1 AND a.complete AND sa.content_type IN ('image/jpeg', 'image/png') LIMIT 1`,
    [sha256],
  );
  return row && { contentType: row.content_type, content: row.content };
}

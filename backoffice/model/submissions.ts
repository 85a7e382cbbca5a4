/**
 * Receiving a submission: one row per idempotency key, one case (办件) per item, in one statement.
 * Duplicates are refused by the database, not by a lock in this process: the insert that loses the race on
 * the key or the receipt number waits for the winner's commit, finds its row and answers from it, so two
 * instances receiving the same submission at once create one set of cases.
 */
import type { SubmissionRequest } from '../api/schemas.ts';
import type { Database, Queryable } from '../db/database.ts';
import { bodyHash } from './canonical-json.ts';
import { caseNumberPrefix } from './numbers.ts';

export type SubmissionOutcome =
  | { readonly kind: 'created' | 'repeated'; readonly ack: string }
  | { readonly kind: 'idempotency-conflict' | 'receipt-number-conflict' }
  | { readonly kind: 'missing-attachments'; readonly missing: readonly string[] };

export interface IncomingSubmission {
  readonly key: string;
  readonly kioskId: string;
  readonly request: SubmissionRequest;
  readonly now: number;
}

/**
 * One statement does the whole delivery (the path is hot: one round trip): it finds the listed attachments
 * neither completely uploaded nor sent inline; for a key and receipt number not seen before, with nothing
 * missing, it draws one case number per item and inserts the submission with its ack, the cases, their
 * first status, the inline attachments (completing a partial upload of the same bytes) and the
 * attachments' links. The ack is built by the database from the same
 * numbers (json keeps the items' order). A submission refused, repeated or conflicting inserts nothing.
 * Two deliveries racing on the same key or receipt number: the loser's insert waits for the winner's commit
 * and does nothing, so it opens no case; its drawn numbers stay unused (numbers are unique, not gap-free).
 */
const DELIVER = `
  WITH missing AS (
    SELECT coalesce(array_agg(s ORDER BY p), '{}'::text[]) AS list FROM unnest($11::text[]) WITH ORDINALITY AS t (s, p)
     WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = t.s AND a.complete) AND NOT t.s = ANY ($20::text[])
  ), taken AS (
    SELECT EXISTS (SELECT 1 FROM submissions WHERE idempotency_key = $1 OR receipt_number = $2) AS taken
  ), numbered AS (
    SELECT i AS item_code, p AS position, $12 || lpad(nextval('case_number_seq')::text, 8, '0') AS case_number
      FROM unnest($13::text[]) WITH ORDINALITY AS t (i, p)
     WHERE cardinality((SELECT list FROM missing)) = 0 AND NOT (SELECT taken FROM taken)
  ), inserted AS (
    INSERT INTO submissions (idempotency_key, receipt_number, kiosk_id, body_hash, catalog_version, bundle_code,
                             applicant_id_number, record, ack, submitted_at, received_at)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8::jsonb,
           json_build_object('idempotencyKey', $19::text, 'receiptNumber', $2::text,
                             'caseNumbers', (SELECT json_object_agg(item_code, case_number ORDER BY position) FROM numbered),
                             'receivedAt', $10::bigint)::text,
           $9, $10
     WHERE EXISTS (SELECT 1 FROM numbered)
    ON CONFLICT DO NOTHING RETURNING ack
  ), cases AS (
    INSERT INTO case_items (case_number, idempotency_key, position, item_code, status, updated_at)
    SELECT case_number, $1::uuid, position, item_code, 'received', $10 FROM numbered WHERE EXISTS (SELECT 1 FROM inserted)
    RETURNING case_number
  ), history AS (
    INSERT INTO case_status_history (case_number, status, changed_at) SELECT case_number, 'received', $10 FROM cases
  ), stored AS (
    INSERT INTO attachments (sha256, size, received, complete, content, started_at, completed_at)
    SELECT s, length(b), length(b), true, b, $10, $10 FROM unnest($20::text[], $21::text[]) AS t (s, c), decode(c, 'base64') AS b
     WHERE EXISTS (SELECT 1 FROM inserted)
    ON CONFLICT (sha256) DO UPDATE SET received = excluded.size, complete = true, content = excluded.content, completed_at = excluded.completed_at
     WHERE NOT attachments.complete
  ), unchunked AS (
    DELETE FROM attachment_chunks WHERE sha256 = ANY ($20::text[]) AND EXISTS (SELECT 1 FROM inserted)
  ), links AS (
    INSERT INTO submission_attachments (idempotency_key, position, sha256, content_type, role, field_key, material_key)
    SELECT $1::uuid, p, s, c, r, f, m FROM unnest($14::text[], $15::text[], $16::text[], $17::text[], $18::text[]) WITH ORDINALITY AS t (s, c, r, f, m, p)
     WHERE EXISTS (SELECT 1 FROM inserted)
  )
  SELECT (SELECT ack FROM inserted) AS ack, (SELECT list FROM missing) AS missing, (SELECT taken FROM taken) AS taken`;

async function existing(db: Queryable, key: string, hash: string): Promise<SubmissionOutcome> {
  const rows = await db.query<{ body_hash: string; ack: string }>('SELECT body_hash, ack FROM submissions WHERE idempotency_key = $1', [key]);
  const row = rows[0];
  if (!row) return { kind: 'receipt-number-conflict' };
  return row.body_hash === hash ? { kind: 'repeated', ack: row.ack } : { kind: 'idempotency-conflict' };
}

export async function receiveSubmission(db: Database, incoming: IncomingSubmission): Promise<SubmissionOutcome> {
  const { key, kioskId, request: sent, now } = incoming;
  // Inline bytes are how the attachments travelled, not what was submitted: a retry may send them or not.
  const { inline = [], ...request } = sent;
  const { record } = request;
  const hash = bodyHash(request);
  const column = <K extends 'sha256' | 'contentType' | 'role' | 'fieldKey' | 'materialKey'>(name: K) => request.attachments.map((a) => a[name] ?? null);
  const params = [
    key,
    request.receiptNumber,
    kioskId,
    hash,
    request.catalogVersion,
    record.bundleCode,
    record.applicant.idNumber,
    JSON.stringify(record),
    record.submittedAt,
    now,
    [...new Set(request.attachments.map((a) => a.sha256))],
    caseNumberPrefix(now),
    record.items.map((item) => item.itemCode),
    column('sha256'),
    column('contentType'),
    column('role'),
    column('fieldKey'),
    column('materialKey'),
    // The key as the kiosk wrote it, for the ack: $1 is read as a uuid, which would come back lower-case.
    key,
    inline.map((a) => a.sha256),
    inline.map((a) => a.content),
  ];
  // One statement needs no transaction; it has one anyway, so a repeat's answer is read in the same one and
  // whoever watches deliveries (the chaos tests) sees where each begins and commits.
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ ack: string | null; missing: string[]; taken: boolean }>(DELIVER, params);
    if (row!.ack !== null) return { kind: 'created', ack: row!.ack };
    // A key or receipt number already used answers before missing attachments, as it always has.
    if (row!.taken || row!.missing.length === 0) return existing(tx, key, hash);
    return { kind: 'missing-attachments', missing: row!.missing };
  });
}

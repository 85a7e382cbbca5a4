/**
 * Receiving a submission: one row per idempotency key, one case (办件) per item, in one transaction.
 * Duplicates are refused by the database, not by a lock in this process: the insert that loses the race on
 * the key or the receipt number waits for the winner's commit, finds its row and answers from it, so two
 * instances receiving the same submission at once create one set of cases.
 */
import type { SubmissionAck, SubmissionRequest } from '../api/schemas.ts';
import type { Queryable, Database } from '../db/database.ts';
import { bodyHash } from './canonical-json.ts';
import { caseNumber } from './numbers.ts';

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

/** Thrown inside the transaction to roll it back with an answer. */
class Refusal extends Error {
  constructor(readonly outcome: SubmissionOutcome) {
    super(outcome.kind);
  }
}

async function missingAttachments(tx: Queryable, request: SubmissionRequest): Promise<string[]> {
  const listed = [...new Set(request.attachments.map((a) => a.sha256))];
  if (listed.length === 0) return [];
  const complete = await tx.query<{ sha256: string }>('SELECT sha256 FROM attachments WHERE sha256 = ANY($1::text[]) AND complete', [listed]);
  const found = new Set(complete.map((row) => row.sha256));
  return listed.filter((sha256) => !found.has(sha256));
}

async function caseNumbers(tx: Queryable, request: SubmissionRequest, now: number): Promise<Record<string, string>> {
  const itemCodes = request.record.items.map((item) => item.itemCode);
  const sequences = await tx.query<{ n: number }>(`SELECT nextval('case_number_seq') AS n FROM generate_series(1, $1::int) ORDER BY n`, [itemCodes.length]);
  return Object.fromEntries(itemCodes.map((code, i) => [code, caseNumber(now, sequences[i]!.n)]));
}

/** One statement (the delivery path is hot): the cases, their first status, and the ack on the submission. */
async function openCases(tx: Queryable, key: string, numbers: Record<string, string>, ack: string, now: number): Promise<void> {
  await tx.query(
    `WITH cases AS (
       INSERT INTO case_items (case_number, idempotency_key, position, item_code, status, updated_at)
       SELECT c, $2::uuid, p, i, 'received', $3 FROM unnest($1::text[], $4::text[]) WITH ORDINALITY AS t (c, i, p)
       RETURNING case_number
     ), history AS (
       INSERT INTO case_status_history (case_number, status, changed_at) SELECT case_number, 'received', $3 FROM cases
     )
     UPDATE submissions SET ack = $5 WHERE idempotency_key = $2::uuid`,
    [Object.values(numbers), key, now, Object.keys(numbers), ack],
  );
}

async function linkAttachments(tx: Queryable, key: string, request: SubmissionRequest): Promise<void> {
  if (request.attachments.length === 0) return;
  const column = <K extends 'sha256' | 'contentType' | 'role' | 'fieldKey' | 'materialKey'>(name: K) => request.attachments.map((a) => a[name] ?? null);
  await tx.query(
    `INSERT INTO submission_attachments (idempotency_key, position, sha256, content_type, role, field_key, material_key)
     SELECT $1::uuid, p, s, c, r, f, m FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t (s, c, r, f, m, p)`,
    [key, column('sha256'), column('contentType'), column('role'), column('fieldKey'), column('materialKey')],
  );
}

async function existing(tx: Queryable, key: string, hash: string): Promise<SubmissionOutcome> {
  const rows = await tx.query<{ body_hash: string; ack: string }>('SELECT body_hash, ack FROM submissions WHERE idempotency_key = $1', [key]);
  const row = rows[0];
  if (!row) return { kind: 'receipt-number-conflict' };
  return row.body_hash === hash ? { kind: 'repeated', ack: row.ack } : { kind: 'idempotency-conflict' };
}

export async function receiveSubmission(db: Database, incoming: IncomingSubmission): Promise<SubmissionOutcome> {
  const { key, kioskId, request, now } = incoming;
  const hash = bodyHash(request);
  const { record } = request;
  try {
    return await db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO submissions (idempotency_key, receipt_number, kiosk_id, body_hash, catalog_version, bundle_code,
                                  applicant_id_number, record, ack, submitted_at, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, '', $9, $10)
         ON CONFLICT DO NOTHING RETURNING idempotency_key`,
        [key, request.receiptNumber, kioskId, hash, request.catalogVersion, record.bundleCode, record.applicant.idNumber, JSON.stringify(record), record.submittedAt, now],
      );
      if (inserted.length === 0) return existing(tx, key, hash);
      const missing = await missingAttachments(tx, request);
      if (missing.length > 0) throw new Refusal({ kind: 'missing-attachments', missing });
      const ack: SubmissionAck = { idempotencyKey: key, receiptNumber: request.receiptNumber, caseNumbers: await caseNumbers(tx, request, now), receivedAt: now };
      const text = JSON.stringify(ack);
      await openCases(tx, key, ack.caseNumbers, text, now);
      await linkAttachments(tx, key, request);
      return { kind: 'created', ack: text };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.outcome;
    throw error;
  }
}

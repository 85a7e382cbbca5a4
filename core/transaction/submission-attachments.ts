/**
 * Turns a submission record into what travels to the back office: every handwritten signature (a field of
 * type `signature`, text `sig1:…`, renderer/src/transaction/signature-code.ts) becomes an attachment of its
 * own, content-addressed by SHA-256, and the field's value becomes the reference `sha256:<hex>`
 * (docs/backoffice-api.md). Attachments are stored and uploaded separately, resumably, and wiped once
 * delivered; document captures (images) will take the same path.
 */
import { createHash } from 'node:crypto';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { FieldValue } from '../bundle/index.ts';

export const SIGNATURE_CONTENT_TYPE = 'application/x-kiosk-signature';
export const ATTACHMENT_REF_PREFIX = 'sha256:';

export interface SubmissionAttachment {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly size: number;
  readonly contentType: typeof SIGNATURE_CONTENT_TYPE;
  readonly role: 'signature';
  readonly fieldKey: string;
}

/** The part of a submission record this function reads and rewrites. */
export interface RecordWithItems {
  readonly items: readonly { readonly itemCode: string; readonly values: Readonly<Record<string, FieldValue>> }[];
}

export interface WireSubmission<R extends RecordWithItems> {
  /** The record with each signature replaced by its reference. */
  readonly record: R;
  /** One per signature field, in the order the fields first appear. */
  readonly attachments: readonly SubmissionAttachment[];
}

/**
 * A signature field shared by several items (the merged form asks it once) appears in each item's values:
 * it yields one attachment and the same reference everywhere. Pure: same record, same result.
 */
export function wireSubmission<R extends RecordWithItems>(catalog: Catalog, record: R): WireSubmission<R> {
  const byField = new Map<string, SubmissionAttachment>();
  const items = record.items.map((item) => ({
    ...item,
    values: Object.fromEntries(
      Object.entries(item.values).map(([key, value]) => {
        if (catalog.fields.get(key)?.type !== 'signature' || typeof value !== 'string' || value === '') return [key, value];
        const attachment = byField.get(`${key}\0${value}`) ?? signatureAttachment(key, value);
        byField.set(`${key}\0${value}`, attachment);
        return [key, `${ATTACHMENT_REF_PREFIX}${attachment.sha256}`];
      }),
    ),
  }));
  return { record: { ...record, items }, attachments: [...byField.values()] };
}

function signatureAttachment(fieldKey: string, text: string): SubmissionAttachment {
  const bytes = Buffer.from(text, 'utf8');
  return {
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    contentType: SIGNATURE_CONTENT_TYPE,
    role: 'signature',
    fieldKey,
  };
}

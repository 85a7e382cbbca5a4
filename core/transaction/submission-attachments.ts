/**
 * Turns a submission record into what travels to the back office: every handwritten signature (a field of
 * type `signature`, text `sig1:…`, renderer/src/transaction/signature-code.ts) becomes an attachment of its
 * own, content-addressed by SHA-256, and the field's value becomes the reference `sha256:<hex>`
 * (docs/backoffice-api.md). Every page the document camera captured becomes an attachment too (role
 * `capture`, with its material's key, JPEG). Attachments are stored and uploaded separately, resumably, and
 * wiped once delivered.
 */
import { createHash } from 'node:crypto';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { FieldValue } from '../bundle/index.ts';
import { CAPTURE_CONTENT_TYPE } from '../store/session-captures.ts';

export const SIGNATURE_CONTENT_TYPE = 'application/x-kiosk-signature';
export const ATTACHMENT_REF_PREFIX = 'sha256:';

export type SubmissionAttachment = {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly size: number;
} & (
  | { readonly contentType: typeof SIGNATURE_CONTENT_TYPE; readonly role: 'signature'; readonly fieldKey: string }
  | { readonly contentType: typeof CAPTURE_CONTENT_TYPE; readonly role: 'capture'; readonly materialKey: string }
);

/** A page the document camera captured for a material, as the store opened it. */
export interface CapturedImage {
  readonly materialKey: string;
  readonly page: number;
  readonly image: Buffer;
}

/** The part of a submission record this function reads and rewrites. */
export interface RecordWithItems {
  readonly items: readonly { readonly itemCode: string; readonly values: Readonly<Record<string, FieldValue>> }[];
}

export interface WireSubmission<R extends RecordWithItems> {
  /** The record with each signature replaced by its reference. */
  readonly record: R;
  /** One per signature field, in the order the fields first appear, then one per captured page. */
  readonly attachments: readonly SubmissionAttachment[];
}

/**
 * A signature field shared by several items (the merged form asks it once) appears in each item's values:
 * it yields one attachment and the same reference everywhere. Pure: same record, same result.
 */
export function wireSubmission<R extends RecordWithItems>(catalog: Catalog, record: R, captures: readonly CapturedImage[] = []): WireSubmission<R> {
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
  const pages = [...captures].sort((a, b) => a.materialKey.localeCompare(b.materialKey) || a.page - b.page).map(captureAttachment);
  return { record: { ...record, items }, attachments: [...byField.values(), ...pages] };
}

function captureAttachment({ materialKey, image }: CapturedImage): SubmissionAttachment {
  return { bytes: image, sha256: createHash('sha256').update(image).digest('hex'), size: image.length, contentType: CAPTURE_CONTENT_TYPE, role: 'capture', materialKey };
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

/**
 * A queue of realistic submissions in a kiosk's store, as one builds up while the back office is out of
 * reach. The records are those of real sessions: one per sample bundle, made by the scripted citizen
 * through KioskSessions and committed by the session runner, offline. Each queued copy gets its own session
 * id, idempotency key and receipt number, and its own handwritten signature, which `wireSubmission` turns
 * into a content-addressed attachment as it does in a session. Committed with `outbox.commitSubmission`,
 * one transaction each, as sessions commit them.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttachmentRef, SubmissionRequest } from '../backoffice/api/schemas.ts';
import type { Catalog } from '../kiosk-config/catalog-schema.ts';
import { staticKeyProvider } from '../core/store/test-helpers.ts';
import { openStore, type Store } from '../core/store/database.ts';
import { wireSubmission } from '../core/transaction/submission-attachments.ts';
import type { SubmissionRecord } from '../core/transaction/submission-record.ts';
import { encodeSignature, type Point } from '../renderer/src/transaction/signature-code.ts';
import { scriptedKiosk } from './citizen-sessions.ts';

export interface SubmissionTemplate {
  readonly catalogVersion: string;
  readonly record: SubmissionRecord;
}

/** What the kiosk sends for one queued submission: the request and the attachments' bytes. */
export interface QueuedSubmission {
  readonly key: string;
  readonly request: SubmissionRequest;
  readonly attachments: readonly (AttachmentRef & { readonly bytes: Buffer })[];
}

/** One submission of each sample bundle, from real sessions in a scratch store. */
export async function submissionTemplates(catalog: Catalog): Promise<SubmissionTemplate[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-templates-'));
  const store = await openStore({ dir, keyProvider: staticKeyProvider() });
  const kiosk = scriptedKiosk(store, catalog, 'TEMPLATES');
  try {
    for (let i = 0; i < catalog.bundles.length; i++) await kiosk.session(i);
    return store.outbox.pending(catalog.bundles.length).map((entry) => ({ catalogVersion: entry.catalogVersion, record: entry.payload as SubmissionRecord }));
  } finally {
    await kiosk.stop();
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Commits `count` submissions to `store`, the templates in turn; returns what each one's delivery sends. */
export function queueSubmissions(store: Store, kioskId: string, catalog: Catalog, templates: readonly SubmissionTemplate[], count: number): QueuedSubmission[] {
  const queued: QueuedSubmission[] = [];
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]!;
    const sessionId = randomUUID();
    const signature = handwrittenSignature(i);
    const signed = {
      ...template.record,
      sessionId,
      submittedAt: Date.now(),
      items: template.record.items.map((item) => ({
        ...item,
        values: Object.fromEntries(Object.entries(item.values).map(([k, value]) => [k, catalog.fields.get(k)?.type === 'signature' ? signature : value])),
      })),
    };
    const { record, attachments } = wireSubmission(catalog, signed);
    const key = randomUUID();
    const { entry } = store.outbox.commitSubmission({
      submission: { idempotencyKey: key, kioskId, catalogVersion: template.catalogVersion, bundleCode: record.bundleCode, applicantIdNumber: record.applicant.idNumber, payload: record, attachments },
      sessionId,
      finalSnapshot: { value: 'submitted', context: { sessionId } },
      machineVersion: 1,
    });
    const refs = attachments.map(({ bytes: _, ...ref }) => ref);
    queued.push({ key, request: { receiptNumber: entry.receiptNumber, catalogVersion: template.catalogVersion, record: record as SubmissionRequest['record'], attachments: refs }, attachments });
  }
  return queued;
}

/**
 * A signature as the pad would encode it: a few strokes of a hand moving across a 900×240 pad, different
 * for every `seed`, typically 0.6–1 KB of text.
 */
export function handwrittenSignature(seed: number): string {
  let state = (seed + 1) * 0x9e3779b1;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const strokes: Point[][] = [];
  for (let s = 0; s < 6; s++) {
    let x = 60 + s * 130 + random() * 40;
    let y = 60 + random() * 120;
    let heading = random() * 2 * Math.PI;
    const stroke: Point[] = [];
    for (let p = 0; p < 40; p++) {
      heading += (random() - 0.5) * 1.2;
      x = Math.min(899, Math.max(0, x + Math.cos(heading) * 9));
      y = Math.min(239, Math.max(0, y + Math.sin(heading) * 7));
      stroke.push({ x, y });
    }
    strokes.push(stroke);
  }
  return encodeSignature({ width: 900, height: 240, strokes })!;
}

/**
 * Attachments of submissions (handwritten signatures today, document captures later): content-addressed by
 * SHA-256, so the same bytes are stored once whatever references them, sealed at rest like snapshots and
 * bound to their hash (`attachment:<sha256>`), and wiped once every submission that references them is
 * delivered.
 */
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { checkInteger, checkText, type StoreContext } from './context.ts';
import { canOpen, open, seal } from './crypto.ts';
import { guard, StoreError } from './errors.ts';

export const ATTACHMENT_ROLES = ['signature', 'capture'] as const;
export type AttachmentRole = (typeof ATTACHMENT_ROLES)[number];

/** How a submission refers to an attachment (the wire's AttachmentRef). */
export interface AttachmentRef {
  readonly sha256: string;
  readonly size: number;
  readonly contentType: string;
  readonly role: AttachmentRole;
  readonly fieldKey?: string;
  readonly materialKey?: string;
}

export interface AttachmentInput extends AttachmentRef {
  readonly bytes: Uint8Array;
}

/** A sealed attachment ready to be written, made before the transaction takes the write lock. */
export interface SealedAttachment {
  readonly ref: AttachmentRef;
  readonly sealed: Uint8Array;
}

interface LinkRow {
  sha256: string;
  size: number;
  content_type: string;
  role: AttachmentRole;
  field_key: string | null;
  material_key: string | null;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function attachmentAad(sha256: string): string {
  return `attachment:${sha256}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class AttachmentStore {
  readonly #ctx: StoreContext;
  readonly #insert: Statement<[string, number, string, Uint8Array, number]>;
  readonly #link: Statement<[number, number, string, string, string | null, string | null]>;
  readonly #links: Statement<[number], LinkRow>;
  readonly #sealed: Statement<[string], Buffer>;
  readonly #linked: Statement<[number], string>;
  readonly #unlink: Statement<[number]>;
  readonly #deleteUnreferenced: Statement<[string]>;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    const { db } = ctx;
    this.#insert = db.prepare(`INSERT INTO attachments (sha256, size, content_type, sealed, created_at)
                               VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`);
    this.#link = db.prepare(`INSERT INTO outbox_attachments (outbox_id, position, sha256, role, field_key, material_key)
                             VALUES (?, ?, ?, ?, ?, ?)`);
    this.#links = db.prepare(`
      SELECT l.sha256, a.size, a.content_type, l.role, l.field_key, l.material_key
      FROM outbox_attachments l JOIN attachments a ON a.sha256 = l.sha256
      WHERE l.outbox_id = ? ORDER BY l.position`);
    this.#sealed = db.prepare<[string], Buffer>('SELECT sealed FROM attachments WHERE sha256 = ?').pluck();
    this.#linked = db.prepare<[number], string>('SELECT DISTINCT sha256 FROM outbox_attachments WHERE outbox_id = ?').pluck();
    this.#unlink = db.prepare('DELETE FROM outbox_attachments WHERE outbox_id = ?');
    this.#deleteUnreferenced = db.prepare(`
      DELETE FROM attachments WHERE sha256 = ?
        AND NOT EXISTS (SELECT 1 FROM outbox_attachments l WHERE l.sha256 = attachments.sha256)`);
  }

  /** Checks an attachment against its declared hash and size and seals it; no database access. */
  seal(input: AttachmentInput): SealedAttachment {
    const { bytes, ...ref } = input;
    if (typeof ref.sha256 !== 'string' || !SHA256.test(ref.sha256)) {
      throw new StoreError('E_INVALID', 'attachment sha256 must be 64 lower-case hex digits');
    }
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new StoreError('E_INVALID', 'attachment bytes must not be empty');
    if (checkInteger(ref.size, 'attachment size') !== bytes.length) throw new StoreError('E_INVALID', 'attachment size does not match its bytes');
    checkText(ref.contentType, 'attachment content type', 100);
    if (!(ATTACHMENT_ROLES as readonly string[]).includes(ref.role)) throw new StoreError('E_INVALID', 'attachment role is unknown');
    if (sha256Hex(bytes) !== ref.sha256) throw new StoreError('E_INVALID', 'attachment bytes do not match their sha256');
    return { ref, sealed: seal(bytes, this.#ctx.key, attachmentAad(ref.sha256)) };
  }

  /** Stores (once per hash) and links the attachments to a submission; inside the caller's transaction. */
  link(outboxId: number, attachments: readonly SealedAttachment[], at: number): void {
    attachments.forEach(({ ref, sealed }, position) => {
      this.#insert.run(ref.sha256, ref.size, ref.contentType, sealed, at);
      this.#link.run(outboxId, position, ref.sha256, ref.role, ref.fieldKey ?? null, ref.materialKey ?? null);
    });
  }

  /** The attachments a submission references, in the order it listed them. */
  refs(outboxId: number): AttachmentRef[] {
    const rows = guard('reading attachment links', () => this.#links.all(outboxId));
    return rows.map((row) => ({
      sha256: row.sha256,
      size: row.size,
      contentType: row.content_type,
      role: row.role,
      ...(row.field_key === null ? {} : { fieldKey: row.field_key }),
      ...(row.material_key === null ? {} : { materialKey: row.material_key }),
    }));
  }

  /**
   * The attachment's bytes, checked against their hash. `E_NOT_FOUND` once wiped, `E_DECRYPT` when the
   * sealed value does not open, `E_CORRUPT` when it opens to other bytes (a bug, never silently sent).
   */
  bytes(sha256: string): Buffer {
    const sealed = guard('reading an attachment', () => this.#sealed.get(sha256));
    if (!sealed) throw new StoreError('E_NOT_FOUND', 'no such attachment');
    const bytes = open(sealed, this.#ctx.key, attachmentAad(sha256));
    if (sha256Hex(bytes) !== sha256) throw new StoreError('E_CORRUPT', 'a stored attachment does not match its sha256');
    return bytes;
  }

  /** For the key check: whether the stored attachment opens under the store's key (false when missing). */
  opens(sha256: string): boolean {
    const sealed = guard('reading an attachment', () => this.#sealed.get(sha256));
    return sealed !== undefined && canOpen(sealed, this.#ctx.key, attachmentAad(sha256));
  }

  /**
   * Inside the delivery transaction: drops the submission's links, then wipes the attachments no other
   * submission still references (secure_delete zeroes the freed pages; the caller truncates the WAL).
   */
  release(outboxId: number): void {
    const linked = this.#linked.all(outboxId);
    this.#unlink.run(outboxId);
    for (const sha256 of linked) this.#deleteUnreferenced.run(sha256);
  }
}

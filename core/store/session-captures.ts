/**
 * The pages a citizen captured during their session (the document camera, 高拍仪), before submission: sealed
 * at rest like the snapshot (AES-256-GCM, bound to the session, the material, the page and the image's hash)
 * and wiped with the session, since the row refers to it with ON DELETE CASCADE (secure_delete zeroes the
 * pages; the session's wipe truncates the WAL). The snapshot holds only each page's hash and size, so the
 * images are not rewritten with every step. At submission the images become the submission's attachments.
 */
import type { Statement } from 'better-sqlite3';
import { checkInteger, checkText, type StoreContext } from './context.ts';
import { open, seal } from './crypto.ts';
import { sha256Hex } from './attachments.ts';
import { guard, StoreError } from './errors.ts';

export const CAPTURE_CONTENT_TYPE = 'image/jpeg';

/** A stored page as the session refers to it. */
export interface CaptureRef {
  readonly page: number;
  readonly sha256: string;
  readonly size: number;
}

export interface CaptureInput {
  readonly sessionId: string;
  readonly materialKey: string;
  readonly page: number;
  readonly image: Uint8Array;
  readonly thumbnail: Uint8Array;
}

interface CaptureRow {
  material_key: string;
  page: number;
  sha256: string;
  image: Buffer;
  thumbnail: Buffer;
}

function aad(sessionId: string, materialKey: string, page: number, sha256: string, part: 'image' | 'thumbnail'): string {
  return `capture:${sessionId}:${materialKey}:${page}:${sha256}:${part}`;
}

export class SessionCaptures {
  readonly #ctx: StoreContext;
  readonly #upsert: Statement<[string, string, number, string, number, Uint8Array, Uint8Array, number]>;
  readonly #bySession: Statement<[string], CaptureRow>;
  readonly #removeMaterial: Statement<[string, string]>;
  readonly #thumbnails: Statement<[string], Omit<CaptureRow, 'image'>>;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    const { db } = ctx;
    this.#upsert = db.prepare(`
      INSERT INTO session_captures (session_id, material_key, page, sha256, size, image, thumbnail, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (session_id, material_key, page) DO UPDATE SET
        sha256 = excluded.sha256, size = excluded.size, image = excluded.image,
        thumbnail = excluded.thumbnail, created_at = excluded.created_at`);
    this.#bySession = db.prepare(`SELECT material_key, page, sha256, image, thumbnail FROM session_captures
                                  WHERE session_id = ? ORDER BY material_key, page`);
    this.#thumbnails = db.prepare(`SELECT material_key, page, sha256, thumbnail FROM session_captures WHERE session_id = ?`);
    this.#removeMaterial = db.prepare('DELETE FROM session_captures WHERE session_id = ? AND material_key = ?');
  }

  /**
   * Seals and stores a page, replacing the one captured before for the same page (a retake). The session's
   * snapshot row must exist: a page of no session is refused by the foreign key.
   */
  put(input: CaptureInput): CaptureRef {
    const sessionId = checkText(input.sessionId, 'session id');
    const materialKey = checkText(input.materialKey, 'material key', 120);
    const page = checkInteger(input.page, 'page');
    if (input.image.length === 0 || input.thumbnail.length === 0) throw new StoreError('E_INVALID', 'a captured page must not be empty');
    const sha256 = sha256Hex(input.image);
    const { key } = this.#ctx;
    const image = seal(input.image, key, aad(sessionId, materialKey, page, sha256, 'image'));
    const thumbnail = seal(input.thumbnail, key, aad(sessionId, materialKey, page, sha256, 'thumbnail'));
    guard('storing a captured page', () => this.#upsert.run(sessionId, materialKey, page, sha256, input.image.length, image, thumbnail, this.#ctx.now()));
    return { page, sha256, size: input.image.length };
  }

  /** The session's pages with their images, opened; `E_DECRYPT` when one does not open under the key. */
  pages(sessionId: string): { materialKey: string; page: number; sha256: string; image: Buffer; thumbnail: Buffer }[] {
    const rows = guard('reading captured pages', () => this.#bySession.all(sessionId));
    return rows.map((row) => ({
      materialKey: row.material_key,
      page: row.page,
      sha256: row.sha256,
      image: open(row.image, this.#ctx.key, aad(sessionId, row.material_key, row.page, row.sha256, 'image')),
      thumbnail: open(row.thumbnail, this.#ctx.key, aad(sessionId, row.material_key, row.page, row.sha256, 'thumbnail')),
    }));
  }

  /** The session's thumbnails by the hash of their page's image, opened (the screens show them). */
  thumbnails(sessionId: string): Map<string, Buffer> {
    const rows = guard('reading captured thumbnails', () => this.#thumbnails.all(sessionId));
    return new Map(rows.map((row) => [row.sha256, open(row.thumbnail, this.#ctx.key, aad(sessionId, row.material_key, row.page, row.sha256, 'thumbnail'))]));
  }

  /** Drops a material's pages (the citizen brings it to the window instead); wiped with secure_delete. */
  removeMaterial(sessionId: string, materialKey: string): void {
    guard('removing captured pages', () => this.#removeMaterial.run(sessionId, materialKey));
  }
}

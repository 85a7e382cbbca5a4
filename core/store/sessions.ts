/**
 * Crash-resume persistence of the transaction machine's snapshot (DESIGN.md §4). The snapshot holds the
 * citizen's personal data, so it is stored sealed (AES-256-GCM, bound to the session id) and wiped, not
 * merely deleted, when the session ends or is discarded. A snapshot the key does not open is set aside
 * (quarantine.ts): never resumed, never discarded automatically.
 */
import type { Statement } from 'better-sqlite3';
import {
  checkInteger,
  checkText,
  openJson,
  toJson,
  truncateWal,
  type CheckpointResult,
  type StoreContext,
} from './context.ts';
import { canOpen, seal } from './crypto.ts';
import { guard, isStoreError } from './errors.ts';
import type { ProbedRow, SealedRows } from './key-check.ts';
import type { Quarantine } from './quarantine.ts';

export interface SessionRecord {
  readonly id: string;
  /** The machine version stamped on the snapshot; a different version cannot be restored. */
  readonly machineVersion: number;
  /** The persisted snapshot, as saved. */
  readonly snapshot: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface DiscardedSession {
  readonly id: string;
  readonly machineVersion: number;
  readonly updatedAt: number;
  readonly reason: 'expired' | 'machine-version';
}

export interface WipeResult extends CheckpointResult {
  /** Whether a row was deleted. */
  readonly deleted: boolean;
}

interface SessionRow {
  id: string;
  machine_version: number;
  state_json: Buffer;
  created_at: number;
  updated_at: number;
}

/** The associated data that binds a sealed snapshot to its session row. */
export function sessionAad(id: string): string {
  return `session:${id}`;
}

/** Rows not set aside: the only ones resumed or discarded. */
const NOT_SET_ASIDE = `NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.source = 'session' AND q.ref = sessions.id)`;

export class SessionRepository implements SealedRows {
  readonly source = 'session';
  readonly #ctx: StoreContext;
  readonly #quarantine: Quarantine;
  readonly #upsert: Statement<[string, number, Uint8Array, number, number]>;
  readonly #byId: Statement<[string], SessionRow>;
  readonly #latest: Statement<[], SessionRow>;
  readonly #delete: Statement<[string]>;

  constructor(ctx: StoreContext, quarantine: Quarantine) {
    this.#ctx = ctx;
    this.#quarantine = quarantine;
    const { db } = ctx;
    this.#upsert = db.prepare(`
      INSERT INTO sessions (id, machine_version, state_json, updated_at, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        machine_version = excluded.machine_version,
        state_json = excluded.state_json,
        updated_at = excluded.updated_at`);
    this.#byId = db.prepare('SELECT * FROM sessions WHERE id = ?');
    // rowid breaks ties between saves in the same millisecond: the later insert wins.
    this.#latest = db.prepare(`SELECT * FROM sessions WHERE ${NOT_SET_ASIDE} ORDER BY updated_at DESC, rowid DESC LIMIT 1`);
    this.#delete = db.prepare('DELETE FROM sessions WHERE id = ?');
  }

  /** Seals and stores the snapshot, replacing the previous one; also runs inside a caller's transaction. */
  save(id: string, machineVersion: number, snapshot: unknown): void {
    checkText(id, 'session id');
    checkInteger(machineVersion, 'machine version');
    const sealed = seal(toJson(snapshot, 'session snapshot'), this.#ctx.key, sessionAad(id));
    const now = this.#ctx.now();
    guard('saving the session snapshot', () => this.#upsert.run(id, machineVersion, sealed, now, now));
  }

  /** The session, or undefined; `E_DECRYPT` if its snapshot cannot be opened (e.g. the key changed). */
  load(id: string): SessionRecord | undefined {
    const row = guard('loading a session', () => this.#byId.get(id));
    return row && this.#decode(row);
  }

  /**
   * The most recently saved session: the one to resume after a crash. One whose snapshot does not open (or
   * opens to no JSON) is set aside and the next one is tried: a start-up never fails on a stored session.
   */
  latest(): SessionRecord | undefined {
    for (;;) {
      const row = guard('loading the latest session', () => this.#latest.get());
      if (!row) return undefined;
      try {
        return this.#decode(row);
      } catch (error) {
        if (!isStoreError(error, 'E_DECRYPT') && !isStoreError(error, 'E_CORRUPT')) throw error;
        this.#quarantine.add({ source: 'session', ref: row.id, receiptNumber: undefined, reason: error.code });
      }
    }
  }

  /**
   * Wipes the session. `secure_delete` is on for the connection (see openStore), so SQLite overwrites the
   * deleted row and freed pages with zeros instead of leaving them in the free list; the WAL is then
   * checkpointed and truncated because it still holds earlier page images with the sealed snapshot.
   * The snapshot was never in clear on disk, but the key may sit on the same disk (the browser host's key
   * file), so a wiped session must leave nothing to decrypt either.
   */
  delete(id: string): WipeResult {
    const deleted = this.remove(id);
    const checkpoint = deleted ? guard('truncating the WAL', () => truncateWal(this.#ctx.db)) : { busy: false };
    return { deleted, ...checkpoint };
  }

  /** Deletes the row without truncating the WAL, for use inside a caller's transaction (who truncates). */
  remove(id: string): boolean {
    return guard('deleting a session', () => this.#delete.run(id)).changes > 0;
  }

  /**
   * Wipes every session that cannot be resumed: last saved more than `maxAgeMs` ago, or stamped with a
   * machine version other than the running one; not the ones set aside, which wait for their key.
   * Returns what it discarded, oldest first, for the audit log.
   */
  discardStale(options: { readonly maxAgeMs: number; readonly machineVersion: number }): DiscardedSession[] {
    const cutoff = this.#ctx.now() - checkInteger(options.maxAgeMs, 'maximum age');
    const version = checkInteger(options.machineVersion, 'machine version');
    const { db } = this.#ctx;
    const discarded = guard('discarding stale sessions', () =>
      db.transaction(() => {
        const rows = db
          .prepare<[number, number], Omit<SessionRow, 'state_json' | 'created_at'>>(
            `SELECT id, machine_version, updated_at FROM sessions
             WHERE (machine_version <> ? OR updated_at < ?) AND ${NOT_SET_ASIDE} ORDER BY updated_at, rowid`,
          )
          .all(version, cutoff);
        for (const row of rows) this.#delete.run(row.id);
        return rows.map(
          (row): DiscardedSession => ({
            id: row.id,
            machineVersion: row.machine_version,
            updatedAt: row.updated_at,
            reason: row.machine_version !== version ? 'machine-version' : 'expired',
          }),
        );
      }).immediate(),
    );
    if (discarded.length > 0) guard('truncating the WAL', () => truncateWal(db));
    return discarded;
  }

  /** For the key check: every stored snapshot, and whether it opens. */
  probe(): ProbedRow[] {
    const rows = guard('reading the sessions', () =>
      this.#ctx.db.prepare<[], { rowid: number; id: string; state_json: Buffer }>('SELECT rowid, id, state_json FROM sessions').all(),
    );
    return rows.map((row) => ({ id: row.rowid, ref: row.id, opens: canOpen(row.state_json, this.#ctx.key, sessionAad(row.id)) }));
  }

  #decode(row: SessionRow): SessionRecord {
    return {
      id: row.id,
      machineVersion: row.machine_version,
      snapshot: openJson(row.state_json, this.#ctx.key, sessionAad(row.id), 'a stored session snapshot'),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

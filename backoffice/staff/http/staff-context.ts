/** What a signed-in staff page handler gets: the database, the clock, the session, the request's URL and form. */
import type { Database } from '../../db/database.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { StaffReply } from './respond.ts';

export interface StaffContext {
  readonly db: Database;
  readonly now: () => number;
  readonly session: StaffSession;
  readonly url: URL;
  /** The posted form (POST only, its CSRF value already checked). */
  readonly form: URLSearchParams;
}

export interface StaffRoute {
  readonly method: 'GET' | 'POST';
  /** Matched against the whole path, anchored; captures are handed to `handle` decoded. */
  readonly path: RegExp;
  handle(ctx: StaffContext, params: readonly string[]): Promise<StaffReply>;
}

/**
 * Holds back a log line repeated too often: the same level and message (a call site logs a constant message,
 * its details in fields) more than `max` times within `windowMs` is counted instead of written, and when
 * the window ends one summary says how many were held back. A flood (a device erroring every poll, input
 * refused, a peer reconnecting in a loop) then costs a few lines a minute, and cannot rotate the history
 * that explains it out of the log files (issue 9). Pure: the clock is injected.
 */

export interface RepeatLimit {
  /** Lines of one kind written per window; the rest are counted. */
  readonly max: number;
  readonly windowMs: number;
}

export const LOG_REPEAT_LIMIT: RepeatLimit = { max: 20, windowMs: 60_000 };

/** Kinds of line followed at once; beyond, new kinds pass unfiltered (the map must not grow with a flood of distinct lines). */
const MAX_KINDS = 1_000;

export interface RepeatSummary {
  readonly level: number;
  readonly msg: string;
  /** Lines held back in the window. */
  readonly repeated: number;
  readonly windowMs: number;
}

interface Window {
  readonly level: number;
  readonly msg: string;
  readonly start: number;
  seen: number;
}

export class RepeatFilter {
  readonly #limit: RepeatLimit;
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();
  /** No window ends before this: ended() has nothing to look at until then. */
  #nextEnd = Number.POSITIVE_INFINITY;

  constructor(limit: RepeatLimit, now: () => number) {
    if (!(limit.max >= 1 && limit.windowMs > 0)) throw new RangeError('repeat limit: max must be ≥ 1 and windowMs > 0');
    this.#limit = limit;
    this.#now = now;
  }

  /** Whether a line of this level and message is written (false: counted for the summary). Call ended() first. */
  admit(level: number, msg: string): boolean {
    const key = `${level}\u0000${msg}`;
    const now = this.#now();
    const window = this.#windows.get(key);
    if (window && now - window.start < this.#limit.windowMs) {
      window.seen += 1;
      return window.seen <= this.#limit.max;
    }
    if (window || this.#windows.size < MAX_KINDS) {
      this.#windows.set(key, { level, msg, start: now, seen: 1 });
      this.#nextEnd = Math.min(this.#nextEnd, now + this.#limit.windowMs);
    }
    return true;
  }

  /** Summaries of the windows that have ended (all of them with `all`, at close), each once. */
  ended(all = false): RepeatSummary[] {
    const now = this.#now();
    if (!all && now < this.#nextEnd) return [];
    const summaries: RepeatSummary[] = [];
    this.#nextEnd = Number.POSITIVE_INFINITY;
    for (const [key, w] of this.#windows) {
      if (!all && now - w.start < this.#limit.windowMs) {
        this.#nextEnd = Math.min(this.#nextEnd, w.start + this.#limit.windowMs);
        continue;
      }
      this.#windows.delete(key);
      if (w.seen > this.#limit.max) summaries.push({ level: w.level, msg: w.msg, repeated: w.seen - this.#limit.max, windowMs: this.#limit.windowMs });
    }
    return summaries;
  }
}

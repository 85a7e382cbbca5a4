/**
 * Exponential backoff with jitter (docs/backoffice-api.md: 1 s doubling to 5 min, ±50 %). Jitter spreads
 * a hall's kiosks apart so they do not all hit a back office that just came back in the same second.
 */

export interface BackoffPolicy {
  /** Delay before the first retry. */
  readonly baseMs: number;
  /** The doubling stops here (before jitter). */
  readonly maxMs: number;
  /** Fraction of the delay added or removed at random: 0.5 is ±50 %. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000, jitter: 0.5 };

/** Delay before retry number `attempt` (1, 2, …); `random` returns [0, 1) like Math.random. Pure. */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const doublings = Math.max(0, Math.min(Math.floor(attempt) - 1, 30));
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** doublings);
  return Math.round(nominal * (1 - policy.jitter + 2 * policy.jitter * random()));
}

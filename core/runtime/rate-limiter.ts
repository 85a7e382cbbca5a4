/**
 * Token buckets by key (a citizen event's type, an RPC method), on an injected clock. Core answers input
 * beyond a bucket with a refusal instead of doing the work: a renderer that floods (a bug, a stuck key, a
 * hostile page) must not stall the event loop the devices and the back office share (DESIGN.md §7, §9).
 * Refusals are counted, so the caller can report a flood in one line rather than one line per event.
 */

export interface RateLimit {
  /** Events that may come at once, after a quiet moment. */
  readonly burst: number;
  /** Events per second sustained. */
  readonly perSecond: number;
}

export interface RateLimits {
  /** For every key without its own limit. */
  readonly default: RateLimit;
  readonly byKey?: Readonly<Record<string, RateLimit>>;
}

export interface RateLimiter {
  /** Takes one token for `key`: false when its bucket is empty (the refusal is counted). */
  take(key: string): boolean;
  /** Refusals by key since the last call, emptied by it. */
  takeRefusals(): Record<string, number>;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(limits: RateLimits, now: () => number): RateLimiter {
  for (const [key, limit] of Object.entries({ default: limits.default, ...limits.byKey })) {
    if (!(limit.burst >= 1 && limit.perSecond > 0)) throw new RangeError(`rate limit for ${key}: burst must be ≥ 1 and perSecond > 0`);
  }
  const buckets = new Map<string, Bucket>();
  const refusals = new Map<string, number>();
  return {
    take(key) {
      const limit = (limits.byKey && Object.hasOwn(limits.byKey, key) ? limits.byKey[key] : undefined) ?? limits.default;
      const at = now();
      const bucket = buckets.get(key);
      // A clock that stepped back refills nothing from there, and does not lock the key out until it catches up.
      if (bucket && at < bucket.at) bucket.at = at;
      // Refilled from the last token taken in one step: a refusal stores nothing, so a flood adds no rounding.
      const tokens = bucket ? Math.min(limit.burst, bucket.tokens + ((at - bucket.at) * limit.perSecond) / 1000) : limit.burst;
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at });
        return true;
      }
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
      return false;
    },
    takeRefusals() {
      const taken = Object.fromEntries(refusals);
      refusals.clear();
      return taken;
    },
  };
}

/** Time as the sync worker sees it: injectable, so fault and crash tests can drive it. */

export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; returns the cancel. Timers never keep the process alive. */
  schedule(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Lets the event loop run pending I/O and timers before going on (setImmediate, not a microtask). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

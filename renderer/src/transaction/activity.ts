/**
 * Tells core the citizen is busy on the screen (typing a long address, drawing a signature, ticking
 * options) before any answer is sent, so the idle clock does not run out under them. At most one report
 * per interval: each one is a durable write in core.
 */
export const ACTIVITY_INTERVAL_MS = 15_000;

export function activityReporter(report: () => void, now: () => number = () => performance.now(), intervalMs = ACTIVITY_INTERVAL_MS): () => void {
  let last = -Infinity;
  return () => {
    const at = now();
    if (at - last < intervalMs) return;
    last = at;
    report();
  };
}

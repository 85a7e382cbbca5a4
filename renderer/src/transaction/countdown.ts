/**
 * The idle-timeout countdown (WCAG 2.2.1). Core sends the time left when it made the view; the renderer
 * counts down from the moment the view arrived, so the number moves every second without core's help.
 */

/** Whole seconds left, rounded up: the display shows 0 only when the time is really up. */
export function secondsLeft(remainingMs: number, elapsedMs: number): number {
  return Math.max(0, Math.ceil((remainingMs - elapsedMs) / 1000));
}

/** "45" under a minute, "1:05" from a minute on. */
export function formatCountdown(seconds: number): string {
  if (seconds < 60) return String(seconds);
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)}:${String(rest).padStart(2, '0')}`;
}

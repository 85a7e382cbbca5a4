/**
 * Which snapshots the session runner must write. Every step a citizen takes, every answer and every decision
 * is written before anyone sees it; a snapshot in which only the idle clock moved (`user.active`, a warning
 * shown, the clock armed after a print) is not, because a resumed session restarts its clock anyway
 * (`system.resumed` → `touch`). Each write is a sealed, fsync'd row: writing every touch let a flood of
 * `user.active` stall the kiosk for a minute (issue 9).
 */
import type { SnapshotFrom } from 'xstate';
import type { TransactionMachine } from './transaction-machine.ts';
import type { TransactionContext } from './transaction-types.ts';

type TransactionSnapshot = SnapshotFrom<TransactionMachine>;

/** The context fields that only keep the idle clock. */
const CLOCK_FIELDS: ReadonlySet<keyof TransactionContext> = new Set(['now', 'deadline', 'warning', 'clockPending']);

/**
 * How stale the citizen's last activity (`now`) may be on disk: a session resumed after a restart compares it
 * with the short window before asking for the card again, so it is written at least this often while the
 * citizen is active (a stale one errs towards asking).
 */
export const ACTIVITY_SAVE_MS = 30_000;

/** Whether the session's clock runs (the machine's `clockRunning` guard): it decides what `system.resumed` does. */
function clockRunning(context: TransactionContext): boolean {
  return context.deadline !== null || context.clockPending;
}

/** Whether `next` differs from the snapshot last written (`written`) in anything a resumed session uses. */
export function mustWrite(written: TransactionSnapshot | undefined, next: TransactionSnapshot): boolean {
  if (!written) return true;
  if (written.status !== next.status || JSON.stringify(written.value) !== JSON.stringify(next.value)) return true;
  const before = written.context as unknown as Record<string, unknown>;
  const after = next.context as unknown as Record<string, unknown>;
  // XState's assign keeps the references of the fields it does not change: a changed field is a new value.
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!CLOCK_FIELDS.has(key as keyof TransactionContext) && before[key] !== after[key]) return true;
  }
  return clockRunning(written.context) !== clockRunning(next.context) || next.context.now - written.context.now >= ACTIVITY_SAVE_MS;
}

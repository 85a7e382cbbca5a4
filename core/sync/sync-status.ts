/** The sync worker's status as the renderer's contract shows it (core/contract/kiosk-view.ts). */
import type { SyncStatus } from '../contract/kiosk-view.ts';
import type { SyncWorkerStatus } from './sync-worker.ts';

/** Pure. */
export function syncStatusView(status: SyncWorkerStatus): SyncStatus {
  const { submissions, messages } = status;
  return {
    backOffice: status.backOffice,
    lastContactAt: status.lastContactAt,
    queued: submissions.pending + submissions.parked,
    worker: status.state,
    parked: submissions.parked,
    oldestUndeliveredAt: submissions.oldestUndeliveredAt,
    messagesQueued: messages.pending + messages.parked,
    lastError: status.lastError,
    lastDeliveredAt: status.lastDeliveredAt,
  };
}

/**
 * Watches whether the back office answers, so the kiosk can tell citizens and technicians the truth
 * ("accepted locally, will be sent") instead of failing at submit time. The sync worker that drains the
 * outbox reuses this status when it arrives.
 */
import type { SyncStatus } from '../contract/kiosk-view.ts';

export interface ProbeOptions {
  readonly baseUrl: string;
  readonly intervalMs: number;
  /** Per-request timeout; a hung back office counts as offline. */
  readonly timeoutMs?: number;
  readonly onChange: (status: SyncStatus) => void;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
}

export interface BackOfficeProbe {
  readonly status: SyncStatus;
  /** Probes now (also used after a network change). */
  probe(): Promise<SyncStatus>;
  stop(): void;
}

export function startBackOfficeProbe(options: ProbeOptions): BackOfficeProbe {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  let status: SyncStatus = { backOffice: 'unknown', lastContactAt: null, queued: 0 };
  let stopped = false;
  let inFlight: Promise<SyncStatus> | undefined;

  function update(next: SyncStatus): SyncStatus {
    const changed = next.backOffice !== status.backOffice || next.queued !== status.queued;
    status = next;
    if (changed && !stopped) options.onChange(status);
    return status;
  }

  async function check(): Promise<SyncStatus> {
    try {
      const res = await fetchFn(new URL('/api/v1/health', options.baseUrl), {
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        headers: { accept: 'application/json' },
      });
      await res.body?.cancel();
      return update(res.ok ? { ...status, backOffice: 'online', lastContactAt: now() } : { ...status, backOffice: 'offline' });
    } catch {
      return update({ ...status, backOffice: 'offline' });
    }
  }

  function probe(): Promise<SyncStatus> {
    inFlight ??= check().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  const timer = setInterval(() => void probe(), options.intervalMs);
  timer.unref();
  void probe();

  return {
    get status() {
      return status;
    },
    probe,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/**
 * Everything the kiosk runs against its back office, started and stopped together: the signed client
 * (also lent to sessions for the exchange, QR e-IDs and progress queries), the sync worker, the heartbeat
 * and the catalog updater. The worker and the heartbeat start once the back office is ready; until then
 * every call answers as offline.
 */
import type { KioskAlert } from '../../backoffice/api/schemas.ts';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { BackOfficeConfig } from '../../kiosk-config/schema.ts';
import type { DeviceStatus, SyncStatus } from '../contract/kiosk-view.ts';
import type { Logger } from '../logging/logger.ts';
import type { Store } from '../store/database.ts';
import { BackOfficeClient } from './backoffice-client.ts';
import type { BackOfficeLink } from './back-office-link.ts';
import type { CatalogCache } from './catalog-cache.ts';
import { CatalogUpdater } from './catalog-updater.ts';
import { Heartbeat } from './heartbeat.ts';
import { syncStatusView } from './sync-status.ts';
import { SyncWorker } from './sync-worker.ts';

export interface SyncServiceOptions {
  readonly link: BackOfficeLink;
  readonly config: BackOfficeConfig;
  readonly store: Store;
  readonly software: string;
  readonly devices: () => readonly DeviceStatus[];
  /** The help calls the kiosk raised by itself, reported in every heartbeat. */
  readonly alerts: () => readonly KioskAlert[];
  readonly catalog: {
    readonly cache: CatalogCache;
    readonly currentVersion: string;
    readonly onCatalog: (catalog: Catalog) => void;
    /**
     * False for the embedded back office: it publishes the shipped catalog only into an empty database, so
     * after a software update it would offer the previous catalog and the kiosk would go back to it.
     */
    readonly follow: boolean;
  };
  readonly log: Logger;
  readonly onStatus: (status: SyncStatus) => void;
}

export interface SyncService {
  readonly client: BackOfficeClient;
  readonly worker: SyncWorker;
  /** An alert was raised or cleared: the back office hears of it now, not at the next beat. */
  alertsChanged(): void;
  stop(): Promise<void>;
}

export function startSyncService(options: SyncServiceOptions): SyncService {
  const { link, config, store, log } = options;
  const client = new BackOfficeClient({
    baseUrl: link.baseUrl,
    credentials: link.credentials,
    ...(link.ca ? { ca: link.ca } : {}),
    connectTimeoutMs: config.connectTimeoutSeconds * 1000,
    responseTimeoutMs: config.requestTimeoutSeconds * 1000,
  });
  const worker = new SyncWorker({
    outbox: store.outbox,
    messages: store.messages,
    client,
    probeIntervalMs: { online: config.probeIntervalSeconds * 1000, offline: config.offlineProbeIntervalSeconds * 1000 },
    log,
    onStatus: (status) => options.onStatus(syncStatusView(status)),
  });
  const { follow, ...catalog } = options.catalog;
  const updater = new CatalogUpdater({ client, ...catalog, log });
  const heartbeat = new Heartbeat({
    client,
    intervalMs: config.heartbeatIntervalSeconds * 1000,
    state: () => ({
      software: options.software,
      catalogVersion: updater.version,
      refusedCatalog: updater.refused,
      devices: options.devices(),
      queue: store.queueFigures(),
      alerts: options.alerts(),
    }),
    onAck: (ack) => void (follow ? updater.offer(ack.catalogVersion) : undefined),
    log,
  });
  let stopped = false;
  const started = link.ready.then(() => {
    if (stopped) return;
    worker.start();
    heartbeat.start();
  });
  return {
    client,
    worker,
    alertsChanged: () => heartbeat.beatNow(),
    async stop() {
      stopped = true;
      await started;
      heartbeat.stop();
      await worker.stop();
      client.close();
    },
  };
}

/**
 * The composition root shared by both hosts (Electron and the browser host): configuration, logging, the
 * devices, the store, citizen sessions, and the back office (embedded or remote) with the sync worker, the
 * heartbeat and catalog updates. A host adds only its window and its transport.
 */
import { dirname, join } from 'node:path';
import { formatProblem, loadKioskConfig, type ConfigResult } from './config/load-config.ts';
import { createKioskLogger, type KioskLogger, type Logger } from './logging/logger.ts';
import { KioskRuntime } from './runtime/kiosk-runtime.ts';
import { espeakNg } from './voice/espeak-ng.ts';
import { createSpeechService } from './voice/speech-service.ts';
import { startDeviceService, type DeviceService } from './devices/device-service.ts';
import { DeviceError } from '../devices/contract/errors.ts';
import { startSimControl, type SimControlEndpoint } from './sim/control-server.ts';
import { executeSimCommand } from './sim/sim-commands.ts';
import type { SimCommand } from './contract/sim-control.ts';
import type { KioskLocations } from './paths.ts';
import { CATALOG_DIR } from './catalog/load-catalog.ts';
import { fileKeyProvider, type KeyProvider } from './store/crypto.ts';
import { openStore, type Store } from './store/database.ts';
import { StoreError } from './store/errors.ts';
import { summarise, type QuarantinedRow } from './store/quarantine.ts';
import { StorageAlarm } from './store/storage-alarm.ts';
import { ProgressQuery } from './query/progress-query.ts';
import { openBackOfficeLink, type BackOfficeLink } from './sync/back-office-link.ts';
import { CatalogCache } from './sync/catalog-cache.ts';
import { resolveEid } from './sync/eid-client.ts';
import { startupCatalogs } from './sync/startup-catalog.ts';
import { startSyncService, type SyncService } from './sync/sync-service.ts';
import { exchangeSource } from './transaction/exchange-source.ts';
import { KioskSessions } from './transaction/kiosk-sessions.ts';
import { COMPACT_DICTIONARY_FILE } from './pinyin/compact-dictionary.ts';
import { builtPinyinWorker, pinyinWorkerLookup } from './pinyin/pinyin-lookup.ts';

/** For hosts that bring their own key (Electron's safeStorage) and fall back to the key file. */
export { fileKeyProvider, type KeyProvider };

/** The browser host's store key, next to the database; Electron keeps its key in safeStorage instead. */
export const STORE_KEY_FILE = 'store.key';
/** Catalogs downloaded from the back office, under the data directory. */
export const CATALOG_CACHE_DIR = 'catalogs';
const DEFAULT_SOFTWARE = 'hall-kiosk';

export interface KioskCoreOptions {
  readonly locations: KioskLocations;
  /** The store's encryption key: Electron's safeStorage; by default a 0600 key file in the data directory. */
  readonly keyProvider?: KeyProvider;
  /** For KIOSK_SIM_OUT; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Mirror warnings and errors to stderr. */
  readonly logToStderr?: boolean;
  /** Name and version reported in the heartbeat, e.g. `hall-kiosk 0.1.0` (the host knows its version). */
  readonly software?: string;
  /** The built worker that runs the embedded back office off the kiosk's thread (back-office-link.ts). */
  readonly embeddedBackOfficeWorker?: string;
  /** The built pinyin worker (core/pinyin), the compact dictionary beside it; absent: no pinyin candidates. */
  readonly pinyinWorker?: string;
}

export interface KioskCore {
  readonly runtime: KioskRuntime;
  readonly log: Logger;
  readonly config: ConfigResult;
  readonly logFile: string;
  /** Present once the configuration is valid. */
  readonly devices?: DeviceService;
  /** Present once the configuration, the catalog and the store are usable. */
  readonly sessions?: KioskSessions;
  /** Stops background work, closes the back office and flushes the log. Safe to call twice. */
  close(): Promise<void>;
}

export async function startKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const { locations } = options;
  const config = await loadKioskConfig(locations.configDir);
  const logging = config.ok ? config.config.logging : undefined;
  const logger: KioskLogger = createKioskLogger({
    dir: locations.logDir,
    level: logging?.level,
    maxFileSize: logging?.maxFileSize,
    maxFiles: logging?.maxFiles,
    stderr: options.logToStderr,
  });
  const log = logger.log;

  if (!config.ok) {
    const details = config.problems.map(formatProblem);
    log.error({ configDir: config.dir, problems: details }, 'invalid configuration: kiosk out of service');
    const runtime = new KioskRuntime({
      kiosk: { status: { state: 'unavailable', reason: 'config', details }, hall: null },
      session: { language: 'zh-CN', elderMode: false },
      log,
    });
    return { runtime, log, config, logFile: logger.file, close: once(() => logger.close()) };
  }

  const { kiosk, languages, display, backOffice, simulation, session, voice } = config.config;
  let sessions: KioskSessions | undefined;
  const { espeakNg: espeakOptions, ...voiceSettings } = voice;
  const pinyin = options.pinyinWorker
    ? pinyinWorkerLookup({ start: builtPinyinWorker(options.pinyinWorker), data: { dictionary: join(dirname(options.pinyinWorker), COMPACT_DICTIONARY_FILE) }, log })
    : undefined;
  const runtime = new KioskRuntime({
    kiosk: {
      status: { state: 'available' },
      hall: { kioskId: kiosk.id, hallName: kiosk.hall.name, languages, voice: voiceSettings },
    },
    voice: createSpeechService(espeakNg(espeakOptions), log),
    ...(pinyin ? { pinyin } : {}),
    session: { language: languages.default, elderMode: display.elderModeDefault },
    log,
    onSessionEvent: (event) => sessions?.handle(event) ?? false,
    onOwnAnswer: (key) => sessions?.ownAnswer(key) ?? null,
    onCapture: async (input) => (await sessions?.capture(input)) ?? false,
    onWedgeScan: (text) => void sessions?.scanned(text),
  });

  const env = options.env ?? process.env;
  const devices = await startDeviceService({
    config: config.config,
    receiptDir: env.KIOSK_SIM_OUT || simulation.receiptDir || join(locations.dataDir, 'sim-receipts'),
    log,
    onChange: (view) => runtime.setDevices(view),
  });
  runtime.setDevices(devices.view());
  let simControl: SimControlEndpoint | undefined;
  const hall = devices.simulation;
  if (hall) {
    // The simulator is driven only through its own 0600-file endpoint (`npm run sim`), never the citizen's RPC.
    simControl = await startSimControl(locations.dataDir, async (command: SimCommand) => {
      log.info({ sim: command.action }, 'simulator command');
      return executeSimCommand(hall, devices.devices, command);
    });
  }

  const cache = new CatalogCache(join(locations.dataDir, CATALOG_CACHE_DIR));
  const shippedDir = join(config.dir, CATALOG_DIR);
  const catalogs = await startupCatalogs(cache, shippedDir, backOffice.mode === 'remote', log);
  const catalog = catalogs.result;
  const store = catalog.ok ? await openKioskStore(locations.dataDir, options.keyProvider, log) : undefined;
  let sync: SyncService | undefined;
  let link: BackOfficeLink | undefined;
  if (!catalog.ok) {
    const details = catalog.problems.map((p) => formatProblem({ ...p, file: `${CATALOG_DIR}/${p.file}` }));
    log.error({ catalogDir: shippedDir, problems: details }, 'invalid service catalog: kiosk out of service');
    runtime.setKioskStatus({ state: 'unavailable', reason: 'config', details });
  } else if (!store?.ok) {
    runtime.setKioskStatus({ state: 'unavailable', reason: 'maintenance', details: [store?.message ?? 'the local store could not be opened'] });
  } else {
    let latest = catalog.catalog;
    reportKeyCheck(store.store, log);
    // Rows set aside later (a session or a queued row that stopped opening): logged, and in the heartbeat at once.
    store.store.quarantine.onQuarantined((row) => {
      reportSetAside(log, [row]);
      sync?.alertsChanged();
    });
    // The kiosk's own help call when its disk is full or failing: logged, and in the heartbeat at once.
    const alarm = new StorageAlarm((alert) => {
      if (alert) log.error({ alert }, 'storage alarm: staff needed at the kiosk');
      else log.info('storage alarm cleared: the store writes again');
      sync?.alertsChanged();
    });
    const linked = await openBackOfficeLink({
      config: backOffice,
      kioskId: kiosk.id,
      dataDir: locations.dataDir,
      catalogDir: shippedDir,
      log,
      ...(options.embeddedBackOfficeWorker ? { embeddedWorker: options.embeddedBackOfficeWorker } : {}),
    });
    if (linked.ok) {
      link = linked.link;
      sync = startSyncService({
        link,
        config: backOffice,
        store: store.store,
        software: options.software ?? DEFAULT_SOFTWARE,
        devices: () => devices.view(),
        alerts: () => [alarm.alert, store.store.quarantine.alert()].filter((alert) => alert !== null),
        catalog: {
          cache,
          currentVersion: latest.version,
          follow: backOffice.mode === 'remote',
          onCatalog: (next) => {
            catalogs.known.set(next.version, next);
            latest = next;
            sessions?.setCatalog(next);
          },
        },
        log,
        onStatus: (status) => {
          runtime.setSyncStatus(status);
          // A delivery may concern the citizen still at the kiosk: their case numbers show at once.
          sessions?.deliveryChanged();
        },
      });
    } else {
      // Offline-first: the kiosk takes submissions and keeps them until the technician fixes the files.
      log.error({ problem: linked.problem }, 'back office not configured correctly: nothing will be delivered');
      runtime.setSyncStatus({ backOffice: 'offline', lastContactAt: null, queued: undelivered(store.store), worker: 'auth-refused', lastError: 'back-office-configuration' });
    }
    const client = sync?.client;
    const budgetMs = backOffice.exchangeBudgetSeconds * 1000;
    sessions = new KioskSessions({
      catalog: catalog.catalog,
      catalogFor: (version) => catalogs.known.get(version),
      store: store.store,
      kioskId: kiosk.id,
      hallName: kiosk.hall.name['zh-CN'],
      receiptWording: config.config.receipt,
      log,
      maxResumeAgeMs: session.resumeWithinMinutes * 60_000,
      reidentifyAfterMs: session.reidentifyAfterSeconds * 1000,
      timeouts: {
        stepMs: session.stepTimeoutSeconds * 1000,
        warningMs: session.warningSeconds * 1000,
        maxExtensions: session.maxExtensions,
        receiptMs: session.receiptTimeoutSeconds * 1000,
      },
      language: () => runtime.snapshot().session.language,
      print: (jobId, bytes) => devices.devices.printer.print(jobId, bytes),
      resolveEid: async (code) => (client ? resolveEid(code, client, { timeoutMs: budgetMs }) : { ok: false, reason: 'offline' }),
      ...(client ? { exchange: exchangeSource(client), exchangeBudgetMs: budgetMs } : {}),
      query: new ProgressQuery({
        catalog: () => latest,
        local: store.store.outbox,
        ...(client ? { backOffice: client } : {}),
        budgetMs,
        onView: (view) => runtime.setQuery(view),
      }),
      onView: (view, ended) => runtime.setTransaction(view, ended),
      readCardAgain: () => devices.devices.reader.readAgain(),
      onStored: (error) => alarm.report(error),
    });
    const live = sessions;
    devices.devices.reader.on('data', (read) => live.cardRead(read));
    // E_MEDIA: a card was found but not read (an error answer, or lifted mid-read); other errors are the link's.
    devices.devices.reader.on('error', (error) => {
      if (error instanceof DeviceError && error.code === 'E_MEDIA') live.cardReadFailed();
    });
    devices.devices.scanner.on('data', (code) => void live.scanned(code.text));
    runtime.setTransaction(live.view(), false);
  }
  log.info({ kioskId: kiosk.id, configDir: config.dir, backOffice: backOffice.mode, catalog: catalog.ok ? catalog.catalog.version : null, catalogFrom: catalogs.from }, 'kiosk core started');

  return {
    runtime,
    log,
    config,
    logFile: logger.file,
    devices,
    ...(sessions ? { sessions } : {}),
    close: once(async () => {
      await sync?.stop();
      await sessions?.stop();
      if (store?.ok) store.store.close();
      await link?.close();
      await simControl?.close();
      await devices.stop();
      await pinyin?.close();
      log.info('kiosk core stopped');
      await logger.close();
    }),
  };
}

type OpenedStore = { ok: true; store: Store } | { ok: false; message: string };

async function openKioskStore(dataDir: string, keyProvider: KeyProvider | undefined, log: Logger): Promise<OpenedStore> {
  try {
    return { ok: true, store: await openStore({ dir: dataDir, keyProvider: keyProvider ?? fileKeyProvider(join(dataDir, STORE_KEY_FILE)) }) };
  } catch (error) {
    log.error({ err: error }, 'local store unavailable: kiosk out of service');
    const code = error instanceof StoreError ? `${error.code}: ` : '';
    return { ok: false, message: `${code}${(error as Error).message}` };
  }
}

/**
 * What the store's key check found at open (core/store/key-check.ts): a key other than the rows', rows it set
 * aside, rows it took back. Counts, receipt numbers and session ids only, never a stored value.
 */
function reportKeyCheck(store: Store, log: Logger): void {
  const { keyChanged, setAside, recovered } = store.keyCheck;
  if (keyChanged) log.warn('the store key is not the one the stored rows were sealed with (key file lost or replaced, or another keyring)');
  if (recovered.length > 0) log.warn(summarise(recovered), 'rows set aside earlier open with this key again: back in use');
  reportSetAside(log, setAside);
  const { since, ...held } = store.quarantine.counts();
  if (since !== null && setAside.length === 0) log.warn({ ...held, since }, 'rows set aside earlier are still kept sealed, waiting for their key');
}

/** Loud: an undelivered submission set aside is lost for the back office unless the original key comes back. */
function reportSetAside(log: Logger, rows: readonly QuarantinedRow[]): void {
  if (rows.length === 0) return;
  const summary = summarise(rows);
  const lost = summary.submissions + summary.messages > 0 ? `LOST: ${summary.submissions} undelivered submission(s) and ${summary.messages} message(s) ` : '';
  log.error(summary, `${lost}sealed with another key: set aside, kept sealed until the original key is restored`);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

function undelivered(store: Store): number {
  const { pending, parked } = store.outbox.figures();
  return pending + parked;
}

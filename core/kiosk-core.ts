/**
 * The composition root shared by both hosts (Electron and the browser host): configuration, logging, the
 * embedded back office, the back-office probe and the runtime. A host adds only its window and its transport.
 */
import { startBackOffice, type BackOfficeServer } from '../backoffice/server.ts';
import { formatProblem, loadKioskConfig, type ConfigResult } from './config/load-config.ts';
import { createKioskLogger, type KioskLogger, type Logger } from './logging/logger.ts';
import { KioskRuntime } from './runtime/kiosk-runtime.ts';
import { startBackOfficeProbe, type BackOfficeProbe } from './sync/backoffice-probe.ts';
import type { KioskLocations } from './paths.ts';

export interface KioskCoreOptions {
  readonly locations: KioskLocations;
  /** Mirror warnings and errors to stderr. */
  readonly logToStderr?: boolean;
}

export interface KioskCore {
  readonly runtime: KioskRuntime;
  readonly log: Logger;
  readonly config: ConfigResult;
  readonly logFile: string;
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

  const { kiosk, languages, display, backOffice } = config.config;
  const runtime = new KioskRuntime({
    kiosk: {
      status: { state: 'available' },
      hall: { kioskId: kiosk.id, hallName: kiosk.hall.name, languages },
    },
    session: { language: languages.default, elderMode: display.elderModeDefault },
    log,
  });

  let embedded: BackOfficeServer | undefined;
  if (backOffice.mode === 'embedded') embedded = await startBackOffice();
  const baseUrl = embedded ? embedded.url : backOffice.mode === 'remote' ? backOffice.url : '';
  const probe: BackOfficeProbe = startBackOfficeProbe({
    baseUrl,
    intervalMs: backOffice.probeIntervalSeconds * 1000,
    onChange: (status) => {
      log.info({ backOffice: status.backOffice }, 'back office status changed');
      runtime.setSyncStatus(status);
    },
  });
  log.info({ kioskId: kiosk.id, configDir: config.dir, backOffice: backOffice.mode }, 'kiosk core started');

  return {
    runtime,
    log,
    config,
    logFile: logger.file,
    close: once(async () => {
      probe.stop();
      await embedded?.close();
      log.info('kiosk core stopped');
      await logger.close();
    }),
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

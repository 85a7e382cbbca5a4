/**
 * Where the kiosk's back office is and how to talk to it (DESIGN.md §6): the embedded reference back office
 * (PGlite in `<data dir>/embedded-backoffice`, apart from the kiosk's own store files, on a loopback port,
 * with a fresh random secret registered at every start so only this process can call it), or a remote one
 * with the credentials and CA files the configuration names.
 *
 * The embedded back office takes seconds of CPU to open its database, so it starts in the background, on a
 * worker thread where the host provides the built worker: the kiosk is usable at once, offline until `ready`
 * resolves.
 */
import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { newSecret, type Credentials } from '../../backoffice/api/signing.ts';
import type { BackOfficeServer } from '../../backoffice/server.ts';
import type { BackOfficeConfig } from '../../kiosk-config/schema.ts';
import type { Logger } from '../logging/logger.ts';
import { loadCaFile, loadCredentials } from './credentials.ts';
import { startEmbeddedBackOffice, type EmbeddedBackOffice } from './embedded-backoffice.ts';
import type { EmbeddedWorkerMessage } from './embedded-backoffice-worker.ts';

export const EMBEDDED_BACKOFFICE_DIR = 'embedded-backoffice';

export interface BackOfficeLink {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly ca?: string;
  /** Resolves when the back office can be called (at once for a remote one); never rejects. */
  readonly ready: Promise<boolean>;
  /** Stops the embedded back office (after its start, if it is still starting). */
  close(): Promise<void>;
}

export type LinkResult = { readonly ok: true; readonly link: BackOfficeLink } | { readonly ok: false; readonly problem: string };

export interface LinkOptions {
  readonly config: BackOfficeConfig;
  readonly kioskId: string;
  readonly dataDir: string;
  /** The shipped catalog, published into an embedded back office that has none. */
  readonly catalogDir: string;
  readonly log: Logger;
  /**
   * The built embedded-backoffice worker (`out/main/embedded-backoffice.js`), which the hosts pass: the
   * embedded back office then runs on a thread of its own. Without it (tests on the sources) it runs on the
   * kiosk's thread.
   */
  readonly embeddedWorker?: string;
}

export async function openBackOfficeLink(options: LinkOptions): Promise<LinkResult> {
  const { config } = options;
  if (config.mode === 'embedded') return { ok: true, link: await embedded(options) };
  const credentials = await loadCredentials(config.credentialsFile, options.kioskId);
  if (!credentials.ok) return credentials;
  const ca = config.caFile === undefined ? undefined : await loadCaFile(config.caFile);
  if (ca && !ca.ok) return ca;
  return {
    ok: true,
    link: { baseUrl: config.url, credentials: credentials.value, ...(ca ? { ca: ca.value } : {}), ready: Promise.resolve(true), close: async () => undefined },
  };
}

async function embedded(options: LinkOptions): Promise<BackOfficeLink> {
  const port = await freeLoopbackPort();
  const credentials = { kioskId: options.kioskId, secret: newSecret() };
  const baseUrl = `http://127.0.0.1:${port}`;
  const databaseDir = join(options.dataDir, EMBEDDED_BACKOFFICE_DIR);
  const started = options.embeddedWorker
    ? onWorker(options.embeddedWorker, { databaseDir, port, catalogDir: options.catalogDir, credentials })
    : onThisThread({ databaseDir, port, catalogDir: options.catalogDir, credentials });
  const ready = started.ready.then(
    () => {
      options.log.info({ url: baseUrl, thread: options.embeddedWorker ? 'worker' : 'main' }, 'embedded back office ready');
      return true;
    },
    (error: unknown) => {
      options.log.error({ err: error }, 'embedded back office failed to start: the kiosk works offline');
      return false;
    },
  );
  return {
    baseUrl,
    credentials,
    ready,
    async close() {
      await ready;
      await started.close();
    },
  };
}

interface Started {
  /** Rejects when the back office could not start. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** How long a worker has to close its server before it is terminated. */
const WORKER_CLOSE_MS = 10_000;

function onWorker(script: string, data: EmbeddedBackOffice): Started {
  const worker = new Worker(script, { workerData: data });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', (message: EmbeddedWorkerMessage) => (message.ready ? resolve() : reject(new Error(message.error))));
    worker.once('error', reject);
    void exited.then(() => reject(new Error('the embedded back office thread exited')));
  });
  return {
    ready,
    async close() {
      worker.postMessage('close');
      const timer = setTimeout(() => void worker.terminate(), WORKER_CLOSE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function onThisThread(data: EmbeddedBackOffice): Started {
  let server: BackOfficeServer | undefined;
  const ready = startEmbeddedBackOffice(data).then((started) => {
    server = started;
  });
  return {
    ready,
    async close() {
      await ready.catch(() => undefined);
      await server?.close();
    },
  };
}

/** A port free on loopback now; the back office binds it a moment later (nothing else runs there). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
